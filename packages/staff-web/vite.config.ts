import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { webBuild } from '../../scripts/vite/vite-common.ts';

// In development the API runs on :3000 (pnpm dev); in production it serves this build itself.
//
// Two builds into one dist/: the staff app (index.html), then with `--mode sign` the renter's signing
// page (sign.html, served for /sign/:token). Built apart, the signing page shares no chunk with the
// app, so nothing only the staff app's pages use rides along to a renter's phone. Files are
// precompressed (brotli, gzip) for the server to send as they are; the manifests let
// scripts/bundle-budget.mjs check first-load sizes.
export default defineConfig(({ mode }) => {
  const sign = mode === 'sign';
  return {
    plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
    resolve: { alias: webBuild.alias },
    base: '/',
    server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
    build: {
      outDir: 'dist',
      emptyOutDir: !sign,
      manifest: sign ? '.vite/sign-manifest.json' : true,
      rolldownOptions: {
        input: sign ? 'sign.html' : 'index.html',
        treeshake: webBuild.treeshake,
      },
    },
  };
});
