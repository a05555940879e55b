import Link from 'next/link';

// A deal deleted while its page was loading (unknown deals are answered by the root not-found page
// with a 404 status, from the layout's check).
export default function DealNotFound() {
  return (
    <div className="p-10">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">This deal does not exist, or it was deleted.</p>
      <Link href="/deals" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        Back to deals
      </Link>
    </div>
  );
}
