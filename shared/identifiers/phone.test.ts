import { describe, expect, it } from 'vitest';
import { formatPhoneForDisplay, normalizePhone } from './phone';

describe('normalizePhone', () => {
  it.each([
    ['0101010101', '+33101010101'],
    ['06 12 34 56 78', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['+330612345678', '+33612345678'],
    ['0033612345678', '+33612345678'],
    ['09 72 12 34 56', '+33972123456'],
    // Overseas départements: national format or their own country code.
    ['0262 12 34 56', '+262262123456'],
    ['0692 12 34 56', '+262692123456'],
    ['0269 61 23 45', '+262269612345'],
    ['0639 12 34 56', '+262639123456'],
    ['+262 692 12 34 56', '+262692123456'],
    ['+33 692 12 34 56', '+262692123456'],
    ['0590 12 34 56', '+590590123456'],
    ['0690 12 34 56', '+590690123456'],
    ['+590 690 12 34 56', '+590690123456'],
    ['0594 12 34 56', '+594594123456'],
    ['0694 12 34 56', '+594694123456'],
    ['0596 12 34 56', '+596596123456'],
    ['0696 12 34 56', '+596696123456'],
    // Collectivities with their own plan.
    ['+508 41 23 45', '+508412345'],
    ['00508 41 23 45', '+508412345'],
    ['+687 28 12 34', '+687281234'],
    ['+689 87 12 34 56', '+68987123456'],
    ['+681 72 12 34', '+681721234'],
  ])('%s → %s', (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    '612345678',
    '06123456789',
    '0012345678',
    '+33 012345678',
    '+44 20 7946 0958',
    '+262 612 34 56 78',
    '+508 41 23 456',
    '+689 87 12 34',
    '06 12 34 56 7a',
    '+',
  ])('refuses %s', (input) => {
    expect(normalizePhone(input)).toMatchObject({
      ok: false,
      error: {
        code: 'identifier_invalid',
        message: expect.stringContaining('doit être un numéro français'),
      },
    });
  });

  it('explains +269', () => {
    expect(normalizePhone('+269 61 23 45')).toMatchObject({
      error: { message: expect.stringContaining("L'indicatif +269 est celui des Comores") },
    });
  });

  it('says when it is missing', () => {
    expect(normalizePhone('  ')).toMatchObject({
      error: { message: 'Le numéro de téléphone est obligatoire.' },
    });
  });
});

describe('formatPhoneForDisplay', () => {
  it.each([
    ['+33101010101', '01 01 01 01 01'],
    ['+33612345678', '06 12 34 56 78'],
    ['+262692123456', '06 92 12 34 56'],
    ['+590590123456', '05 90 12 34 56'],
    ['+508412345', '+508 41 23 45'],
    ['+68987123456', '+689 87 12 34 56'],
    ['+4420794609', '+4420794609'],
  ])('%s → %s', (e164, text) => {
    expect(formatPhoneForDisplay(e164)).toBe(text);
  });

  it('shows every normalised number', () => {
    const normalized = normalizePhone('0262 12 34 56');
    expect(normalized.ok && formatPhoneForDisplay(normalized.value)).toBe('02 62 12 34 56');
  });
});
