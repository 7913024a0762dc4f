import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from '../migrate';
import { entryHash, GENESIS_HASH } from './audit-chain';

// Migrations are frozen once released: the SQL below is what every workstation ran. A change is a
// new entry at the end of `desktopMigrations`, never an edit of an old one. Hence the status list
// and the checks are spelled out here rather than imported (and the helpers below are frozen with
// them): a later edit elsewhere must not silently change what version 3 meant.

/** The stored form of an instant (see ../instant.ts): the text order is then the time order. */
const isStoredInstant = (column: string) =>
  `${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'`;

const isApplicationNumber = (column: string) =>
  `length(${column}) = 19 AND ${column} NOT GLOB '*[^0-9]*'`;

const isJsonObject = (column: string) =>
  `json_valid(${column}) AND json_type(${column}) = 'object'`;

const createAgents: Migration = {
  version: 1,
  name: 'create_agents',
  up: `
    -- The agents known to this workstation: those the portal reported for the service, and those
    -- who logged in here. password_hash is the local verifier (scrypt, computed by the backend)
    -- kept from an online login; NULL means "never logged in on this workstation", who therefore
    -- cannot log in offline. Agents are disabled, never deleted: the journal refers to them.
    CREATE TABLE agents (
      id            TEXT PRIMARY KEY NOT NULL CHECK (id <> ''),
      login         TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (login <> '' AND login = trim(login)),
      display_name  TEXT NOT NULL CHECK (display_name <> ''),
      role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor')),
      service_code  TEXT NOT NULL CHECK (service_code <> ''),
      password_hash TEXT CHECK (password_hash IS NULL OR password_hash <> ''),
      created_at    TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      disabled_at   TEXT CHECK (disabled_at IS NULL OR ${isStoredInstant('disabled_at')})
    ) STRICT;
  `,
};

const createActions: Migration = {
  version: 2,
  name: 'create_actions_journal',
  up: `
    -- Every action, who (actor_id; NULL only for the system), when, what. AUTOINCREMENT: an id is
    -- never reused, so ids are the journal's order even after a retention purge.
    -- application_number has no foreign key: the journal outlives the local copy of a dossier.
    CREATE TABLE actions (
      id                 INTEGER PRIMARY KEY AUTOINCREMENT,
      at                 TEXT NOT NULL CHECK (${isStoredInstant('at')}),
      actor_id           TEXT REFERENCES agents (id),
      action             TEXT NOT NULL CHECK (action <> '' AND action NOT GLOB '*[^a-z0-9_.]*'),
      application_number TEXT CHECK (application_number IS NULL OR (${isApplicationNumber('application_number')})),
      details            TEXT NOT NULL DEFAULT '{}' CHECK (${isJsonObject('details')})
    ) STRICT;

    CREATE INDEX actions_by_application ON actions (application_number, id);
    CREATE INDEX actions_by_actor ON actions (actor_id, id);

    -- Append-only, whoever writes to the file. The third trigger closes INSERT OR REPLACE, whose
    -- implicit delete does not fire delete triggers (recursive_triggers is off by default).
    CREATE TRIGGER actions_refuse_update BEFORE UPDATE ON actions
    BEGIN
      SELECT RAISE(ABORT, 'actions_append_only: une action du journal ne peut pas être modifiée');
    END;

    CREATE TRIGGER actions_refuse_delete BEFORE DELETE ON actions
    BEGIN
      SELECT RAISE(ABORT, 'actions_append_only: une action du journal ne peut pas être supprimée');
    END;

    CREATE TRIGGER actions_refuse_replace BEFORE INSERT ON actions
    WHEN EXISTS (SELECT 1 FROM actions WHERE id = NEW.id)
    BEGIN
      SELECT RAISE(ABORT, 'actions_append_only: une action du journal ne peut pas être remplacée');
    END;
  `,
};

