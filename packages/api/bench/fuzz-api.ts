// Fuzzing over the OpenAPI document (issue 10), against a running product with the demo data.
//
//   PORT=3105 RATE_LIMIT_PER_MINUTE=1000000 MAX_EVENT_LOOP_DELAY_MS=0 npx -y pnpm@10 start
//   npx -y pnpm@10 fuzz:api http://localhost:3105          (FUZZ_PER_OPERATION=40, FUZZ_SEED=1)
//
// Reads /api/openapi.json and, for every operation, as every demo role the operation admits (and as
// the demo integration client and anonymously), sends one request made valid from the operation's
// schemas and then FUZZ_PER_OPERATION requests with one hostile value each (NUL, whitespace,
// huge numbers, wrong types, unknown or nil UUIDs, bad dates, bad percent-encoding …) planted in a
// path parameter, a query parameter or one field of the body, plus bodies that are not UTF-8 or not
// JSON. Path ids are taken from earlier answers half of the time, so requests reach real objects.
// Every answer must be below 500, and every 4xx must be problem+json. Prints the counts by status
// and each server error; exits 1 when there was one.
import { randomUUID } from 'node:crypto';
import { HOSTILE_VALUES, sample, stringLeaves, type JsonSchema } from '../test/fuzz/schema-sample.ts';

const base = (process.argv[2] ?? 'http://localhost:3000').replace(/\/$/, '');
const PER_OPERATION = Number(process.env.FUZZ_PER_OPERATION ?? 40);
let seed = Number(process.env.FUZZ_SEED ?? 1);
/** A small seeded generator, so a run can be repeated. */
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const PASSWORD = 'Demo-salasana-2026';
const USERS = [
  'admin',
  'keycoord',
  'sitemanager',
  'carecoord',
  'careviewer',
  'provideradmin',
  'provideruser',
];
// Ending the fuzzer's own sessions would log it out; everything else is fair game.
const SKIP = new Set(['POST /api/v1/auth/logout']);

interface Operation {
  method: string;
  path: string;
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  security?: unknown[];
}

