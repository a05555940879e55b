import { BoardSkeleton } from '@/components/board/board-skeleton';

// shown while the server reads a board (opening it, switching pipelines)
export default function LoadingBoard() {
  return (
    <>
      <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-6 py-3">
        <div className="h-7 w-32 animate-pulse rounded bg-slate-200" />
        <div className="h-7 w-44 animate-pulse rounded-full bg-slate-100" />
      </header>
      <BoardSkeleton />
    </>
  );
}
