import { RecordSkeleton } from '@/components/people/skeletons';

// /companies/:companyId while the page loads (the layout has already checked the company exists)
export default function CompanyLoading() {
  return <RecordSkeleton label="Loading the company" />;
}
