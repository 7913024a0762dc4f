import { z } from 'zod';
import { isIsoDate } from '../../shared/dates/calendar-date';
import type { ApplicationEvent } from '../../shared/workflow/transitions';

/** The actions a workstation pushes, each the state machine's event of the same name. */
export const MUTATION_TYPES = [
  'assign',
  'startReview',
  'requestSupplement',
  'amendSupplement',
  'withdrawSupplement',
  'issueProlongation',
  'decideFavorable',
  'decideUnfavorable',
  'submitDecision',
  'approveDecision',
  'returnDecision',
  'closeIncomplete',
  'closeWithdrawn',
  'sendMessage',
] as const satisfies readonly ApplicationEvent[];

export type MutationType = (typeof MUTATION_TYPES)[number];

export function isMutationType(value: string): value is MutationType {
  return (MUTATION_TYPES as readonly string[]).includes(value);
}

const TEXT_MAX = 4000;

function isoDate(label: string) {
  return z.string({ error: `Le champ « ${label} » est obligatoire.` }).refine(isIsoDate, {
    error: `Le champ « ${label} » doit être une date réelle au format aaaa-mm-jj.`,
  });
}

function text(label: string, max = TEXT_MAX) {
  return z
    .string({ error: `Le champ « ${label} » est obligatoire.` })
    .trim()
    .min(1, { error: `Le champ « ${label} » est obligatoire.` })
    .max(max, { error: `Le champ « ${label} » ne doit pas dépasser ${max} caractères.` });
}

const attestationSha256 = z
  .string({ error: "L'empreinte SHA-256 de l'attestation est obligatoire." })
  .regex(/^[0-9a-fA-F]{64}$/, {
    error: "L'empreinte SHA-256 de l'attestation doit comporter 64 caractères hexadécimaux.",
  })
  .transform((hash) => hash.toLowerCase());

const empty = z.object({});

/** The documents asked for, each with the agent's observation: a request and its amendment alike. */
const supplementItems = z.object({
  items: z
    .array(
      z.object({
        documentKey: z.string({ error: 'Le justificatif concerné est obligatoire.' }),
        observation: text('Observations', 2000),
      }),
      { error: 'La liste des justificatifs demandés est obligatoire.' },
    )
    .min(1, { error: 'Indiquez au moins un justificatif à compléter.' }),
});

const decideFavorable = z.object({
  decisionDate: isoDate('Date de la décision'),
  cardValidFrom: isoDate('Carte valable du'),
  cardValidTo: isoDate('Carte valable au'),
  attestationSha256,
});

const decideUnfavorable = z.object({
  motivation: text('Motivation'),
  attestationSha256: attestationSha256.optional(),
});

const decisionId = z
  .string({ error: "L'identifiant de la décision est obligatoire." })
  .min(1, { error: "L'identifiant de la décision est obligatoire." })
  .max(100, { error: "L'identifiant de la décision est invalide." });

/** The reason of a reassignment, shown to the agents concerned. */
export const REASON_MAX = 500;

/** The payload of each type; unknown fields are dropped. */
export const MUTATION_PAYLOADS = {
  // The agent to assign (an agent may only take a dossier for themself); the pushing agent when
  // omitted. The reason is required when the dossier goes to someone else (push checks it).
  assign: z.object({
    agentId: z.string().min(1).optional(),
    reason: text('Motif de la réattribution', REASON_MAX).optional(),
  }),
  startReview: empty,
  requestSupplement: supplementItems,
  // The new request in full (it replaces the pending one, unread so far).
  amendSupplement: supplementItems,
  withdrawSupplement: empty,
  issueProlongation: z.object({
    validFrom: isoDate('Valable du'),
    validTo: isoDate('Valable au'),
    attestationSha256,
  }),
  decideFavorable,
  decideUnfavorable,
  // The decision as decideFavorable or decideUnfavorable would take it, sent for signature.
  submitDecision: z.discriminatedUnion(
    'decision',
    [
      z.object({ decision: z.literal('favorable'), payload: decideFavorable }),
      z.object({ decision: z.literal('unfavorable'), payload: decideUnfavorable }),
    ],
    { error: 'La décision doit valoir « favorable » ou « unfavorable ».' },
  ),
  approveDecision: z.object({
    decisionId,
    comment: z
      .string()
      .trim()
      .max(2000, { error: 'Le champ « Commentaire » ne doit pas dépasser 2000 caractères.' })
      .optional()
      .transform((comment) => comment || undefined),
  }),
  returnDecision: z.object({ decisionId, comment: text('Commentaire', 2000) }),
  closeIncomplete: empty,
  closeWithdrawn: empty,
  sendMessage: z.object({ text: text('Message') }),
} satisfies Record<MutationType, z.ZodType>;

export type MutationPayload<T extends MutationType> = z.output<(typeof MUTATION_PAYLOADS)[T]>;
