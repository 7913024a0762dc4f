import type { ApplicationEvent } from '../workflow/transitions';

/**
 * What a closure means for the applicant, stated to the agent before they confirm it. Ours: the
 * guide says only that without an answer within 30 days the dossier « pourra être clôturé ».
 */
export const CLOSURE_CONSEQUENCES: Readonly<
  Record<Extract<ApplicationEvent, 'closeIncomplete' | 'closeWithdrawn'>, string>
> = {
  closeIncomplete:
    'Le dossier sera clôturé pour dossier incomplet : la demande ne sera pas instruite, le demandeur en sera informé et devra déposer une nouvelle demande pour obtenir un titre de séjour. Cette clôture est définitive.',
  closeWithdrawn:
    'Le dossier sera clôturé sans suite à la demande du demandeur : la demande ne sera pas instruite, le demandeur en sera informé et devra déposer une nouvelle demande pour obtenir un titre de séjour. Cette clôture est définitive.',
};
