import { Type, type Static } from 'typebox';
import { RoleSchema, ScopeSchema } from './roles.ts';
import { LanguageSchema, UuidSchema } from './common.ts';

export const LoginRequestSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequestSchema>;

export const SiteRefSchema = Type.Object({ id: UuidSchema, name: Type.String() });
export const ProviderRefSchema = Type.Object({ id: UuidSchema, name: Type.String() });

/** Who is calling: a person (user) or another system (integration client). */
export const MeSchema = Type.Union([
  Type.Object({
    kind: Type.Literal('user'),
    id: UuidSchema,
    username: Type.String(),
    displayName: Type.String(),
    email: Type.String(),
    language: LanguageSchema,
    roles: Type.Array(RoleSchema),
    provider: Type.Union([ProviderRefSchema, Type.Null()]),
    sites: Type.Array(SiteRefSchema),
  }),
  Type.Object({
    kind: Type.Literal('client'),
    id: UuidSchema,
    clientId: Type.String(),
    name: Type.String(),
    scopes: Type.Array(ScopeSchema),
  }),
]);
export type Me = Static<typeof MeSchema>;
export type UserMe = Extract<Me, { kind: 'user' }>;

export const LoginResponseSchema = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
  me: MeSchema,
});
export type LoginResponse = Static<typeof LoginResponseSchema>;

/** OAuth 2.0 client-credentials grant (RFC 6749 §4.4); field names follow the RFC. */
export const ClientTokenRequestSchema = Type.Object({
  grant_type: Type.Literal('client_credentials'),
  client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  client_secret: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  scope: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type ClientTokenRequest = Static<typeof ClientTokenRequestSchema>;

export const ClientTokenResponseSchema = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});
export type ClientTokenResponse = Static<typeof ClientTokenResponseSchema>;

// The single sign-on request schemas are in `sso.ts`: only the API needs them, and this module is
// part of both apps' first page.

/** The app a single sign-on starts from and returns to. */
export const SSO_APPS = ['staff', 'portal'] as const;
export type SsoApp = (typeof SSO_APPS)[number];

/**
 * Why a single sign-on ended on the login page (`?sso_error=` there): the provider's answer was
 * not acceptable, the sign-on was not started in this browser or was used already, nobody in the
 * product matches the person, the matching account may not sign in, or the person cancelled at the
 * provider (`error=access_denied`: not a failure, so the page says so plainly).
 */
export const SSO_ERROR_CODES = [
  'sso_failed',
  'sso_state_invalid',
  'sso_unmapped',
  'sso_refused',
  'sso_cancelled',
] as const;
export type SsoErrorCode = (typeof SSO_ERROR_CODES)[number];
