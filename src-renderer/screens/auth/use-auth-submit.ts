import { useState } from 'react';

/** One submit at a time, with the service's refusal kept for the form to show. */
export function useAuthSubmit(): { busy: boolean; error: Error | null; run(work: () => Promise<void>): Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  return {
    busy,
    error,
    async run(work) {
      if (busy) return;
      setBusy(true);
      setError(null);
      try {
        await work();
      } catch (reason) {
        setError(reason instanceof Error ? reason : new Error(String(reason)));
      } finally {
        setBusy(false);
      }
    },
  };
}
