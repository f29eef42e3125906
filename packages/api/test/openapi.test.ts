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

describe('OpenAPI tells the truth', () => {
  type Op = {
    operationId: string;
    summary?: string;
    security?: unknown[];
    responses: Record<string, { content?: Record<string, unknown> }>;
  };
  const operations = async () => {
    const spec = (await t.http().get('/api/openapi.json')).body as {
      security: unknown[];
      paths: Record<string, Record<string, Op>>;
    };
    return {
      spec,
      ops: Object.entries(spec.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, op]) => ({ path, method, ...op })),
      ),
    };
  };

  it('public operations declare `security: []`; every other one inherits the bearer requirement', async () => {
    const { spec, ops } = await operations();
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    const publicRoutes = new Set(
      t.app.routeTable
        .filter((r) => r.access === 'public' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'))
        .map((r) => `${r.method} ${r.url}`),
    );
    const key = (o: { method: string; path: string }) =>
      `${o.method.toUpperCase()} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`;
    const documentedPublic = ops.filter((o) => publicRoutes.has(key(o)));
    // Signing and invitations by token, login, refresh, the token endpoint, health.
    for (const path of [
      '/api/v1/signing/{token}/sign',
      '/api/v1/auth/login',
      '/api/v1/oauth/token',
      '/api/health',
    ])
      expect(documentedPublic.map((o) => o.path)).toContain(path);
    expect(documentedPublic.some((o) => o.path.includes('invitation'))).toBe(true);
    for (const o of ops) {
      if (publicRoutes.has(key(o))) expect(o.security, `${key(o)} is public`).toEqual([]);
      else expect(o.security, `${key(o)} needs a token`).toBeUndefined();
    }
  });

  it('every operation has a summary, and error answers are problem+json', async () => {
    const { ops } = await operations();
    for (const o of ops) {
      expect(o.summary, o.operationId).toBeTruthy();
      for (const [status, res] of Object.entries(o.responses)) {
        if (Number(status) >= 400 && res.content)
          expect(Object.keys(res.content), `${o.operationId} ${status}`).toEqual([
            'application/problem+json',
          ]);
      }
    }
  });
});
