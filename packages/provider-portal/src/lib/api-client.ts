import { createBrowserSession } from '@civic/shared/browser-session';
import { env } from '../config/env.ts';

/** The one session and API client of the provider portal. */
export const session = createBrowserSession(env.apiBase, undefined, 'portal');
export const api = session.api;
