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
const token = createAccessToken();

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fanout test page</title>');
  writeFileSync(path.join(os.tmpdir(), 'fanout-outside-secret.txt'), 'secret');
  service = createTestService();
  transport = await startHttpTransport({ service, rendererDir, token, port: 0 });
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
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body,
  });
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
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}`, ...headers },
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
    const response = await fetch(`${transport.origin}/api/downloads/${downloadId}`, { headers: { authorization: `Bearer ${token}` } });
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
    expect((await fetch(`${transport.origin}/api/downloads/${'0'.repeat(32)}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
    const registered = service.downloads.register(path.join(rendererDir, 'index.html'), 'page.html');
    expect((await fetch(`${transport.origin}/api/downloads/${registered}`)).status).toBe(401);
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
