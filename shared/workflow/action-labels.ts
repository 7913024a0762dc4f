import type { ApplicationEvent } from './transitions';

/** Each event of a dossier as the agent reads it in the history, the outbox and the sync panel. */
export const EVENT_LABELS: Readonly<Record<ApplicationEvent, string>> = {
  submit: 'Dépôt de la demande',
  assign: 'Attribution du dossier',
  startReview: "Début de l'instruction",
  requestSupplement: 'Demande de complément',
  amendSupplement: 'Modification de la demande de complément',
  withdrawSupplement: 'Retrait de la demande de complément',
  answerSupplement: 'Réponse du demandeur à la demande de complément',
  issueProlongation: "Prolongation de l'instruction",
  decideFavorable: 'Décision favorable',
  decideUnfavorable: 'Décision défavorable',
  submitDecision: 'Décision envoyée à la signature',
  approveDecision: 'Décision signée par le chef de bureau',
  returnDecision: 'Décision renvoyée par le chef de bureau',
  closeIncomplete: 'Clôture pour dossier incomplet',
  closeWithdrawn: 'Clôture sans suite',
  sendMessage: 'Message au demandeur',
};

export function eventLabel(event: string): string {
  return (EVENT_LABELS as Record<string, string>)[event] ?? event;
}
