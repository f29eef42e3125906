import { createHash, randomBytes } from 'node:crypto';

/** A high-entropy opaque token and the hash we store in its place. */
export function newOpaqueToken(bytes = 32): { token: string; hash: string } {
  const token = randomBytes(bytes).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

export const sha256Hex = (value: string | Buffer) => createHash('sha256').update(value).digest('hex');
