import { helsinkiDateOf } from '@civic/shared/dates';
import { MoveInSchema } from '@civic/shared/queue';
import { validate } from '@civic/shared/validation';

export type MoveInProblem = 'invalidDate' | 'beforeOffer' | 'inFuture';

/**
 * What is wrong with a move-in date, by the API's rules: a real day (the shared schema), not before
 * the offer was made (its Helsinki day), not after today (a move-in is recorded once it happened).
 */
export function moveInProblem(date: string, offeredAt: string, today: string): MoveInProblem | null {
  if (!validate(MoveInSchema, { movedInOn: date }).ok) return 'invalidDate';
  if (date < helsinkiDateOf(offeredAt)) return 'beforeOffer';
  if (date > today) return 'inFuture';
  return null;
}
