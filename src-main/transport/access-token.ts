import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret per start of `fanout serve`; base64url so it fits a URL and a WebSocket sub-protocol. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensMatch(expected: string, presented: string | undefined | null): boolean {
  if (!presented) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
