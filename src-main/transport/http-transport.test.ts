import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FanoutService } from '../service/create-service';
import { createTestService } from '../service/test-service';
import { createAccessToken } from './access-token';
import { startHttpTransport, type HttpTransport } from './http-transport';

let service: FanoutService;
let transport: HttpTransport;
let rendererDir: string;
let sessionId: string;
const token = createAccessToken();

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fanout test page</title>');
  writeFileSync(path.join(os.tmpdir(), 'fanout-outside-secret.txt'), 'secret');
  service = createTestService();
  transport = await startHttpTransport({ service, rendererDir, token, port: 0 });
  // The token only opens the transport; the first admin's session is who calls.
  const created = await call(JSON.stringify({ method: 'auth.createFirstAdmin', args: { username: 'admin', displayName: 'Admin', password: 'a long test password' } }));
  sessionId = ((await created.json()) as { value: { sessionId: string } }).value.sessionId;
});

afterAll(async () => {
  await transport.close();
  await service.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

// fetch() will not forge a Host header, so this one goes through node:http.
function rawPost(pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${transport.origin}${pathname}`,
      { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ method: 'app.ping', args: { message: 'hi' } }));
  });
}

function call(body: string, headers: Record<string, string> = {}) {
  return fetch(`${transport.origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(sessionId ? { 'x-fanout-session': sessionId } : {}), ...headers },
    body,
  });
}

async function signIn(username: string, password: string): Promise<string> {
  const envelope = (await (await call(JSON.stringify({ method: 'auth.login', args: { username, password } }), { 'x-fanout-session': '' })).json()) as {
    value: { sessionId: string };
  };
  return envelope.value.sessionId;
}

describe('HTTP calls', () => {
  it('prints an address on loopback that carries the token in the fragment only', () => {
    const url = new URL(transport.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toBe(`#token=${token}`);
    expect(url.search).toBe('');
  });

  it('answers a valid call', async () => {
    const response = await call(JSON.stringify({ method: 'app.ping', args: { message: 'hi' } }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { message: 'hi' } });
  });

  it.each([
    ['no token', { authorization: '' }, 401, 'unauthorized'],
    ['a wrong token', { authorization: 'Bearer nope' }, 401, 'unauthorized'],
    ['a foreign origin', { origin: 'http://attacker.example' }, 403, 'forbidden'],
    ['form encoding', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'bad-request'],
  ])('refuses a call with %s', async (_label, headers, status, code) => {
    let pinged = 0;
    const unsubscribe = service.events.subscribe(() => pinged++);
    const response = await call(JSON.stringify({ method: 'app.ping', args: { message: 'hi' } }), headers);
    unsubscribe();
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ ok: false, error: { code } });
    expect(pinged).toBe(0);
  });

  it('refuses a call whose Host header names another site (DNS rebinding)', async () => {
    const { status, body } = await rawPost('/api/call', { host: 'attacker.example:80' });
    expect(status).toBe(403);
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it.each([
    ['not JSON', '{method:'],
    ['a JSON array', '[1,2]'],
    ['a JSON string', '"app.ping"'],
  ])('explains a body that is %s', async (_label, body) => {
    const response = await call(body);
    expect(response.status).toBe(400);
    const envelope = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(envelope.ok).toBe(false);
    expect(envelope.error.code).toBe('bad-request');
    expect(envelope.error.message.length).toBeGreaterThan(10);
  });

  it('refuses a body over 1 MB', async () => {
    const response = await call(JSON.stringify({ method: 'app.ping', args: { message: 'x'.repeat(1_100_000) } }));
    expect(response.status).toBe(413);
  });

  it('needs a signed-in session beside the token: the token is not an identity', async () => {
    const withoutSession = await call(JSON.stringify({ method: 'campaigns.list', args: {} }), { 'x-fanout-session': '' });
    expect(await withoutSession.json()).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    const forged = await call(JSON.stringify({ method: 'campaigns.list', args: {} }), { 'x-fanout-session': 'A'.repeat(43) });
    expect(await forged.json()).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
    expect(await (await call(JSON.stringify({ method: 'campaigns.list', args: {} }))).json()).toMatchObject({ ok: true });
  });

  it("refuses a Viewer's request to start a campaign before the handler runs", async () => {
    const created = await call(
      JSON.stringify({ method: 'operators.create', args: { username: 'vera', displayName: 'Vera Viewer', role: 'viewer', password: 'viewer password 1' } }),
    );
    expect(await created.json()).toMatchObject({ ok: true, value: { operator: { role: 'viewer' } } });
    const viewerSession = await signIn('vera', 'viewer password 1');
    const states: unknown[] = [];
    const unsubscribe = service.events.subscribe((event) => event.name === 'campaign.state' && states.push(event));
    const refused = await call(JSON.stringify({ method: 'campaigns.start', args: { campaignId: 1 } }), { 'x-fanout-session': viewerSession });
    unsubscribe();
    expect(await refused.json()).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'This needs the Sender role or higher; you are signed in as Viewer. Ask an administrator if you need it.',
        details: ['campaigns.start needs Sender'],
      },
    });
    expect(states).toEqual([]);
    expect(await (await call(JSON.stringify({ method: 'campaigns.list', args: {} }), { 'x-fanout-session': viewerSession })).json()).toMatchObject({ ok: true });
  });

  it('passes unknown methods and bad arguments to the contract check, which refuses them', async () => {
    expect(await (await call(JSON.stringify({ method: 'nope', args: {} }))).json()).toMatchObject({ error: { code: 'unknown-method' } });
    expect(await (await call(JSON.stringify({ method: 'app.ping', args: { message: 1 } }))).json()).toMatchObject({
      error: { code: 'bad-request' },
    });
  });
});