const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};
const resolve = (ref: string) => doc.components?.schemas?.[ref.replace(/^#\/components\/schemas\//, '')];

async function login(username: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return res.ok ? `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` : null;
}
const callers = new Map<string, string | null>();
for (const u of USERS) callers.set(u, await login(u));
const client = await fetch(`${base}/api/v1/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials&client_id=demo-bi&client_secret=demo-bi-secret-not-for-production',
});
if (client.ok)
  callers.set('demo-bi', `Bearer ${((await client.json()) as { access_token: string }).access_token}`);
callers.set('anonymous', null);

/** Ids seen in answers, to put in path parameters half of the time. */
const seenIds: string[] = [];
const collectIds = (v: unknown) => {
  if (Array.isArray(v)) v.slice(0, 20).forEach(collectIds);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === 'id' && typeof x === 'string' && /^[0-9a-f-]{36}$/.test(x) && seenIds.length < 5000)
        seenIds.push(x);
      else collectIds(x);
    }
};

const counts = new Map<number, number>();
const serverErrors: string[] = [];
const notProblem: string[] = [];
let sent = 0;

async function send(
  label: string,
  op: Operation,
  who: string,
  path: string,
  query: URLSearchParams,
  body: { type: string; data: string | Buffer } | null,
) {
  const headers: Record<string, string> = {};
  const token = callers.get(who);
  if (token) headers.authorization = token;
  if (body) headers['content-type'] = body.type;
  let res: Response;
  try {
    res = await fetch(`${base}${path}${query.size ? `?${query}` : ''}`, {
      method: op.method.toUpperCase(),
      headers,
      body: body?.data,
    });
  } catch (err) {
    serverErrors.push(`${label} as ${who}: no answer (${(err as Error).message})`);
    return 0;
  }
  sent++;
  counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
  const text = await res.text();
  if (res.status === 401 && token && !label.includes('auth')) {
    // A session ended by what another request did (a password reset, a role change): log in again.
    if (USERS.includes(who)) callers.set(who, await login(who));
  }
  if (res.status >= 500) serverErrors.push(`${label} as ${who} → ${res.status} ${text.slice(0, 300)}`);
  else if (res.status >= 400 && !/problem\+json/.test(res.headers.get('content-type') ?? ''))
    notProblem.push(`${label} as ${who} → ${res.status} ${res.headers.get('content-type')}`);
  else if (res.ok && /json/.test(res.headers.get('content-type') ?? '')) {
    try {
      collectIds(JSON.parse(text));
    } catch {
      // Not JSON after all.
    }
  }
  return res.status;
}

/** Percent-encodes a path part; a lone surrogate goes as its (invalid) UTF-8 bytes. */
function encodePart(value: string) {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80');
  }
}

const operations: Operation[] = [];
for (const [path, methods] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(methods)) {
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
    operations.push({ ...op, method, path });
  }
}
// Reads first, so their answers feed ids to the writes.
operations.sort((a, b) => Number(a.method !== 'get') - Number(b.method !== 'get'));

for (const op of operations) {
  const params = op.parameters ?? [];
  const json = op.requestBody?.content['application/json']?.schema;
  const csv = op.requestBody?.content['text/csv'] ? true : false;
  // The valid request goes as every caller; hostile ones as those the operation admitted.
  const admitted: string[] = [];
  const everyone = [...callers.keys()];
  for (let i = -everyone.length; i <= PER_OPERATION; i++) {
    const caller = i < 0 ? everyone[i + everyone.length]! : pick(admitted.length ? admitted : everyone);
    const variant = Math.floor(random() * 4);
    let path = op.path;
    const query = new URLSearchParams();
    const hostile = i <= 0 ? null : pick(HOSTILE_VALUES);
    const targets = [
      ...params.filter((p) => p.in === 'path' || p.in === 'query').map((p) => `${p.in}:${p.name}`),
      ...(json ? ['body'] : []),
    ];
    const target = i <= 0 ? null : pick(targets.length ? targets : ['none']);
    for (const p of params) {
      let value: unknown = sample(p.schema, { variant, resolve });
      if (p.schema.format === 'uuid' && seenIds.length && random() < 0.5) value = pick(seenIds);
      if (target === `${p.in}:${p.name}`) value = hostile;
      if (p.in === 'path') {
        // The bad percent-encoding goes into the path as it is: that is the point of it.
        const raw = target === `path:${p.name}` && value === '%E0%A4%A';
        path = path.replace(`{${p.name}}`, raw ? String(value) : encodePart(String(value)));
      } else if (p.in === 'query' && (p.required || random() < 0.5 || target === `query:${p.name}`)) {
        if (Array.isArray(value)) value.forEach((v) => query.append(p.name, String(v)));
        else if (value !== undefined && value !== null) query.set(p.name, String(value));
      }
    }
    let body: { type: string; data: string | Buffer } | null = null;
    if (json) {
      const value = sample(json, { variant, optional: random() < 0.5, resolve });
      if (target === 'body') {
        const leaves = stringLeaves(value);
        if (leaves.length && random() < 0.8) pick(leaves).set(hostile);
        else if (value && typeof value === 'object' && !Array.isArray(value)) {
          const keys = Object.keys(value);
          if (keys.length) (value as Record<string, unknown>)[pick(keys)] = hostile;
        }
      }
      body = { type: 'application/json', data: JSON.stringify(value) };
      if (i > 0 && random() < 0.05)
        body = { type: 'application/json', data: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]) };
      if (i > 0 && random() < 0.05) body = { type: 'application/json', data: '{"a":' };
    } else if (csv) {
      body = {
        type: 'text/csv',
        data: i <= 0 ? 'code;opens\nF1;Ovi\n' : `code;opens\n${String(hostile)};${randomUUID()}\n`,
      };
    } else if (['post', 'put', 'patch'].includes(op.method) && random() < 0.3) {
      body = { type: 'application/json', data: JSON.stringify({ x: hostile }) };
    }
    const status = await send(
      `${op.method.toUpperCase()} ${op.path} [${target ?? 'valid'}=${JSON.stringify(hostile)?.slice(0, 40)}]`,
      op,
      caller,
      path,
      query,
      body,
    );
    if (i < 0 && status !== 401 && status !== 403) admitted.push(caller);
  }
}

console.log(`${operations.length} operations, ${sent} requests, as ${[...callers.keys()].join(', ')}`);
console.log(
  'by status:',
  [...counts]
    .sort((a, b) => a[0] - b[0])
    .map(([s, n]) => `${s}: ${n}`)
    .join(', '),
);
console.log(`server errors: ${serverErrors.length}`);
for (const e of serverErrors.slice(0, 50)) console.log(`  ${e}`);
if (notProblem.length) {
  console.log(`4xx answers that are not problem+json: ${notProblem.length}`);
  for (const e of notProblem.slice(0, 20)) console.log(`  ${e}`);
}
process.exitCode = serverErrors.length || notProblem.length ? 1 : 0;
