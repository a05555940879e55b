export { POST } from '@/lib/dialects/hubspot/routes/deal';
