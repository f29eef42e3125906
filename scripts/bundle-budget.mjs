#!/usr/bin/env node
// How much JavaScript each web app makes a browser download before its first page can render,
// compressed as the server sends it, checked against a budget. Run after a build:
//
//   node scripts/bundle-budget.mjs          print the sizes, exit 1 when a budget is exceeded
//
// It reads Vite's manifest (dist/.vite/manifest.json): a page's first load is its entry chunk and
// every chunk that chunk imports statically (the modulepreload list in its HTML). Routes load lazily,
// so each route's own first load (the entry plus the route's chunks) is checked too.
//
//   node scripts/bundle-budget.mjs --routes     also list every route's first load
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Budgets in KB (1 000 bytes) of gzip-compressed JavaScript. `firstPageKb`: the entry with what it
 * imports, which is the app's first page (login, home or dashboard; they are part of the entry).
 * `routeKb`: the first load of any other route when it is the first page opened (a deep link).
 * Code a page loads after it renders (the capacity chart) is not counted against either.
 */
export const BUDGETS = [
  {
    label: 'staff app',
    dist: 'packages/staff-web/dist',
    entry: 'index.html',
    firstPageKb: 200,
    routeKb: 230,
  },
  {
    label: 'signing page /sign/:token',
    dist: 'packages/staff-web/dist',
    manifest: 'sign-manifest.json',
    entry: 'sign.html',
    firstPageKb: 160,
    routeKb: 170,
  },
  {
    label: 'provider portal',
    dist: 'packages/provider-portal/dist',
    entry: 'index.html',
    firstPageKb: 200,
    routeKb: 230,
  },
];

const sizeCache = new Map();
function sizes(file) {
  if (!sizeCache.has(file)) {
    const bytes = readFileSync(file);
    sizeCache.set(file, {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
  }
  return sizeCache.get(file);
}

/** The manifest keys of a chunk and everything it imports statically. */
function closure(manifest, key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(manifest, dep, seen);
  return seen;
}

function total(manifest, dist, keys) {
  const sum = { raw: 0, gzip: 0, brotli: 0 };
  for (const key of keys) {
    const file = manifest[key]?.file;
    if (!file?.endsWith('.js')) continue;
    const s = sizes(path.join(dist, file));
    sum.raw += s.raw;
    sum.gzip += s.gzip;
    sum.brotli += s.brotli;
  }
  return sum;
}

/** Sizes of one budget's entry: its first page and the first load of each lazily loaded route. */
export function measure(budget, base = root) {
  const dist = path.resolve(base, budget.dist);
  const manifestFile = path.join(dist, '.vite', budget.manifest ?? 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build the apps first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (!manifest[budget.entry]) throw new Error(`${budget.entry} is not an entry of ${budget.dist}`);
  const initial = closure(manifest, budget.entry);
  const firstPage = total(manifest, dist, initial);
  // Routes (and the other languages' strings) are the dynamic imports of the entry's own code.
  // Their pages may load more once rendered (the capacity chart): that is listed, not budgeted.
  const routes = [];
  const later = [];
  const seen = new Set();
  const visit = (keys, list, depth) => {
    for (const k of keys) {
      for (const dyn of manifest[k]?.dynamicImports ?? []) {
        if (seen.has(dyn)) continue;
        seen.add(dyn);
        const own = closure(manifest, dyn);
        list.push({
          route: manifest[dyn].src ?? dyn,
          ...total(manifest, dist, new Set([...initial, ...own])),
        });
        visit(
          [...own].filter((k) => !initial.has(k)),
          depth === 0 ? later : list,
          depth + 1,
        );
      }
    }
  };
  visit(initial, routes, 0);
  later.sort((a, b) => b.gzip - a.gzip);
  routes.sort((a, b) => b.gzip - a.gzip);
  return { firstPage, routes, later };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

/** A short table for the build output; `problems` lists every exceeded budget. */
export function report(base = root) {
  const lines = ['JavaScript before the first page renders (compressed as served):'];
  const problems = [];
  for (const b of BUDGETS) {
    const { firstPage, routes } = measure(b, base);
    const heaviest = routes[0];
    const overFirst = firstPage.gzip > b.firstPageKb * 1000;
    const overRoutes = routes.filter((r) => r.gzip > b.routeKb * 1000);
    lines.push(
      `  ${b.label.padEnd(27)} ${kb(firstPage.gzip).padStart(9)} gzip ${kb(firstPage.brotli).padStart(9)} brotli` +
        `   budget ${b.firstPageKb} KB${overFirst ? '   OVER BUDGET' : ''}`,
    );
    if (heaviest) {
      lines.push(
        `    heaviest route: ${heaviest.route} ${kb(heaviest.gzip)} gzip (budget ${b.routeKb} KB)${overRoutes.length ? '   OVER BUDGET' : ''}`,
      );
    }
    if (overFirst) problems.push(`${b.label}: first page ${kb(firstPage.gzip)} > ${b.firstPageKb} KB`);
    for (const r of overRoutes) problems.push(`${b.label}: route ${r.route} ${kb(r.gzip)} > ${b.routeKb} KB`);
  }
  return { text: lines.join('\n'), problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const verbose = process.argv.includes('--routes');
  const { text, problems } = report();
  console.log(text);
  if (verbose) {
    for (const b of BUDGETS) {
      console.log(`\n${b.label}: first load of each route (gzip)`);
      const { routes, later } = measure(b);
      for (const r of routes) console.log(`  ${kb(r.gzip).padStart(9)}  ${r.route}`);
      for (const r of later)
        console.log(`  ${kb(r.gzip).padStart(9)}  ${r.route} (loaded after its page renders)`);
    }
  }
  if (problems.length) {
    console.error(`\nOver budget:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
}
