import { RecordSkeleton } from '@/components/people/skeletons';

// /contacts/:contactId while the page loads (the layout has already checked the contact exists)
export default function ContactLoading() {
  return <RecordSkeleton label="Loading the contact" />;
}
