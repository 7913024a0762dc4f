import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { ApplicationRow, DocumentFile } from '../../db/portal/application-repository';
import type { JsonObject } from '../../db/json-column';
import { isIsoDate } from '../../shared/dates/calendar-date';
import { parisDateOf } from '../../shared/dates/paris-time';
import { validateDossier, validateStep } from '../../shared/dossier/validate';
import type { StepKey, SubmittedDossier } from '../../shared/dossier/submitted-dossier';
import {
  formatApplicationNumber,
  MAX_APPLICATION_SEQUENCE,
} from '../../shared/identifiers/application-number';
import { departementOfAddress } from '../../shared/identifiers/address-departement';
import { isProcedureKey, PROCEDURES, type ProcedureKey } from '../../shared/procedures/catalogue';
import { DOCUMENTS, type DocumentKey } from '../../shared/procedures/documents';
import { depositAcknowledgmentEmail } from '../../shared/texts/emails';
import { applicantStatusLabel } from '../../shared/workflow/statuses';
import { transition } from '../../shared/workflow/transitions';
import { defaultServiceName } from '../accounts/accounts';
import { displayNameOf } from '../accounts/national-file';
import type { PortalDeps } from '../deps';
import {
  applicationAlreadySubmitted,
  applicationNotFound,
  domainIssues,
  incompleteApplication,
  invalidInput,
  noNumberLeft,
  procedureNotOpen,
  transitionRefused,
  type FieldIssue,
} from '../errors';
import { confirmationInputOf } from './confirmation';
import { assembleDossier, prepareStep } from './dossier-input';

/** The office (guichet) digits of the application number: one online office per département. */
const ONLINE_OFFICE = 1;
/** A submission whose number was taken meanwhile by another process renders its PDF again; this bounds the retries. */
const MAX_NUMBER_ATTEMPTS = 20;

/** « NOM Prénom(s) », as agents sort and read names in the queue. */
export function applicantNameOf(civilStatus: JsonObject): string {
  const name = String(civilStatus['usageName'] || civilStatus['birthName'] || '').toUpperCase();
  return [name, civilStatus['firstNames']].filter(Boolean).join(' ');
}

function confirmationFileName(applicationNumber: string): string {
  return `confirmation-depot-${applicationNumber}.pdf`;
}

/** Runs `task`s with the same key one after the other (the numbering of one département and day). */
function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

