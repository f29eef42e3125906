import { Type, type Static } from 'typebox';
import { UuidSchema } from './common.ts';

/**
 * Live views: the API tells open screens what changed (`GET /api/v1/events`, server-sent events)
 * and they reload it through the normal, authorised and audited API. An event names a topic and
 * the ids of what changed, never anything about a person.
 */
export const LIVE_TOPICS = [
  /** Vacancies reported, offered, filled, withdrawn: ids [vacancy, unit]. */
  'care.vacancies',
  /** A unit's capacity figures: ids [unit, service type]. */
  'care.capacity',
  /** Offers made and answered: ids [offer, vacancy, queue entry]. */
  'care.offers',
  /** Queue entries, and their client's data and waiting place: ids [entry, …]. The city's coordinators only. */
  'care.queue',
  /** Key agreements and their keys: ids [agreement] or [agreement, key]. */
  'keys.agreements',
] as const;
export type LiveTopic = (typeof LIVE_TOPICS)[number];
export const LiveTopicSchema = Type.Enum(LIVE_TOPICS);

export const LiveStreamQuerySchema = Type.Object(
  {
    topic: Type.Array(LiveTopicSchema, { minItems: 1, maxItems: LIVE_TOPICS.length, uniqueItems: true }),
    /** Where to resume, for clients that cannot send the `Last-Event-ID` header. */
    lastEventId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
  },
  { additionalProperties: false },
);
export type LiveStreamQuery = Static<typeof LiveStreamQuerySchema>;

/** The `data` of a `change` event; its SSE `id` is the event's number, for resuming. */
export const LiveChangeSchema = Type.Object({
  topic: LiveTopicSchema,
  ids: Type.Array(UuidSchema),
});
export type LiveChange = Static<typeof LiveChangeSchema>;

/**
 * What a stream says: `ready` once connected (with the number to resume from), `change` for each
 * change, and `reset` when it cannot say what was missed (resumed from too long ago): reload all.
 */
export type LiveMessage =
  | { type: 'ready'; id: string }
  | { type: 'change'; id: string; change: LiveChange }
  | { type: 'reset'; id: string };
