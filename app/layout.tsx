import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';
import { SidebarNav } from '@/components/app-shell/sidebar-nav';
import { Providers } from './providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Dealboard', template: '%s · Dealboard' },
  description: 'Open-source CRM built around the pipeline board',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900 antialiased">
        <Providers>
          <div className="flex h-screen flex-col md:flex-row">
            <SidebarNav />
            {/* relative: an absolutely placed element inside a page (a screen-reader-only label,
                say) is held by the shell instead of lengthening the document, which made the whole
                window scroll the shell away */}
            <main className="relative flex min-w-0 flex-1 flex-col overflow-hidden">{children}</main>
          </div>
          <Toaster position="top-right" richColors closeButton />
        </Providers>
      </body>
    </html>
  );
}
