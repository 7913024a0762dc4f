import { describe, expect, it } from 'vitest';
import {
  agentMessageNotification,
  closureNotification,
  favorableDecisionNotification,
  prolongationNotification,
  supplementRequestNotification,
  unfavorableDecisionNotification,
} from './notifications';

// Golden texts: copied from the guide (« Instruction de la demande »).
const SIGNATURE = `Cordialement,
L'agent instructeur
Ministère de l'Intérieur et des Outre-Mer`;

describe('supplementRequestNotification', () => {
  const notification = supplementRequestNotification({
    displayName: 'MINEUR ETRANGER',
    items: [
      {
        documentLabel: 'Justificatif de nationalité',
        fileNames: ['234.PNG'],
        // The agent's words in the guide's example, typo included: data is passed through as typed.
        observation: 'Veillez fournir une copie lisible de votre passeport.',
      },
      {
        documentLabel: 'Justificatif de domicile datant de moins de 6 mois',
        fileNames: ['facture.pdf', 'bail.pdf'],
        observation: 'La facture date de plus de 6 mois.',
      },
    ],
  });

  it('is titled as in the guide', () => {
    expect(notification.title).toBe('Demande de complément');
  });

  it('is the guide’s text word for word, one block per document', () => {
    expect(notification.body).toBe(`Bonjour MINEUR ETRANGER,

Je vous informe qu'après avoir pris connaissance des documents justificatifs joints à votre demande, un complément d'information est nécessaire à la poursuite de son instruction.

Vous devez mettre à jour ou maintenir tous les documents justificatifs en fonction de ce qui vous est demandé par l'agent afin de pouvoir répondre. Les formats acceptés : .jpg, .png, .pdf, .tiff, .bmp. La taille maximale : 10 Mo

Les documents mentionnés ci-dessous ne sont pas valides :

Justificatif de nationalité :
234.PNG
Observations :
Veillez fournir une copie lisible de votre passeport.

Justificatif de domicile datant de moins de 6 mois :
facture.pdf
bail.pdf
Observations :
La facture date de plus de 6 mois.

Si vous n'apportez pas les compléments nécessaires dans un délai de 30 jours après avoir pris connaissance de ce message, votre demande pourra être considérée comme incomplète par l'administration qui ne sera pas en mesure de prendre une décision d'acceptation ou de refus de votre demande, et elle sera clôturée.

${SIGNATURE}`);
  });

  it('splits the same paragraphs around the documents, for screens that interleave the answers', () => {
    const { before, items, after, paragraphs } = notification;
    expect([...before, ...items, ...after]).toEqual(paragraphs);
    expect(before.at(-1)?.text).toBe('Les documents mentionnés ci-dessous ne sont pas valides :');
    expect(items).toHaveLength(2);
    expect(after[0]?.text).toMatch(/^Si vous n'apportez pas les compléments nécessaires/);
    expect(after.at(-1)?.text).toBe(SIGNATURE);
  });
});

describe('favorableDecisionNotification', () => {
  it('is the guide’s « Notification de décision », word for word', () => {
    const notification = favorableDecisionNotification({
      displayName: 'TEST Test',
      applicationNumber: '5901202309170000212',
    });
    expect(notification.title).toBe('Notification de décision');
    expect(notification.body).toBe(`Bonjour TEST Test,

Je vous informe que votre demande en ligne de titre de séjour n° 5901202309170000212 a été acceptée. Un nouveau titre de séjour est en cours de fabrication et vous sera prochainement remis.

Dans l'attente de cette remise, vous trouverez en pièce jointe l'attestation de décision favorable qui vous permettra de justifier votre droit au séjour et de maintenir vos droits associés dans l'attente de la remise de votre nouveau titre en préfecture.

L'administration vous recontactera pour que vous veniez retirer ce titre en préfecture, et vous précisera le montant de la taxe à acquitter.

${SIGNATURE}`);
  });
});

describe('prolongationNotification (body not in the guide)', () => {
  const notification = prolongationNotification({
    displayName: 'DCEM TEST',
    applicationNumber: '5901202309170000212',
    validFrom: '2023-09-17',
    validTo: '2023-12-16',
  });

  it('has the guide’s title', () => {
    expect(notification.title).toBe("Notification de prolongation de l'instruction");
  });

  it('names the application and the attestation’s validity, and is signed like the others', () => {
    expect(notification.body).toBe(`Bonjour DCEM TEST,

Je vous informe que l'instruction de votre demande en ligne de titre de séjour n° 5901202309170000212 est toujours en cours.

Vous trouverez en pièce jointe l'attestation de prolongation d'instruction qui autorise votre présence en France du 17/09/2023 au 16/12/2023.

Vous serez informé(e) de la suite donnée à votre demande par un courrier électronique vous invitant à vous connecter à votre espace personnel.

${SIGNATURE}`);
  });
});

describe('unfavorableDecisionNotification (not in the guide)', () => {
  const notification = unfavorableDecisionNotification({
    displayName: 'DCEM TEST',
    applicationNumber: '5901202309170000212',
    motivation: 'Le récépissé du dépôt de plainte n’a pas été fourni.',
  });

  it('is a « Notification de décision » carrying the motivation as written', () => {
    expect(notification.title).toBe('Notification de décision');
    expect(notification.paragraphs.map((p) => p.text)).toEqual([
      'Bonjour DCEM TEST,',
      'Je vous informe que votre demande en ligne de titre de séjour n° 5901202309170000212 a été refusée pour les motifs suivants :',
      'Le récépissé du dépôt de plainte n’a pas été fourni.',
      "Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification, par un recours gracieux auprès du préfet, par un recours hiérarchique auprès du ministre de l'Intérieur ou par un recours contentieux devant le tribunal administratif compétent.",
      SIGNATURE,
    ]);
  });
});

describe('agentMessageNotification (not in the guide)', () => {
  it("wraps the agent's text in the guide's greeting and signature", () => {
    const notification = agentMessageNotification({
      displayName: 'DCEM TEST',
      text: 'Votre titre est disponible en préfecture.',
    });
    expect(notification.title).toBe("Message de l'agent instructeur");
    expect(notification.body).toBe(
      `Bonjour DCEM TEST,\n\nVotre titre est disponible en préfecture.\n\n${SIGNATURE}`,
    );
  });
});

describe('closureNotification (not in the guide)', () => {
  it('tells the applicant the incomplete application is closed, in the supplement request’s words', () => {
    const notification = closureNotification({
      displayName: 'DCEM TEST',
      applicationNumber: '5901202309170000212',
      reason: 'incomplete',
    });
    expect(notification.title).toBe('Clôture de votre demande');
    expect(notification.body).toBe(
      [
        'Bonjour DCEM TEST,',
        "Je vous informe que votre demande en ligne de titre de séjour n° 5901202309170000212 a été clôturée : les compléments nécessaires n'ont pas été apportés dans un délai de 30 jours après que vous avez pris connaissance de la demande de complément.",
        "Votre demande a été considérée comme incomplète par l'administration qui n'est pas en mesure de prendre une décision d'acceptation ou de refus de votre demande.",
        'Vous pouvez déposer une nouvelle demande depuis votre espace personnel.',
        SIGNATURE,
      ].join('\n\n'),
    );
  });

  it('tells a withdrawal apart', () => {
    const notification = closureNotification({
      displayName: 'DCEM TEST',
      applicationNumber: '5901202309170000212',
      reason: 'withdrawn',
    });
    expect(notification.paragraphs.map((p) => p.text).slice(1, 3)).toEqual([
      'Je vous informe que, suite à votre désistement, votre demande en ligne de titre de séjour n° 5901202309170000212 a été clôturée sans suite.',
      'Vous pouvez déposer une nouvelle demande depuis votre espace personnel.',
    ]);
  });
});
