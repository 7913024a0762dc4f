import { main } from './cli';

// The simulator as a program of its own: the desktop's embedded default runs it as a child
// process to seed demo dossiers without slowing the workstation's own process.
process.exitCode = await main(process.argv.slice(2));
