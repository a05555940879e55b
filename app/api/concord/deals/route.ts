export { GET, POST } from '@/lib/dialects/concord/routes/deals';
