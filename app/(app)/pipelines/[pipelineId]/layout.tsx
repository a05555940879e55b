import type { ReactNode } from 'react';

// The board and, beside it, the `panel` slot: a deal opened from a card shows in a side panel over
// the board (the /deals/:id URL intercepted, see @panel/(...)deals), so the rep keeps the board's
// place, filters and scroll; a reload or a shared link opens the full deal page.
export default function PipelineLayout({ children, panel }: { children: ReactNode; panel: ReactNode }) {
  return (
    <>
      {children}
      {panel}
    </>
  );
}
