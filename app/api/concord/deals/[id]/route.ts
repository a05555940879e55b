export { GET, PUT, DELETE } from '@/lib/dialects/concord/routes/deal-by-id';
