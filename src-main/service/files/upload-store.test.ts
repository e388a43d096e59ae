import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../service-error';
import { UploadStore } from './upload-store';

let directory: string;
let uploads: UploadStore;

beforeEach(() => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'fanout-uploads-'));
  uploads = new UploadStore(directory);
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('UploadStore', () => {
  it('assembles chunks in order into the finished file', async () => {
    const { uploadId } = uploads.begin('../../etc/kunden.csv', 11);
    await uploads.writeChunk(uploadId, 0, bytes('Name;'));
    await uploads.writeChunk(uploadId, 5, bytes('Handy\n'));
    const finished = await uploads.finish(uploadId);
    expect(finished.name).toBe('kunden.csv');
    expect(readFileSync(finished.path, 'utf8')).toBe('Name;Handy\n');
    expect(uploads.resolve(uploadId).path).toBe(finished.path);
    expect(path.dirname(finished.path)).toBe(directory);
  });

  it('keeps order when chunks are written concurrently', async () => {
    const { uploadId } = uploads.begin('a.csv', 6);
    await Promise.all([uploads.writeChunk(uploadId, 0, bytes('abc')), uploads.writeChunk(uploadId, 3, bytes('def'))]);
    expect(readFileSync((await uploads.finish(uploadId)).path, 'utf8')).toBe('abcdef');
  });

  it('refuses a chunk that does not continue where the last ended', async () => {
    const { uploadId } = uploads.begin('a.csv', 6);
    await uploads.writeChunk(uploadId, 0, bytes('abc'));
    await expect(uploads.writeChunk(uploadId, 0, bytes('abc'))).rejects.toMatchObject({ code: 'conflict' });
    await expect(uploads.writeChunk(uploadId, 4, bytes('ef'))).rejects.toBeInstanceOf(ServiceError);
  });

  it('refuses more bytes than announced, and finishing before all arrived', async () => {
    const { uploadId } = uploads.begin('a.csv', 3);
    await expect(uploads.writeChunk(uploadId, 0, bytes('abcd'))).rejects.toMatchObject({ code: 'bad-request' });
    await uploads.writeChunk(uploadId, 0, bytes('ab'));
    await expect(uploads.finish(uploadId)).rejects.toThrow('Only 2 of 3 bytes arrived');
  });

  it('accepts an empty file', async () => {
    const { uploadId } = uploads.begin('empty.csv', 0);
    expect(readFileSync((await uploads.finish(uploadId)).path, 'utf8')).toBe('');
  });

  it('forgets a discarded upload and its file', async () => {
    const { uploadId } = uploads.begin('a.csv', 1);
    await uploads.writeChunk(uploadId, 0, bytes('a'));
    const { path: file } = await uploads.finish(uploadId);
    expect(await uploads.discard(uploadId)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(() => uploads.resolve(uploadId)).toThrow('no longer available');
  });

  it('sweeps old leftovers of earlier runs and nothing else', () => {
    const old = path.join(directory, `${'a'.repeat(32)}.part`);
    const fresh = path.join(directory, `${'b'.repeat(32)}.upload`);
    const foreign = path.join(directory, 'notes.txt');
    for (const file of [old, fresh, foreign]) writeFileSync(file, 'x');
    const longAgo = (Date.now() - 48 * 3600_000) / 1000;
    utimesSync(old, longAgo, longAgo);
    utimesSync(foreign, longAgo, longAgo);
    expect(uploads.sweepLeftovers(24 * 3600_000)).toBe(1);
  });
});
