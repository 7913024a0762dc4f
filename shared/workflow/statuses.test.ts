import { describe, expect, it } from 'vitest';
import {
  applicantStatusLabel,
  APPLICATION_STATUSES,
  isDecided,
  isTerminal,
  sentLine,
  STATUS_LABELS,
  TERMINAL_STATUSES,
} from './statuses';

describe('statuses', () => {
  it('keeps the names other layers rely on', () => {
    expect(APPLICATION_STATUSES).toEqual([
      'draft',
      'submitted',
      'in_review',
      'supplement_requested',
      'supplement_answered',
      'favorable',
      'unfavorable',
      'closed_incomplete',
      'closed_withdrawn',
    ]);
  });

  it('knows the terminal and decided ones', () => {
    expect(TERMINAL_STATUSES).toEqual([
      'favorable',
      'unfavorable',
      'closed_incomplete',
      'closed_withdrawn',
    ]);
    expect(APPLICATION_STATUSES.filter(isTerminal)).toEqual(TERMINAL_STATUSES);
    expect(APPLICATION_STATUSES.filter(isDecided)).toEqual(['favorable', 'unfavorable']);
  });

  it('has a distinct French label for each', () => {
    expect(STATUS_LABELS.in_review).toBe("En cours d'instruction");
    expect(new Set(Object.values(STATUS_LABELS)).size).toBe(APPLICATION_STATUSES.length);
  });
});

describe('applicant side', () => {
  const submittedAt = new Date('2023-08-16T12:37:00Z');

  it('writes the guide’s line in Paris time', () => {
    expect(sentLine(submittedAt)).toBe('Demande envoyée : le 16/08/2023 à 14:37');
    expect(sentLine(new Date('2023-01-16T13:37:00Z'))).toBe(
      'Demande envoyée : le 16/01/2023 à 14:37',
    );
    expect(sentLine(new Date('2023-10-28T23:30:00Z'))).toBe(
      'Demande envoyée : le 29/10/2023 à 01:30',
    );
  });

  it.each(['submitted', 'in_review', 'supplement_requested', 'supplement_answered'] as const)(
    'shows « Demande envoyée » while %s',
    (status) => {
      expect(applicantStatusLabel(status, submittedAt)).toBe(
        'Demande envoyée : le 16/08/2023 à 14:37',
      );
    },
  );

  it('shows the agent label otherwise', () => {
    expect(applicantStatusLabel('favorable', submittedAt)).toBe('Décision favorable');
    expect(applicantStatusLabel('draft', null)).toBe('Brouillon (non déposé)');
    expect(applicantStatusLabel('submitted', null)).toBe('Déposé, à instruire');
  });
});
