/** The translation key of an event type (`offer.made` → `webhooks.events.offer.made`). */
export const eventTypeKey = (type: string) => `webhooks.events.${type}`;