export function createApplications(deps: PortalDeps) {
  const { db, repos, blobs, now } = deps;
  const serialize = createKeyedQueue();

  function own(applicant: ApplicantRow, applicationId: string): ApplicationRow {
    const application = repos.applications.findById(applicationId);
    if (!application || application.applicantId !== applicant.id) throw applicationNotFound();
    return application;
  }

  function ownDraft(applicant: ApplicantRow, applicationId: string): ApplicationRow {
    const application = own(applicant, applicationId);
    if (application.status !== 'draft') throw applicationAlreadySubmitted();
    return application;
  }

  /** Everything that still stands between the saved steps and a submission on `asOf`. */
  function missingOf(applicant: ApplicantRow, application: ApplicationRow): FieldIssue[] {
    const input = assembleDossier(repos.applications.steps(application.id), applicant, application);
    const checked = validateDossier(input, { asOf: parisDateOf(now()) });
    return checked.ok ? [] : domainIssues(checked.errors);
  }

  function summary(applicant: ApplicantRow, application: ApplicationRow) {
    const procedure = isProcedureKey(application.procedure)
      ? PROCEDURES[application.procedure]
      : undefined;
    const submittedAt = application.submittedAt ? new Date(application.submittedAt) : null;
    return {
      applicationId: application.id,
      applicationNumber: application.applicationNumber,
      type: procedure?.applicationType ?? application.procedure,
      procedure: application.procedure,
      foreignerNumber: applicant.foreignerNumber,
      status: application.status,
      statusLabel: applicantStatusLabel(application.status, submittedAt),
      createdAt: application.createdAt,
      submittedAt: application.submittedAt,
      confirmationSha256: application.confirmationSha256,
    };
  }

  /** What the change log publishes at submission: all an agent needs to review the dossier. */
  function submittedChangeData(
    application: ApplicationRow,
    applicant: ApplicantRow,
    dossier: SubmittedDossier,
    documents: { documentKey: string; version: number; files: DocumentFile[] }[],
    confirmation: DocumentFile,
  ): JsonObject {
    const files = new Map<string, DocumentFile>();
    for (const file of documents.flatMap((document) => document.files))
      files.set(file.sha256, file);
    files.set(confirmation.sha256, confirmation);
    return {
      applicationNumber: application.applicationNumber,
      procedure: application.procedure,
      applicationType: PROCEDURES[application.procedure as ProcedureKey].applicationType,
      foreignerNumber: applicant.foreignerNumber,
      applicantName: applicantNameOf(applicant.civilStatus),
      applicant: { displayName: displayNameOf(applicant.civilStatus), email: applicant.email },
      status: application.status,
      version: application.version,
      submittedAt: application.submittedAt,
      serviceCode: application.serviceCode,
      assignedAgentId: null,
      dossier: dossier as unknown as JsonObject,
      documents: documents.map((document) => ({
        ...document,
        label: DOCUMENTS[document.documentKey as DocumentKey].label,
        source: 'submission',
      })),
      confirmation,
      files: [...files.values()],
    };
  }

  return {
    create(applicant: ApplicantRow, procedure: ProcedureKey) {
      const definition = PROCEDURES[procedure];
      // The catalogue marks a motive whose facts are not confirmed yet: not open to applicants.
      if (definition.card.toConfirm) throw procedureNotOpen(definition.choiceLabel);
      const application = repos.applications.createDraft({
        procedure,
        applicantId: applicant.id,
        at: now(),
      });
      return { applicationId: application.id };
    },

    /**
     * « Votre saisie est sauvegardée à la validation de chaque étape »: a valid step is stored, an
     * invalid one refused whole. The birth date is the national file's, known before step 1 is
     * saved: a date of the motive step that precedes it is refused here already.
     */
    saveStep(applicant: ApplicantRow, applicationId: string, step: StepKey, data: unknown) {
      const application = ownDraft(applicant, applicationId);
      const prepared = prepareStep(step, data, { applicant, application, files: repos.files });
      const birthDate = applicant.civilStatus['birthDate'];
      const checked = validateStep(step, prepared.data, {
        asOf: parisDateOf(now()),
        birthDate: isIsoDate(birthDate) ? birthDate : undefined,
      });
      // An unknown file is reported once, not again for the description the schema then misses.
      const unknown = prepared.issues.map((issue) => issue.path.replace(/\.sha256$/, ''));
      const schemaIssues = (checked.ok ? [] : domainIssues(checked.errors)).filter(
        (issue) =>
          !unknown.some((path) => issue.path === path || issue.path.startsWith(`${path}.`)),
      );
      const issues = [...prepared.issues, ...schemaIssues];
      if (issues.length > 0) throw invalidInput(issues);
      return db
        .transaction(() => {
          // Re-read under the write lock: a submission may have happened since.
          const current = ownDraft(applicant, applicationId);
          repos.applications.saveStep(current.id, step, prepared.data as JsonObject, now());
          return { saved: true as const, missing: missingOf(applicant, current) };
        })
        .immediate();
    },

    get(applicant: ApplicantRow, applicationId: string) {
      const application = own(applicant, applicationId);
      return {
        ...summary(applicant, application),
        version: application.version,
        steps: repos.applications.steps(application.id),
        missing: application.status === 'draft' ? missingOf(applicant, application) : [],
        documents: repos.applications.documentVersions(application.id).map((version) => ({
          documentKey: version.documentKey,
          version: version.version,
          source: version.source,
          files: version.files,
          createdAt: version.createdAt,
        })),
      };
    },

    list(applicant: ApplicantRow) {
      return repos.applications
        .listOfApplicant(applicant.id)
        .map((application) => summary(applicant, application));
    },

    /**
     * « Déposer la demande »: every rule of shared/ on the whole dossier, then, in one transaction,
     * the number (its day's counter), the status, the document versions, the change-log entry and
     * the acknowledgment e-mail. The confirmation PDF names the number, so it is rendered (and
     * stored by content) before that transaction, for the number the counter would give; if
     * another process took that number meanwhile, the claim fails and the PDF is made again.
     */
    async submit(applicant: ApplicantRow, applicationId: string) {
      const draft = ownDraft(applicant, applicationId);
      const submittedAt = now();
      const asOf = parisDateOf(submittedAt);
      const input = assembleDossier(repos.applications.steps(draft.id), applicant, draft);
      const checked = validateDossier(input, { asOf });
      if (!checked.ok) throw incompleteApplication(domainIssues(checked.errors));
      const dossier = checked.value;
      const routed = departementOfAddress(dossier.personal.address);
      if (!routed.ok)
        throw incompleteApplication(
          domainIssues([{ ...routed.error, field: 'personal.address.postcode' }]),
        );
      const allowed = transition(draft.status, 'submit', 'applicant');
      if (!allowed.ok) throw transitionRefused(allowed.error);
      const departement = routed.value;
      const key = { departement, office: String(ONLINE_OFFICE), day: asOf };

      return serialize(`${key.departement}/${key.office}/${key.day}`, async () => {
        for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt++) {
          ownDraft(applicant, applicationId);
          const sequence = repos.applications.peekSequence(key);
          if (sequence > MAX_APPLICATION_SEQUENCE) throw noNumberLeft();
          const number = formatApplicationNumber({
            departement,
            office: ONLINE_OFFICE,
            date: asOf,
            sequence,
          });
          if (!number.ok) throw new Error(number.error.message);
          const applicationNumber = number.value;
          const pdf = await deps.renderConfirmation(
            confirmationInputOf(dossier, applicationNumber, asOf),
          );
          const stored = await blobs.put(pdf);
          const confirmation: DocumentFile = {
            sha256: stored.sha256,
            name: confirmationFileName(applicationNumber),
            size: stored.size,
            mime: 'application/pdf',
          };

          const result = db
            .transaction(() => {
              if (!repos.applications.claimSequence(key, sequence)) return null;
              repos.agents.ensureService(
                { code: departement, name: defaultServiceName(departement) },
                submittedAt,
              );
              repos.files.recordFile(
                { sha256: stored.sha256, size: stored.size, mime: 'application/pdf', pages: null },
                submittedAt,
              );
              repos.files.recordUpload(
                {
                  sha256: stored.sha256,
                  uploader: { portal: true },
                  originalName: confirmation.name,
                },
                submittedAt,
              );
              const submitted = repos.applications.markSubmitted(draft.id, {
                applicationNumber,
                serviceCode: departement,
                dossier: dossier as unknown as JsonObject,
                confirmationSha256: stored.sha256,
                submittedAt,
              });
              if (!submitted) throw applicationAlreadySubmitted();
              repos.applications.linkFile(draft.id, stored.sha256);
              const documents = Object.entries(dossier.documents.files).map(
                ([documentKey, files]) => {
                  for (const file of files) repos.applications.linkFile(draft.id, file.sha256);
                  const version = repos.applications.addDocumentVersion({
                    applicationId: draft.id,
                    documentKey,
                    files,
                    source: 'submission',
                    supplementAnswerId: null,
                    createdAt: submittedAt,
                  });
                  return { documentKey, version: version.version, files: version.files };
                },
              );
              const application = repos.applications.findById(draft.id) as ApplicationRow;
              repos.changes.append({
                type: 'application.submitted',
                applicationNumber,
                version: application.version,
                at: submittedAt,
                serviceCode: departement,
                data: submittedChangeData(application, applicant, dossier, documents, confirmation),
              });
              const mail = depositAcknowledgmentEmail({
                displayName: displayNameOf(applicant.civilStatus),
              });
              repos.mailbox.send(
                { to: applicant.email, subject: mail.subject, body: mail.body },
                submittedAt,
              );
              return {
                applicationNumber,
                submittedAt: application.submittedAt as string,
                confirmationSha256: stored.sha256,
              };
            })
            .immediate();
          if (result) return result;
        }
        throw new Error('Aucun numéro de demande n’a pu être attribué après plusieurs essais.');
      });
    },
  };
}

export type Applications = ReturnType<typeof createApplications>;
