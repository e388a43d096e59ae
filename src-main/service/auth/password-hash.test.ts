import { describe, expect, it } from 'vitest';
import { currentScryptParameters, hashPassword, needsRehash, verifyPassword } from './password-hash';

describe('operator password hashes', () => {
  it('are self-describing scrypt strings with a fresh salt each time', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    const { N, r, p } = currentScryptParameters;
    expect(first).toMatch(new RegExp(`^scrypt\\$${N}\\$${r}\\$${p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse');
  });

  it('verify the right password and refuse a wrong one', async () => {
    const stored = await hashPassword('Tr0ub4dor&3');
    expect(await verifyPassword('Tr0ub4dor&3', stored)).toBe(true);
    expect(await verifyPassword('Tr0ub4dor&4', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treat the same text in composed and decomposed Unicode as the same password', async () => {
    const stored = await hashPassword('Grüße');
    expect(await verifyPassword('Gru\u0308ße', stored)).toBe(true);
  });

  it('verify hashes made with other parameters and say they should be upgraded', async () => {
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 1);
    const hash = scryptSync('old password', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64url')}$${hash.toString('base64url')}`;
    expect(await verifyPassword('old password', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(await hashPassword('new'))).toBe(false);
  });

  it.each(['', 'plain text', 'scrypt$3$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA', 'scrypt$1073741824$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA', 'bcrypt$x'])(
    'refuse a stored value that is not a readable hash: %j',
    async (stored) => {
      expect(await verifyPassword('anything', stored)).toBe(false);
    },
  );
});
