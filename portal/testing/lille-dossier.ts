/**
 * The four steps of a complete dossier of an adult living in Lille (Nord), with the document files
 * given as the portal expects them. Shared by the portal's tests and bench:sync's seeding; free of
 * any test runner so a plain Node program can use it.
 */
export function lilleAdultSteps<Files>(files: Files, observations: string) {
  return {
    personal: {
      address: {
        line: '20 Rue Nationale 59800 Lille',
        overseas: false,
        streetNumber: '20',
        street: 'Rue Nationale',
        postcode: '59800',
        city: 'Lille',
        country: 'FRANCE',
        inseeCode: '59350',
      },
      contact: { phone: '06 01 02 03 04' },
    },
    motive: {
      entryDate: '2021-06-01',
      family: { situation: 'single' },
      hasDependentChildren: false,
      honourAttestations: { needsPermitToWork: true, awareOfPenalties: true },
    },
    documents: {
      ephoto: { code: 'AB12CD34EF56GH78IJ90KL', confirmation: 'AB12CD34EF56GH78IJ90KL' },
      files,
    },
    deposit: { observations },
  };
}
