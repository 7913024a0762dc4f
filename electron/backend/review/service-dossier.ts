import type {
  ApplicationRepository,
  ApplicationRow,
} from '../../../db/desktop/application-repository';
import type { PublicAgent } from '../auth/auth-service';
import { UserFacingError } from '../errors';

/**
 * The dossier an agent acts on: it must be on this workstation and of the agent's service
 * (another service's dossier is answered as missing, so its existence is not told).
 */
export function serviceDossier(
  applications: Pick<ApplicationRepository, 'get'>,
  agent: Pick<PublicAgent, 'serviceCode'>,
  applicationNumber: string,
): ApplicationRow {
  const application = applications.get(applicationNumber);
  if (!application || application.serviceCode !== agent.serviceCode)
    throw new UserFacingError(
      'NOT_FOUND',
      `Le dossier n° ${applicationNumber} n'est pas sur ce poste ou ne relève pas de votre service.`,
    );
  return application;
}
