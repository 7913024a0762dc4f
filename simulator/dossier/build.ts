import { createHash } from 'node:crypto';
import { addDays, addMonthsClamped, type IsoDate } from '../../shared/dates/calendar-date';
import { requiredDocuments } from '../../shared/documents/requirements';
import type { SubmittedDossierInput } from '../../shared/dossier/submitted-dossier';
import { PROCEDURES } from '../../shared/procedures/catalogue';
import type { FileDocumentKey } from '../../shared/procedures/documents';
import { createRng, type Rng } from '../random';
import { marriageCertificate, birthCertificate } from '../files/documents/civil-status';
import type { DocumentSpec } from '../files/documents/common';
import { parentalConsent } from '../files/documents/consent';
import {
  hostAttestation,
  hotelAttestation,
  hotelBill,
  lease,
  rentReceipt,
  taxNotice,
  utilityBill,
} from '../files/documents/housing';
import {
  consularCard,
  hostCard,
  nationalCard,
  nationalityCertificate,
  passport,
} from '../files/documents/identity';
import {
  complaintReceipt,
  convictionJudgment,
  familyCourtDecision,
  prosecutorAttestation,
} from '../files/documents/justice';
import {
  deviceFileName,
  isMultiPage,
  renderDocument,
  type FileFormat,
  type GeneratedFile,
} from '../files/generate';
import { cityLine, streetLine } from './places';
import { COVERAGE, drawSituation, drawStory, type Story } from './story';

/** One paper the applicant joins, and how they turn it into files. */
export type Piece = { spec: DocumentSpec; format: FileFormat; baseName: string | undefined };

export type PlannedDocument = { key: FileDocumentKey; pieces: Piece[] };

/** A simulated applicant before any network call: who, the account, the documents to join. */
export type SimulatedApplicant = {
  seed: string;
  index: number;
  story: Story;
  account: { email: string; password: string };
  /** As the national file holds it (dev.createApplicant). */
  civilStatus: {
    birthName: string;
    usageName?: string;
    firstNames: string;
    sex: 'male' | 'female';
    birthDate: IsoDate;
    emancipatedMinor: boolean;
    birthCountry: string;
    birthPlace: string;
    nationality: string;
  };
  documents: PlannedDocument[];
};

/** A file as the documents step refers to it. */
export type FileRef = { sha256: string; name: string; size: number; mime: string };

const MAX_FILES = 3;

/** How people usually turn paper into files; each applicant has a habit and sometimes departs from it. */
const FORMAT_WEIGHTS: Readonly<
  Record<'digital' | 'card' | 'paper', readonly (readonly [FileFormat, number])[]>
> = {
  digital: [
    ['pdf-digital', 60],
    ['pdf-scan', 8],
    ['jpeg-photo', 14],
    ['png-scan', 6],
    ['pdf-image', 5],
    ['tiff-grey', 4],
    ['bmp-scan', 3],
  ],
  card: [
    ['jpeg-photo', 38],
    ['pdf-scan', 26],
    ['pdf-image', 8],
    ['png-scan', 10],
    ['bmp-scan', 7],
    ['tiff-grey', 6],
    ['jpeg-scan', 5],
  ],
  paper: [
    ['pdf-scan', 42],
    ['jpeg-photo', 20],
    ['pdf-image', 8],
    ['jpeg-scan', 6],
    ['png-scan', 8],
    ['tiff-grey', 5],
    ['tiff-bilevel', 6],
    ['bmp-scan', 5],
  ],
};

function familyOf(spec: DocumentSpec): 'digital' | 'card' | 'paper' {
  return spec.digital ? 'digital' : spec.focus ? 'card' : 'paper';
}

function filesOf(piece: Pick<Piece, 'spec' | 'format'>): number {
  return isMultiPage(piece.format) ? 1 : piece.spec.pages.length;
}

/**
 * Formats for the pieces of one document, within 3 files: a multi-page paper photographed page by
 * page counts one file per page, so when that would exceed the limit it is scanned to PDF instead.
 */
