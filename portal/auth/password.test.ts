import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';
import { meetsPasswordPolicy, newPasswordSchema, PASSWORD_POLICY_MESSAGE } from './password-policy';

describe('password hashing', () => {
  it('verifies the password it hashed, and nothing else', async () => {
    const hash = await hashPassword('Motdepasse-1');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('Motdepasse-1');
    expect(await verifyPassword('Motdepasse-1', hash)).toBe(true);
    expect(await verifyPassword('motdepasse-1', hash)).toBe(false);
    expect(await verifyPassword('Motdepasse-1', 'scrypt$1$1$1$x$y')).toBe(false);
    expect(await hashPassword('Motdepasse-1')).not.toBe(hash);
  });
});

describe('the applicant password policy of the guide', () => {
  it.each([
    ['Motdepasse-1', true],
    ['Élodie#2024', true],
    ['Ab1!abcd', true],
    ['Ab1!abc', false],
    ['motdepasse-1', false],
    ['MOTDEPASSE-1', false],
    ['Motdepasse-x', false],
    ['Motdepasse12', false],
    ['Motdepasse 12', false],
  ])('%s → %s', (password, valid) => {
    expect(meetsPasswordPolicy(password)).toBe(valid);
  });

  it('says the guide’s words', () => {
    const result = newPasswordSchema.safeParse('faible');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(PASSWORD_POLICY_MESSAGE);
  });
});
