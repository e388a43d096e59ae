import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface OperatorLogin {
  username: string;
  displayName: string;
  password: string;
}

export interface RunningServe {
  /** The address `serve` printed, with the access token. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /**
   * The administrator this run creates on the first-run screen (or over HTTP, if a test calls the
   * API first). Fanout has no default account; this one exists only in this test's data folder.
   */
  admin: OperatorLogin;
  /** Headers for a raw API call as the admin: the access token and a signed-in session. */
  adminHeaders(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the built `fanout serve` as a user would and waits for the address it prints. */
export async function startFanoutServe(): Promise<RunningServe> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'fanout-e2e-'));
  const child = spawn(process.execPath, [path.join(projectRoot, 'dist/main/cli.cjs'), 'serve', '--data-dir', dataDir, '--no-modem-scan'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForAddress(child);
  const parsed = new URL(url);
  const origin = parsed.origin;
  const token = parsed.hash.replace('#token=', '');
  const admin: OperatorLogin = { username: 'chefin', displayName: 'Anna Admin', password: `test-${randomBytes(9).toString('base64url')}` };
  let adminSession: Promise<string> | null = null;
  return {
    url,
    origin,
    token,
    dataDir,
    admin,
    async adminHeaders() {
      adminSession ??= signInOverHttp(origin, token, admin);
      return { authorization: `Bearer ${token}`, 'x-fanout-session': await adminSession };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function postCall(origin: string, headers: Record<string, string>, method: string, args: unknown) {
  const response = await fetch(`${origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method, args }),
  });
  return (await response.json()) as { ok: boolean; value?: { sessionId?: string; needsFirstAdmin?: boolean }; error?: { message: string } };
}

/** Signs the admin in for raw API calls, creating the account first when this run has none yet. */
async function signInOverHttp(origin: string, token: string, admin: OperatorLogin): Promise<string> {
  const headers = { authorization: `Bearer ${token}` };
  const status = await postCall(origin, headers, 'auth.status', {});
  const method = status.value?.needsFirstAdmin ? 'auth.createFirstAdmin' : 'auth.login';
  const args = method === 'auth.login' ? { username: admin.username, password: admin.password } : admin;
  const answer = await postCall(origin, headers, method, args);
  if (!answer.ok || !answer.value?.sessionId) throw new Error(`${method} failed: ${answer.error?.message}`);
  return answer.value.sessionId;
}

function waitForAddress(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`fanout serve printed no address:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`fanout serve exited with ${code}:\n${output}`));
    });
  });
}
