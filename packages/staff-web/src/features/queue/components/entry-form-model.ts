import type { UrgencyClass } from '@civic/shared/care-queue';
import { helsinkiDateOf } from '@civic/shared/dates';
import type { FieldError } from '@civic/shared/problem';
import {
  CreateQueueEntrySchema,
  UpdateQueueEntrySchema,
  type CreateQueueEntry,
  type QueueEntry,
  type UpdateQueueEntry,
} from '@civic/shared/queue';
import { checkBody } from './field-errors.ts';

/** A queue entry as the form holds it. */
export interface EntryFormValues {
  serviceTypeId: string;
  decisionDate: string;
  readyDate: string;
  urgency: UrgencyClass | '';
  /** In the client's order of preference. */
  preferredUnitIds: string[];
  preferredDistricts: string[];
  onlyPreferredUnits: boolean;
}

export const emptyEntryValues = (): EntryFormValues => ({
  serviceTypeId: '',
  decisionDate: '',
  readyDate: '',
  urgency: 'normal',
  preferredUnitIds: [],
  preferredDistricts: [],
  onlyPreferredUnits: false,
});

export const valuesFromEntry = (e: QueueEntry): EntryFormValues => ({
  serviceTypeId: e.serviceType.id,
  decisionDate: e.decisionDate,
  readyDate: e.readyDate ?? '',
  urgency: e.urgency,
  preferredUnitIds: e.preferredUnits.map((u) => u.id),
  preferredDistricts: e.preferredDistricts,
  onlyPreferredUnits: e.onlyPreferredUnits,
});

export const toCreateEntryBody = (clientId: string, v: EntryFormValues): CreateQueueEntry => ({
  clientId,
  serviceTypeId: v.serviceTypeId,
  decisionDate: v.decisionDate,
  readyDate: v.readyDate || null,
  urgency: v.urgency as UrgencyClass,
  preferredUnitIds: v.preferredUnitIds,
  preferredDistricts: v.preferredDistricts,
  onlyPreferredUnits: v.onlyPreferredUnits,
});

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Only what changed (the units' order is a change; the districts' is not). */
export function toUpdateEntryBody(v: EntryFormValues, was: EntryFormValues): UpdateQueueEntry {
  const body: UpdateQueueEntry = {};
  if (v.decisionDate !== was.decisionDate) body.decisionDate = v.decisionDate;
  if (v.readyDate !== was.readyDate) body.readyDate = v.readyDate || null;
  if (!same(v.preferredUnitIds, was.preferredUnitIds)) body.preferredUnitIds = v.preferredUnitIds;
  if (!same([...v.preferredDistricts].sort(), [...was.preferredDistricts].sort()))
    body.preferredDistricts = v.preferredDistricts;
  if (v.onlyPreferredUnits !== was.onlyPreferredUnits) body.onlyPreferredUnits = v.onlyPreferredUnits;
  return body;
}

/** The API's rules the schema cannot say: no decision from the future; "only these units" needs units. */
function ruleErrors(v: EntryFormValues): FieldError[] {
  const out: FieldError[] = [];
  const today = helsinkiDateOf(new Date());
  if (v.decisionDate && v.decisionDate > today)
    out.push({ field: '/decisionDate', message: 'in_the_future' });
  if (v.onlyPreferredUnits && v.preferredUnitIds.length === 0)
    out.push({ field: '/preferredUnitIds', message: 'required_when_only_preferred' });
  return out;
}

export const checkCreateEntry = (clientId: string, v: EntryFormValues) =>
  checkBody(CreateQueueEntrySchema, toCreateEntryBody(clientId, v), ruleErrors(v));

export const checkUpdateEntry = (v: EntryFormValues, was: EntryFormValues) => {
  const body = toUpdateEntryBody(v, was);
  return Object.keys(body).length ? checkBody(UpdateQueueEntrySchema, body, ruleErrors(v)) : [];
};
