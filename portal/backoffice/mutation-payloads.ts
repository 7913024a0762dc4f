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

/** The payload of each type; unknown fields are dropped. */
export const MUTATION_PAYLOADS = {
  // The agent to assign (an agent may only take a dossier for themself); the pushing agent when omitted.
  assign: z.object({ agentId: z.string().min(1).optional() }),
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
  decideFavorable: z.object({
    decisionDate: isoDate('Date de la décision'),
    cardValidFrom: isoDate('Carte valable du'),
    cardValidTo: isoDate('Carte valable au'),
    attestationSha256,
  }),
  decideUnfavorable: z.object({
    motivation: text('Motivation'),
    attestationSha256: attestationSha256.optional(),
  }),
  closeIncomplete: empty,
  closeWithdrawn: empty,
  sendMessage: z.object({ text: text('Message') }),
} satisfies Record<MutationType, z.ZodType>;

export type MutationPayload<T extends MutationType> = z.output<(typeof MUTATION_PAYLOADS)[T]>;
