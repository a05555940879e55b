export { PUT, DELETE, POST } from '@/lib/dialects/concord/routes/deal-associations';
