import { describe, expect, it } from 'vitest';
import { parseArguments } from './cli';

describe('parseArguments', () => {
  it('reads the options, in both spellings', () => {
    expect(
      parseArguments([
        '--portal',
        'http://127.0.0.1:5190/',
        '--applicants',
        '10',
        '--seed',
        'demo',
      ]),
    ).toEqual({
      ok: true,
      options: {
        portal: 'http://127.0.0.1:5190',
        applicants: 10,
        seed: 'demo',
        answerSupplements: false,
        concurrency: 4,
      },
    });
    expect(
      parseArguments([
        '--portal=http://localhost:1',
        '--applicants=2',
        '--answer-supplements',
        '--seed=s1',
        '--concurrency=8',
      ]),
    ).toEqual({
      ok: true,
      options: {
        portal: 'http://localhost:1',
        applicants: 2,
        seed: 's1',
        answerSupplements: true,
        concurrency: 8,
      },
    });
  });

  it('draws a seed when none is given, except to answer supplements', () => {
    const parsed = parseArguments(['--portal', 'http://x', '--applicants', '1']);
    expect(parsed.ok && /^\d+$/.test(parsed.options.seed)).toBe(true);
    expect(
      parseArguments(['--portal', 'http://x', '--applicants', '1', '--answer-supplements']),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('--seed'),
    });
  });

  it('says in French what is wrong', () => {
    const message = (argv: string[]) => {
      const parsed = parseArguments(argv);
      return parsed.ok ? '' : parsed.message;
    };
    expect(message(['--applicants', '3'])).toContain("l'adresse du portail");
    expect(message(['--portal', 'ftp://x', '--applicants', '3'])).toContain(
      "n'est pas une adresse",
    );
    expect(message(['--portal', 'http://x'])).toContain('nombre de demandeurs');
    expect(message(['--portal', 'http://x', '--applicants', '0'])).toContain('de 1 à 10 000');
    expect(message(['--portal', 'http://x', '--applicants', '2', '--concurrency', '99'])).toContain(
      'de 1 à 16',
    );
    expect(message(['--portal', 'http://x', '--applicants', '2', '--seed', 'a b'])).toContain(
      'graine',
    );
    expect(message(['--portal'])).toBe("L'option --portal attend une valeur.");
    expect(message(['--verbose'])).toBe('Option inconnue : --verbose');
    expect(message(['--help'])).toContain('Usage : npm run simulate');
  });
});
