import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web application, built into dist/ and served by @esa-flow/server (same origin as the API). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
