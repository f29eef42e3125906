import { Type, type Static, type TSchema } from 'typebox';

export const UuidSchema = Type.String({ format: 'uuid' });
export const IdParamsSchema = Type.Object({ id: UuidSchema });
export type IdParams = Static<typeof IdParamsSchema>;

/** Pages beyond this are refused (a page of `1e20` would reach the database as a bigint overflow). */
export const MAX_PAGE = 100_000;

/** Spread into a list query's properties: `Type.Object({ ...pageQueryProperties, q: … })`. */
export const pageQueryProperties = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
};
export const PageQuerySchema = Type.Object(pageQueryProperties);
export type PageQuery = Static<typeof PageQuerySchema>;

export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  });
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export const LANGUAGES = ['fi', 'sv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LanguageSchema = Type.Enum(LANGUAGES);

export const EmailSchema = Type.String({ format: 'email', maxLength: 254 });

/**
 * Text a person must type (a name, a reason): whitespace alone is refused by forms and API alike
 * (`pattern`), and the API trims it before checking its length (`x-trim`, see the API's
 * `trimKeyword`), so what is stored never starts or ends with spaces.
 */
export const RequiredText = (maxLength: number, minLength = 1) =>
  Type.String({ minLength, maxLength, pattern: '\\S', 'x-trim': true });
