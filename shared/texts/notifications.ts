import { formatFrenchDate } from '../dates/format';
import type { IsoDate } from '../dates/calendar-date';
import { SUPPLEMENT_ANSWER_DAYS } from '../dates/deadlines';
import { ACCEPTED_FORMATS, MAX_FILE_BYTES } from '../documents/file-rules';
import { paragraphs, plainText, type Paragraph } from './paragraphs';

/**
 * The notifications the applicant reads in « Mes Notifications ». The supplement request and the
 * favourable decision are the guide's, word for word (« Instruction de la demande »). The guide
 * shows only the title of the prolongation notification and nothing of a refusal: those bodies
 * are ours, in the same voice, and every sentence of ours is marked below.
 */
export type Notification = Readonly<{
  title: string;
  paragraphs: readonly Paragraph[];
  body: string;
}>;

/**
 * The guide signs « L'agent instructeur » twice and « L'agent Instructeur » twice (once in the
 * decision): one spelling here, the common noun's.
 */
const SIGNATURE: Paragraph = {
  text: "Cordialement,\nL'agent instructeur\nMinistère de l'Intérieur et des Outre-Mer",
};

function notification(title: string, content: readonly Paragraph[]): Notification {
  const all = [...content, SIGNATURE];
  return { title, paragraphs: all, body: plainText(all) };
}

function greeting(displayName: string): Paragraph {
  return { text: `Bonjour ${displayName},` };
}

export type SupplementItem = Readonly<{
  /** The document's label, as in the form (« Justificatif de nationalité »). */
  documentLabel: string;
  fileNames: readonly string[];
  /** The agent's observation (« Veuillez fournir une copie lisible de votre passeport. »). */
  observation: string;
}>;

/**
 * A supplement request in three parts, so a screen can put the answer controls under each
 * document: `before` the documents, one entry per document in `items`, `after` them. `paragraphs`
 * and `body` are the same text in one piece.
 */
export type SupplementRequestNotification = Notification &
  Readonly<{
    before: readonly Paragraph[];
    items: readonly Paragraph[];
    after: readonly Paragraph[];
  }>;

const FORMATS = ACCEPTED_FORMATS.map((format) => `.${format.label.toLowerCase()}`).join(', ');
const MAX_SIZE = `${MAX_FILE_BYTES / (1024 * 1024)} Mo`;

export function supplementRequestNotification(input: {
  displayName: string;
  items: readonly SupplementItem[];
}): SupplementRequestNotification {
  const before = [
    greeting(input.displayName),
    ...paragraphs(
      "Je vous informe qu'après avoir pris connaissance des documents justificatifs joints à votre demande, un complément d'information est nécessaire à la poursuite de son instruction.",
      // The guide's information box; its last sentence has no full stop in the guide.
      `Vous devez mettre à jour ou maintenir tous les documents justificatifs en fonction de ce qui vous est demandé par l'agent afin de pouvoir répondre. Les formats acceptés : ${FORMATS}. La taille maximale : ${MAX_SIZE}`,
      'Les documents mentionnés ci-dessous ne sont pas valides :',
    ),
  ];
  const items = input.items.map((item) => ({
    text: [`${item.documentLabel} :`, ...item.fileNames, 'Observations :', item.observation].join(
      '\n',
    ),
  }));
  const after = paragraphs(
    `Si vous n'apportez pas les compléments nécessaires dans un délai de ${SUPPLEMENT_ANSWER_DAYS} jours après avoir pris connaissance de ce message, votre demande pourra être considérée comme incomplète par l'administration qui ne sera pas en mesure de prendre une décision d'acceptation ou de refus de votre demande, et elle sera clôturée.`,
  );
  return {
    ...notification('Demande de complément', [...before, ...items, ...after]),
    before,
    items,
    after: [...after, SIGNATURE],
  };
}

export function favorableDecisionNotification(input: {
  displayName: string;
  applicationNumber: string;
}): Notification {
  return notification('Notification de décision', [
    greeting(input.displayName),
    ...paragraphs(
      `Je vous informe que votre demande en ligne de titre de séjour n° ${input.applicationNumber} a été acceptée. Un nouveau titre de séjour est en cours de fabrication et vous sera prochainement remis.`,
      "Dans l'attente de cette remise, vous trouverez en pièce jointe l'attestation de décision favorable qui vous permettra de justifier votre droit au séjour et de maintenir vos droits associés dans l'attente de la remise de votre nouveau titre en préfecture.",
      "L'administration vous recontactera pour que vous veniez retirer ce titre en préfecture, et vous précisera le montant de la taxe à acquitter.",
    ),
  ]);
}

