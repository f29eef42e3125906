-- The provider's ID token of a single sign-on session, kept while the session is open for the
-- id_token_hint of the provider's logout (cleared when the session ends).
ALTER TABLE "sessions" ADD COLUMN "id_token" text;