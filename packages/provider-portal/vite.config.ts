import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Served by the API under /portal/; in development on :5174 with the API proxied.
export default defineConfig({
  plugins: [react()],
  base: '/portal/',
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 2000 },
});
