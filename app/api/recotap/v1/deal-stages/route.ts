export { POST } from '@/lib/dialects/recotap/routes/deal-stages';
