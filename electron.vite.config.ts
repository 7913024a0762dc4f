import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import vuetify from 'vite-plugin-vuetify';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // Two programs from one backend: the Electron shell, and the headless host for browsers;
        // and the two the embedded default runs as child processes: the portal, the simulator.
        input: {
          index: resolve('electron/main/index.ts'),
          host: resolve('electron/host/index.ts'),
          portal: resolve('portal/main.ts'),
          simulator: resolve('simulator/run.ts'),
        },
      },
    },
  },
  preload: {
    // Sandboxed preloads must be a single CommonJS file: bundle trpc-electron into it.
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [vue(), vuetify({ autoImport: true })],
    optimizeDeps: { include: ['vuetify'] },
    build: {
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
