import {
  envelopeSchema,
  errorEnvelope,
  httpPaths,
  sessionHeader,
  websocketProtocol,
  websocketSessionPrefix,
  websocketTokenPrefix,
  type Envelope,
  type FanoutBridge,
} from '../../src-shared/api';

export type LinkState = 'connecting' | 'connected' | 'disconnected';

const tokenStorageKey = 'fanout.accessToken';
// Per tab, like the token: a second tab signs in on its own, and closing the tab forgets it.
const sessionStorageKey = 'fanout.session';

/**
 * `fanout serve` prints an address with the access key in the fragment (#token=…), which the
 * browser never sends to a server. Keep it for this tab only and take it out of the address bar.
 */
export function takeAccessToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(tokenStorageKey, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return sessionStorage.getItem(tokenStorageKey);
}

/** The methods after which this tab holds a new session, or none. */
const signingIn = new Set(['auth.login', 'auth.createFirstAdmin']);

/**
 * Calls over fetch, events over a WebSocket that reconnects with backoff when `serve` restarts.
 * The tab's sign-in session (from auth.login) rides in a header on every request and as a
 * sub-protocol on the socket; the socket is reopened when the session changes.
 */
export function createHttpBridge(token: string, onLinkState: (state: LinkState) => void): FanoutBridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let retryDelayMs = 500;
  let sessionId = sessionStorage.getItem(sessionStorageKey);
  let socket: WebSocket | null = null;

  const setSession = (next: string | null) => {
    if (next === sessionId) return;
    sessionId = next;
    if (next) sessionStorage.setItem(sessionStorageKey, next);
    else sessionStorage.removeItem(sessionStorageKey);
    // The server reads the session when a socket opens: open one with the new session, then drop the old.
    const previous = socket;
    connect(true);
    previous?.close();
  };

  const connect = (replacing = false) => {
    if (!replacing) onLinkState('connecting');
    const url = new URL(httpPaths.events, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const protocols = [websocketProtocol, websocketTokenPrefix + token];
    if (sessionId) protocols.push(websocketSessionPrefix + sessionId);
    const opened = new WebSocket(url, protocols);
    socket = opened;
    opened.onopen = () => {
      retryDelayMs = 500;
      onLinkState('connected');
    };
    opened.onmessage = (message) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (typeof frame !== 'object' || frame === null) return;
      const { name, payload } = frame as { name?: unknown; payload?: unknown };
      if (typeof name !== 'string') return;
      for (const listener of listeners) listener(name, payload);
    };
    opened.onclose = () => {
      if (socket !== opened) return;
      onLinkState('disconnected');
      setTimeout(() => connect(), retryDelayMs);
      retryDelayMs = Math.min(retryDelayMs * 2, 10_000);
    };
  };
  connect();

  const authorization = `Bearer ${token}`;
  const headers = (extra: Record<string, string>): Record<string, string> =>
    sessionId ? { ...extra, authorization, [sessionHeader]: sessionId } : { ...extra, authorization };
  const unreachable = () => errorEnvelope('unavailable', 'Fanout is not reachable. Check that "fanout serve" is still running.');
  const readEnvelope = async (response: Response): Promise<Envelope<unknown>> => {
    const parsed = envelopeSchema.safeParse(await response.json().catch(() => null));
    return parsed.success ? parsed.data : errorEnvelope('internal', `Fanout answered with something unexpected (HTTP ${response.status}).`);
  };

  return {
    async call(method, args) {
      const response = await fetch(httpPaths.call, {
        method: 'POST',
        headers: headers({ 'content-type': 'application/json' }),
        body: JSON.stringify({ method, args }),
      }).catch(() => null);
      const envelope = response ? await readEnvelope(response) : unreachable();
      if (method === 'auth.logout') setSession(null);
      if (envelope.ok && signingIn.has(method)) {
        const { sessionId: signedIn } = envelope.value as { sessionId?: unknown };
        if (typeof signedIn === 'string') setSession(signedIn);
      }
      return envelope;
    },
    async uploadChunk(uploadId, offset, bytes) {
      const response = await fetch(`${httpPaths.uploads}${encodeURIComponent(uploadId)}?offset=${offset}`, {
        method: 'PUT',
        headers: headers({ 'content-type': 'application/octet-stream' }),
        body: bytes,
      }).catch(() => null);
      return response ? readEnvelope(response) : unreachable();
    },
    async download(downloadId) {
      const response = await fetch(`${httpPaths.downloads}${encodeURIComponent(downloadId)}`, { headers: headers({}) }).catch(
        () => null,
      );
      if (!response) return unreachable();
      if (!response.ok) return readEnvelope(response);
      const disposition = response.headers.get('content-disposition') ?? '';
      const encodedName = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
      return {
        ok: true,
        value: {
          name: encodedName ? decodeURIComponent(encodedName) : 'download',
          contentType: response.headers.get('content-type') ?? 'application/octet-stream',
          bytes: new Uint8Array(await response.arrayBuffer()),
        },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
