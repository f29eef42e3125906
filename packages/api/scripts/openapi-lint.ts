// Writes the API's OpenAPI document (built from the route table, no database needed) and lints it
// with Redocly's recommended rules (redocly.yaml at the repository root). Part of `pnpm lint`.
// Offline: telemetry and the update check are off.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'civic-openapi-'));
// A fixed place (git-ignored), so the reviewed exceptions in .redocly.lint-ignore.yaml can name it.
const out = path.resolve(import.meta.dirname, '../.openapi');
try {
  const config = loadConfig(
    {},
    {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      JWT_SECRET: 'openapi-lint-secret-that-is-long-enough-0123',
      WEBHOOK_SECRET_KEY: 'openapi-lint-webhook-key-that-is-long-enough',
      JOBS_ENABLED: false,
      PUBLIC_URL: 'https://palvelut.hel.fi',
      DATA_DIR: dir,
      STAFF_WEB_DIST: '/nonexistent',
      PORTAL_DIST: '/nonexistent',
    },
  );
  const app = await buildApp(config, { logger: false });
  await app.ready();
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'openapi.json');
  writeFileSync(file, JSON.stringify(app.swagger(), null, 2));
  await app.close();
  const repoRoot = config.repoRoot;
  const bin = path.join(
    repoRoot,
    'node_modules',
    '.bin',
    process.platform === 'win32' ? 'redocly.cmd' : 'redocly',
  );
  const run = spawnSync(
    bin,
    ['lint', file, '--config', path.join(repoRoot, 'redocly.yaml'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
