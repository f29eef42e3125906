import type pg from 'pg';

/**
 * Drops a scratch database (tests, benchmarks) through `admin`, a connection to another database.
 * `WITH (FORCE)` ends connections left open to it, but PostgreSQL 15 refuses that to a role without
 * superuser or `pg_signal_backend` while an autovacuum worker is in the database (42501: the
 * worker is no role's process); a plain DROP stops autovacuum workers itself. So each attempt
 * forces, falls back to a plain DROP on 42501, and tries again while a connection or a worker is
 * still on its way out (55006), for up to about ten seconds.
 */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  const quoted = `"${name.replaceAll('"', '""')}"`;
  for (let attempt = 0; ; attempt++) {
    try {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
      } catch (err) {
        if ((err as { code?: string }).code !== '42501') throw err;
        await admin.query(`DROP DATABASE IF EXISTS ${quoted}`);
      }
      return;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if ((code !== '42501' && code !== '55006') || attempt >= 40) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