const createApplications: Migration = {
  version: 3,
  name: 'create_applications',
  up: `
    -- The local copy of the dossiers synced from the portal, for the queue. The columns are what
    -- the queue filters and shows; data is the full dossier as the portal sent it.
    CREATE TABLE applications (
      application_number TEXT PRIMARY KEY NOT NULL CHECK (${isApplicationNumber('application_number')}),
      procedure          TEXT NOT NULL CHECK (procedure <> ''),
      foreigner_number   TEXT NOT NULL CHECK (foreigner_number <> ''),
      status             TEXT NOT NULL CHECK (status IN (
                           'draft', 'submitted', 'in_review', 'supplement_requested', 'supplement_answered',
                           'favorable', 'unfavorable', 'closed_incomplete', 'closed_withdrawn')),
      version            INTEGER NOT NULL CHECK (version >= 0),
      submitted_at       TEXT NOT NULL CHECK (${isStoredInstant('submitted_at')}),
      applicant_name     TEXT NOT NULL,
      service_code       TEXT NOT NULL CHECK (service_code <> ''),
      assigned_agent_id  TEXT REFERENCES agents (id),
      data               TEXT NOT NULL CHECK (${isJsonObject('data')}),
      updated_at         TEXT NOT NULL CHECK (${isStoredInstant('updated_at')})
    ) STRICT;

    -- The queue: a service's dossiers, oldest submission first, optionally of one status or one agent.
    CREATE INDEX applications_queue ON applications (service_code, submitted_at, application_number);
    CREATE INDEX applications_queue_by_status
      ON applications (service_code, status, submitted_at, application_number);
    CREATE INDEX applications_by_assigned_agent
      ON applications (assigned_agent_id, submitted_at, application_number);
  `,
};

const isSha256 = (column: string) => `length(${column}) = 64 AND ${column} NOT GLOB '*[^0-9a-f]*'`;

const createSyncState: Migration = {
  version: 4,
  name: 'create_sync_state',
  up: `
    -- Where the mirror of the portal stands: one row. cursor is the portal's, opaque; NULL means
    -- "from the beginning". generation grows at each full resync: the dossiers a resync did not see
    -- again are the ones the portal no longer has. clock_offset_ms is the portal's clock minus ours,
    -- measured at the last exchange, so actions are dated in the portal's time even when this
    -- workstation's clock is wrong.
    CREATE TABLE sync_state (
      id              INTEGER PRIMARY KEY CHECK (id = 1),
      portal_url      TEXT CHECK (portal_url IS NULL OR portal_url <> ''),
      cursor          TEXT CHECK (cursor IS NULL OR (cursor <> '' AND cursor NOT GLOB '*[^0-9]*')),
      generation      INTEGER NOT NULL DEFAULT 0 CHECK (generation >= 0),
      resyncing       INTEGER NOT NULL DEFAULT 0 CHECK (resyncing IN (0, 1)),
      last_success_at TEXT CHECK (last_success_at IS NULL OR ${isStoredInstant('last_success_at')}),
      clock_offset_ms INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO sync_state (id) VALUES (1);

    -- The generation of the resync that last saw each dossier.
    ALTER TABLE applications ADD COLUMN seen_generation INTEGER NOT NULL DEFAULT 0;
  `,
};

const createOutbox: Migration = {
  version: 5,
  name: 'create_outbox',
  up: `
    -- The actions that leave the workstation, written in the same transaction as their local
    -- trace. seq is the client sequence: the push order. id is the idempotency key the portal
    -- knows the action by: the same id is sent again on every retry. base_version is the version
    -- of the dossier the action was decided on. state: pending until the portal answers; then the
    -- portal's outcome. resolution records what the agent chose for a conflict or a rejection.
    CREATE TABLE outbox (
      seq                INTEGER PRIMARY KEY AUTOINCREMENT,
      id                 TEXT NOT NULL UNIQUE CHECK (length(id) = 36),
      agent_id           TEXT NOT NULL REFERENCES agents (id),
      type               TEXT NOT NULL CHECK (type <> '' AND type NOT GLOB '*[^A-Za-z]*'),
      application_number TEXT NOT NULL CHECK (${isApplicationNumber('application_number')}),
      base_version       INTEGER NOT NULL CHECK (base_version >= 1),
      at                 TEXT NOT NULL CHECK (${isStoredInstant('at')}),
      payload            TEXT NOT NULL DEFAULT '{}' CHECK (${isJsonObject('payload')}),
      state              TEXT NOT NULL DEFAULT 'pending'
                           CHECK (state IN ('pending', 'applied', 'duplicate', 'conflict', 'rejected')),
      attempts           INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at    TEXT CHECK (next_attempt_at IS NULL OR ${isStoredInstant('next_attempt_at')}),
      last_error         TEXT,
      result_version     INTEGER,
      reason             TEXT,
      settled_at         TEXT CHECK (settled_at IS NULL OR ${isStoredInstant('settled_at')}),
      resolution         TEXT CHECK (resolution IS NULL OR resolution IN ('reapplied', 'dropped')),
      replaces           TEXT REFERENCES outbox (id),
      created_at         TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      CHECK ((state = 'pending') = (settled_at IS NULL)),
      CHECK (resolution IS NULL OR state IN ('conflict', 'rejected'))
    ) STRICT;

    CREATE INDEX outbox_pending ON outbox (state, seq);
    CREATE INDEX outbox_by_application ON outbox (application_number, seq);
  `,
};

