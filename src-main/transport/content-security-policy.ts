/**
 * The renderer's Content-Security-Policy: only our own scripts and styles, no eval, no plugins,
 * no frames, no remote content. `connectSources` adds the serve transport's own WebSocket origin.
 */
export function buildContentSecurityPolicy(connectSources: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
