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
});
