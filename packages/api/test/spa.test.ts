import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from './helpers.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A built app as Vite leaves it: hashed assets with brotli and gzip copies, a source map, HTML pages. */
function fakeDist(dir: string, pages: Record<string, string>) {
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  mkdirSync(path.join(dir, '.vite'), { recursive: true });
  const js = `console.log(${JSON.stringify('x'.repeat(2000))});`;
  const files: Record<string, string> = {
    ...pages,
    'assets/main-AbC123.js': js,
    'assets/main-AbC123.js.map': '{"version":3}',
    '.vite/manifest.json': '{}',
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), text);
    if (!name.endsWith('.map') && !name.startsWith('.')) {
      writeFileSync(path.join(dir, `${name}.br`), brotliCompressSync(text));
      writeFileSync(path.join(dir, `${name}.gz`), gzipSync(text));
    }
  }
  return js;
}

let t: TestApp;
let tmp: string;
let js: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'civic-spa-'));
  js = fakeDist(path.join(tmp, 'staff'), {
    'index.html': '<title>staff</title>',
    'sign.html': '<title>sign</title>',
  });
  fakeDist(path.join(tmp, 'portal'), { 'index.html': '<title>portal</title>' });
  t = await createTestApp({ STAFF_WEB_DIST: path.join(tmp, 'staff'), PORTAL_DIST: path.join(tmp, 'portal') });
});
afterAll(async () => {
  await t?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The bytes as sent (HTTP clients would decompress them). */
const get = (url: string, acceptEncoding: string) =>
  t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': acceptEncoding } });

describe('the built apps as served', () => {
  it('sends the brotli copy to a browser that accepts it, gzip to one that accepts only gzip', async () => {
    const br = await get('/assets/main-AbC123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(js);
    expect(Number(br.headers['content-length'])).toBeLessThan(js.length / 5);

    const gz = await get('/assets/main-AbC123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(gz.rawPayload).toString()).toBe(js);

    const plain = await get('/assets/main-AbC123.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body).toBe(js);
  });

  it('caches hashed assets for a year without revalidation and revalidates the HTML pages', async () => {
    const asset = await t.http().get('/assets/main-AbC123.js').set('accept-encoding', 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const url of ['/', '/keys/report', '/portal/', '/portal/units', '/sign/abcDEF123']) {
      const page = await t.http().get(url).set('accept-encoding', 'gzip, br');
      expect(page.status, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(page.headers['content-type'], url).toMatch(/text\/html/);
    }
  });

  it('answers a signing link with the small signing page and everything else with its app', async () => {
    const title = async (url: string) =>
      (await t.http().get(url).set('accept-encoding', 'identity')).text.match(/<title>(.*)<\/title>/)?.[1];
    expect(await title('/sign/abcDEF123')).toBe('sign');
    expect(await title('/sign/abcDEF123/')).toBe('sign');
    expect(await title('/')).toBe('staff');
    expect(await title('/keys/agreements/123')).toBe('staff');
    expect(await title('/portal/units/1')).toBe('portal');
  });

  it('does not serve source maps or the build manifest', async () => {
    expect((await t.http().get('/assets/main-AbC123.js.map')).status).toBe(404);
    expect((await t.http().get('/portal/assets/main-AbC123.js.map')).status).toBe(404);
    expect((await t.http().get('/.vite/manifest.json')).status).toBe(404);
  });
});
