import type Database from 'better-sqlite3';
import { openDatabase } from '../open';
import { desktopMigrations } from './migrations';

/** The workstation's database (agents, journal, local copy of the dossiers), migrated to the latest version. */
export function openDesktopDatabase(file: string): Database.Database {
  return openDatabase(file, { migrations: desktopMigrations });
}
