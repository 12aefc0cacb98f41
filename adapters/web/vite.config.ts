import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The console is built into dist/web and served by the bundled server at `/` (adapters/http/console.ts).
// Its files live under /console/ so they never meet the server's own /assets/ (the workflows page).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'console',
    // Element Plus is one vendor chunk of ~1 MB; the warning says nothing new.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite --config adapters/web/vite.config.ts` next to `npm start`: the API from the running server.
    proxy: { '/api': 'http://127.0.0.1:3000', '/assets': 'http://127.0.0.1:3000' },
  },
});
