import { createReadStream } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  errorEnvelope,
  httpPaths,
  sessionHeader,
  uploadChunkBytes,
  websocketProtocol,
  websocketSessionPrefix,
  websocketTokenPrefix,
  type Envelope,
} from '../../src-shared/api';
import type { FanoutService } from '../service/create-service';
import { tokensMatch } from './access-token';
import { buildContentSecurityPolicy } from './content-security-policy';
import { carriesNoData } from './public-events';
import { serveStaticFile } from './static-files';

export interface HttpTransportOptions {
  service: FanoutService;
  /** Folder of the built renderer (index.html and assets/). */
  rendererDir: string;
  token: string;
  /** 0 picks a free port. */
  port: number;
}

export interface HttpTransport {
  readonly origin: string;
  /** The address to open: it carries the token, which the page moves out of the address bar. */
  readonly url: string;
  close(): Promise<void>;
}

const maxRequestBytes = 1024 * 1024;
// Only loopback: the token keeps other local users' pages out, binding keeps the network out.
const host = '127.0.0.1';

export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const server = http.createServer();
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(websocketProtocol) ? websocketProtocol : false),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  const allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([origin, `http://localhost:${port}`]);
  const securityHeaders = {
    'content-security-policy': buildContentSecurityPolicy([`ws://${host}:${port}`, `ws://localhost:${port}`]),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  };

  // DNS rebinding: a page on evil.example resolving to 127.0.0.1 sends its own Host header.
  const hostIsOurs = (request: IncomingMessage) => allowedHosts.has(request.headers.host ?? '');
  // Browsers always send Origin on cross-origin requests; a missing one means a non-browser client.
  const originIsOurs = (request: IncomingMessage) => {
    const requestOrigin = request.headers.origin;
    return requestOrigin === undefined || allowedOrigins.has(requestOrigin);
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    for (const [name, value] of Object.entries(securityHeaders)) response.setHeader(name, value);
    if (!hostIsOurs(request)) {
      sendEnvelope(response, 403, errorEnvelope('forbidden', 'This address is not Fanout. Open the address that "fanout serve" printed.'));
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === httpPaths.call) {
      void handleCall(request, response);
      return;
    }
    if (url.pathname.startsWith(httpPaths.uploads)) {
      void handleUploadChunk(request, response, url);
      return;
    }
    if (url.pathname.startsWith(httpPaths.downloads)) {
      handleDownload(request, response, url);
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      sendEnvelope(response, 404, errorEnvelope('not-found', `There is no API at ${url.pathname}.`));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    serveStaticFile(options.rendererDir, url.pathname, response).catch((error: unknown) => {
      console.error('Fanout: could not serve a file:', error);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  /** Origin and token, as every API request needs them; false when it already answered. */
  function admitted(request: IncomingMessage, response: ServerResponse, method: string): boolean {
    if (request.method !== method) {
      sendEnvelope(response, 405, errorEnvelope('bad-request', `This must be sent with ${method}.`));
      return false;
    }
    if (!originIsOurs(request)) {
      sendEnvelope(response, 403, errorEnvelope('forbidden', 'Requests from other web pages are not allowed.'));
      return false;
    }
    const presented = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!tokensMatch(options.token, presented)) {
      sendEnvelope(
        response,
        401,
        errorEnvelope('unauthorized', 'The access key is missing or wrong. Open the address that "fanout serve" printed when it started.'),
      );
      return false;
    }
    return true;
  }

  /** The tab's sign-in session, sent in a header (not a cookie: nothing rides along uninvited). */
  const sessionOf = (request: IncomingMessage): string | undefined => {
    const value = request.headers[sessionHeader];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };

  /** Uploads and downloads follow calls that checked the role; they still need a live session. */
  function signedIn(request: IncomingMessage, response: ServerResponse): boolean {
    if (options.service.auth.canReceiveEvents(sessionOf(request))) return true;
    sendEnvelope(response, 401, errorEnvelope('not-signed-in', 'Please sign in to Fanout first.'));
    return false;
  }

  async function handleUploadChunk(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!admitted(request, response, 'PUT') || !signedIn(request, response)) return;
    const uploadId = url.pathname.slice(httpPaths.uploads.length);
    const offsetText = url.searchParams.get('offset') ?? '';
    const offset = /^\d{1,15}$/.test(offsetText) ? Number(offsetText) : Number.NaN;
    const body = await readBytes(request, uploadChunkBytes);
    if (body === null) {
      sendEnvelope(response, 413, errorEnvelope('bad-request', 'An upload chunk is larger than allowed.'));
      return;
    }
    sendEnvelope(response, 200, await options.service.transfers.writeChunk(uploadId, offset, body));
  }

  function handleDownload(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (!admitted(request, response, 'GET') || !signedIn(request, response)) return;
    const download = options.service.transfers.findDownload(url.pathname.slice(httpPaths.downloads.length));
    if (!download) {
      sendEnvelope(response, 404, errorEnvelope('not-found', 'That file is no longer available. Create it again.'));
      return;
    }
    const stream = createReadStream(download.path);
    stream.once('error', () => {
      if (!response.headersSent) sendEnvelope(response, 404, errorEnvelope('not-found', 'That file is no longer on this PC. Create it again.'));
      else response.destroy();
    });
    stream.once('open', () => {
      response.writeHead(200, {
        'content-type': download.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.name)}`,
        'cache-control': 'no-store',
      });
      stream.pipe(response);
    });
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!admitted(request, response, 'POST')) return;
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      sendEnvelope(response, 415, errorEnvelope('bad-request', 'Calls must be sent as JSON.'));
      return;
    }
    const bytes = await readBytes(request, maxRequestBytes);
    const body = bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    if (body === null) {
      sendEnvelope(response, 413, errorEnvelope('bad-request', 'The request is too large.'));
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      sendEnvelope(response, 400, errorEnvelope('bad-request', 'The request is not valid JSON.'));
      return;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      sendEnvelope(response, 400, errorEnvelope('bad-request', 'The request must be a JSON object with "method" and "args".'));
      return;
    }
    const { method, args } = parsed as { method?: unknown; args?: unknown };
    const envelope = await options.service.call(method, args, { transport: 'serve', sessionId: sessionOf(request) });
    sendEnvelope(response, 200, envelope);
  }

  // A socket opened before sign-in gets only the events that carry no data; the tab reopens it with its session.
  const sessionOfSocket = new WeakMap<WebSocket, string>();
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', origin);
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(websocketTokenPrefix))?.slice(websocketTokenPrefix.length);
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== httpPaths.events || !hostIsOurs(request)) return refuse('404 Not Found');
    // A WebSocket is not subject to the same-origin policy, so here Origin must be present and ours.
    if (!request.headers.origin || !allowedOrigins.has(request.headers.origin)) return refuse('403 Forbidden');
    if (!tokensMatch(options.token, presented)) return refuse('401 Unauthorized');
    const sessionId = offered.find((p) => p.startsWith(websocketSessionPrefix))?.slice(websocketSessionPrefix.length);
    sockets.handleUpgrade(request, socket, head, (client) => {
      if (sessionId) sessionOfSocket.set(client, sessionId);
      sockets.emit('connection', client, request);
    });
  });

  const unsubscribe = options.service.events.subscribe((event) => {
    const frame = JSON.stringify(event);
    const open = carriesNoData(event.name);
    for (const client of sockets.clients) {
      if (client.readyState !== client.OPEN) continue;
      if (open || options.service.auth.canReceiveEvents(sessionOfSocket.get(client))) client.send(frame);
    }
  });
  sockets.on('connection', (client: WebSocket) => {
    // Events flow one way; anything a page sends here is ignored rather than trusted.
    client.on('message', () => undefined);
  });

  return {
    origin,
    url: `${origin}/#token=${options.token}`,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function sendEnvelope(response: ServerResponse, status: number, envelope: Envelope<unknown>): void {
  const body = JSON.stringify(envelope);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  response.end(body);
}

function readBytes(request: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      if (!tooLarge) chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