describe('uploads and downloads', () => {
  const put = (uploadId: string, offset: number, body: Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${transport.origin}/api/uploads/${uploadId}?offset=${offset}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}`, 'x-fanout-session': sessionId, ...headers },
      body,
    });

  it('receives a file in chunks and offers a registered file for download', async () => {
    const begin = (await (await call(JSON.stringify({ method: 'files.beginUpload', args: { name: 'liste.csv', size: 8 } }))).json()) as {
      value: { uploadId: string };
    };
    const { uploadId } = begin.value;
    expect(await (await put(uploadId, 0, new TextEncoder().encode('Tel;'))).json()).toEqual({ ok: true, value: { received: 4 } });
    expect(await (await put(uploadId, 4, new TextEncoder().encode('Name'))).json()).toEqual({ ok: true, value: { received: 8 } });
    const finished = await (await call(JSON.stringify({ method: 'files.finishUpload', args: { uploadId } }))).json();
    expect(finished).toEqual({ ok: true, value: { uploadId, name: 'liste.csv', size: 8 } });
    const file = service.uploads.resolve(uploadId).path;

    const downloadId = service.downloads.register(file, 'Abgelehnte Zeilen.csv');
    const response = await fetch(`${transport.origin}/api/downloads/${downloadId}`, { headers: { authorization: `Bearer ${token}`, 'x-fanout-session': sessionId } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Abgelehnte Zeilen.csv')}`);
    expect(await response.text()).toBe('Tel;Name');
  });

  it('refuses chunks and downloads without the key, and explains bad ones', async () => {
    const { value } = (await (await call(JSON.stringify({ method: 'files.beginUpload', args: { name: 'x.csv', size: 3 } }))).json()) as {
      value: { uploadId: string };
    };
    expect((await put(value.uploadId, 0, new Uint8Array([1]), { authorization: '' })).status).toBe(401);
    expect((await put(value.uploadId, 0, new Uint8Array([1]), { origin: 'http://attacker.example' })).status).toBe(403);
    expect(await (await put(value.uploadId, 2, new Uint8Array([1]))).json()).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await (await put('..%2F..%2Fetc%2Fpasswd', 0, new Uint8Array([1]))).json()).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await put(value.uploadId, 0, new Uint8Array([1]), { 'x-fanout-session': '' })).status).toBe(401);
    const headers = { authorization: `Bearer ${token}`, 'x-fanout-session': sessionId };
    expect((await fetch(`${transport.origin}/api/downloads/${'0'.repeat(32)}`, { headers })).status).toBe(404);
    const registered = service.downloads.register(path.join(rendererDir, 'index.html'), 'page.html');
    expect((await fetch(`${transport.origin}/api/downloads/${registered}`)).status).toBe(401);
    const withoutSession = await fetch(`${transport.origin}/api/downloads/${registered}`, { headers: { authorization: `Bearer ${token}` } });
    expect(withoutSession.status).toBe(401);
    expect(await withoutSession.json()).toMatchObject({ error: { code: 'not-signed-in' } });
  });
});