function chooseFormats(specs: readonly DocumentSpec[], habit: FileFormat, rng: Rng): Piece[] {
  const pieces = specs.map((spec) => {
    const weights = FORMAT_WEIGHTS[familyOf(spec)];
    const usual = weights.some(([format]) => format === habit) && rng.chance(0.55);
    let format = usual ? habit : rng.weighted(weights);
    // Papers of several pages are more often scanned to one PDF than photographed page by page.
    if (spec.pages.length > 1 && !isMultiPage(format) && rng.chance(0.6)) format = 'pdf-scan';
    const device =
      (format === 'jpeg-photo' && rng.chance(0.4)) || (format !== 'jpeg-photo' && rng.chance(0.15));
    return {
      spec,
      format,
      baseName: device ? deviceFileName(format, '2000-01-01', rng) : undefined,
    };
  });
  for (const piece of [...pieces].sort((a, b) => filesOf(b) - filesOf(a))) {
    if (pieces.reduce((sum, each) => sum + filesOf(each), 0) <= MAX_FILES) break;
    piece.format = rng.chance(0.8) ? 'pdf-scan' : 'tiff-grey';
  }
  return pieces;
}

/** The papers for each required document, from the applicant's story. */
function documentSpecs(key: FileDocumentKey, story: Story, rng: Rng): DocumentSpec[] {
  const { applicant, country, asOf, address } = story;
  const addressText = `${streetLine(address)} ${cityLine(address)}`;
  switch (key) {
    case 'nationality':
      switch (story.situation.nationality) {
        case 'passport':
          return [passport(applicant, country, story.passport, story.entryDate, rng)];
        case 'idCard':
          return [nationalCard(applicant, country, story.passport, addressText, rng)];
        case 'certificate':
          return [
            nationalityCertificate(
              applicant,
              country,
              `${applicant.sex === 'female' ? 'fille' : 'fils'} de ${story.father.firstNames} ${story.father.familyName} et de ${story.mother.firstNames} ${story.mother.familyName}`,
              asOf,
              rng,
            ),
          ];
        case 'consularCard':
          return [
            consularCard(
              applicant,
              country,
              { ...story.passport, issuedOn: addMonthsClamped(asOf, -rng.int(2, 20)) },
              addressText,
              rng,
            ),
          ];
      }
      break;
    case 'identity': {
      const representation =
        story.minor?.kind === 'notEmancipated' ? story.minor.representation : null;
      const recognition =
        representation === 'recognisedBeforeOne'
          ? 'beforeOne'
          : representation === 'recognisedAfterOne'
            ? 'afterOne'
            : null;
      return [
        birthCertificate(
          applicant,
          country,
          story,
          { asOf, recognition, integral: rng.chance(0.25) },
          rng,
        ),
      ];
    }
    case 'parental_consent': {
      if (story.minor?.kind !== 'notEmancipated') break;
      const { representative, relation, representation } = story.minor;
      const third = representation === 'thirdParty';
      const consent = parentalConsent(
        applicant,
        representative,
        relation,
        address,
        asOf,
        rng,
        third && rng.chance(0.5),
      );
      const identity = third
        ? hostCard(representative, 'idCard', addressText, rng, asOf)
        : rng.chance(0.5)
          ? passport(
              representative,
              country,
              {
                ...story.passport,
                number: `${story.passport.number.slice(0, 2)}${rng.int(1000000, 9999999)}`,
              },
              story.entryDate,
              rng,
            )
          : nationalCard(representative, country, story.passport, addressText, rng);
      const parents = {
        father: story.father,
        mother: story.mother,
        third: third ? representative : null,
      };
      const decidedOn = addDays(asOf, -rng.int(60, 2000));
      const proof = (() => {
        switch (representation) {
          case 'parentsMarried':
            return marriageCertificate(
              [story.father, story.mother],
              country,
              {
                on: addDays(applicant.birthDate, -rng.int(200, 3000)),
                place: rng.pick(country.towns),
                inFrance: false,
              },
              asOf,
              rng,
              'acte-mariage-parents',
            );
          case 'parentsDivorced':
            return familyCourtDecision(
              'divorce',
              applicant,
              parents,
              story.commune.court,
              decidedOn,
              rng,
            );
          case 'recognisedBeforeOne':
            return {
              ...birthCertificate(
                applicant,
                country,
                story,
                { asOf, recognition: 'beforeOne', integral: true },
                rng,
              ),
              name: 'acte-naissance-reconnaissance',
            };
          case 'recognisedAfterOne':
            return familyCourtDecision(
              'jointAuthority',
              applicant,
              parents,
              story.commune.court,
              decidedOn,
              rng,
            );
          case 'parentsSeparated':
            return familyCourtDecision(
              'separation',
              applicant,
              parents,
              story.commune.court,
              decidedOn,
              rng,
            );
          case 'thirdParty':
            return familyCourtDecision(
              'delegation',
              applicant,
              parents,
              story.commune.court,
              decidedOn,
              rng,
            );
        }
      })();
      return [consent, identity, proof];
    }
    case 'emancipation': {
      if (story.minor?.kind !== 'emancipated') break;
      if (story.minor.by === 'judge')
        return [
          familyCourtDecision(
            'emancipation',
            applicant,
            { father: story.father, mother: story.mother, third: null },
            story.minor.court,
            story.minor.on,
            rng,
          ),
        ];
      const spouse = story.union?.spouse ?? story.father;
      return [
        marriageCertificate(
          [applicant, spouse],
          country,
          {
            on: story.minor.on,
            place: story.union?.country === 'FRANCE' ? story.commune.city : rng.pick(country.towns),
            inFrance: story.union?.country === 'FRANCE',
          },
          asOf,
          rng,
        ),
      ];
    }
    case 'residence': {
      const residence = story.residence;
      switch (residence.kind) {
        case 'bill':
          return [utilityBill(applicant, address, residence.supplier, asOf, rng)];
        case 'lease':
          return [
            lease(applicant, residence.landlord, address, residence.rent, residence.since, rng),
          ];
        case 'rentReceipt': {
          const months = rng.int(1, 2);
          return Array.from({ length: months }, (_, index) =>
            rentReceipt(
              applicant,
              residence.landlord,
              address,
              residence.rent,
              addMonthsClamped(asOf, -1 - index).slice(0, 8) + '01',
              rng,
            ),
          );
        }
        case 'hotel':
          return [
            hotelAttestation(
              applicant,
              residence.hotel,
              residence.manager,
              address,
              residence.since,
              asOf,
              rng,
            ),
            hotelBill(applicant, residence.hotel, address, residence.nightly, asOf, rng),
          ];
        case 'hosted': {
          const hostAddress = { ...address, complement: null };
          const proof =
            residence.proof === 'taxNotice'
              ? taxNotice(residence.host, hostAddress, asOf, rng)
              : utilityBill(
                  residence.host,
                  hostAddress,
                  residence.proof,
                  asOf,
                  rng,
                  'justificatif-domicile-hebergeant',
                );
          return [
            hostAttestation(applicant, residence.host, hostAddress, residence.since, asOf, rng),
            hostCard(
              residence.host,
              residence.hostDocument,
              `${streetLine(hostAddress)} ${cityLine(hostAddress)}`,
              rng,
              asOf,
            ),
            proof,
          ];
        }
      }
      break;
    }
    case 'complaint':
      switch (story.complaint.kind) {
        case 'receipt':
          return [complaintReceipt(applicant, story.complaint, rng)];
        case 'proceedings':
          return rng.chance(0.3)
            ? [
                prosecutorAttestation(applicant, story.complaint, asOf, rng),
                complaintReceipt(applicant, story.complaint, rng),
              ]
            : [prosecutorAttestation(applicant, story.complaint, asOf, rng)];
        case 'conviction':
          return [convictionJudgment(applicant, story.complaint, rng)];
      }
      break;
    case 'ase_placement':
    case 'protection_order':
      break;
  }
  throw new Error(
    `Le simulateur ne sait pas produire le justificatif « ${key} » pour cette situation.`,
  );
}

