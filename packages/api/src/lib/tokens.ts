import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A high-entropy opaque token and the hash we store in its place. */
export function newOpaqueToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');

/**
 * Integration-client secrets are 256 random bits made by the server, so guessing one is hopeless
 * whatever the hash; a slow hash (argon2, for people's passwords) would only make every token
 * request, right or wrong, cost the server tens of milliseconds of CPU. They are stored as SHA-256.
 */
export const hashClientSecret = (secret: string) => `sha256:${sha256Hex(secret)}`;

/** Compares in constant time; `legacy` verifies hashes made before (argon2), which the caller upgrades. */
export async function verifyClientSecret(
  hash: string,
  secret: string,
  legacy: (hash: string, secret: string) => Promise<boolean>,
): Promise<{ ok: boolean; upgrade: boolean }> {
  if (!hash.startsWith('sha256:')) {
    const ok = await legacy(hash, secret);
    return { ok, upgrade: ok };
  }
  const expected = Buffer.from(hash.slice(7), 'hex');
  const given = createHash('sha256').update(secret).digest();
  return { ok: expected.length === given.length && timingSafeEqual(expected, given), upgrade: false };
}
