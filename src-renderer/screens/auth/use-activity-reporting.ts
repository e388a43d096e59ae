import { useEffect } from 'react';
import type { ApiClient } from '../../api/client';

// Reported at most this often: the service locks after minutes, so half a minute is precise enough.
const reportEveryMs = 30_000;
const activityEvents = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Tells the service when the person at this window types, clicks or scrolls. The service, not
 * the window, decides when the session locks: a screen that refreshes itself calls the service
 * all the time, so calls cannot count as activity.
 */
export function useActivityReporting(api: ApiClient, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let lastReportAt = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastReportAt < reportEveryMs) return;
      lastReportAt = now;
      api.call('auth.activity', {}).catch(() => undefined);
    };
    for (const name of activityEvents) window.addEventListener(name, onActivity, { passive: true, capture: true });
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [api, active]);
}