const createDossierHistory: Migration = {
  version: 6,
  name: 'create_dossier_history',
  up: `
    -- Every change of the portal's log about a dossier of the service, by the portal's seq: the
    -- dossier's history. The submission's full dossier lives in applications.data, not here.
    CREATE TABLE application_events (
      seq                INTEGER PRIMARY KEY CHECK (seq >= 1),
      application_number TEXT NOT NULL CHECK (${isApplicationNumber('application_number')}),
      type               TEXT NOT NULL CHECK (type <> ''),
      version            INTEGER NOT NULL CHECK (version >= 0),
      at                 TEXT NOT NULL CHECK (${isStoredInstant('at')}),
      data               TEXT NOT NULL DEFAULT '{}' CHECK (${isJsonObject('data')})
    ) STRICT;
    CREATE INDEX application_events_by_application ON application_events (application_number, seq);

    -- Each version of each document: the submission's, then the applicant's updates. files is
    -- the JSON array of { sha256, name, size, mime } as the portal sent it.
    CREATE TABLE document_versions (
      application_number TEXT NOT NULL REFERENCES applications (application_number) ON DELETE CASCADE,
      document_key       TEXT NOT NULL CHECK (document_key <> ''),
      version            INTEGER NOT NULL CHECK (version >= 1),
      source             TEXT NOT NULL CHECK (source IN ('submission', 'supplement')),
      files              TEXT NOT NULL CHECK (json_valid(files) AND json_type(files) = 'array'),
      message            TEXT,
      created_at         TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      PRIMARY KEY (application_number, document_key, version)
    ) STRICT, WITHOUT ROWID;
  `,
};

const createFiles: Migration = {
  version: 7,
  name: 'create_files',
  up: `
    -- The attachments: what the portal announced (sha256, size, mime) and where their download
    -- stands. The bytes live in the content-addressed store; state 'ready' means they are there
    -- and verified. A file is wanted as long as a dossier refers to it.
    CREATE TABLE files (
      sha256          TEXT PRIMARY KEY NOT NULL CHECK (${isSha256('sha256')}),
      size            INTEGER NOT NULL CHECK (size >= 0),
      mime            TEXT NOT NULL CHECK (mime <> ''),
      state           TEXT NOT NULL DEFAULT 'missing' CHECK (state IN ('missing', 'ready', 'failed')),
      attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
      next_attempt_at TEXT CHECK (next_attempt_at IS NULL OR ${isStoredInstant('next_attempt_at')}),
      last_error      TEXT,
      stored_at       TEXT CHECK (stored_at IS NULL OR ${isStoredInstant('stored_at')}),
      last_used_at    TEXT CHECK (last_used_at IS NULL OR ${isStoredInstant('last_used_at')}),
      CHECK ((state = 'ready') = (stored_at IS NOT NULL))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX files_by_state ON files (state, next_attempt_at);

    -- Which dossier refers to which file (documents of every version, and the confirmation).
    CREATE TABLE application_files (
      application_number TEXT NOT NULL REFERENCES applications (application_number) ON DELETE CASCADE,
      sha256             TEXT NOT NULL REFERENCES files (sha256),
      PRIMARY KEY (application_number, sha256)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX application_files_by_file ON application_files (sha256);
  `,
};

const isStoredDate = (column: string) =>
  `${column} IS NULL OR ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`;

