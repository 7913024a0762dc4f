import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { ApplicationRow } from '../../db/portal/application-repository';
import type { FileRepository } from '../../db/portal/file-repository';
import type { JsonObject } from '../../db/json-column';
import { STEP_KEYS, type StepKey } from '../../shared/dossier/submitted-dossier';
import type { FieldIssue } from '../errors';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The fields the applicant does not type: the civil status and the foreigner number come from the
 * national file, the e-mail address is the account's, the motive is the application's. Whatever
 * a client sends for them is replaced, so the dossier always carries the file's values (the
 * applicant reports an outdated civil status in the observations of step 4).
 */
function withAccountData(
  step: StepKey,
  data: JsonObject,
  applicant: ApplicantRow,
  application: ApplicationRow,
): JsonObject {
  switch (step) {
    case 'personal':
      return {
        ...data,
        civilStatus: applicant.civilStatus,
        foreignerNumber: applicant.foreignerNumber,
        contact: { ...(isObject(data['contact']) ? data['contact'] : {}), email: applicant.email },
      };
    case 'motive':
      return { ...data, procedure: application.procedure };
    default:
      return data;
  }
}

/**
 * A document's files are referred to by sha256 (a bare string, or `{ sha256, name? }`): size and
 * type are the portal's own record of the bytes, read at upload, never what the client claims. A
 * file this applicant never uploaded is refused.
 */
function withFileRecords(
  data: JsonObject,
  applicantId: string,
  files: FileRepository,
): { data: JsonObject; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (!isObject(data['files'])) return { data, issues };
  const resolved = Object.fromEntries(
    Object.entries(data['files']).map(([key, list]) => {
      if (!Array.isArray(list)) return [key, list];
      return [
        key,
        list.map((item: unknown, index) => {
          const given = typeof item === 'string' ? item : isObject(item) ? item['sha256'] : null;
          if (typeof given !== 'string' || !SHA256.test(given.toLowerCase())) return item;
          const sha256 = given.toLowerCase();
          const upload = files.uploadBy(sha256, { applicantId });
          const file = files.find(sha256);
          if (!upload || !file) {
            issues.push({
              path: `documents.files.${key}.${index}.sha256`,
              code: 'file_unknown',
              message: `Le fichier ${sha256.slice(0, 12)}… n'a pas été déposé depuis votre compte : joignez-le de nouveau.`,
            });
            return item;
          }
          const name =
            isObject(item) && typeof item['name'] === 'string' && item['name'].trim() !== ''
              ? item['name']
              : upload.originalName;
          return { sha256, name, size: file.size, mime: file.mime };
        }),
      ];
    }),
  );
  return { data: { ...data, files: resolved }, issues };
}

/** One step as the portal validates and stores it. */
export function prepareStep(
  step: StepKey,
  data: unknown,
  context: { applicant: ApplicantRow; application: ApplicationRow; files: FileRepository },
): { data: unknown; issues: FieldIssue[] } {
  if (!isObject(data)) return { data, issues: [] };
  const { applicant, application, files } = context;
  const completed = withAccountData(step, data, applicant, application);
  return step === 'documents'
    ? withFileRecords(completed, applicant.id, files)
    : { data: completed, issues: [] };
}

/** The saved steps put together as a dossier, the account's data refreshed (for the missing list and the submission). */
export function assembleDossier(
  steps: Partial<Record<StepKey, JsonObject>>,
  applicant: ApplicantRow,
  application: ApplicationRow,
): JsonObject {
  const dossier: JsonObject = {};
  for (const step of STEP_KEYS) {
    const data = steps[step];
    if (data) dossier[step] = withAccountData(step, data, applicant, application);
  }
  return dossier;
}
