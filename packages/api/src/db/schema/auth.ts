import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES, SCOPES } from '@civic/shared/roles';
import { LANGUAGES } from '@civic/shared/common';
import { providers, sites } from './org.ts';

export const role = pgEnum('role', ROLES);
export const scope = pgEnum('scope', SCOPES);
export const language = pgEnum('language', LANGUAGES);

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    username: text().notNull(),
    passwordHash: text().notNull(),
    displayName: text().notNull(),
    email: text().notNull(),
    phone: text(),
    language: language().notNull().default('fi'),
    roles: role().array().notNull(),
    providerId: uuid().references(() => providers.id),
    disabledAt: timestamp({ withTimezone: true }),
    lastLoginAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    index('users_provider_idx').on(t.providerId),
  ],
);

export const userSites = pgTable(
  'user_sites',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    siteId: uuid()
      .notNull()
      .references(() => sites.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.siteId] }), index('user_sites_site_idx').on(t.siteId)],
);

/**
 * Failed-login bookkeeping per username as typed (lower-cased), whether or not such a user exists:
 * an unknown username is counted and locked exactly like a known one, so the answers never tell
 * which usernames exist. The row is also the lock under which each attempt is admitted or refused.
 */
export const loginThrottles = pgTable('login_throttles', {
  usernameKey: text().primaryKey(),
  attempts: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * An account at an OpenID Connect provider (issuer + sub, stable for the person there) linked to
 * one user. A user links at most one identity per issuer, once: a second person at the provider
 * with the same e-mail cannot take the account over.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    issuer: text().notNull(),
    subject: text().notNull(),
    /** How the link was made: `linked` to an existing account by a claim, or `created` with it. */
    origin: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('user_identities_issuer_subject_idx').on(t.issuer, t.subject),
    uniqueIndex('user_identities_user_issuer_idx').on(t.userId, t.issuer),
  ],
);

/**
 * A sign-on in progress: state, nonce and PKCE verifier kept on the server between the redirect to
 * the provider and its callback. Only the state's SHA-256 is the key; a row is deleted as it is used,
 * so a replayed callback finds nothing.
 */
export const oidcLoginRequests = pgTable('oidc_login_requests', {
  stateHash: text().primaryKey(),
  nonce: text().notNull(),
  codeVerifier: text().notNull(),
  /** Which app started it (`staff` or `portal`) and the page to return to there. */
  app: text().notNull(),
  returnTo: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/** One login on one device. Logout or reuse of a refresh token revokes it and its access tokens at once. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
    ip: text(),
    userAgent: text(),
    /** Set when the session was opened by single sign-on; logout then offers the provider's end-session URL. */
    identityId: uuid().references(() => userIdentities.id),
    /**
     * The provider's ID token of a single sign-on, kept only while the session is open: the
     * provider's logout needs it as `id_token_hint`. Cleared when the session ends; never sent out
     * except inside that logout URL to the session's own browser.
     */
    idToken: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Refresh tokens rotate on every use; only their SHA-256 is stored. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id),
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('refresh_tokens_session_idx').on(t.sessionId)],
);

export const integrationClients = pgTable('integration_clients', {
  id: uuid().primaryKey().defaultRandom(),
  clientId: text().notNull().unique(),
  name: text().notNull(),
  scopes: scope().array().notNull(),
  secretHash: text().notNull(),
  secretRotatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp({ withTimezone: true }),
  lastUsedAt: timestamp({ withTimezone: true }),
  createdBy: uuid().references(() => users.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
