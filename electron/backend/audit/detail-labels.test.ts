import { describe, expect, it } from 'vitest';
import { detailsText } from './detail-labels';

const names: Record<string, string> = { 'agent-1': 'Camille Lefebvre' };
const nameOf = (id: string) => names[id] ?? null;

describe('detailsText', () => {
  it('reads in French: keys, codes, documents and agents', () => {
    expect(
      detailsText(
        'application.request_supplement',
        { documents: ['nationality', 'residence'], agentId: 'agent-1', mode: 'offline' },
        nameOf,
      ),
    ).toBe(
      'pièces : Justificatif de nationalité, Justificatif de domicile datant de moins de 6 mois ; agent : Camille Lefebvre ; connexion : hors ligne (vérificateur local)',
    );
    expect(
      detailsText(
        'auth.login_failed',
        { reason: 'wrong_password', loginHash: 'a1b2c3d4e5f6' },
        nameOf,
      ),
    ).toBe('motif : mot de passe erroné ; empreinte de l’identifiant saisi : a1b2c3d4e5f6');
  });

  it('keeps a supervisor’s own words, unknown keys and agents no longer known as they are', () => {
    expect(
      detailsText(
        'auth.session_locked',
        { reason: 'idle', comment: 'agent', agentId: 'agent-9', extra: 3 },
        nameOf,
      ),
    ).toBe('motif : inactivité ; commentaire : agent ; agent : agent-9 ; extra : 3');
    // A reassignment's reason that happens to spell a code is still the supervisor's words.
    expect(detailsText('application.assign', { reason: 'idle' }, nameOf)).toBe('motif : idle');
  });

  it('reads dates as dd/MM/yyyy and instants on the Paris clock, and leaves other text alone', () => {
    expect(
      detailsText(
        'application.decide',
        { decision: 'favorable', cardValidFrom: '2026-11-27', cardValidTo: '2027-11-26' },
        nameOf,
      ),
    ).toBe('décision : favorable ; carte valable du : 27/11/2026 ; carte valable au : 26/11/2027');
    // 08:30 UTC is 09:30 in Paris in winter, 23:30 UTC on 31 March is already 1 April there.
    expect(
      detailsText('audit.purged', { before: '2026-11-27T08:30:00.000Z', count: 4 }, nameOf),
    ).toBe('entrées antérieures au : 27/11/2026 à 09:30 ; nombre : 4');
    expect(detailsText('audit.exported', { from: '2026-03-31T23:30:00Z' }, nameOf)).toBe(
      'du : 01/04/2026 à 01:30',
    );
    expect(detailsText('audit.exported', { to: 'hier', comment: '2026-11-27' }, nameOf)).toBe(
      'au : hier ; commentaire : 2026-11-27',
    );
  });
});
