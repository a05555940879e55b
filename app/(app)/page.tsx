import { redirect } from 'next/navigation';

// the board is the home screen
export default function HomePage() {
  redirect('/pipelines');
}
