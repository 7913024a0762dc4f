import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST } from './seed';

/**
 * A working copy of the seeded folder for one run, so every run starts from the same portal. The
 * stored files are named by their content and never rewritten (a new blob is a new name), so
 * they are hard-linked (copied where links are impossible); the database is copied.
 */
export function copySeededPortal(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.name === MANIFEST) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copySeededPortal(source, target);
    else if (entry.name.startsWith('portal.sqlite')) copyFileSync(source, target);
    else {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
    }
  }
}
