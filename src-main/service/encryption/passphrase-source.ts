// Where `serve` and the CLI get the passphrase that unlocks a protected key file: the
// FANOUT_PASSPHRASE variable (services, scripts), else a prompt when a person sits at a terminal.
// The database is opened synchronously before anything else runs, so the prompt reads the
// terminal synchronously too.
import { spawnSync } from 'node:child_process';
import { readSync } from 'node:fs';

export const PASSPHRASE_VARIABLE = 'FANOUT_PASSPHRASE';

export function passphraseFromEnvironmentOrTerminal(): string | undefined {
  const fromEnvironment = process.env[PASSPHRASE_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return promptHidden('Passphrase for the Fanout database: ');
}

/** Asks on the terminal without echoing what is typed (stty; on Windows the console echoes). */
export function promptHidden(question: string): string {
  process.stderr.write(question);
  const canHide = process.platform !== 'win32' && spawnSync('stty', ['-echo'], { stdio: ['inherit', 'ignore', 'ignore'] }).status === 0;
  try {
    return readLineSync();
  } finally {
    if (canHide) spawnSync('stty', ['echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
    process.stderr.write('\n');
  }
}

function readLineSync(): string {
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  for (;;) {
    let read: number;
    try {
      read = readSync(0, one, 0, 1, null);
    } catch (error) {
      // A non-blocking stdin says "try again"; a terminal normally blocks.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw error;
    }
    if (read === 0 || one[0] === 0x0a) break;
    if (one[0] !== 0x0d) bytes.push(one[0] ?? 0);
  }
  return Buffer.from(bytes).toString('utf8');
}
