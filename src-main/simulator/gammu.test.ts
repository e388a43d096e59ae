// Gammu (Debian's gammu 1.42) as an independent, real client of the virtual modem: it must
// identify the modem and send plain and long Unicode messages over a pseudo-terminal, and the
// PDUs it writes must decode to the recipient and text it was given.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Modem } from '../modem/modem';
import { modemProfileIds, type ModemProfileId } from './profiles';
import { startPtySimulator } from './pty-simulator';

function gammu(
  config: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'gammu',
      ['-c', config, ...args],
      { timeout: 90_000, env: { ...process.env, LANG: 'C.UTF-8' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

// The full round (long Unicode, USSD, hand-over) for the first three profiles; the later ones
// get the lean round (identify, one message, hand-over), which is where vendors differ for a
// client: each Gammu run costs seconds.
const fullRoundProfiles: readonly ModemProfileId[] = ['sim800', 'huawei-e173', 'quectel-ec25'];
const leanRoundProfiles = modemProfileIds.filter((id) => !fullRoundProfiles.includes(id));

function gammuConfig(dir: string, device: string): string {
  const config = join(dir, 'gammurc');
  writeFileSync(
    config,
    `[gammu]\ndevice = ${device}\nconnection = at\nlogfile = ${join(dir, 'gammu.log')}\nlogformat = textall\n`,
  );
  return config;
}

// One profile after the other: Gammu paces its start-up with pauses, and three at once on two
// cores turn those pauses into timeouts.
describe.each(leanRoundProfiles)('Gammu against the virtual modem (%s, lean round)', (profile) => {
  // Fanout goes first here, then hands the port to Gammu. Choosing a message store ends the ZTE
  // stick's "+ZUSIMR:2" nag (ModemManager does the same); left alone with the nag, Gammu at
  // times takes it for an answer and stalls until its timeout (seen with the MF626 profile).
  it('Fanout identifies and sends, then Gammu identifies it and sends a message that decodes correctly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-gammu-'));
    const sim = await startPtySimulator({ count: 1, dir, profile, submitLatencyMs: 50 }).catch(
      (error: unknown) => {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      },
    );
    try {
      const handle = sim.modems[0];
      if (!handle) throw new Error('no modem');
      const modem = await Modem.open({ path: handle.path, healthIntervalMs: 0 });
      try {
        expect(modem.state).toBe('ready');
        expect(modem.identity).toMatchObject({ iccid: handle.modem.iccid, imei: handle.modem.imei });
        expect((await modem.send({ to: '+4915112345678', text: 'From Fanout' })).outcome).toBe('accepted');
      } finally {
        await modem.close();
      }

      const config = gammuConfig(dir, handle.path);
      const identity = await gammu(config, ['identify']);
      expect(identity.code, identity.stderr + identity.stdout).toBe(0);
      expect(identity.stdout).toContain(handle.modem.profile.model);
      expect(identity.stdout).toContain(handle.modem.profile.revision);
      expect(identity.stdout).toContain(handle.modem.imei);
      expect(identity.stdout).toContain(handle.modem.imsi);

      const text = 'Grüße from Gammu, 10:30 ok?';
      const sent = await gammu(config, ['sendsms', 'TEXT', '+4917098765432', '-text', text]);
      expect(sent.code, sent.stderr + sent.stdout).toBe(0);
      expect(
        sim.network.submittedMessages().map(({ to, text, complete }) => ({ to, text, complete })),
      ).toEqual([
        { to: '+4915112345678', text: 'From Fanout', complete: true },
        { to: '+4917098765432', text, complete: true },
      ]);
    } finally {
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.each(fullRoundProfiles)('Gammu against the virtual modem (%s)', (profile) => {
  it('identifies it, sends a plain and a long Unicode message that decode correctly, asks USSD; then Fanout takes over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fanout-gammu-'));
    const sim = await startPtySimulator({ count: 1, dir, profile, submitLatencyMs: 50 }).catch(
      (error: unknown) => {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      },
    );
    let modem: Modem | null = null;
    try {
      const handle = sim.modems[0];
      if (!handle) throw new Error('no modem');
      const config = gammuConfig(dir, handle.path);

      const identity = await gammu(config, ['identify']);
      expect(identity.code, identity.stderr).toBe(0);
      expect(identity.stdout.toLowerCase()).toContain(handle.modem.profile.manufacturer.toLowerCase());
      expect(identity.stdout).toContain(handle.modem.imei);
      expect(identity.stdout).toContain(handle.modem.imsi);

      const plain = await gammu(config, [
        'sendsms',
        'TEXT',
        '+4915112345678',
        '-text',
        'Hello from Gammu, 10:30 ok?',
      ]);
      expect(plain.code, plain.stderr + plain.stdout).toBe(0);

      const unicode = `Grüße aus Köln ✓ Привет! ${'Ünïcödé wörds '.repeat(20)}`.trim();
      const long = await gammu(config, [
        'sendsms',
        'TEXT',
        '+4917098765432',
        '-unicode',
        '-len',
        '400',
        '-text',
        unicode,
      ]);
      expect(long.code, long.stderr + long.stdout).toBe(0);

      const messages = sim.network.submittedMessages();
      expect(messages.map(({ to, text, complete }) => ({ to, text, complete }))).toEqual([
        { to: '+4915112345678', text: 'Hello from Gammu, 10:30 ok?', complete: true },
        { to: '+4917098765432', text: unicode, complete: true },
      ]);
      expect(messages[1]?.parts.length).toBeGreaterThan(1);
      expect(messages[1]?.parts.every((part) => part.submit.encoding === 'ucs2')).toBe(true);

      const ussd = await gammu(config, ['getussd', '*100#']);
      expect(ussd.code, ussd.stderr + ussd.stdout).toBe(0);
      expect(ussd.stdout).toContain('Your balance is 12.34 EUR.');

      // Fanout's driver takes over the port Gammu left (in UCS2 character set, echo on).
      modem = await Modem.open({ path: handle.path, healthIntervalMs: 0 });
      expect(modem.state).toBe('ready');
      expect((await modem.checkBalance('*100#', 5000)).text).toBe(
        'Your balance is 12.34 EUR.\nValid until 31.12.2026.',
      );
      expect((await modem.send({ to: '+4915112345678', text: 'After Gammu' })).outcome).toBe('accepted');
    } finally {
      await modem?.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000); // Gammu takes a few seconds per run, pausing between its start-up commands
});
