import type { Migration } from '../migrate';

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

export const desktopMigrations: readonly Migration[] = [
  createAgents,
  createActions,
  createApplications,
];
