import type { ApplicantRow } from '../../db/portal/applicant-repository';
import type { ApplicationRow, DocumentFile } from '../../db/portal/application-repository';
import type { JsonObject } from '../../db/json-column';
import { documentFilesSchema } from '../../shared/dossier/files';
import { DOCUMENTS, type DocumentKey } from '../../shared/procedures/documents';
import { transition } from '../../shared/workflow/transitions';
import { displayNameOf } from '../accounts/national-file';
import { publishDetail, publishUpdate } from '../applications/change-entries';
import type { PortalDeps } from '../deps';
import {
  invalidInput,
  notASupplementRequest,
  notificationNotFound,
  supplementAlreadyAnswered,
  supplementWithdrawn,
  transitionRefused,
  UserFacingError,
  zodIssues,
  type FieldIssue,
} from '../errors';
import type { Notifications } from './notifications';

export type SupplementAnswerInput =
  | { documentKey: string; action: 'maintain'; reason: string }
  | { documentKey: string; action: 'update'; files: string[]; message?: string | undefined };

function labelOf(documentKey: string): string {
  return Object.hasOwn(DOCUMENTS, documentKey)
    ? DOCUMENTS[documentKey as DocumentKey].label
    : documentKey;
}

/**
 * « Valider et envoyer »: one answer for every document of the request, each either « Maintenir
 * le document » (with the reason) or « Mettre à jour le document » (new files, which become the
 * document's next version; the earlier versions stay). Accepted once; refused whole otherwise.
 */
export function createSupplementAnswers(deps: PortalDeps, notifications: Notifications) {
  const { db, repos, now } = deps;

  /** The files of an update, as the portal recorded them when this applicant uploaded them. */
  function resolveFiles(
    applicant: ApplicantRow,
    hashes: readonly string[],
    path: string,
    issues: FieldIssue[],
  ): DocumentFile[] {
    const files: DocumentFile[] = [];
    hashes.forEach((given, index) => {
      const sha256 = given.toLowerCase();
      const upload = repos.files.uploadBy(sha256, { applicantId: applicant.id });
      const file = repos.files.find(sha256);
      if (!upload || !file) {
        issues.push({
          path: `${path}.${index}`,
          code: 'file_unknown',
          message: `Le fichier ${sha256.slice(0, 12)}… n'a pas été déposé depuis votre compte : joignez-le de nouveau.`,
        });
        return;
      }
      files.push({ sha256, name: upload.originalName, size: file.size, mime: file.mime });
    });
    const checked = documentFilesSchema.safeParse(files);
    if (!checked.success && files.length === hashes.length)
      issues.push(...zodIssues(checked.error, path));
    return files;
  }

  return {
    answer(
      applicant: ApplicantRow,
      notificationId: string,
      answers: readonly SupplementAnswerInput[],
    ) {
      return db
        .transaction(() => {
          const notification = repos.notifications.find(notificationId);
          if (!notification || notification.applicantId !== applicant.id)
            throw notificationNotFound();
          const request = repos.notifications.supplementRequestOfNotification(notificationId);
          if (!request) throw notASupplementRequest();
          if (request.withdrawnAt) throw supplementWithdrawn();
          if (repos.notifications.answerOf(request.id)) throw supplementAlreadyAnswered();
          const application = repos.applications.findById(request.applicationId) as ApplicationRow;
          const allowed = transition(application.status, 'answerSupplement', 'applicant');
          if (!allowed.ok) throw transitionRefused(allowed.error);

          const requested = request.items.map((item) => String(item['documentKey']));
          const issues: FieldIssue[] = [];
          const seen = new Set<string>();
          const resolved = answers.map((answer, index) => {
            const path = `answers.${index}`;
            if (!requested.includes(answer.documentKey)) {
              issues.push({
                path: `${path}.documentKey`,
                code: 'document_not_requested',
                message: `Le justificatif « ${labelOf(answer.documentKey)} » ne fait pas partie de la demande de complément.`,
              });
            } else if (seen.has(answer.documentKey)) {
              issues.push({
                path: `${path}.documentKey`,
                code: 'answer_duplicate',
                message: `Vous avez répondu deux fois pour le justificatif « ${labelOf(answer.documentKey)} » : une seule réponse par justificatif.`,
              });
            }
            seen.add(answer.documentKey);
            return answer.action === 'update'
              ? {
                  ...answer,
                  resolved: resolveFiles(applicant, answer.files, `${path}.files`, issues),
                }
              : { ...answer, resolved: [] };
          });
          for (const documentKey of requested.filter((key) => !seen.has(key))) {
            issues.push({
              path: 'answers',
              code: 'answer_missing',
              message: `Veuillez maintenir ou mettre à jour le justificatif « ${labelOf(documentKey)} ».`,
            });
          }
          if (issues.length > 0) throw invalidInput(issues);

          const at = now();
          notifications.markRead(notification, at);
          const stored = repos.notifications.recordSupplementAnswer({
            supplementRequestId: request.id,
            applicantId: applicant.id,
            answers: answers.map((answer) => ({ ...answer }) as JsonObject),
            createdAt: at,
          });
          if (!stored) throw supplementAlreadyAnswered();

          const published = resolved.map(
            (answer): JsonObject & { documentKey: string; action: string } => {
              if (answer.action === 'maintain')
                return {
                  documentKey: answer.documentKey,
                  action: 'maintain',
                  reason: answer.reason,
                };
              for (const file of answer.resolved)
                repos.applications.linkFile(application.id, file.sha256);
              const version = repos.applications.addDocumentVersion({
                applicationId: application.id,
                documentKey: answer.documentKey,
                files: answer.resolved,
                source: 'supplement',
                supplementAnswerId: stored.id,
                createdAt: at,
              });
              return {
                documentKey: answer.documentKey,
                action: 'update',
                ...(answer.message ? { message: answer.message } : {}),
                documentVersion: version.version,
                files: answer.resolved,
              };
            },
          );

          const version = repos.applications.update(application.id, application.version, {
            status: allowed.to,
            assignedAgentId: application.assignedAgentId,
            updatedAt: at,
          });
          if (version === null)
            throw new UserFacingError(
              'CONFLICT',
              'Votre dossier a été modifié entre-temps. Réessayez.',
            );
          const updated = repos.applications.findById(application.id) as ApplicationRow;
          publishDetail(deps, 'supplement.answered', updated, at, {
            supplementRequestId: request.id,
            notificationId,
            answeredAt: at.toISOString(),
            answers: published,
          });
          publishUpdate(deps, {
            application: updated,
            previousStatus: application.status,
            event: 'answerSupplement',
            actor: {
              kind: 'applicant',
              id: applicant.id,
              name: displayNameOf(applicant.civilStatus),
            },
            at,
            details: { supplementRequestId: request.id },
          });
          return {
            answeredAt: at.toISOString(),
            documents: published
              .filter((answer) => answer.action === 'update')
              .map((answer) => ({
                documentKey: answer.documentKey,
                version: answer['documentVersion'] as number,
              })),
          };
        })
        .immediate();
    },
  };
}

export type SupplementAnswers = ReturnType<typeof createSupplementAnswers>;
