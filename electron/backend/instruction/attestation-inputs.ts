import type { IsoDate } from '../../../shared/dates/calendar-date';
import { cardValidity, prolongationValidity } from '../../../shared/dates/deadlines';
import { PROCEDURES } from '../../../shared/procedures/catalogue';
import type {
  FavorableDecisionAttestationInput,
  ProlongationAttestationInput,
} from '../../../shared/texts/documents';
import { UserFacingError } from '../errors';
import type { DossierHolder } from './dossier-holder';

function holderPart(holder: DossierHolder) {
  const { kind, foreignerNumber, applicationNumber, civilStatus, address } = holder;
  return { kind, foreignerNumber, applicationNumber, civilStatus, address };
}

/** « Attestation de prolongation d'instruction » issued on `issuedOn`, valid 3 months from it. */
export function prolongationAttestationInput(
  holder: DossierHolder,
  issuedOn: IsoDate,
): ProlongationAttestationInput {
  const { validFrom, validTo } = prolongationValidity(issuedOn);
  return { ...holderPart(holder), depositedOn: holder.depositedOn, validFrom, validTo };
}

/**
 * « Attestation de décision favorable » for a decision on `decidedOn`, issued the same day: the
 * card of the dossier's procedure, from the next day, with its taxes.
 */
export function favorableDecisionAttestationInput(
  holder: DossierHolder,
  decidedOn: IsoDate,
): FavorableDecisionAttestationInput {
  const { card } = PROCEDURES[holder.procedure];
  if (card.taxesEuros === null)
    throw new UserFacingError(
      'PRECONDITION_FAILED',
      "Le montant des taxes de cette démarche n'est pas encore connu : l'attestation de décision favorable ne peut pas être établie.",
    );
  const { validFrom, validTo } = cardValidity(decidedOn, card.durationMonths);
  return {
    ...holderPart(holder),
    issuedOn: decidedOn,
    decidedOn,
    validFrom,
    validTo,
    card: { title: card.title, kind: card.kind },
    taxesEuros: card.taxesEuros,
  };
}
