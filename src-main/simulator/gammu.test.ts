// Gammu (Debian's gammu 1.42) as an independent, real client of the virtual modem: it must
// identify the modem and send plain and long Unicode messages over a pseudo-terminal, and the
// PDUs it writes must decode to the recipient and text it was given.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Modem } from '../modem/modem';
import { modemProfileIds } from './profiles';
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

// One profile after the other: Gammu paces its start-up with pauses, and three at once on two
// cores turn those pauses into timeouts.
describe.each(modemProfileIds)('Gammu against the virtual modem (%s)', (profile) => {
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
      const config = join(dir, 'gammurc');
      writeFileSync(
        config,
        `[gammu]\ndevice = ${handle.path}\nconnection = at\nlogfile = ${join(dir, 'gammu.log')}\nlogformat = textall\n`,
      );

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
