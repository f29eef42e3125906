#!/usr/bin/env node
// Builds both web apps (the staff app, its signing page, the provider portal) with Vite and prints
// how much JavaScript each first page costs against its budget (scripts/bundle-budget.mjs).
//
//   node scripts/build-web.mjs            Vite's full output, then the size report
//   node scripts/build-web.mjs --quiet    one line per app (what `pnpm start` shows)
//
// Exits non-zero when a build fails. A budget exceeded is reported here and fails CI
// (`node scripts/bundle-budget.mjs` in .ci/run); it does not stop a local start.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { report } from './bundle-budget.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

const BUILDS = [
  { dir: 'packages/staff-web', label: 'staff app' },
  { dir: 'packages/staff-web', label: 'signing page', mode: 'sign' },
  { dir: 'packages/provider-portal', label: 'provider portal' },
];

const started = Date.now();
if (quiet) process.stdout.write('Building the web apps …');
for (const b of BUILDS) {
  const dir = path.join(root, b.dir);
  if (!quiet) console.log(`\n— ${b.label} (${b.dir}${b.mode ? `, --mode ${b.mode}` : ''})`);
  await build({
    root: dir,
    configFile: path.join(dir, 'vite.config.ts'),
    mode: b.mode ?? 'production',
    logLevel: quiet ? 'error' : 'info',
  });
}
const { text, problems } = report(root);
if (quiet) {
  console.log(` done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (problems.length) console.log(`Over the size budget: ${problems.join('; ')}`);
} else {
  console.log(`\n${text}`);
  if (problems.length) console.log(`\nOver budget (CI fails):\n  ${problems.join('\n  ')}`);
}
