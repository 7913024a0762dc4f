import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('Demo-Agent-59');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]+\$[\w+/=]+$/);
    expect(await verifyPassword('Demo-Agent-59', stored)).toBe(true);
    expect(await verifyPassword('demo-agent-59', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('même mot')).not.toBe(await hashPassword('même mot'));
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('Préfecture-59'.normalize('NFC'));
    expect(await verifyPassword('Préfecture-59'.normalize('NFD'), stored)).toBe(true);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$1$2$3$4$5', 'scrypt$32768$8$1$$']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});
