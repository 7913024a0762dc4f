import type {
  ApplicationRepository,
  ApplicationRow,
} from '../../../db/desktop/application-repository';
import type { PublicAgent } from '../auth/auth-service';
import { OtherServiceDossierError, UserFacingError } from '../errors';

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
  const message = `Le dossier n° ${applicationNumber} n'est pas sur ce poste ou ne relève pas de votre service.`;
  if (!application) throw new UserFacingError('NOT_FOUND', message);
  if (application.serviceCode !== agent.serviceCode)
    throw new OtherServiceDossierError(applicationNumber, message);
  return application;
}
