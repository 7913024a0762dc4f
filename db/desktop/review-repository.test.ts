import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../testing/temp-dir';
import { createAgentRepository } from './agent-repository';
import { openDesktopDatabase } from './open-desktop-database';
import { createReviewRepository } from './review-repository';

const temp = useTempFiles();
const NUMBER = '5901202309170000212';
const SHA = 'c'.repeat(64);

function open() {
  const db = temp.closeLater(openDesktopDatabase(join(temp.dir(), 'instructeur.sqlite')));
  const agents = createAgentRepository(db);
  const base = { role: 'agent', serviceCode: '59', passwordHash: null } as const;
  return {
    review: createReviewRepository(db),
    camille: agents.create({ ...base, login: 'camille', displayName: 'Camille' }).id,
    bruno: agents.create({ ...base, login: 'bruno', displayName: 'Bruno' }).id,
  };
}

describe('review work', () => {
  it('keeps notes on the dossier and on documents; only their author edits or removes them', () => {
    const { review, camille, bruno } = open();
    const general = review.addNote({
      applicationNumber: NUMBER,
      documentKey: null,
      agentId: camille,
      text: 'Appeler l’association.',
    });
    review.addNote({
      applicationNumber: NUMBER,
      documentKey: 'nationality',
      agentId: bruno,
      text: 'Visa expiré ?',
    });
    expect(review.editNote(general.id, bruno, 'autre')).toBe(false);
    expect(review.editNote(general.id, camille, 'Appeler l’association lundi.')).toBe(true);
    expect(review.notesOf(NUMBER).map((n) => [n.documentKey, n.text])).toEqual([
      [null, 'Appeler l’association lundi.'],
      ['nationality', 'Visa expiré ?'],
    ]);
    expect(review.removeNote(general.id, bruno)).toBe(false);
    expect(review.removeNote(general.id, camille)).toBe(true);
    expect(() =>
      review.addNote({
        applicationNumber: NUMBER,
        documentKey: null,
        agentId: camille,
        text: '   ',
      }),
    ).toThrow(/CHECK/);
  });

  it('keeps highlights inside the page, in page order', () => {
    const { review, camille } = open();
    const at = {
      applicationNumber: NUMBER,
      documentKey: 'nationality',
      sha256: SHA,
      agentId: camille,
    };
    review.addHighlight({
      ...at,
      page: 2,
      x: 0.1,
      y: 0.2,
      width: 0.3,
      height: 0.1,
      comment: 'Tampon illisible',
    });
    review.addHighlight({ ...at, page: 1, x: 0, y: 0, width: 1, height: 1, comment: '' });
    expect(review.highlightsOf(NUMBER).map((h) => [h.page, h.comment])).toEqual([
      [1, ''],
      [2, 'Tampon illisible'],
    ]);
    expect(() =>
      review.addHighlight({ ...at, page: 1, x: 0.8, y: 0, width: 0.3, height: 0.1, comment: '' }),
    ).toThrow(/CHECK/);
    expect(() =>
      review.addHighlight({ ...at, page: 0, x: 0, y: 0, width: 0.1, height: 0.1, comment: '' }),
    ).toThrow(/CHECK/);
  });

  it('records one verdict per document; « À compléter » needs an observation', () => {
    const { review, camille, bruno } = open();
    review.setVerdict({
      applicationNumber: NUMBER,
      documentKey: 'identity',
      verdict: 'compliant',
      observation: 'ignorée',
      agentId: camille,
      judgedVersion: 1,
    });
    review.setVerdict({
      applicationNumber: NUMBER,
      documentKey: 'nationality',
      verdict: 'incomplete',
      observation: 'Veuillez fournir une copie lisible de votre passeport.',
      agentId: camille,
      judgedVersion: null,
    });
    review.setVerdict({
      applicationNumber: NUMBER,
      documentKey: 'identity',
      verdict: 'compliant',
      observation: null,
      agentId: bruno,
      judgedVersion: 2,
    });
    expect(
      review
        .verdictsOf(NUMBER)
        .map((v) => [v.documentKey, v.verdict, v.observation, v.agentId, v.judgedVersion]),
    ).toEqual([
      ['identity', 'compliant', null, bruno, 2],
      [
        'nationality',
        'incomplete',
        'Veuillez fournir une copie lisible de votre passeport.',
        camille,
        null,
      ],
    ]);
    expect(() =>
      review.setVerdict({
        applicationNumber: NUMBER,
        documentKey: 'residence',
        verdict: 'incomplete',
        observation: ' ',
        agentId: camille,
        judgedVersion: null,
      }),
    ).toThrow(/CHECK/);
    expect(review.clearVerdict(NUMBER, 'identity')).toBe(true);
    expect(review.verdictsOf(NUMBER)).toHaveLength(1);
  });

  it('remembers each page’s rotation', () => {
    const { review } = open();
    review.setRotation(SHA, 2, 90);
    review.setRotation(SHA, 3, 180);
    review.setRotation(SHA, 3, 0);
    expect(review.rotationsOf(SHA)).toEqual({ 2: 90 });
    expect(() => review.setRotation(SHA, 1, 45 as 90)).toThrow(/CHECK/);
  });
});