const createQueueColumns: Migration = {
  version: 8,
  name: 'create_queue_columns_and_search',
  up: `
    -- What the queue sorts and filters on, kept up to date by the pull: the applicant's
    -- nationality, the facts of the deadlines (calendar dates, Paris) and the soonest one.
    ALTER TABLE applications ADD COLUMN nationality TEXT NOT NULL DEFAULT '';
    ALTER TABLE applications ADD COLUMN submitted_on TEXT CHECK (${isStoredDate('submitted_on')});
    -- The name without accents, in capitals: « ÖZTÜRK » sorts with the O, as in a directory.
    ALTER TABLE applications ADD COLUMN applicant_sort_key TEXT NOT NULL DEFAULT '';
    ALTER TABLE applications ADD COLUMN complete_on TEXT CHECK (${isStoredDate('complete_on')});
    ALTER TABLE applications ADD COLUMN supplement_deadline TEXT CHECK (${isStoredDate('supplement_deadline')});
    ALTER TABLE applications ADD COLUMN prolongation_valid_to TEXT CHECK (${isStoredDate('prolongation_valid_to')});
    ALTER TABLE applications ADD COLUMN implicit_rejection_on TEXT CHECK (${isStoredDate('implicit_rejection_on')});
    ALTER TABLE applications ADD COLUMN next_deadline_on TEXT CHECK (${isStoredDate('next_deadline_on')});
    ALTER TABLE applications ADD COLUMN next_deadline_kind TEXT
      CHECK (next_deadline_kind IS NULL OR next_deadline_kind IN ('supplement', 'prolongation', 'implicit_rejection'));

    CREATE INDEX applications_by_deadline ON applications (service_code, next_deadline_on);
    -- « À traiter » and « Mes dossiers » are counted at every refresh: from the index alone.
    CREATE INDEX applications_by_assignment ON applications (service_code, assigned_agent_id, status);

    -- An agent's saved queue filters, by name.
    CREATE TABLE saved_filters (
      id         INTEGER PRIMARY KEY,
      agent_id   TEXT NOT NULL REFERENCES agents (id),
      name       TEXT NOT NULL CHECK (name <> '' AND length(name) <= 80),
      query      TEXT NOT NULL CHECK (${isJsonObject('query')}),
      created_at TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      UNIQUE (agent_id, name)
    ) STRICT;

    -- Search on names and numbers, whatever the accents and the case ("sanchez" finds "Sánchez").
    CREATE VIRTUAL TABLE applications_search USING fts5(
      application_number, foreigner_number, applicant_name,
      content = 'applications', content_rowid = 'rowid',
      tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER applications_search_insert AFTER INSERT ON applications BEGIN
      INSERT INTO applications_search (rowid, application_number, foreigner_number, applicant_name)
      VALUES (NEW.rowid, NEW.application_number, NEW.foreigner_number, NEW.applicant_name);
    END;
    CREATE TRIGGER applications_search_delete AFTER DELETE ON applications BEGIN
      INSERT INTO applications_search (applications_search, rowid, application_number, foreigner_number, applicant_name)
      VALUES ('delete', OLD.rowid, OLD.application_number, OLD.foreigner_number, OLD.applicant_name);
    END;
    CREATE TRIGGER applications_search_update AFTER UPDATE OF application_number, foreigner_number, applicant_name
    ON applications BEGIN
      INSERT INTO applications_search (applications_search, rowid, application_number, foreigner_number, applicant_name)
      VALUES ('delete', OLD.rowid, OLD.application_number, OLD.foreigner_number, OLD.applicant_name);
      INSERT INTO applications_search (rowid, application_number, foreigner_number, applicant_name)
      VALUES (NEW.rowid, NEW.application_number, NEW.foreigner_number, NEW.applicant_name);
    END;
    INSERT INTO applications_search (applications_search) VALUES ('rebuild');

    -- The new columns are filled by replaying the portal's log: the next pull is a full resync.
    UPDATE sync_state SET portal_url = NULL;
  `,
};

