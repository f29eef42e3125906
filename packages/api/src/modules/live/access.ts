import type { FastifyRequest } from 'fastify';
import { hasAnyRole, PROVIDER_ROLES } from '@civic/shared/roles';
import type { LiveTopic } from '@civic/shared/live';
import { CARE_READERS } from '../care/access.ts';
import { QUEUE_STAFF } from '../queue/access.ts';
import { KEY_STAFF, siteScope } from '../keys/access.ts';
import type { StoredEvent } from './hub.ts';

/** Which topics a caller may hear of, and of each which events: the same scopes as the API's reads. */
export type Audience = Map<LiveTopic, (event: StoredEvent) => boolean>;

const everything = () => true;

export async function audienceOf(request: FastifyRequest): Promise<Audience> {
  const p = request.principal!;
  const out: Audience = new Map();
  if (p.kind === 'client') {
    if (p.scopes.includes('care.registry:read')) {
      out.set('care.vacancies', everything).set('care.capacity', everything);
    }
    if (p.scopes.includes('care.queue:read'))
      out.set('care.queue', everything).set('care.offers', everything);
    if (p.scopes.includes('keys:read')) out.set('keys.agreements', everything);
    return out;
  }
  if (hasAnyRole(p.roles, CARE_READERS))
    out.set('care.vacancies', everything).set('care.capacity', everything);
  if (hasAnyRole(p.roles, QUEUE_STAFF)) out.set('care.queue', everything).set('care.offers', everything);
  if (hasAnyRole(p.roles, PROVIDER_ROLES) && p.providerId) {
    // A provider's staff hear only of their own organisation's places and offers.
    const own = (e: StoredEvent) => e.providerId === p.providerId;
    out.set('care.vacancies', own).set('care.capacity', own).set('care.offers', own);
  }
  if (hasAnyRole(p.roles, KEY_STAFF)) out.set('keys.agreements', everything);
  else if (hasAnyRole(p.roles, ['site_manager'])) {
    const scope = await siteScope(request.server.db, request);
    const sites = new Set(scope.all ? [] : scope.siteIds);
    out.set('keys.agreements', (e) => scope.all || (e.siteId !== null && sites.has(e.siteId)));
  }
  return out;
}
