import type { QueryResult, QueryResultRow } from 'pg';
import type { SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import type { Db, Executor } from './client.ts';

/**
 * Built statements of the hottest list reads (vacancy board, key report, portal dashboard), kept
 * so a request that asks what an earlier one asked does not build the SQL again (drizzle's building
 * was ~6 % of the API's CPU) and runs as a named prepared statement (PostgreSQL parses it once per
 * connection). Only the statement is kept, never a result: every request still reads the rows.
 *
 * The key must determine the statement completely (every input of `build`, including the date of
 * today when the SQL uses it). Per executor, so a statement built for one transaction's client is
 * not used elsewhere; the least recently used entries go beyond `MAX_ENTRIES`.
 */
const MAX_ENTRIES = 500;
/** Distinct texts that get a name; beyond these, statements run unnamed (still not rebuilt). */
const MAX_NAMES = 200;

interface Runnable {
  execute(placeholders?: Record<string, unknown>): Promise<unknown>;
}

const caches = new WeakMap<Executor, Map<string, Runnable>>();
const names = new Map<string, string>();

/** One name per SQL text, the same in every process start and on every connection. */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) names.set(text, (name = `civic_s${names.size}`));
  return name;
}

function cached<T extends Runnable>(executor: Executor, key: string, make: () => T): T {
  let cache = caches.get(executor);
  if (!cache) caches.set(executor, (cache = new Map()));
  let entry = cache.get(key) as T | undefined;
  if (entry) {
    // Most recently used last: Map keeps insertion order.
    cache.delete(key);
  } else {
    entry = make();
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  cache.set(key, entry);
  return entry;
}

/** `executor.execute(build())`, with the built statement kept under `key`. */
export function executeCached<T extends QueryResultRow>(
  executor: Executor,
  key: string,
  build: () => SQL,
): Promise<QueryResult<T>> {
  const prepared = cached(executor, key, () => {
    // The dialect is drizzle-internal but is what `execute` itself builds with.
    const query = (executor as unknown as { dialect: PgDialect }).dialect.sqlToQuery(build());
    return (executor as Db)._.session.prepareQuery(query, undefined, statementName(query.sql), false);
  });
  return prepared.execute() as Promise<QueryResult<T>>;
}

/** A select built with drizzle's query builder, kept under `key` with its row mapping. */
export function selectCached<R>(
  executor: Executor,
  key: string,
  build: () => { toSQL(): { sql: string }; prepare(name: string): { execute(): Promise<R> } },
): Promise<R> {
  return cached(executor, key, () => {
    const builder = build();
    const name = statementName(builder.toSQL().sql);
    // A builder prepares only with a name; an unnamed one is built each time (past MAX_NAMES).
    return name ? builder.prepare(name) : { execute: () => build().prepare('').execute() };
  }).execute() as Promise<R>;
}
