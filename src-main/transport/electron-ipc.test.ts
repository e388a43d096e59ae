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

// A window as the transport sees it: an id, event sending, and 'destroyed' when it closes.
function fakeWindow(id: number) {
  const sent: unknown[][] = [];
  const onDestroyed: (() => void)[] = [];
  const contents = {
    id,
    isDestroyed: () => false,
    send: (...args: unknown[]) => sent.push(args),
    once: (name: string, listener: () => void) => name === 'destroyed' && onDestroyed.push(listener),
  } as unknown as WebContents;
  return { contents, sent, close: () => onDestroyed.forEach((listener) => listener()), event: { trusted: true, sender: contents } as unknown as IpcMainInvokeEvent };
}

const main = fakeWindow(1);
const second = fakeWindow(2);
const sent = main.sent;
const window = main.contents;

const service = createTestService();
const trustedEvent = main.event;
const foreignEvent = { trusted: false, sender: window } as unknown as IpcMainInvokeEvent;
const unregister = registerIpcTransport({
  ipcMain,
  service,
  isTrustedSender: (event) => (event as unknown as { trusted: boolean }).trusted,
  listWindows: () => [window, second.contents],
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
    second.sent.length = 0;
    expect(await invoke(trustedEvent, 'app.ping', { message: 'ipc' })).toMatchObject({ ok: true, value: { message: 'ipc' } });
    expect(sent).toEqual([[ipcChannels.event, 'app.pinged', { message: 'ipc', at: expect.any(String) }]]);
    expect(second.sent).toEqual(sent);
  });

  it("binds the session to the window that signed in: a Viewer's request to start a campaign is refused", async () => {
    const admin = await invoke(trustedEvent, 'auth.createFirstAdmin', { username: 'admin', displayName: 'Admin', password: 'a long test password' });
    expect(admin).toMatchObject({ ok: true, value: { operator: { role: 'admin' } } });
    expect(await invoke(trustedEvent, 'auth.status', {})).toMatchObject({ ok: true, value: { operator: { username: 'admin' }, locked: false } });
    // The other window is not signed in just because this one is.
    expect(await invoke(second.event, 'campaigns.list', {})).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });

    await invoke(trustedEvent, 'operators.create', { username: 'vera', displayName: 'Vera', role: 'viewer', password: 'viewer password 1' });
    expect(await invoke(second.event, 'auth.login', { username: 'Vera', password: 'viewer password 1' })).toMatchObject({ ok: true });
    expect(await invoke(second.event, 'campaigns.list', {})).toMatchObject({ ok: true });
    expect(await invoke(second.event, 'campaigns.start', { campaignId: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('needs the Sender role') },
    });
    // A page cannot claim a session or an operator: the arguments carry no identity the transport reads.
    expect(await invoke(second.event, 'operators.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sends events with data only to windows whose session is signed in and unlocked', async () => {
    second.sent.length = 0;
    await invoke(second.event, 'auth.lock', {});
    second.sent.length = 0;
    main.sent.length = 0;
    service.events.emit('campaign.state', { campaignId: 1, state: 'running' });
    expect(main.sent).toEqual([[ipcChannels.event, 'campaign.state', { campaignId: 1, state: 'running' }]]);
    expect(second.sent).toEqual([]);
    expect(await invoke(second.event, 'campaigns.list', {})).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await invoke(second.event, 'auth.unlock', { password: 'viewer password 1' })).toMatchObject({ ok: true });
    expect(await invoke(second.event, 'campaigns.list', {})).toMatchObject({ ok: true });
  });

  it('signs a window out when it closes', async () => {
    second.close();
    expect(await invoke(second.event, 'auth.status', {})).toMatchObject({ ok: true, value: { operator: null } });
    expect(await invoke(second.event, 'campaigns.list', {})).toMatchObject({ ok: false, error: { code: 'not-signed-in' } });
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
