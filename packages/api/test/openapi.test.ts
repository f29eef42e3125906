import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('is 3.1 and every operation has an operationId and a tag', async () => {
    const res = await t.http().get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.entries(
      res.body.paths as Record<string, Record<string, { operationId?: string; tags?: string[] }>>,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, ...op })));
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) {
      expect(op.operationId, `${op.method} ${op.path}`).toBeTruthy();
      expect(op.tags?.length, `${op.method} ${op.path}`).toBeGreaterThan(0);
    }
    const ids = ops.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(res.body.components.schemas.Problem).toBeDefined();
  });

  it('every API route in the route table is documented (none untagged and hidden by accident)', async () => {
    const spec = (await t.http().get('/api/openapi.json')).body;
    const documented = new Set(
      Object.entries(spec.paths as Record<string, object>).flatMap(([p, m]) =>
        Object.keys(m).map((x) => `${x.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD');
    for (const r of routes) expect(documented.has(`${r.method} ${r.url}`), `${r.method} ${r.url}`).toBe(true);
  });

  it('serves the browsable docs', async () => {
    const res = await t.http().get('/api/docs/').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger/i);
  });
});
