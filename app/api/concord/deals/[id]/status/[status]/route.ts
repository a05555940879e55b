export { PUT } from '@/lib/dialects/concord/routes/deal-status';
