import type { ServiceSettingsRepository } from '../../../db/desktop/service-settings-repository';
import { portalCall, type PortalClient } from '../portal-link/portal-client';

/** Reads the agent's service settings at each sync (whether decisions wait for a signature). */
export async function refreshServiceSettings(
  settings: ServiceSettingsRepository,
  client: PortalClient,
): Promise<void> {
  const current = await portalCall(() => client.trpc.backoffice.serviceSettings.query());
  settings.save(current.serviceCode, current.decisionValidation);
}