function passwordFor(rng: Rng): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const body = Array.from({ length: 8 }, () => rng.pick([...letters])).join('');
  return `${body.charAt(0).toUpperCase()}${body.slice(1)}-${rng.int(10, 99)}!`;
}

/**
 * Applicant `index` of the run with `seed`, as of `asOf` (the submission day): deterministic, so the
 * same seed gives the same people, accounts and papers. The first ones follow COVERAGE.
 */
export function planApplicant(seed: string, index: number, asOf: IsoDate): SimulatedApplicant {
  const rng = createRng(`${seed}#${index}`);
  const situation = COVERAGE[index] ?? drawSituation(rng.fork('situation'));
  const story = drawStory(situation, rng.fork('story'), asOf, seed, index);
  const { applicant } = story;
  const emancipatedMinor = story.minor?.kind === 'emancipated';
  const usageName =
    story.union && applicant.sex === 'female' && situation.family === 'married' && rng.chance(0.4)
      ? story.union.spouse.familyName
      : undefined;
  const civilStatus = {
    birthName: applicant.familyName,
    ...(usageName ? { usageName } : {}),
    firstNames: applicant.firstNames,
    sex: applicant.sex,
    birthDate: applicant.birthDate,
    emancipatedMinor,
    birthCountry: story.country.name,
    birthPlace: applicant.birthPlace,
    nationality: applicant.nationality,
  };
  const habit = rng.fork('habit').weighted<FileFormat>([
    ['pdf-scan', 48],
    ['jpeg-photo', 40],
    ['png-scan', 5],
    ['tiff-grey', 4],
    ['jpeg-scan', 3],
  ]);
  const required = requiredDocuments(
    PROCEDURES['vpf-teh'],
    { birthDate: applicant.birthDate, emancipatedMinor },
    asOf,
  );
  const documents = required
    .filter((document) => document.input === 'files')
    .map((document) => {
      const key = document.key as FileDocumentKey;
      const specs = documentSpecs(key, story, rng.fork(`spec:${key}`));
      return { key, pieces: chooseFormats(specs, habit, rng.fork(`format:${key}`)) };
    });
  return {
    seed,
    index,
    story,
    account: { email: story.email, password: passwordFor(rng.fork('password')) },
    civilStatus,
    documents,
  };
}

