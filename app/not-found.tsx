import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="p-10">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">This page or record does not exist, or it was deleted.</p>
      <Link href="/pipelines" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        Back to the board
      </Link>
    </div>
  );
}
