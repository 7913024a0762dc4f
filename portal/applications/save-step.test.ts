import { beforeAll, describe, expect, it } from 'vitest';
import { addMonthsClamped } from '../../shared/dates/calendar-date';
import { parisDateOf } from '../../shared/dates/paris-time';
import {
  activeApplicant,
  distinctPng,
  failure,
  stepsOf,
  upload,
  usePortal,
  type PortalClient,
  type Uploaded,
} from '../testing/harness';

// Every rule of shared/ enforced by the portal, each with a good and a bad case: per step at
// saveStep (a refused step stores nothing), and on the whole dossier at submit.
const server = usePortal();

type Steps = ReturnType<typeof stepsOf>;
type StepKey = keyof Steps;

let applicant: Awaited<ReturnType<typeof activeApplicant>>;
let files: Record<string, Uploaded[]>;

beforeAll(async () => {
  applicant = await activeApplicant(server.url, {
    civilStatus: { birthName: 'NATIONAL', firstNames: 'Fichier', birthDate: '1995-03-02' },
  });
  files = {};
  for (const key of ['nationality', 'identity', 'residence', 'complaint', 'parental_consent'])
    files[key] = [await upload(server.url, applicant.token, distinctPng(), `${key}.png`)];
});

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));
}

function validSteps(): Steps {
  return stepsOf(without(files, 'parental_consent'));
}

/** Seventeen today: a minor (16–18) whatever the day the tests run. */
function seventeenYearsAgo(): string {
  return addMonthsClamped(parisDateOf(new Date()), -17 * 12);
}

async function newDraft(client: PortalClient = applicant.client) {
  const { applicationId } = await client.applicant.applications.create.mutate({
    procedure: 'vpf-teh',
  });
  return applicationId;
}

async function save(applicationId: string, step: StepKey, data: unknown) {
  return applicant.client.applicant.applications.saveStep.mutate({ applicationId, step, data });
}

