import type Database from 'better-sqlite3';
import { openDatabase } from '../open';
import { portalMigrations } from './migrations';

/** The portal's database (accounts, applications, notifications, change log), migrated to the latest version. */
export function openPortalDatabase(file: string): Database.Database {
  return openDatabase(file, { migrations: portalMigrations });
}