/** The files of one document, rendered (deterministic from the seed). Names are unique within the document. */
export async function renderPieces(
  applicant: SimulatedApplicant,
  document: PlannedDocument,
  label = 'files',
): Promise<GeneratedFile[]> {
  const rng = createRng(`${applicant.seed}#${applicant.index}/${label}:${document.key}`);
  const files: GeneratedFile[] = [];
  for (const [position, piece] of document.pieces.entries()) {
    const baseName = piece.baseName?.replace('20000101', applicant.story.asOf.replace(/-/g, ''));
    const rendered = await renderDocument(piece.spec, piece.format, rng.fork(String(position)), {
      date: addDays(applicant.story.asOf, -rng.int(0, 6)),
      ...(baseName ? { baseName } : {}),
    });
    for (const file of rendered) {
      const taken = new Set(files.map((each) => each.name));
      let name = file.name;
      for (let copy = 2; taken.has(name); copy += 1)
        name = file.name.replace(/(\.[a-z]+)$/, `-${copy}$1`);
      files.push({ ...file, name });
    }
  }
  return files;
}

export function fileRefOf(file: GeneratedFile): FileRef {
  return {
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    name: file.name,
    size: file.bytes.length,
    mime: file.mime,
  };
}

/**
 * The dossier as the applicant fills it in, step by step: what saveStep receives and what
 * validateDossier must accept. `files` are the stored files' references per document.
 */
export function dossierOf(
  applicant: SimulatedApplicant,
  foreignerNumber: string,
  files: Partial<Record<FileDocumentKey, FileRef[]>>,
): SubmittedDossierInput {
  const { story } = applicant;
  const { address } = story;
  const rng = createRng(`${applicant.seed}#${applicant.index}/form`);
  const union = story.union;
  const typedEphoto = rng.chance(0.2) ? story.ephoto.toLowerCase() : story.ephoto;
  return {
    personal: {
      civilStatus: applicant.civilStatus,
      foreignerNumber,
      address: {
        line: `${streetLine(address)} ${address.commune.postcode} ${address.commune.city}`,
        overseas: address.commune.overseas,
        streetNumber: address.streetNumber,
        street: address.street,
        complement: address.complement,
        postcode: address.commune.postcode,
        city: address.commune.city,
        country: 'FRANCE',
        inseeCode: address.commune.inseeCode,
      },
      contact: { email: applicant.account.email, phone: story.phone },
    },
    motive: {
      procedure: 'vpf-teh',
      entryDate: story.entryDate,
      family: union
        ? {
            situation: story.situation.family as 'married' | 'pacsed',
            unionStartDate: union.on,
            unionCountry: union.country,
          }
        : { situation: story.situation.family as 'single' | 'cohabiting' | 'divorced' },
      hasDependentChildren: story.children.length > 0,
      honourAttestations: { needsPermitToWork: true, awareOfPenalties: true },
    },
    documents: {
      ephoto: {
        code: story.ephoto,
        confirmation: rng.chance(0.2) ? typedEphoto.replace(/(.{4})/g, '$1 ').trim() : typedEphoto,
      },
      files,
    },
    deposit: { observations: story.observations },
  };
}
