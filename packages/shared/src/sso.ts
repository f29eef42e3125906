import { Type, type Static } from 'typebox';
import { SSO_APPS } from './auth.ts';

// Single sign-on (OpenID Connect) on the wire. The apps use only the types; the codes they branch
// on (`SSO_APPS`, `SSO_ERROR_CODES`) are in `auth.ts`.

/** What the login pages need to know before anyone has signed in. */
export const AuthOptionsSchema = Type.Object({
  /** Single sign-on with the city's identity provider is configured. */
  sso: Type.Boolean(),
});
export type AuthOptions = Static<typeof AuthOptionsSchema>;

export const SsoStartQuerySchema = Type.Object({
  app: Type.Optional(Type.Enum(SSO_APPS, { default: 'staff' })),
  /** The page to land on afterwards, a path within the app (`/queue`). */
  // No second slash or backslash after the first, and no whitespace or control character anywhere
  // (browsers drop tabs and newlines from URLs, so `/\t/evil.example` would become `//evil.example`).
  returnTo: Type.Optional(
    Type.String({ maxLength: 500, pattern: '^/(?![/\\\\])[^\\s\\u0000-\\u001f\\u007f]*$' }),
  ),
});

export const SsoCallbackQuerySchema = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4000 })),
    state: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 500 })),
    error_description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  // Providers add their own parameters (`session_state`, `iss`); they are passed on to openid-client.
  { additionalProperties: true },
);

export const LogoutQuerySchema = Type.Object({
  /** The app logging out; after the provider's logout the browser returns to its login page. */
  app: Type.Optional(Type.Enum(SSO_APPS, { default: 'staff' })),
});

/** After ending a session opened by single sign-on: the provider's logout page, to end that session too. */
export const LogoutResponseSchema = Type.Object({ endSessionUrl: Type.String({ format: 'uri' }) });
export type LogoutResponse = Static<typeof LogoutResponseSchema>;
