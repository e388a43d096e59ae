import {
  envelopeSchema,
  errorEnvelope,
  httpPaths,
  websocketProtocol,
  websocketTokenPrefix,
  type Envelope,
  type FanoutBridge,
} from '../../src-shared/api';

export type LinkState = 'connecting' | 'connected' | 'disconnected';

const tokenStorageKey = 'fanout.accessToken';

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

/** Calls over fetch, events over a WebSocket that reconnects with backoff when `serve` restarts. */
export function createHttpBridge(token: string, onLinkState: (state: LinkState) => void): FanoutBridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let retryDelayMs = 500;

  const connect = () => {
    onLinkState('connecting');
    const url = new URL(httpPaths.events, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, [websocketProtocol, websocketTokenPrefix + token]);
    socket.onopen = () => {
      retryDelayMs = 500;
      onLinkState('connected');
    };
    socket.onmessage = (message) => {
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
    socket.onclose = () => {
      onLinkState('disconnected');
      setTimeout(connect, retryDelayMs);
      retryDelayMs = Math.min(retryDelayMs * 2, 10_000);
    };
  };
  connect();

  const authorization = `Bearer ${token}`;
  const unreachable = () => errorEnvelope('unavailable', 'Fanout is not reachable. Check that "fanout serve" is still running.');
  const readEnvelope = async (response: Response): Promise<Envelope<unknown>> => {
    const parsed = envelopeSchema.safeParse(await response.json().catch(() => null));
    return parsed.success ? parsed.data : errorEnvelope('internal', `Fanout answered with something unexpected (HTTP ${response.status}).`);
  };

  return {
    async call(method, args) {
      const response = await fetch(httpPaths.call, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ method, args }),
      }).catch(() => null);
      return response ? readEnvelope(response) : unreachable();
    },
    async uploadChunk(uploadId, offset, bytes) {
      const response = await fetch(`${httpPaths.uploads}${encodeURIComponent(uploadId)}?offset=${offset}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream', authorization },
        body: bytes,
      }).catch(() => null);
      return response ? readEnvelope(response) : unreachable();
    },
    async download(downloadId) {
      const response = await fetch(`${httpPaths.downloads}${encodeURIComponent(downloadId)}`, { headers: { authorization } }).catch(
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