describe('static files', () => {
  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${transport.origin}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Fanout test page');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('falls back to index.html for screen paths and never leaves the renderer folder', async () => {
    expect((await fetch(`${transport.origin}/contacts`)).status).toBe(200);
    for (const attempt of ['/..%2ffanout-outside-secret.txt', '/%2e%2e/fanout-outside-secret.txt', '/assets/missing.js']) {
      const response = await fetch(`${transport.origin}${attempt}`);
      expect(await response.text()).not.toBe('secret');
      expect(response.status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe('event WebSocket', () => {
  const open = (protocols: string[], origin: string | undefined) =>
    new Promise<{ socket: WebSocket; error: Error | null }>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${new URL(transport.origin).port}/api/events`, protocols, origin ? { origin } : {});
      socket.once('open', () => resolve({ socket, error: null }));
      socket.once('error', (error) => resolve({ socket, error }));
    });

  it('pushes events to a page that presents the token', async () => {
    const { socket, error } = await open(['fanout.v1', `token.${token}`], transport.origin);
    expect(error).toBeNull();
    const received = new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
    await call(JSON.stringify({ method: 'app.ping', args: { message: 'over the socket' } }));
    expect(await received).toMatchObject({ name: 'app.pinged', payload: { message: 'over the socket' } });
    socket.close();
  });

  it('sends events with data only to a socket that carries a signed-in, unlocked session', async () => {
    const anonymous = await open(['fanout.v1', `token.${token}`], transport.origin);
    const signedIn = await open(['fanout.v1', `token.${token}`, `session.${sessionId}`], transport.origin);
    const seen = { anonymous: [] as string[], signedIn: [] as string[] };
    anonymous.socket.on('message', (data) => seen.anonymous.push((JSON.parse(String(data)) as { name: string }).name));
    signedIn.socket.on('message', (data) => seen.signedIn.push((JSON.parse(String(data)) as { name: string }).name));
    service.events.emit('campaign.state', { campaignId: 1, state: 'running' });
    await call(JSON.stringify({ method: 'app.ping', args: { message: 'both' } }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.anonymous).toEqual(['app.pinged']);
    expect(seen.signedIn).toEqual(['campaign.state', 'app.pinged']);
    anonymous.socket.close();
    signedIn.socket.close();
  });

  it.each([
    ['without a token', ['fanout.v1'], 'origin'],
    ['with a wrong token', ['fanout.v1', 'token.wrong'], 'origin'],
    ['from a foreign origin', ['fanout.v1', `token.${token}`], 'http://attacker.example'],
    ['without an origin', ['fanout.v1', `token.${token}`], undefined],
  ])('refuses a socket %s', async (_label, protocols, origin) => {
    const { error } = await open(protocols, origin === 'origin' ? transport.origin : origin);
    expect(error?.message).toMatch(/Unexpected server response: 40[13]/);
  });
});
