import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envSchema } from 'env-schema';
import { Type, type Static } from 'typebox';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Every setting the API reads, with its default. This is the only module that reads the
 * environment; the README's configuration table is written from this schema.
 */
export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ default: 3000 }),
  /** Address people use to reach the product; used in printed URLs and links in e-mails. */
  PUBLIC_URL: Type.String({ default: '' }),
  /** External PostgreSQL. When empty, a bundled PostgreSQL is started with its data in DATA_DIR. */
  DATABASE_URL: Type.String({ default: '' }),
  DATABASE_POOL_SIZE: Type.Integer({ default: 10, minimum: 1 }),
  DATA_DIR: Type.String({ default: path.join(repoRoot, '.data') }),
  EMBEDDED_PG_PORT: Type.Integer({ default: 54329 }),
  /** HMAC key for access tokens (32+ chars). When empty, one is generated once and kept in DATA_DIR. */
  JWT_SECRET: Type.String({ default: '' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ default: 900, minimum: 30 }),
  CLIENT_TOKEN_TTL_SECONDS: Type.Integer({ default: 600, minimum: 30 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ default: 14, minimum: 1 }),
  /** A rotated refresh token presented again within this window is a racing tab, not a thief. */
  REFRESH_REUSE_GRACE_SECONDS: Type.Integer({ default: 20, minimum: 0 }),
  /** Send the refresh cookie with `Secure`. Browsers accept it on http://localhost too. */
  COOKIE_SECURE: Type.Boolean({ default: true }),
  /** Comma-separated origins allowed to call the API from a browser; empty means same origin only. */
  CORS_ORIGINS: Type.String({ default: '' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  LOGIN_MAX_FAILURES: Type.Integer({ default: 5, minimum: 1 }),
  LOGIN_LOCK_MINUTES: Type.Integer({ default: 15, minimum: 1 }),
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 20, minimum: 1 }),
  RATE_LIMIT_PER_MINUTE: Type.Integer({ default: 1200, minimum: 1 }),
  /** Shed load with 503 when the event loop lags more than this; 0 turns shedding off (tests do). */
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0 }),
  LOG_LEVEL: Type.String({ default: 'info' }),
  /** `pretty`: one readable line per event, for a person at a console; `json`: for a log collector. */
  LOG_FORMAT: Type.Union([Type.Literal('pretty'), Type.Literal('json')], { default: 'pretty' }),
  /** Seed demo data and demo accounts when the database has no users. */
  SEED_DEMO_DATA: Type.Boolean({ default: true }),
  /** SMTP server as a URL (`smtp://user:pass@host:587`). When empty, e-mails are held in the outbox. */
  SMTP_URL: Type.String({ default: '' }),
  MAIL_FROM: Type.String({ default: 'Helsingin kaupunki <no-reply@hel.fi>' }),
  /** Run background jobs (pg-boss) in this process. Several instances may all run them. */
  JOBS_ENABLED: Type.Boolean({ default: true }),
  /** Season end as MM-DD; a key agreement's default expected return date. */
  KEY_SEASON_END: Type.String({ default: '05-31', pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' }),
  /** Renters get a reminder this many days before the expected return date. */
  KEY_DUE_SOON_DAYS: Type.Integer({ default: 7, minimum: 1 }),
  SIGNING_LINK_TTL_HOURS: Type.Integer({ default: 72, minimum: 1 }),
  /** An unsigned draft (keys reserved, nobody signed) is cancelled after this long. */
  KEY_DRAFT_TTL_HOURS: Type.Integer({ default: 24, minimum: 1 }),
  /** Renter data of an ended key agreement is anonymised this many months after it ended. */
  KEY_RETENTION_MONTHS: Type.Integer({ default: 36, minimum: 1 }),
  /** Care units whose capacity figures were not confirmed for this many days count as stale. */
  CARE_STALE_AFTER_DAYS: Type.Integer({ default: 7, minimum: 1 }),
  /** Hours the provider and the client have to answer a placement offer before it lapses by itself. */
  OFFER_RESPONSE_HOURS: Type.Integer({ default: 24, minimum: 1, maximum: 720 }),
  /** Days from an accepted offer to the move-in; later move-ins are flagged as late. */
  OFFER_MOVE_IN_DAYS: Type.Integer({ default: 5, minimum: 0, maximum: 90 }),
  /** Whether a client's first refusal of a suitable offer restarts the 3-month legal clock. */
  QUEUE_REFUSAL_RESTARTS_CLOCK: Type.Boolean({ default: false }),
  /** Lifetime of an invitation link to set a password. */
  INVITATION_TTL_HOURS: Type.Integer({ default: 72, minimum: 1 }),
  /** The city's seal certificate (PKCS#12, RSA) for archived PDFs; empty: a demo one is made in DATA_DIR. */
  KEY_SEAL_P12_PATH: Type.String({ default: '' }),
  KEY_SEAL_P12_PASSWORD: Type.String({ default: '' }),
  /** Visma Sign document API; strong electronic signature is offered when both credentials are set. */
  VISMA_SIGN_URL: Type.String({ default: 'https://sign.visma.net' }),
  VISMA_SIGN_CLIENT_ID: Type.String({ default: '' }),
  /** The API secret as Visma Sign gives it (base64). */
  VISMA_SIGN_SECRET: Type.String({ default: '' }),
  VISMA_SIGN_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100 }),
  /** Longest wait between two status checks of an open signing request. */
  VISMA_SIGN_POLL_MAX_MINUTES: Type.Integer({ default: 30, minimum: 1 }),
  /** Key that encrypts webhook secrets in the database (any string, 32+ characters); empty: one kept in DATA_DIR. */
  WEBHOOK_SECRET_KEY: Type.String({ default: '' }),
  /** Let webhooks go to loopback and private addresses and over plain http (tests, demo, a closed network). */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: Type.Boolean({ default: false }),
  /** Time a receiver has to answer one delivery. */
  WEBHOOK_TIMEOUT_MS: Type.Integer({ default: 10_000, minimum: 100, maximum: 60_000 }),
  /** Attempts before a delivery is given up (it can still be redelivered by hand). */
  WEBHOOK_MAX_ATTEMPTS: Type.Integer({ default: 12, minimum: 1, maximum: 50 }),
  /** The wait after the first failure; it doubles with each further one. */
  WEBHOOK_RETRY_BASE_SECONDS: Type.Number({ default: 15, minimum: 0 }),
  WEBHOOK_RETRY_MAX_SECONDS: Type.Number({ default: 21_600, minimum: 0 }),
  /** Finished deliveries and their events are removed from the log after this many days. */
  WEBHOOK_LOG_RETENTION_DAYS: Type.Integer({ default: 30, minimum: 1 }),
  /** How long an Idempotency-Key's answer is kept for replay. */
  IDEMPOTENCY_TTL_HOURS: Type.Integer({ default: 24, minimum: 1 }),
  /** OpenID Connect provider (issuer URL, e.g. a Keycloak realm or Entra ID tenant). Empty: local login only. */
  OIDC_ISSUER: Type.String({ default: '' }),
  OIDC_CLIENT_ID: Type.String({ default: '' }),
  /** Client secret of a confidential client; empty: a public client (PKCE only). */
  OIDC_CLIENT_SECRET: Type.String({ default: '' }),
  OIDC_SCOPES: Type.String({ default: 'openid profile email' }),
  /** Where the provider sends the browser back; empty: PUBLIC_URL + /api/v1/auth/oidc/callback. */
  OIDC_REDIRECT_URI: Type.String({ default: '' }),
  /** ID-token claim holding groups or roles (a dotted path for nested claims: `realm_access.roles`). */
  OIDC_ROLES_CLAIM: Type.String({ default: 'groups' }),
  /** Claim value to product role, `value=role` pairs separated by commas (`/jopa-coordinators=care_coordinator`). */
  OIDC_ROLE_MAP: Type.String({ default: '' }),
  /**
   * How a first sign-on finds an existing account to link once: `email` (verified e-mail only) or
   * the name of a claim whose value is the username (`preferred_username`). Empty: no linking.
   */
  OIDC_LINK_BY: Type.String({ default: '' }),
  /** Create an account at first sign-on when OIDC_ROLE_MAP gives the person a role. */
  OIDC_CREATE_USERS: Type.Boolean({ default: false }),
  /** Roles (comma-separated) that may log in only with single sign-on, never with a password. */
  OIDC_SSO_ONLY_ROLES: Type.String({ default: '' }),
  /**
   * Where the provider's logout returns the browser; empty: the login page of the app that logged
   * out (PUBLIC_URL/login or PUBLIC_URL/portal/login).
   */
  OIDC_POST_LOGOUT_REDIRECT_URI: Type.String({ default: '' }),
  /** Allow an issuer on plain http (the local mock provider, tests). */
  OIDC_ALLOW_HTTP: Type.Boolean({ default: false }),
  STAFF_WEB_DIST: Type.String({ default: path.join(repoRoot, 'packages/staff-web/dist') }),
  PORTAL_DIST: Type.String({ default: path.join(repoRoot, 'packages/provider-portal/dist') }),
});
export type Config = Static<typeof ConfigSchema> & { repoRoot: string };

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof Static<typeof ConfigSchema>, unknown>> = {},
): Config {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    if (env[key] !== undefined && env[key] !== '') data[key] = env[key];
  }
  Object.assign(data, overrides);
  const config = envSchema<Static<typeof ConfigSchema>>({ schema: ConfigSchema, data, dotenv: false });
  if (!config.PUBLIC_URL) {
    const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
    config.PUBLIC_URL = `http://${host === '127.0.0.1' ? 'localhost' : host}:${config.PORT}`;
  }
  if (!config.JWT_SECRET) config.JWT_SECRET = persistedSecret(config.DATA_DIR, 'jwt-secret');
  if (config.JWT_SECRET.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
  if (!config.WEBHOOK_SECRET_KEY)
    config.WEBHOOK_SECRET_KEY = persistedSecret(config.DATA_DIR, 'webhook-secret-key');
  if (config.WEBHOOK_SECRET_KEY.length < 32)
    throw new Error('WEBHOOK_SECRET_KEY must be at least 32 characters');
  if (config.OIDC_ISSUER && !config.OIDC_CLIENT_ID)
    throw new Error('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
  if (config.OIDC_ISSUER) config.OIDC_REDIRECT_URI ||= `${config.PUBLIC_URL}/api/v1/auth/oidc/callback`;
  return { ...config, repoRoot };
}

/** A random secret kept in DATA_DIR, so tokens and the bundled database survive restarts. */
export function persistedSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
