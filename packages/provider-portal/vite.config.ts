import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { webBuild } from '../../scripts/vite/vite-common.ts';

// Served by the API under /portal/; in development on :5174 with the API proxied. Files are
// precompressed (brotli, gzip) for the server to send as they are; the manifest lets
// scripts/bundle-budget.mjs check first-load sizes.
export default defineConfig({
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  resolve: { alias: webBuild.alias },
  base: '/portal/',
  server: { port: 5174, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    manifest: true,
    rolldownOptions: {
      treeshake: webBuild.treeshake,
    },
  },
});
