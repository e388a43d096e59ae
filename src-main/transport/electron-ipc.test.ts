import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { afterAll, describe, expect, it } from 'vitest';
import { ipcChannels } from '../../src-shared/api';
import { createTestService } from '../service/test-service';
import { registerIpcTransport } from './electron-ipc';

// The Electron binary is not available to unit tests, so Electron's handler registry is replaced
// by the smallest object with the same two methods; the service behind it is the real one.
type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;
const handlers = new Map<string, Handler>();
const ipcMain = {
  handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
  removeHandler: (channel: string) => handlers.delete(channel),
} as unknown as IpcMain;

const sent: unknown[][] = [];
const window = { isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) } as unknown as WebContents;

const service = createTestService();
const trustedEvent = { trusted: true } as unknown as IpcMainInvokeEvent;
const foreignEvent = { trusted: false } as unknown as IpcMainInvokeEvent;
const unregister = registerIpcTransport({
  ipcMain,
  service,
  isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
  listWindows: () => [window],
});
afterAll(() => service.close());

const invoke = (event: IpcMainInvokeEvent, method: unknown, args: unknown) => {
  const handler = handlers.get(ipcChannels.call);
  if (!handler) throw new Error('no handler registered');
  return handler(event, method, args);
};

describe('Electron IPC transport', () => {
  it('answers a trusted window and pushes the event to every window', async () => {
    sent.length = 0;
    expect(await invoke(trustedEvent, 'app.ping', { message: 'ipc' })).toMatchObject({ ok: true, value: { message: 'ipc' } });
    expect(sent).toEqual([[ipcChannels.event, 'app.pinged', { message: 'ipc', at: expect.any(String) }]]);
  });

  it('refuses a sender that is not our window before the service sees the call', async () => {
    sent.length = 0;
    expect(await invoke(foreignEvent, 'app.ping', { message: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(sent).toEqual([]);
  });

  it('refuses unknown methods and wrong argument types with a clear error', async () => {
    expect(await invoke(trustedEvent, 'app.format', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    const wrong = await invoke(trustedEvent, 'app.ping', { message: ['not', 'a', 'string'] });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad-request', details: [expect.stringContaining('args.message')] } });
  });

  // Last: it takes the transport down.
  it('removes its handler and stops pushing events when unregistered', async () => {
    unregister();
    sent.length = 0;
    await service.call('app.ping', { message: 'after' }, { transport: 'test' });
    expect(handlers.has(ipcChannels.call)).toBe(false);
    expect(sent).toEqual([]);
  });
});
