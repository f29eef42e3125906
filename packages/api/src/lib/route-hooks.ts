import type { RouteOptions } from 'fastify';

type HookName = 'onRequest' | 'preValidation' | 'preHandler' | 'onSend' | 'onResponse';
type HookOf<K extends HookName> = Extract<NonNullable<RouteOptions[K]>, (...args: never[]) => unknown>;

/**
 * Attaches `hook` to one route (from an `onRoute` hook), before the route's own hooks of that kind.
 * Always a new array: Fastify copies a GET's options for its HEAD route before the `onRoute` hooks
 * run, and the HEAD route goes through them itself, so each gets the hook exactly once.
 */
export function runFirst<K extends HookName>(route: RouteOptions, name: K, hook: HookOf<K>): void {
  const own = [route[name] ?? []].flat() as HookOf<K>[];
  (route as unknown as Record<HookName, unknown>)[name] = [hook, ...own];
}
