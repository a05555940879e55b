export { GET } from '@/lib/dialects/concord/routes/deal-search';
