import type { Envelope } from './envelope';

/**
 * What the Electron preload script exposes on `window.fanout`, and nothing more. The HTTP
 * transport offers the same two operations over fetch and a WebSocket.
 */
export interface FanoutBridge {
  call(method: string, args: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
  /** One chunk of an upload begun with files.beginUpload; chunks arrive in order. */
  uploadChunk(uploadId: string, offset: number, bytes: ArrayBuffer): Promise<Envelope<unknown>>;
  /** A file the service prepared for the user (e.g. rejected rows), as bytes with its name. */
  download(downloadId: string): Promise<Envelope<unknown>>;
}

/** What a download answers with, once validated. */
export interface DownloadedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export const ipcChannels = {
  call: 'fanout:call',
  event: 'fanout:event',
  uploadChunk: 'fanout:upload-chunk',
  download: 'fanout:download',
} as const;

export const httpPaths = {
  call: '/api/call',
  events: '/api/events',
  /** PUT /api/uploads/<id>?offset=N with the raw bytes. */
  uploads: '/api/uploads/',
  /** GET /api/downloads/<id>. */
  downloads: '/api/downloads/',
} as const;

/** WebSocket sub-protocols: browsers cannot set headers on a WebSocket, so the token rides here. */
export const websocketProtocol = 'fanout.v1';
export const websocketTokenPrefix = 'token.';
/** The tab's sign-in session on the WebSocket, as one more sub-protocol (events with data need it). */
export const websocketSessionPrefix = 'session.';

/**
 * The header a `serve` tab sends its session id in (from auth.login, kept in sessionStorage). The
 * access token proves the request comes through `serve`'s printed address; the session says who.
 */
export const sessionHeader = 'x-fanout-session';