/**
 * Title from the guide; greeting and signature in the guide's form; the three sentences between
 * them are ours (the guide does not show this body). They repeat the attestation's own words
 * (« autoriser votre présence en France ») and the confirmation's (« par un courrier électronique
 * vous invitant à vous connecter à votre espace personnel »).
 */
export function prolongationNotification(input: {
  displayName: string;
  applicationNumber: string;
  validFrom: IsoDate;
  validTo: IsoDate;
}): Notification {
  return notification("Notification de prolongation de l'instruction", [
    greeting(input.displayName),
    ...paragraphs(
      // Ours.
      `Je vous informe que l'instruction de votre demande en ligne de titre de séjour n° ${input.applicationNumber} est toujours en cours.`,
      // Ours.
      `Vous trouverez en pièce jointe l'attestation de prolongation d'instruction qui autorise votre présence en France du ${formatFrenchDate(input.validFrom)} au ${formatFrenchDate(input.validTo)}.`,
      // Ours.
      'Vous serez informé(e) de la suite donnée à votre demande par un courrier électronique vous invitant à vous connecter à votre espace personnel.',
    ),
  ]);
}

/**
 * Title, greeting and signature in the guide's form; the body is ours (the guide shows no
 * refusal). The recourse sentence is the usual mention of appeals (délai de deux mois, CJA
 * R421-1 and R421-5): a refusal that comes with an obligation to leave the territory has shorter
 * delays, which the decision itself must then state; to be checked with the legal service.
 */
export function unfavorableDecisionNotification(input: {
  displayName: string;
  applicationNumber: string;
  motivation: string;
}): Notification {
  return notification('Notification de décision', [
    greeting(input.displayName),
    ...paragraphs(
      // Ours.
      `Je vous informe que votre demande en ligne de titre de séjour n° ${input.applicationNumber} a été refusée pour les motifs suivants :`,
      input.motivation,
      // Ours.
      "Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification, par un recours gracieux auprès du préfet, par un recours hiérarchique auprès du ministre de l'Intérieur ou par un recours contentieux devant le tribunal administratif compétent.",
    ),
  ]);
}

/**
 * A free message from the agent (not in the guide): the guide's greeting and signature around the
 * agent's own text, so every notification the applicant reads is signed the same way.
 */
export function agentMessageNotification(input: {
  displayName: string;
  text: string;
}): Notification {
  // Ours: the guide shows no free message; the title names who writes.
  return notification("Message de l'agent instructeur", [
    greeting(input.displayName),
    { text: input.text },
  ]);
}

/**
 * The notice of a closure without a decision on the merits. Title, greeting and signature in the
 * guide's form; the body is ours (the guide only warns, in the supplement request, that without
 * an answer the application « sera clôturée »), and the incomplete case repeats that warning's
 * own words.
 */
export function closureNotification(input: {
  displayName: string;
  applicationNumber: string;
  reason: 'incomplete' | 'withdrawn';
}): Notification {
  const { applicationNumber } = input;
  const body =
    input.reason === 'incomplete'
      ? [
          // Ours.
          `Je vous informe que votre demande en ligne de titre de séjour n° ${applicationNumber} a été clôturée : les compléments nécessaires n'ont pas été apportés dans un délai de ${SUPPLEMENT_ANSWER_DAYS} jours après que vous avez pris connaissance de la demande de complément.`,
          // Ours, in the words of the supplement request.
          "Votre demande a été considérée comme incomplète par l'administration qui n'est pas en mesure de prendre une décision d'acceptation ou de refus de votre demande.",
        ]
      : [
          // Ours.
          `Je vous informe que, suite à votre désistement, votre demande en ligne de titre de séjour n° ${applicationNumber} a été clôturée sans suite.`,
        ];
  return notification('Clôture de votre demande', [
    greeting(input.displayName),
    ...paragraphs(
      ...body,
      // Ours.
      'Vous pouvez déposer une nouvelle demande depuis votre espace personnel.',
    ),
  ]);
}
