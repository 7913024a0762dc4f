import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export interface TempFiles {
  /** A fresh folder, removed after the test. */
  dir(): string;
  /** Closes `resource` after the test, before the folders are removed. */
  closeLater<T extends { close(): unknown }>(resource: T): T;
}

/** The tests use real files in temporary folders, never mocks; one hook cleans both, in the right order. */
export function useTempFiles(): TempFiles {
  const folders: string[] = [];
  const resources: { close(): unknown }[] = [];
  afterEach(() => {
    for (const resource of resources.splice(0).reverse()) resource.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    dir() {
      const folder = mkdtempSync(join(tmpdir(), 'instructeur-db-'));
      folders.push(folder);
      return folder;
    },
    closeLater(resource) {
      resources.push(resource);
      return resource;
    },
  };
}
