import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The house's boundaries are only real if lint fails when code crosses them.
const eslint = new ESLint({ cwd: import.meta.dirname });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('import boundaries', () => {
  it.each([
    [
      'shared/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
      'no Node modules',
    ],
    ['shared/x.ts', "import { ref } from 'vue';\nexport const x = ref;\n", 'no Vue'],
    [
      'shared/x.ts',
      "import Database from 'better-sqlite3';\nexport const x = Database;\n",
      'through the backend',
    ],
    [
      'shared/x.ts',
      "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n",
      'imports nothing',
    ],
    [
      'electron/backend/x.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
      "import 'electron'",
    ],
    [
      'db/x.ts',
      "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n",
      "import 'electron'",
    ],
    [
      'renderer/src/x.ts',
      "import { join } from 'node:path';\nexport const x = join;\n",
      'no Node modules',
    ],
    [
      'renderer/src/x.ts',
      "import { appRouter } from '../../electron/backend/router';\nexport const x = appRouter;\n",
      '`import type`',
    ],
    [
      'renderer/src/x.ts',
      "import { createBackend } from '../../electron/backend/backend';\nexport const x = createBackend;\n",
      'type of the app router',
    ],
    [
      'renderer/src/x.ts',
      "import { openDatabase } from '../../db/open';\nexport const x = openDatabase;\n",
      'through the backend',
    ],
    [
      'portal/x.ts',
      "import { appRouter } from '../electron/backend/router';\nexport const x = appRouter;\n",
      'never imports desktop',
    ],
    [
      'electron/backend/x.ts',
      "import { something } from '../../portal/server';\nexport const x = something;\n",
      'router type only',
    ],
    [
      'simulator/x.ts',
      "import { portalRouter } from '../portal/router';\nexport const x = portalRouter;\n",
      '`import type`',
    ],
    [
      'simulator/x.ts',
      "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n",
      'over HTTP only',
    ],
    ['pdf/x.ts', "import { app } from 'electron';\nexport const x = app;\n", "import 'electron'"],
    [
      'pdf/x.ts',
      "import { createPortal } from '../portal/portal';\nexport const x = createPortal;\n",
      'portal and the backend alike',
    ],
    [
      'pdf/x.ts',
      "import { createBackend } from '../electron/backend/backend';\nexport const x = createBackend;\n",
      'portal and the backend alike',
    ],
    [
      'pdf/x.ts',
      "import { i18n } from '../renderer/src/i18n';\nexport const x = i18n;\n",
      'portal and the backend alike',
    ],
    [
      'pdf/x.ts',
      "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n",
      'through the backend',
    ],
    [
      'renderer/src/x.ts',
      "import { renderDepositConfirmation } from '../../pdf/render-documents';\nexport const x = renderDepositConfirmation;\n",
      'pdf/ runs in Node only',
    ],
    [
      'shared/x.ts',
      "import { renderDepositConfirmation } from '../pdf/render-documents';\nexport const x = renderDepositConfirmation;\n",
      'pdf/ runs in Node only',
    ],
  ])('%s: %s is refused', async (file, code, reason) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.join('\n')).toContain(reason);
  });

  it.each([
    [
      'renderer/src/x.ts',
      "import type { AppRouter } from '../../electron/backend/router';\nexport type X = AppRouter;\n",
    ],
    ['renderer/src/x.ts', "import { z } from 'zod';\nexport const x = z;\n"],
    ['electron/main/x.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    [
      'electron/preload/x.ts',
      "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n",
    ],
    [
      'electron/backend/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'simulator/x.ts',
      "import type { PortalRouter } from '../portal/router';\nexport type X = PortalRouter;\n",
    ],
    ['pdf/x.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n"],
    ['pdf/x.ts', "import fontkit from '@pdf-lib/fontkit';\nexport const x = fontkit;\n"],
    [
      'pdf/x.ts',
      "import { formatFrenchDate } from '../shared/dates/format';\nexport const x = formatFrenchDate;\n",
    ],
    [
      'portal/x.ts',
      "import { renderDepositConfirmation } from '../pdf/render-documents';\nexport const x = renderDepositConfirmation;\n",
    ],
    [
      'electron/backend/x.ts',
      "import { renderProlongationAttestation } from '../../pdf/render-documents';\nexport const x = renderProlongationAttestation;\n",
    ],
  ])('%s: an allowed import passes', async (file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});