type Edit = (steps: Steps & Record<string, never>) => void;
type Expected = { path: string; code?: string; message?: string };
/** Each rule with the issue it raises (or the issues, in order): no other issue is accepted. */
const rules: [string, StepKey, Edit, Expected | Expected[]][] = [
  [
    'city missing',
    'personal',
    (s) => delete (s.personal.address as Record<string, unknown>)['city'],
    {
      path: 'personal.address.city',
      message: 'Le champ « Ville » est obligatoire.',
    },
  ],
  [
    'address line too long',
    'personal',
    (s) => (s.personal.address.line = 'x'.repeat(301)),
    {
      path: 'personal.address.line',
    },
  ],
  [
    'address missing',
    'personal',
    (s) => delete (s.personal as Record<string, unknown>)['address'],
    {
      path: 'personal.address',
      message: "L'adresse est obligatoire.",
    },
  ],
  [
    'phone invalid',
    'personal',
    (s) => (s.personal.contact.phone = '12'),
    {
      path: 'personal.contact.phone',
      code: 'identifier_invalid',
    },
  ],
  [
    'postcode no service handles',
    'personal',
    (s) => {
      s.personal.address.postcode = '98800';
      delete (s.personal.address as Record<string, unknown>)['inseeCode'];
    },
    { path: 'personal.address.postcode', code: 'address_unroutable' },
  ],
  [
    'INSEE code given as a postcode',
    'personal',
    (s) => (s.personal.address.inseeCode = '59000'),
    {
      path: 'personal.address.inseeCode',
      code: 'identifier_invalid',
    },
  ],
  [
    'entry date in the future',
    'motive',
    (s) => (s.motive.entryDate = '2999-01-01'),
    {
      path: 'motive.entryDate',
    },
  ],
  [
    'entry date missing',
    'motive',
    (s) => delete (s.motive as Record<string, unknown>)['entryDate'],
    {
      path: 'motive.entryDate',
      message: "Le champ « Date d'entrée en France » est obligatoire.",
    },
  ],
  [
    'family situation missing',
    'motive',
    (s) => delete (s.motive as Record<string, unknown>)['family'],
    {
      path: 'motive.family',
      message: 'Veuillez indiquer votre situation familiale.',
    },
  ],
  [
    'entry date before the birth date of the national file',
    'motive',
    (s) => (s.motive.entryDate = '1990-01-01'),
    {
      path: 'motive.entryDate',
      code: 'field_invalid',
      message: "La date d'entrée en France ne peut pas être antérieure à la date de naissance.",
    },
  ],
  [
    'married without the union',
    'motive',
    (s) => ((s.motive as Record<string, unknown>)['family'] = { situation: 'married' }),
    [
      {
        path: 'motive.family.unionStartDate',
        message: "Le champ « Date de début de l'union » est obligatoire.",
      },
      {
        path: 'motive.family.unionCountry',
        message: "Le champ « Pays de l'union » est obligatoire.",
      },
    ],
  ],
  [
    'pacsed without the union',
    'motive',
    (s) => ((s.motive as Record<string, unknown>)['family'] = { situation: 'pacsed' }),
    [
      {
        path: 'motive.family.unionStartDate',
        message: "Le champ « Date de début de l'union » est obligatoire.",
      },
      {
        path: 'motive.family.unionCountry',
        message: "Le champ « Pays de l'union » est obligatoire.",
      },
    ],
  ],
  [
    'pacsed union date in the future',
    'motive',
    (s) =>
      ((s.motive as Record<string, unknown>)['family'] = {
        situation: 'pacsed',
        unionStartDate: '2999-01-01',
        unionCountry: 'FRANCE',
      }),
    {
      path: 'motive.family.unionStartDate',
      message: expect.stringMatching(
        /^La date de début de l'union ne peut pas être postérieure au \d{2}\/\d{2}\/\d{4}\.$/,
      ) as string,
    },
  ],
  [
    'union before the birth date of the national file',
    'motive',
    (s) =>
      ((s.motive as Record<string, unknown>)['family'] = {
        situation: 'married',
        unionStartDate: '1994-12-31',
        unionCountry: 'Mexique',
      }),
    {
      path: 'motive.family.unionStartDate',
      code: 'field_invalid',
      message: "La date de début de l'union ne peut pas être antérieure à la date de naissance.",
    },
  ],
  [
    'children unanswered',
    'motive',
    (s) => delete (s.motive as Record<string, unknown>)['hasDependentChildren'],
    {
      path: 'motive.hasDependentChildren',
    },
  ],
  [
    'honour box unticked',
    'motive',
    (s) => ((s.motive.honourAttestations as Record<string, unknown>)['awareOfPenalties'] = false),
    {
      path: 'motive.honourAttestations.awareOfPenalties',
    },
  ],
  [
    'honour box on the need to work unticked',
    'motive',
    (s) => ((s.motive.honourAttestations as Record<string, unknown>)['needsPermitToWork'] = false),
    {
      path: 'motive.honourAttestations.needsPermitToWork',
      message:
        "Veuillez cocher la case « Avoir besoin de disposer d'un titre afin de pouvoir travailler ou faire un stage. »",
    },
  ],
  [
    'e-photo typed differently',
    'documents',
    (s) => (s.documents.ephoto.confirmation = 'AB12CD34EF56GH78IJ90KM'),
    {
      path: 'documents.ephoto.confirmation',
      code: 'identifier_mismatch',
    },
  ],
  [
    'e-photo too short',
    'documents',
    (s) => (s.documents.ephoto = { code: '123', confirmation: '123' }),
    {
      path: 'documents.ephoto.code',
      code: 'identifier_invalid',
    },
  ],
  [
    'unknown document',
    'documents',
    (s) =>
      ((s.documents.files as Record<string, unknown>)['passport'] = s.documents.files['identity']),
    {
      path: 'documents.files',
      message: 'Justificatif inconnu : passport.',
    },
  ],
  [
    'four files for one document',
    'documents',
    (s) => {
      const one = (s.documents.files as Record<string, unknown[]>)['identity']![0];
      (s.documents.files as Record<string, unknown[]>)['identity'] = [one, one, one, one];
    },
    {
      path: 'documents.files.identity',
      message: 'Vous pouvez joindre 3 fichiers au maximum par justificatif.',
    },
  ],
  [
    'no file in a document',
    'documents',
    (s) => ((s.documents.files as Record<string, unknown[]>)['identity'] = []),
    {
      path: 'documents.files.identity',
    },
  ],
  [
    'a file never uploaded',
    'documents',
    (s) => ((s.documents.files as Record<string, unknown[]>)['identity'] = ['f'.repeat(64)]),
    {
      path: 'documents.files.identity.0.sha256',
      code: 'file_unknown',
    },
  ],
  [
    'observations too long',
    'deposit',
    (s) => (s.deposit.observations = 'x'.repeat(4001)),
    {
      path: 'deposit.observations',
    },
  ],
];

