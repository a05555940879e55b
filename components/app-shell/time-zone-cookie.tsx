'use client';

import { useEffect } from 'react';
import { rememberTimeZoneAction } from '@/lib/actions/work';

// Tells the server the browser's time zone (kept in a cookie), so what it counts as "today" — the
// sidebar's due-work count — is the person's own day. Setting the cookie refreshes the page once.
export function TimeZoneCookie({ current }: { current: string }) {
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    // once per zone and tab: a zone the server does not know stays UTC there instead of asking forever
    if (zone === current || sessionStorage.getItem('time-zone-sent') === zone) return;
    sessionStorage.setItem('time-zone-sent', zone);
    void rememberTimeZoneAction(zone);
  }, [current]);
  return null;
}