const createReviewWork: Migration = {
  version: 9,
  name: 'create_review_work',
  up: `
    -- The agent's own work on a dossier, kept on this workstation only (docs/architecture.md):
    -- private notes, highlights on pages, per-document verdicts, page rotations. No foreign key to
    -- applications: a resync that drops a dossier must not take the agent's work with it.
    CREATE TABLE notes (
      id                 INTEGER PRIMARY KEY,
      application_number TEXT NOT NULL CHECK (${isApplicationNumber('application_number')}),
      document_key       TEXT CHECK (document_key IS NULL OR document_key <> ''),
      agent_id           TEXT NOT NULL REFERENCES agents (id),
      text               TEXT NOT NULL CHECK (trim(text) <> '' AND length(text) <= 5000),
      created_at         TEXT NOT NULL CHECK (${isStoredInstant('created_at')}),
      updated_at         TEXT NOT NULL CHECK (${isStoredInstant('updated_at')})
    ) STRICT;
    CREATE INDEX notes_by_application ON notes (application_number, id);

    -- A rectangle on a page of one file, in fractions of the page (0–1) as displayed unrotated.
    CREATE TABLE highlights (
      id                 INTEGER PRIMARY KEY,
      application_number TEXT NOT NULL CHECK (${isApplicationNumber('application_number')}),
      document_key       TEXT NOT NULL CHECK (document_key <> ''),
      sha256             TEXT NOT NULL CHECK (${isSha256('sha256')}),
      page               INTEGER NOT NULL CHECK (page >= 1),
      x                  REAL NOT NULL CHECK (x >= 0 AND x <= 1),
      y                  REAL NOT NULL CHECK (y >= 0 AND y <= 1),
      width              REAL NOT NULL CHECK (width > 0 AND x + width <= 1.000001),
      height             REAL NOT NULL CHECK (height > 0 AND y + height <= 1.000001),
      comment            TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
      agent_id           TEXT NOT NULL REFERENCES agents (id),
      created_at         TEXT NOT NULL CHECK (${isStoredInstant('created_at')})
    ) STRICT;
    CREATE INDEX highlights_by_application ON highlights (application_number, id);

    -- « Conforme » or « À compléter » with the observation that will go into the supplement request.
    CREATE TABLE document_verdicts (
      application_number TEXT NOT NULL CHECK (${isApplicationNumber('application_number')}),
      document_key       TEXT NOT NULL CHECK (document_key <> ''),
      verdict            TEXT NOT NULL CHECK (verdict IN ('compliant', 'incomplete')),
      observation        TEXT CHECK (observation IS NULL OR length(observation) <= 2000),
      agent_id           TEXT NOT NULL REFERENCES agents (id),
      updated_at         TEXT NOT NULL CHECK (${isStoredInstant('updated_at')}),
      CHECK (verdict = 'compliant' OR trim(coalesce(observation, '')) <> ''),
      PRIMARY KEY (application_number, document_key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE page_rotations (
      sha256   TEXT NOT NULL CHECK (${isSha256('sha256')}),
      page     INTEGER NOT NULL CHECK (page >= 1),
      rotation INTEGER NOT NULL CHECK (rotation IN (0, 90, 180, 270)),
      PRIMARY KEY (sha256, page)
    ) STRICT, WITHOUT ROWID;
  `,
};

/** The entries already recorded are chained in id order, a thousand at a time. */
function chainExistingActions(db: BetterSqlite3.Database): void {
  type Unchained = {
    id: number;
    at: string;
    actorId: string | null;
    action: string;
    applicationNumber: string | null;
    details: string;
  };
  const batch = db.prepare<[number], Unchained>(`
    SELECT id, at, actor_id AS actorId, action, application_number AS applicationNumber, details
    FROM actions_unchained WHERE id > ? ORDER BY id LIMIT 1000`);
  const insert = db.prepare(`
    INSERT INTO actions (id, at, actor_id, action, application_number, details, prev_hash, hash)
    VALUES (@id, @at, @actorId, @action, @applicationNumber, @details, @prevHash, @hash)`);
  let prevHash = GENESIS_HASH;
  let lastId = 0;
  for (let rows = batch.all(lastId); rows.length > 0; rows = batch.all(lastId)) {
    for (const row of rows) {
      // The stored text is kept as it is; the hash covers its parsed value (audit-chain.ts).
      const hash = entryHash({ ...row, details: JSON.parse(row.details) as unknown, prevHash });
      insert.run({ ...row, prevHash, hash });
      prevHash = hash;
      lastId = row.id;
    }
  }
}

