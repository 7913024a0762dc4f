// The renderer's one link to the main process: the tRPC IPC channel, nothing else.
import { exposeElectronTRPC } from 'trpc-electron/main';

exposeElectronTRPC();
