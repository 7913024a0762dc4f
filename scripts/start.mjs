// `npm start`: the desktop application where Electron's binary is installed; otherwise the same
// application served to a browser by the headless host.
import { bin, run } from './run.mjs';
import { findElectron } from './electron-binary.mjs';

const built = await run(bin('electron-vite'), ['build', '--logLevel', 'warn']);
if (built !== 0) process.exit(built);

const electron = await findElectron();
if (electron) {
  process.exit(await run(electron, ['.']));
}
console.info(
  "Electron n'est pas installé sur ce poste (son téléchargement a échoué) : l'application est servie au navigateur.",
);
process.exit(await run(process.execPath, ['out/main/host.js']));