// The hash itself (audit-chain.ts) is imported rather than spelled out: it is frozen by nature,
// since every stored hash and `npm run audit:verify` depend on it.
const chainActions: Migration = {
  version: 10,
  name: 'chain_actions_journal',
  up(db) {
    db.exec(`
      -- The journal is rebuilt with two more columns (a column added by ALTER TABLE could not be
      -- NOT NULL): its triggers and indexes go with the old table and are created again below.
      DROP TRIGGER actions_refuse_update;
      DROP TRIGGER actions_refuse_delete;
      DROP TRIGGER actions_refuse_replace;
      DROP INDEX actions_by_application;
      DROP INDEX actions_by_actor;
      ALTER TABLE actions RENAME TO actions_unchained;

      -- prev_hash: the previous entry's hash (64 zeros for the first entry a journal ever had, or
      -- after a purge the hash of the last entry removed, recorded by the audit.purged entry).
      -- hash: sha256 over the canonical form of (id, at, actor_id, action, application_number,
      -- details, prev_hash) — see audit-chain.ts. Changing, removing or inserting an entry breaks it.
      CREATE TABLE actions (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        at                 TEXT NOT NULL CHECK (${isStoredInstant('at')}),
        actor_id           TEXT REFERENCES agents (id),
        action             TEXT NOT NULL CHECK (action <> '' AND action NOT GLOB '*[^a-z0-9_.]*'),
        application_number TEXT CHECK (application_number IS NULL OR (${isApplicationNumber('application_number')})),
        details            TEXT NOT NULL DEFAULT '{}' CHECK (${isJsonObject('details')}),
        prev_hash          TEXT NOT NULL CHECK (${isSha256('prev_hash')}),
        hash               TEXT NOT NULL CHECK (${isSha256('hash')})
      ) STRICT;
    `);
    chainExistingActions(db);
    db.exec(`
      -- Ids are never reused, even those of entries a purge removes: the counter carries over.
      DELETE FROM sqlite_sequence WHERE name = 'actions';
      INSERT INTO sqlite_sequence (name, seq)
        SELECT 'actions', seq FROM sqlite_sequence WHERE name = 'actions_unchained';
      DROP TABLE actions_unchained;

      CREATE INDEX actions_by_application ON actions (application_number, id);
      CREATE INDEX actions_by_actor ON actions (actor_id, id);
      -- The supervisor's date filter.
      CREATE INDEX actions_by_time ON actions (at);

      -- The retention purge's permission, one row: while a purge runs (one transaction), entries up
      -- to through_id recorded before before_at may be deleted; it is emptied before it commits.
      CREATE TABLE actions_purge_window (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        through_id INTEGER CHECK (through_id IS NULL OR through_id >= 1),
        before_at  TEXT CHECK (before_at IS NULL OR ${isStoredInstant('before_at')}),
        CHECK ((through_id IS NULL) = (before_at IS NULL))
      ) STRICT;
      INSERT INTO actions_purge_window (id) VALUES (1);

      CREATE TRIGGER actions_refuse_update BEFORE UPDATE ON actions
      BEGIN
        SELECT RAISE(ABORT, 'actions_append_only: une action du journal ne peut pas être modifiée');
      END;

      CREATE TRIGGER actions_refuse_delete BEFORE DELETE ON actions
      WHEN NOT EXISTS (
        SELECT 1 FROM actions_purge_window WHERE OLD.id <= through_id AND OLD.at < before_at
      )
      BEGIN
        SELECT RAISE(ABORT, 'actions_append_only: une action du journal ne peut pas être supprimée');
      END;

      CREATE TRIGGER actions_refuse_replace BEFORE INSERT ON actions
      WHEN EXISTS (SELECT 1 FROM actions WHERE id = NEW.id)
      BEGIN
        SELECT RAISE(ABORT, 'actions_append_only: une action du journal ne peut pas être remplacée');
      END;

      -- Whoever writes, an entry follows the last one: a second writer cannot fork the chain.
      CREATE TRIGGER actions_chain_link BEFORE INSERT ON actions
      WHEN NEW.prev_hash IS NOT coalesce(
        (SELECT hash FROM actions ORDER BY id DESC LIMIT 1), '${GENESIS_HASH}')
      BEGIN
        SELECT RAISE(ABORT, 'actions_append_only: une action du journal doit suivre la dernière (hash précédent)');
      END;
    `);
  },
};

const createServiceSettings: Migration = {
  version: 11,
  name: 'create_service_settings',
  up: `
    -- The portal's settings of each service, read at each sync (the portal decides): whether the
    -- agents' decisions wait for the supervisor's signature.
    CREATE TABLE service_settings (
      service_code        TEXT PRIMARY KEY NOT NULL CHECK (service_code <> ''),
      decision_validation INTEGER NOT NULL CHECK (decision_validation IN (0, 1)),
      updated_at          TEXT NOT NULL CHECK (${isStoredInstant('updated_at')})
    ) STRICT;
  `,
};

const verdictJudgedVersion: Migration = {
  version: 12,
  name: 'verdict_judged_version',
  up: `
    -- The document version a verdict was given on: a later version (a supplement's answer) is new
    -- to the agent by its number, not by comparing the workstation's clock with the portal's.
    ALTER TABLE document_verdicts ADD COLUMN judged_version INTEGER
      CHECK (judged_version IS NULL OR judged_version >= 1);
  `,
};

export const desktopMigrations: readonly Migration[] = [
  createAgents,
  createActions,
  createApplications,
  createSyncState,
  createOutbox,
  createDossierHistory,
  createFiles,
  createQueueColumns,
  createReviewWork,
  chainActions,
  createServiceSettings,
  verdictJudgedVersion,
];