describe('applicant.applications.saveStep', () => {
  it.each(['personal', 'motive', 'documents', 'deposit'] as const)(
    'saves a valid « %s » step',
    async (step) => {
      const applicationId = await newDraft();
      const result = await save(applicationId, step, validSteps()[step]);
      expect(result.saved).toBe(true);
      expect(Array.isArray(result.missing)).toBe(true);
      const stored = await applicant.client.applicant.applications.get.query({ applicationId });
      expect(stored.steps[step]).toBeDefined();
    },
  );

  it.each(rules)('refuses « %s » and stores nothing', async (_name, step, edit, expected) => {
    const applicationId = await newDraft();
    await save(applicationId, step, validSteps()[step]);
    const steps = validSteps();
    edit(steps as Steps & Record<string, never>);
    const error = await failure(save(applicationId, step, steps[step]));
    expect(error.data?.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('Certaines informations saisies ne sont pas valides.');
    const issues = error.data?.issues ?? [];
    expect(issues).toEqual([expected].flat().map((issue) => expect.objectContaining(issue)));
    for (const issue of issues) expect(issue.message).toMatch(/^[A-ZÀ-ÜL«]/);
    // The valid version saved before is still there, untouched.
    const stored = await applicant.client.applicant.applications.get.query({ applicationId });
    expect(stored.steps[step]).toMatchObject(
      JSON.parse(JSON.stringify(validSteps()[step])) as object,
    );
  });

  it.each(['married', 'pacsed'])(
    'accepts a « %s » applicant with the union described',
    async (situation) => {
      const applicationId = await newDraft();
      const { motive } = validSteps();
      const united = {
        ...motive,
        family: { situation, unionStartDate: '2019-07-13', unionCountry: 'FRANCE' },
      };
      expect((await save(applicationId, 'motive', united)).saved).toBe(true);
      const stored = await applicant.client.applicant.applications.get.query({ applicationId });
      expect(stored.steps.motive).toMatchObject({ family: united.family });
    },
  );

  it('keeps the national file’s civil status and the account’s e-mail, whatever the client sends', async () => {
    const applicationId = await newDraft();
    const personal = {
      ...validSteps().personal,
      civilStatus: { birthName: 'AUTRE', firstNames: 'Inventé', birthDate: '2001-01-01' },
      foreignerNumber: '1111111111',
      contact: { email: 'autre@exemple.test', phone: '0601020304' },
    };
    await save(applicationId, 'personal', personal);
    const stored = await applicant.client.applicant.applications.get.query({ applicationId });
    expect(stored.steps.personal).toMatchObject({
      civilStatus: { birthName: 'NATIONAL', firstNames: 'Fichier', birthDate: '1995-03-02' },
      foreignerNumber: applicant.foreignerNumber,
      contact: { email: applicant.email, phone: '0601020304' },
    });
  });

  it('records a file by what its bytes are, not by what the client claims', async () => {
    const applicationId = await newDraft();
    const identity = files['identity']![0]!;
    const documents = {
      ...validSteps().documents,
      files: {
        identity: [
          {
            sha256: identity.sha256.toUpperCase(),
            name: 'acte.pdf',
            size: 1,
            mime: 'application/pdf',
          },
        ],
      },
    };
    await save(applicationId, 'documents', documents);
    const stored = await applicant.client.applicant.applications.get.query({ applicationId });
    expect(
      (stored.steps.documents as { files: Record<string, unknown> }).files['identity'],
    ).toEqual([
      { sha256: identity.sha256, name: 'acte.pdf', size: identity.size, mime: 'image/png' },
    ]);
  });

  it('refuses another applicant’s file', async () => {
    const other = await activeApplicant(server.url);
    const theirs = await upload(server.url, other.token, distinctPng(), 'leur-fichier.png');
    const applicationId = await newDraft();
    const documents = { ...validSteps().documents, files: { identity: [theirs.sha256] } };
    const error = await failure(save(applicationId, 'documents', documents));
    expect(error.data?.issues).toEqual([
      expect.objectContaining({ path: 'documents.files.identity.0.sha256', code: 'file_unknown' }),
    ]);
  });

  it('lists what still stands between the saved steps and a submission', async () => {
    const applicationId = await newDraft();
    const first = await save(applicationId, 'personal', validSteps().personal);
    expect(first.missing.map((item) => item.path)).toEqual(['motive', 'documents']);
    await save(applicationId, 'motive', validSteps().motive);
    const { files: all } = validSteps().documents;
    const withoutComplaint = without(all as Record<string, unknown>, 'complaint');
    const third = await save(applicationId, 'documents', {
      ...validSteps().documents,
      files: withoutComplaint,
    });
    expect(third.missing).toEqual([
      {
        path: 'documents.files.complaint',
        code: 'document_missing',
        message:
          'Le justificatif « Récépissé du dépôt de plainte ou jugement de condamnation définitive » est obligatoire.',
      },
    ]);
    const last = await save(applicationId, 'documents', validSteps().documents);
    expect(last.missing).toEqual([]);
  });
});

describe('applicant.applications.submit refuses an incomplete dossier, listing every item', () => {
  async function draftWith(
    edit: (steps: Steps) => void,
    client = applicant.client,
    steps = validSteps(),
  ) {
    const applicationId = await newDraft(client);
    edit(steps);
    for (const step of ['personal', 'motive', 'documents', 'deposit'] as const)
      await client.applicant.applications.saveStep.mutate({
        applicationId,
        step,
        data: steps[step],
      });
    return applicationId;
  }

  async function refusal(applicationId: string, client = applicant.client) {
    const error = await failure(client.applicant.applications.submit.mutate({ applicationId }));
    expect(error.data?.code).toBe('BAD_REQUEST');
    const after = await client.applicant.applications.get.query({ applicationId });
    expect(after).toMatchObject({
      status: 'draft',
      applicationNumber: null,
      confirmationSha256: null,
    });
    return error.data?.issues ?? [];
  }

  /** An applicant of their own (a minor, or one whose national file changes), with an adult's documents uploaded. */
  async function applicantOfOwn(civilStatus: Record<string, unknown>) {
    const someone = await activeApplicant(server.url, { civilStatus });
    const own: Record<string, Uploaded[]> = {};
    for (const key of ['nationality', 'identity', 'residence', 'complaint'])
      own[key] = [await upload(server.url, someone.token, distinctPng(), `${key}.png`)];
    return { ...someone, steps: stepsOf(own) };
  }

  /** The national file corrects a birth date after the steps were saved: the portal reads it from there at each call. */
  function nationalFileCorrects(someone: { email: string }, birthDate: string) {
    const { id } = server.portal.repos.applicants.findByLogin(someone.email)!;
    server.portal.db
      .prepare(
        "UPDATE applicants SET civil_status = json_set(civil_status, '$.birthDate', ?) WHERE id = ?",
      )
      .run(birthDate, id);
  }

  it('names each step never saved', async () => {
    const applicationId = await newDraft();
    const issues = await refusal(applicationId);
    expect(issues.map((issue) => issue.path)).toEqual(['personal', 'motive', 'documents']);
  });

  it('asks for every required document, and the e-photo', async () => {
    const applicationId = await draftWith((steps) => {
      const documents = steps.documents as { ephoto?: unknown; files: Record<string, unknown> };
      delete documents.ephoto;
      delete documents.files['complaint'];
      delete documents.files['residence'];
    });
    const issues = await refusal(applicationId);
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['documents.ephoto', 'document_missing'],
      ['documents.files.residence', 'document_missing'],
      ['documents.files.complaint', 'document_missing'],
    ]);
  });

  it('refuses a document of another motive', async () => {
    const applicationId = await draftWith((steps) => {
      (steps.documents.files as Record<string, unknown>)['protection_order'] =
        steps.documents.files['identity'];
    });
    const issues = await refusal(applicationId);
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'documents.files.protection_order',
        code: 'document_not_in_procedure',
      }),
    ]);
  });

  // saveStep refuses these dates already (see the rules above); submit judges them again, on
  // the birth date the national file holds then.
  const entryBeforeBirth = {
    path: 'motive.entryDate',
    code: 'field_invalid',
    message: "La date d'entrée en France ne peut pas être antérieure à la date de naissance.",
  };
  const unionBeforeBirth = {
    path: 'motive.family.unionStartDate',
    code: 'field_invalid',
    message: "La date de début de l'union ne peut pas être antérieure à la date de naissance.",
  };
  it.each([
    ['a union', '2004-01-01', [unionBeforeBirth]],
    ['an entry in France and a union', '2006-01-01', [entryBeforeBirth, unionBeforeBirth]],
  ])(
    'refuses %s before the birth date the national file holds at submission',
    async (_dates, birthDate, expected) => {
      const someone = await applicantOfOwn({ birthDate: '1980-05-05' });
      const applicationId = await draftWith(
        (steps) => {
          steps.motive.entryDate = '2005-06-01';
          (steps.motive as Record<string, unknown>)['family'] = {
            situation: 'married',
            unionStartDate: '2003-07-13',
            unionCountry: 'Mexique',
          };
        },
        someone.client,
        someone.steps,
      );
      nationalFileCorrects(someone, birthDate);
      const draft = await someone.client.applicant.applications.get.query({ applicationId });
      expect(draft.missing).toEqual(expected);
      expect(await refusal(applicationId, someone.client)).toEqual(expected);
    },
  );

  it('asks a minor for the parental consent, and accepts it once given', async () => {
    const minor = await applicantOfOwn({ birthDate: seventeenYearsAgo() });
    const consent = await upload(server.url, minor.token, distinctPng(), 'accord.png');
    const { steps } = minor;
    steps.motive.entryDate = '2023-01-01';
    const applicationId = await draftWith(() => undefined, minor.client, steps);
    const issues = await refusal(applicationId, minor.client);
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'documents.files.parental_consent',
        code: 'document_missing',
      }),
    ]);
    await minor.client.applicant.applications.saveStep.mutate({
      applicationId,
      step: 'documents',
      data: {
        ...steps.documents,
        files: { ...steps.documents.files, parental_consent: [consent.sha256] },
      },
    });
    const done = await minor.client.applicant.applications.submit.mutate({ applicationId });
    expect(done.applicationNumber).toMatch(/^\d{19}$/);
  });

  it('asks an emancipated minor for the proof of emancipation, and accepts it once given', async () => {
    const minor = await applicantOfOwn({
      birthDate: seventeenYearsAgo(),
      emancipatedMinor: true,
    });
    const judgment = await upload(server.url, minor.token, distinctPng(), 'jugement.png');
    const { steps } = minor;
    steps.motive.entryDate = '2023-01-01';
    const applicationId = await draftWith(() => undefined, minor.client, steps);
    const draft = await minor.client.applicant.applications.get.query({ applicationId });
    const missingProof = {
      path: 'documents.files.emancipation',
      code: 'document_missing',
      message: "Le justificatif « Justificatif d'émancipation » est obligatoire.",
    };
    // Emancipated: no parental consent is asked for, only the proof of emancipation.
    expect(draft.missing).toEqual([missingProof]);
    expect(await refusal(applicationId, minor.client)).toEqual([missingProof]);
    const saved = await minor.client.applicant.applications.saveStep.mutate({
      applicationId,
      step: 'documents',
      data: {
        ...steps.documents,
        files: { ...steps.documents.files, emancipation: [judgment.sha256] },
      },
    });
    expect(saved.missing).toEqual([]);
    const done = await minor.client.applicant.applications.submit.mutate({ applicationId });
    expect(done.applicationNumber).toMatch(/^\d{19}$/);
  });

  it('lists every problem at once', async () => {
    const someone = await applicantOfOwn({ birthDate: '1980-05-05' });
    const applicationId = await draftWith(
      (steps) => {
        steps.motive.entryDate = '2005-06-01';
        (steps as Record<string, unknown>)['documents'] = {
          files: { identity: steps.documents.files['identity'] },
        };
      },
      someone.client,
      someone.steps,
    );
    nationalFileCorrects(someone, '2006-01-01');
    const issues = await refusal(applicationId, someone.client);
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'documents.ephoto',
      'documents.files.complaint',
      'documents.files.nationality',
      'documents.files.residence',
      'motive.entryDate',
    ]);
  });

  it('accepts a married applicant’s dossier, the union after the birth date', async () => {
    const applicationId = await draftWith(
      (steps) =>
        ((steps.motive as Record<string, unknown>)['family'] = {
          situation: 'married',
          unionStartDate: '2019-07-13',
          unionCountry: 'Mexique',
        }),
    );
    const result = await applicant.client.applicant.applications.submit.mutate({ applicationId });
    expect(result.applicationNumber).toMatch(/^59\d{17}$/);
  });

  it('accepts the complete dossier', async () => {
    const applicationId = await draftWith(() => undefined);
    const result = await applicant.client.applicant.applications.submit.mutate({ applicationId });
    expect(result.applicationNumber).toMatch(/^59\d{17}$/);
  });
});
