// Builds one TypeScript entry of the project into a plain Node program (ES module, source maps):
// node_modules packages stay imports, the project's own folders are bundled. Used by the scripts
// and benches that run without electron-vite.
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Builds `entry` (relative to the project) into `outDir` as `fileName`; returns the file's path. */
export async function buildNodeProgram(entry, outDir, fileName = 'main.js') {
  const { build } = await import('vite');
  const out = isAbsolute(outDir) ? outDir : join(root, outDir);
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir: out,
      emptyOutDir: true,
      target: 'node20',
      sourcemap: true,
      rollupOptions: { output: { format: 'es', entryFileNames: fileName } },
    },
  });
  return join(out, fileName);
}
