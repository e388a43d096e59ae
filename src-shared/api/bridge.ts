import type { Envelope } from './envelope';

/**
 * What the Electron preload script exposes on `window.fanout`, and nothing more. The HTTP
 * transport offers the same two operations over fetch and a WebSocket.
 */
export interface FanoutBridge {
  call(method: string, args: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

export const ipcChannels = {
  call: 'fanout:call',
  event: 'fanout:event',
} as const;

export const httpPaths = {
  call: '/api/call',
  events: '/api/events',
} as const;

/** WebSocket sub-protocols: browsers cannot set headers on a WebSocket, so the token rides here. */
export const websocketProtocol = 'fanout.v1';
export const websocketTokenPrefix = 'token.';
