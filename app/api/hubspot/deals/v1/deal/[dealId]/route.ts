export { GET, PUT, DELETE } from '@/lib/dialects/hubspot/routes/deal-by-id';
