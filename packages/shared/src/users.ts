import { Type, type Static } from 'typebox';
import { RoleSchema } from './roles.ts';
import { EmailSchema, LanguageSchema, pageQueryProperties, RequiredText, UuidSchema } from './common.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';
import { ProviderRefSchema, SiteRefSchema } from './auth.ts';

export const UsernameSchema = Type.String({ minLength: 3, maxLength: 254, pattern: '^[A-Za-z0-9._@+-]+$' });
export const PasswordSchema = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

export const UserSchema = Type.Object({
  id: UuidSchema,
  username: Type.String(),
  displayName: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  language: LanguageSchema,
  roles: Type.Array(RoleSchema),
  provider: Type.Union([ProviderRefSchema, Type.Null()]),
  sites: Type.Array(SiteRefSchema),
  disabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof UserSchema>;

/** A user's link to an account at the city's identity provider (single sign-on). */
export const SsoLinkSchema = Type.Object({
  id: UuidSchema,
  /** The provider (its issuer URL) and the person's stable id there (`sub`). */
  issuer: Type.String(),
  subject: Type.String(),
  /** `linked`: tied to an account that existed; `created`: the account was made at first sign-on. */
  origin: Type.Union([Type.Literal('linked'), Type.Literal('created')]),
  linkedAt: Type.String({ format: 'date-time' }),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type SsoLink = Static<typeof SsoLinkSchema>;
export const SsoLinkListSchema = Type.Object({ items: Type.Array(SsoLinkSchema) });
export type SsoLinkList = Static<typeof SsoLinkListSchema>;
export const SsoLinkParamsSchema = Type.Object({ id: UuidSchema, linkId: UuidSchema });

export const CreateUserSchema = Type.Object(
  {
    username: UsernameSchema,
    displayName: RequiredText(200),
    email: EmailSchema,
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    language: Type.Optional(LanguageSchema),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    providerId: Type.Optional(Type.Union([UuidSchema, Type.Null()])),
    siteIds: Type.Optional(Type.Array(UuidSchema, { uniqueItems: true })),
    password: PasswordSchema,
  },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUserSchema>;

export const UpdateUserSchema = Type.Object(
  {
    displayName: Type.Optional(RequiredText(200)),
    email: Type.Optional(EmailSchema),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    language: Type.Optional(LanguageSchema),
    roles: Type.Optional(Type.Array(RoleSchema, { minItems: 1, uniqueItems: true })),
    providerId: Type.Optional(Type.Union([UuidSchema, Type.Null()])),
    siteIds: Type.Optional(Type.Array(UuidSchema, { uniqueItems: true })),
    disabled: Type.Optional(Type.Boolean()),
    /** Clears a lockout after repeated failed logins. */
    unlock: Type.Optional(Type.Literal(true)),
    password: Type.Optional(PasswordSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUser = Static<typeof UpdateUserSchema>;

export const UserListQuerySchema = Type.Object({
  ...pageQueryProperties,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(RoleSchema),
  providerId: Type.Optional(UuidSchema),
  disabled: Type.Optional(Type.Boolean()),
});
export type UserListQuery = Static<typeof UserListQuerySchema>;

/** A new user who sets their own password through a one-time link sent by e-mail. */
export const InviteUserSchema = Type.Object(
  {
    username: UsernameSchema,
    displayName: RequiredText(200),
    email: EmailSchema,
    language: Type.Optional(LanguageSchema),
    roles: Type.Array(RoleSchema, { minItems: 1, uniqueItems: true }),
    providerId: Type.Optional(Type.Union([UuidSchema, Type.Null()])),
    siteIds: Type.Optional(Type.Array(UuidSchema, { uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type InviteUser = Static<typeof InviteUserSchema>;

export const InvitationViewSchema = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  /** Which app the user will log in to. */
  app: Type.Enum(['staff', 'portal'] as const),
});
export type InvitationView = Static<typeof InvitationViewSchema>;
export const AcceptInvitationSchema = Type.Object(
  { password: PasswordSchema },
  { additionalProperties: false },
);
export type AcceptInvitation = Static<typeof AcceptInvitationSchema>;
