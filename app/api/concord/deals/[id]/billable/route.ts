export { POST } from '@/lib/dialects/concord/routes/deal-billable';
