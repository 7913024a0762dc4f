import type { Migration } from '../migrate';

// Migrations are frozen once released: a change is a new entry at the end of `portalMigrations`,
// never an edit of an old one. Status lists and checks are therefore spelled out here rather than
// imported from shared/ (a later edit there must not silently change what an old version meant).

/** The stored form of an instant (see ../instant.ts): the text order is then the time order. */
const isStoredInstant = (column: string) =>
  `${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'`;

const isIsoDate = (column: string) => `${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;

const isApplicationNumber = (column: string) =>
  `length(${column}) = 19 AND ${column} NOT GLOB '*[^0-9]*'`;

const isSha256 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

const isJsonObject = (column: string) =>
  `json_valid(${column}) AND json_type(${column}) = 'object'`;

const isJsonArray = (column: string) => `json_valid(${column}) AND json_type(${column}) = 'array'`;

const createServicesAndAgents: Migration = {
  version: 1,
  name: 'create_services_and_agents',
  up: `
    -- A service is a prefecture's bureau; its code is the département it serves ('59', '2A', '974').
    CREATE TABLE services (
      code       TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 2 AND 3 AND code NOT GLOB '*[^0-9AB]*'),
      name       TEXT NOT NULL CHECK (name <> ''),
      created_at TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;

    -- The portal is the authority on agents. Disabled, never deleted: the change log names them.
    CREATE TABLE agents (
      id            TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      login         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (login <> '' AND login = trim(login)),
      display_name  TEXT NOT NULL CHECK (display_name <> ''),
      role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
      service_code  TEXT NOT NULL REFERENCES services (code),
      password_hash TEXT NOT NULL CHECK (password_hash <> ''),
      created_at    TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      disabled_at   TEXT CHECK (disabled_at IS NULL OR ${isStoredInstant('disabled_at')})
    ) STRICT;

    CREATE INDEX agents_by_service ON agents (service_code, display_name);
  `,
};

const createApplicantsAndTokens: Migration = {
  version: 2,
  name: 'create_applicants_and_tokens',
  up: `
    -- civil_status is held by the national file: the applicant reads it, never edits it.
    -- password_hash stays NULL until the account is activated with the e-mailed link.
    CREATE TABLE applicants (
      id               TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      foreigner_number TEXT NOT NULL UNIQUE CHECK (length(foreigner_number) BETWEEN 9 AND 10 AND foreigner_number NOT GLOB '*[^0-9]*'),
      email            TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (email <> '' AND email = trim(email)),
      civil_status     TEXT NOT NULL CHECK (${isJsonObject('civil_status')}),
      password_hash    TEXT CHECK (password_hash IS NULL OR password_hash <> ''),
      created_at       TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      activated_at     TEXT CHECK (activated_at IS NULL OR ${isStoredInstant('activated_at')}),
      CHECK ((password_hash IS NULL) = (activated_at IS NULL))
    ) STRICT;

    -- Bearer and activation tokens, by the SHA-256 of the token: a copy of this file lets nobody in.
    CREATE TABLE tokens (
      token_sha256 TEXT PRIMARY KEY NOT NULL CHECK (${isSha256('token_sha256')}),
      kind         TEXT NOT NULL CHECK (kind IN ('applicant', 'agent', 'activation')),
      applicant_id TEXT REFERENCES applicants (id),
      agent_id     TEXT REFERENCES agents (id),
      created_at   TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      expires_at   TEXT NOT NULL CHECK (${isStoredInstant('expires_at')} AND expires_at > created_at),
      used_at      TEXT CHECK (used_at IS NULL OR ${isStoredInstant('used_at')}),
      CHECK ((kind = 'agent') = (agent_id IS NOT NULL)),
      CHECK ((kind = 'agent') = (applicant_id IS NULL))
    ) STRICT;

    CREATE INDEX tokens_by_expiry ON tokens (expires_at);
  `,
};

const createApplications: Migration = {
  version: 3,
  name: 'create_applications',
  up: `
    -- One counter per (département, office, Paris date): the last sequence handed out. It is
    -- incremented in the submission's transaction, so two submissions never share a number.
    CREATE TABLE application_sequences (
      departement   TEXT NOT NULL,
      office        TEXT NOT NULL,
      day           TEXT NOT NULL CHECK (${isIsoDate('day')}),
      last_sequence INTEGER NOT NULL CHECK (last_sequence BETWEEN 0 AND 9999999),
      PRIMARY KEY (departement, office, day)
    ) STRICT, WITHOUT ROWID;

    -- A draft has no number, no service and no dossier; a submitted application has all three,
    -- and its confirmation PDF. dossier is the normalised dossier as submitted (never edited later:
    -- supplement answers add document versions instead).
    CREATE TABLE applications (
      id                  TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      application_number  TEXT UNIQUE CHECK (application_number IS NULL OR (${isApplicationNumber('application_number')})),
      procedure           TEXT NOT NULL CHECK (procedure <> ''),
      applicant_id        TEXT NOT NULL REFERENCES applicants (id),
      status              TEXT NOT NULL CHECK (status IN (
                            'draft', 'submitted', 'in_review', 'supplement_requested', 'supplement_answered',
                            'favorable', 'unfavorable', 'closed_incomplete', 'closed_withdrawn')),
      version             INTEGER NOT NULL CHECK (version >= 0),
      service_code        TEXT REFERENCES services (code),
      assigned_agent_id   TEXT REFERENCES agents (id),
      dossier             TEXT CHECK (dossier IS NULL OR (${isJsonObject('dossier')})),
      confirmation_sha256 TEXT CHECK (confirmation_sha256 IS NULL OR (${isSha256('confirmation_sha256')})),
      created_at          TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      updated_at          TEXT NOT NULL CHECK (${isStoredInstant('updated_at')}),
      submitted_at        TEXT CHECK (submitted_at IS NULL OR ${isStoredInstant('submitted_at')}),
      CHECK ((status = 'draft') = (application_number IS NULL)),
      CHECK ((status = 'draft') = (submitted_at IS NULL)),
      CHECK ((status = 'draft') = (version = 0)),
      CHECK (status = 'draft' OR (service_code IS NOT NULL AND dossier IS NOT NULL AND confirmation_sha256 IS NOT NULL))
    ) STRICT;

    CREATE INDEX applications_by_applicant ON applications (applicant_id, created_at);
    CREATE INDEX applications_by_service ON applications (service_code, submitted_at);

    -- What the applicant saved at each step of the form, as sent (each step was valid on its own).
    CREATE TABLE application_steps (
      application_id TEXT NOT NULL REFERENCES applications (id),
      step           TEXT NOT NULL CHECK (step IN ('personal', 'motive', 'documents', 'deposit')),
      data           TEXT NOT NULL CHECK (${isJsonObject('data')}),
      saved_at       TEXT NOT NULL CHECK (${isStoredInstant('saved_at')}),
      PRIMARY KEY (application_id, step)
    ) STRICT, WITHOUT ROWID;
  `,
};

const createNotificationsAndSupplements: Migration = {
  version: 4,
  name: 'create_notifications_and_supplements',
  up: `
    -- What the applicant finds under « Mes notifications ». read_at is set once, at the first
    -- opening: the acknowledgment of receipt that starts the 30-day supplement deadline.
    CREATE TABLE notifications (
      id             TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      application_id TEXT NOT NULL REFERENCES applications (id),
      applicant_id   TEXT NOT NULL REFERENCES applicants (id),
      category       TEXT NOT NULL CHECK (category = 'SEJOUR'),
      kind           TEXT NOT NULL CHECK (kind IN (
                       'supplement_request', 'prolongation', 'favorable_decision', 'unfavorable_decision', 'message')),
      title          TEXT NOT NULL CHECK (title <> ''),
      content        TEXT NOT NULL CHECK (${isJsonObject('content')}),
      created_at     TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      read_at        TEXT CHECK (read_at IS NULL OR (${isStoredInstant('read_at')} AND read_at >= created_at))
    ) STRICT;

    CREATE INDEX notifications_by_applicant ON notifications (applicant_id, created_at);
    CREATE INDEX notifications_by_application ON notifications (application_id, created_at);

    -- items: [{ documentKey, observation, files }] as the agent asked, one per document.
    CREATE TABLE supplement_requests (
      id              TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      application_id  TEXT NOT NULL REFERENCES applications (id),
      notification_id TEXT NOT NULL UNIQUE REFERENCES notifications (id),
      items           TEXT NOT NULL CHECK (${isJsonArray('items')} AND json_array_length(items) > 0),
      requested_by    TEXT NOT NULL REFERENCES agents (id),
      created_at      TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;

    CREATE INDEX supplement_requests_by_application ON supplement_requests (application_id, created_at);

    -- One answer per request (UNIQUE): a request is answered once, « Valider et envoyer ».
    CREATE TABLE supplement_answers (
      id                    TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      supplement_request_id TEXT NOT NULL UNIQUE REFERENCES supplement_requests (id),
      applicant_id          TEXT NOT NULL REFERENCES applicants (id),
      answers               TEXT NOT NULL CHECK (${isJsonArray('answers')} AND json_array_length(answers) > 0),
      created_at            TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;
  `,
};

const createFilesAndDocuments: Migration = {
  version: 5,
  name: 'create_files_and_documents',
  up: `
    -- What the bytes are (read from them at upload); the bytes themselves are in the blob store.
    CREATE TABLE files (
      sha256     TEXT PRIMARY KEY NOT NULL CHECK (${isSha256('sha256')}),
      size       INTEGER NOT NULL CHECK (size >= 0),
      mime       TEXT NOT NULL CHECK (mime <> ''),
      pages      INTEGER CHECK (pages IS NULL OR pages >= 0),
      created_at TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;

    -- Who sent which bytes under which name. Neither applicant nor agent: the portal itself
    -- (a confirmation PDF). The same bytes sent twice are two uploads of one file.
    CREATE TABLE uploads (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      sha256        TEXT NOT NULL REFERENCES files (sha256),
      applicant_id  TEXT REFERENCES applicants (id),
      agent_id      TEXT REFERENCES agents (id),
      original_name TEXT NOT NULL CHECK (original_name <> ''),
      uploaded_at   TEXT NOT NULL CHECK (${isStoredInstant('uploaded_at')}),
      CHECK (applicant_id IS NULL OR agent_id IS NULL)
    ) STRICT;

    CREATE INDEX uploads_by_file ON uploads (sha256, applicant_id, agent_id);

    -- Every file an application refers to (documents, confirmation, attestations): who may read a
    -- file is decided with this table.
    CREATE TABLE application_files (
      application_id TEXT NOT NULL REFERENCES applications (id),
      sha256         TEXT NOT NULL REFERENCES files (sha256),
      PRIMARY KEY (application_id, sha256)
    ) STRICT, WITHOUT ROWID;

    CREATE INDEX application_files_by_file ON application_files (sha256, application_id);

    -- The documents of a submitted application, version by version: version 1 is the submission,
    -- each « Mettre à jour le document » of a supplement answer adds the next one. Never overwritten.
    CREATE TABLE document_versions (
      application_id       TEXT NOT NULL REFERENCES applications (id),
      document_key         TEXT NOT NULL CHECK (document_key <> '' AND document_key NOT GLOB '*[^a-z_]*'),
      version              INTEGER NOT NULL CHECK (version >= 1),
      files                TEXT NOT NULL CHECK (${isJsonArray('files')} AND json_array_length(files) BETWEEN 1 AND 3),
      source               TEXT NOT NULL CHECK (source IN ('submission', 'supplement')),
      supplement_answer_id TEXT REFERENCES supplement_answers (id),
      created_at           TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      PRIMARY KEY (application_id, document_key, version),
      CHECK ((source = 'supplement') = (supplement_answer_id IS NOT NULL))
    ) STRICT, WITHOUT ROWID;
  `,
};

const createMailboxChangeLogAndMutations: Migration = {
  version: 6,
  name: 'create_mailbox_change_log_and_mutations',
  up: `
    -- The e-mails the portal "sent" (nothing leaves the machine): read by dev.mailbox.
    CREATE TABLE mailbox (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      to_email   TEXT NOT NULL COLLATE NOCASE CHECK (to_email <> ''),
      subject    TEXT NOT NULL CHECK (subject <> ''),
      body       TEXT NOT NULL CHECK (body <> ''),
      created_at TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;

    CREATE INDEX mailbox_by_recipient ON mailbox (to_email, id);

    -- What the workstations pull, in one total order (seq; AUTOINCREMENT never reuses a number).
    -- Each change is filed under the service that instructs the application at that moment.
    CREATE TABLE change_log (
      seq                INTEGER PRIMARY KEY AUTOINCREMENT,
      type               TEXT NOT NULL CHECK (type <> '' AND type NOT GLOB '*[^a-z.]*'),
      application_number TEXT NOT NULL CHECK (${isApplicationNumber('application_number')}),
      version            INTEGER NOT NULL CHECK (version >= 1),
      at                 TEXT NOT NULL CHECK (${isStoredInstant('at')}),
      data               TEXT NOT NULL CHECK (${isJsonObject('data')}),
      service_code       TEXT NOT NULL REFERENCES services (code)
    ) STRICT;

    CREATE INDEX change_log_by_service ON change_log (service_code, seq);
    CREATE INDEX change_log_by_application ON change_log (application_number, seq);

    CREATE TRIGGER change_log_refuse_update BEFORE UPDATE ON change_log
    BEGIN
      SELECT RAISE(ABORT, 'change_log_append_only: un changement publié ne peut pas être modifié');
    END;

    CREATE TRIGGER change_log_refuse_delete BEFORE DELETE ON change_log
    BEGIN
      SELECT RAISE(ABORT, 'change_log_append_only: un changement publié ne peut pas être supprimé');
    END;

    CREATE TRIGGER change_log_refuse_replace BEFORE INSERT ON change_log
    WHEN EXISTS (SELECT 1 FROM change_log WHERE seq = NEW.seq)
    BEGIN
      SELECT RAISE(ABORT, 'change_log_append_only: un changement publié ne peut pas être remplacé');
    END;

    -- Idempotency: the first outcome of each pushed mutation, given back when the same id comes again.
    CREATE TABLE mutations (
      id                 TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      agent_id           TEXT NOT NULL REFERENCES agents (id),
      type               TEXT NOT NULL,
      application_number TEXT NOT NULL,
      outcome            TEXT NOT NULL CHECK (${isJsonObject('outcome')}),
      created_at         TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;
  `,
};

const addSupplementWithdrawal: Migration = {
  version: 7,
  name: 'add_supplement_withdrawal',
  up: `
    -- An agent may amend or withdraw a supplement request while the applicant has not opened it.
    -- Nothing is overwritten: the request and its notification are marked withdrawn (the applicant
    -- no longer sees them; an amendment is a new request). A notification once read is what the
    -- applicant was told, so it can never be withdrawn, nor a withdrawn one read.
    ALTER TABLE notifications ADD COLUMN withdrawn_at TEXT
      CHECK (withdrawn_at IS NULL OR (${isStoredInstant('withdrawn_at')} AND withdrawn_at >= created_at AND read_at IS NULL));

    ALTER TABLE supplement_requests ADD COLUMN withdrawn_at TEXT
      CHECK (withdrawn_at IS NULL OR (${isStoredInstant('withdrawn_at')} AND withdrawn_at >= created_at));
  `,
};

const addSupervision: Migration = {
  version: 8,
  name: 'add_supervision',
  up: `
    -- Per-service settings; a service without a row has the defaults (no hierarchical validation).
    CREATE TABLE service_settings (
      service_code        TEXT PRIMARY KEY NOT NULL REFERENCES services (code),
      decision_validation INTEGER NOT NULL CHECK (decision_validation IN (0, 1)),
      updated_at          TEXT NOT NULL CHECK (${isStoredInstant('updated_at')})
    ) STRICT, WITHOUT ROWID;

    -- A decision sent for the supervisor's signature (« À signer »): pending until a supervisor
    -- approves it (it is then applied as the decision itself) or returns it with a comment. Kept
    -- once settled: who proposed what, who signed or returned it. payload is the decision's own
    -- payload (decideFavorable's or decideUnfavorable's), as validated.
    CREATE TABLE decision_submissions (
      id                 TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      application_id     TEXT NOT NULL REFERENCES applications (id),
      decision           TEXT NOT NULL CHECK (decision IN ('favorable', 'unfavorable')),
      payload            TEXT NOT NULL CHECK (${isJsonObject('payload')}),
      attestation_sha256 TEXT REFERENCES files (sha256),
      submitted_by       TEXT NOT NULL REFERENCES agents (id),
      submitted_at       TEXT NOT NULL CHECK (${isStoredInstant('submitted_at')}),
      outcome            TEXT CHECK (outcome IS NULL OR outcome IN ('approved', 'returned')),
      settled_by         TEXT REFERENCES agents (id),
      settled_at         TEXT CHECK (settled_at IS NULL OR (${isStoredInstant('settled_at')} AND settled_at >= submitted_at)),
      comment            TEXT CHECK (comment IS NULL OR comment <> ''),
      CHECK ((outcome IS NULL) = (settled_by IS NULL)),
      CHECK ((outcome IS NULL) = (settled_at IS NULL)),
      CHECK (outcome IS NOT NULL OR comment IS NULL),
      CHECK (outcome IS NOT 'returned' OR comment IS NOT NULL)
    ) STRICT;

    -- At most one decision waits on a dossier.
    CREATE UNIQUE INDEX decision_submissions_one_pending ON decision_submissions (application_id)
      WHERE outcome IS NULL;
    CREATE INDEX decision_submissions_by_attestation ON decision_submissions (attestation_sha256)
      WHERE attestation_sha256 IS NOT NULL;

    -- Settled once, never rewritten nor deleted: the only update sets the outcome of a pending one.
    CREATE TRIGGER decision_submissions_settle_once BEFORE UPDATE ON decision_submissions
    WHEN OLD.outcome IS NOT NULL
      OR NEW.id IS NOT OLD.id OR NEW.application_id IS NOT OLD.application_id
      OR NEW.decision IS NOT OLD.decision OR NEW.payload IS NOT OLD.payload
      OR NEW.attestation_sha256 IS NOT OLD.attestation_sha256
      OR NEW.submitted_by IS NOT OLD.submitted_by OR NEW.submitted_at IS NOT OLD.submitted_at
    BEGIN
      SELECT RAISE(ABORT, 'decision_submission_settled: une décision soumise ne se réécrit pas, elle se signe ou se renvoie une fois');
    END;

    CREATE TRIGGER decision_submissions_refuse_delete BEFORE DELETE ON decision_submissions
    BEGIN
      SELECT RAISE(ABORT, 'decision_submission_settled: une décision soumise ne peut pas être supprimée');
    END;

    -- Calls of an agent refused for a role reason (a supervisor's action) or a service reason
    -- (another service's dossier or file). No personal data: who, when, what, which dossier.
    CREATE TABLE security_events (
      seq                INTEGER PRIMARY KEY AUTOINCREMENT,
      at                 TEXT NOT NULL CHECK (${isStoredInstant('at')}),
      agent_id           TEXT NOT NULL REFERENCES agents (id),
      kind               TEXT NOT NULL CHECK (kind IN ('role', 'service')),
      procedure          TEXT NOT NULL CHECK (procedure <> ''),
      type               TEXT CHECK (type IS NULL OR (type <> '' AND type NOT GLOB '*[^A-Za-z]*')),
      application_number TEXT CHECK (application_number IS NULL OR (${isApplicationNumber('application_number')}))
    ) STRICT;

    CREATE INDEX security_events_by_agent ON security_events (agent_id, seq);

    CREATE TRIGGER security_events_refuse_update BEFORE UPDATE ON security_events
    BEGIN
      SELECT RAISE(ABORT, 'security_events_append_only: un événement de sécurité ne peut pas être modifié');
    END;

    CREATE TRIGGER security_events_refuse_delete BEFORE DELETE ON security_events
    BEGIN
      SELECT RAISE(ABORT, 'security_events_append_only: un événement de sécurité ne peut pas être supprimé');
    END;

    CREATE TRIGGER security_events_refuse_replace BEFORE INSERT ON security_events
    WHEN EXISTS (SELECT 1 FROM security_events WHERE seq = NEW.seq)
    BEGIN
      SELECT RAISE(ABORT, 'security_events_append_only: un événement de sécurité ne peut pas être remplacé');
    END;
  `,
};

export const portalMigrations: readonly Migration[] = [
  createServicesAndAgents,
  createApplicantsAndTokens,
  createApplications,
  createNotificationsAndSupplements,
  createFilesAndDocuments,
  createMailboxChangeLogAndMutations,
  addSupplementWithdrawal,
  addSupervision,
];
