import { describe, expect, it } from 'vitest';
import { parisDateOf } from '../../../shared/dates/paris-time';
import { departementOfAddress } from '../../../shared/identifiers/address-departement';
import { planApplicant } from '../../../simulator/dossier/build';
import { DEMO_APPLICANTS, DEMO_SEED } from './demo-dossiers';

// Plans only (who lives where), no file drawn: the seeding's applicants as the portal routes them.
describe('the demo seeding', () => {
  it.each([parisDateOf(new Date()), '2025-01-06', '2027-09-30'] as const)(
    'sends about fifty of its applicants to the Nord, on %s',
    (asOf) => {
      const services = Array.from({ length: DEMO_APPLICANTS }, (_, index) => {
        const routed = departementOfAddress(
          planApplicant(DEMO_SEED, index, asOf).story.address.commune,
        );
        if (!routed.ok) throw new Error(routed.error.message);
        return routed.value;
      });
      const nord = services.filter((service) => service === '59').length;
      expect(nord).toBeGreaterThanOrEqual(40);
      expect(nord).toBeLessThanOrEqual(60);
      // The others are spread over the remaining départements, not lost.
      expect(new Set(services).size).toBeGreaterThan(2);
    },
  );
});
