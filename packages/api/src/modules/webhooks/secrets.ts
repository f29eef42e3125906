import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook secrets are kept encrypted with AES-256-GCM under a key that is not in the database
 * (WEBHOOK_SECRET_KEY, or one generated once into DATA_DIR), so a database dump alone cannot sign a
 * delivery. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url), the version leaving room for
 * re-keying.
 */
export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

export function secretBox(keyMaterial: string): SecretBox {
  const key = createHash('sha256').update(`civic-webhook-secrets:${keyMaterial}`).digest();
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || !data) throw new Error('Unknown webhook secret format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
