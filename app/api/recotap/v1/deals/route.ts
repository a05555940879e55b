export { POST } from '@/lib/dialects/recotap/routes/deals';
