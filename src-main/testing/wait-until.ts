/**
 * Polls until `condition` holds, for tests that wait on real modems, processes and timers. Fails
 * with what it was waiting for, so a timeout reads as a sentence rather than a bare "timed out".
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string, pollMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
