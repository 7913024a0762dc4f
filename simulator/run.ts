import { main } from './cli';

// The simulator as a program of its own: the desktop's embedded default runs it as a child
// process to seed demo dossiers without slowing the workstation's own process.

// Started by a workstation: end with it, even when it was killed and could not say so (its end
// closes our stdin), rather than drawing papers for a portal that is gone.
const withParent = process.env.SIMULATOR_EXIT_WITH_PARENT === '1';
if (withParent) {
  const leave = () => process.exit(1);
  process.stdin.on('end', leave);
  process.stdin.on('close', leave);
  process.stdin.resume();
}

process.exitCode = await main(process.argv.slice(2));
// The stdin watched above would keep the program running once its work is done.
if (withParent) process.exit();
