import { ENTERED_WAITING_SETTINGS, type WaitingSetting } from '@civic/shared/care-queue';
import { parsePersonalIdentityCode } from '@civic/shared/identifiers';
import {
  CreateClientSchema,
  UpdateClientSchema,
  type Client,
  type CreateClient,
  type SetWaiting,
  type UpdateClient,
} from '@civic/shared/queue';
import type { FieldError } from '@civic/shared/problem';
import { checkBody } from './field-errors.ts';

type EnteredSetting = (typeof ENTERED_WAITING_SETTINGS)[number];

/** A client as the form holds it: text as typed, turned into the API's body on submit. */
export interface ClientFormValues {
  personalIdentityCode: string;
  firstName: string;
  lastName: string;
  language: string;
  contactName: string;
  contactRelation: string;
  contactPhone: string;
  contactEmail: string;
  /** Empty: not chosen (a new client), or unchanged (an edited client waiting in an interim place). */
  waitingSetting: EnteredSetting | '';
  waitingPlace: string;
  waitingUnitId: string;
  waitingSince: string;
  needTagIds: string[];
  raiCps: string;
  raiAdlh: string;
  raiMaple: string;
  raiAssessedOn: string;
  spouse: { id: string; name: string } | null;
  placeTogether: boolean;
}

export const emptyClientValues = (): ClientFormValues => ({
  personalIdentityCode: '',
  firstName: '',
  lastName: '',
  language: 'fi',
  contactName: '',
  contactRelation: '',
  contactPhone: '',
  contactEmail: '',
  waitingSetting: '',
  waitingPlace: '',
  waitingUnitId: '',
  waitingSince: '',
  needTagIds: [],
  raiCps: '',
  raiAdlh: '',
  raiMaple: '',
  raiAssessedOn: '',
  spouse: null,
  placeTogether: true,
});

const isEntered = (s: WaitingSetting): s is EnteredSetting =>
  (ENTERED_WAITING_SETTINGS as readonly string[]).includes(s);
const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function valuesFromClient(c: Client): ClientFormValues {
  return {
    personalIdentityCode: c.personalIdentityCode,
    firstName: c.firstName,
    lastName: c.lastName,
    language: c.language,
    contactName: c.contact?.name ?? '',
    contactRelation: c.contact?.relation ?? '',
    contactPhone: c.contact?.phone ?? '',
    contactEmail: c.contact?.email ?? '',
    waitingSetting: c.waiting && isEntered(c.waiting.setting) ? c.waiting.setting : '',
    waitingPlace: c.waiting?.unit ? '' : (c.waiting?.place ?? ''),
    waitingUnitId: c.waiting?.unit?.id ?? '',
    waitingSince: '',
    needTagIds: c.needs.map((n) => n.id),
    raiCps: text(c.rai?.cps),
    raiAdlh: text(c.rai?.adlh),
    raiMaple: text(c.rai?.maple),
    raiAssessedOn: c.rai?.assessedOn ?? '',
    spouse: c.spouse ? { id: c.spouse.id, name: c.spouse.name } : null,
    placeTogether: c.spouse?.placeTogether ?? true,
  };
}

const orNull = (s: string) => s.trim() || null;
/** A RAI figure as typed: empty is none; anything else must be a whole number in range (the schema says). */
const figure = (s: string) => (s.trim() === '' ? null : Number(s.trim().replace(',', '.')));

function contactOf(v: ClientFormValues): CreateClient['contact'] {
  const any = [v.contactName, v.contactRelation, v.contactPhone, v.contactEmail].some((x) => x.trim());
  if (!any) return null;
  return {
    name: v.contactName.trim(),
    relation: orNull(v.contactRelation),
    phone: orNull(v.contactPhone),
    email: orNull(v.contactEmail),
  };
}

function waitingOf(v: ClientFormValues): SetWaiting {
  return {
    setting: v.waitingSetting as EnteredSetting,
    place: v.waitingSetting === 'short_term_care' && v.waitingUnitId ? null : orNull(v.waitingPlace),
    unitId: v.waitingSetting === 'short_term_care' ? v.waitingUnitId || null : null,
    ...(v.waitingSince ? { since: v.waitingSince } : {}),
  };
}

function raiOf(v: ClientFormValues): CreateClient['rai'] {
  if (![v.raiCps, v.raiAdlh, v.raiMaple, v.raiAssessedOn].some((x) => x.trim())) return null;
  return {
    cps: figure(v.raiCps),
    adlh: figure(v.raiAdlh),
    maple: figure(v.raiMaple),
    assessedOn: v.raiAssessedOn || null,
  };
}

export function toCreateBody(v: ClientFormValues): CreateClient {
  return {
    personalIdentityCode: v.personalIdentityCode.trim().toUpperCase(),
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    language: v.language,
    contact: contactOf(v),
    waiting: waitingOf(v),
    needTagIds: v.needTagIds,
    rai: raiOf(v),
    spouseClientId: v.spouse?.id ?? null,
    ...(v.spouse ? { placeTogether: v.placeTogether } : {}),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only what changed, so an unchanged place of waiting starts no new waiting period. */
export function toUpdateBody(v: ClientFormValues, was: ClientFormValues): UpdateClient {
  const body: UpdateClient = {};
  if (v.firstName.trim() !== was.firstName) body.firstName = v.firstName.trim();
  if (v.lastName.trim() !== was.lastName) body.lastName = v.lastName.trim();
  if (v.language !== was.language) body.language = v.language;
  if (!same(contactOf(v), contactOf(was))) body.contact = contactOf(v);
  const waitingChanged =
    v.waitingSetting !== '' &&
    (v.waitingSetting !== was.waitingSetting ||
      !same(waitingOf({ ...v, waitingSince: '' }), waitingOf({ ...was, waitingSince: '' })));
  if (waitingChanged) body.waiting = waitingOf(v);
  if (!same([...v.needTagIds].sort(), [...was.needTagIds].sort())) body.needTagIds = v.needTagIds;
  if (!same(raiOf(v), raiOf(was))) body.rai = raiOf(v);
  if ((v.spouse?.id ?? null) !== (was.spouse?.id ?? null)) {
    body.spouseClientId = v.spouse?.id ?? null;
    if (v.spouse) body.placeTogether = v.placeTogether;
  } else if (v.spouse && v.placeTogether !== was.placeTogether) {
    body.placeTogether = v.placeTogether;
  }
  return body;
}

/** Rules the schema cannot say: the identity code's check character, a hospital's ward (as the API). */
function ruleErrors(v: ClientFormValues, creating: boolean): FieldError[] {
  const out: FieldError[] = [];
  const code = v.personalIdentityCode.trim();
  if (creating && code.length === 11 && !parsePersonalIdentityCode(code))
    out.push({ field: '/personalIdentityCode', message: 'invalid_checksum' });
  if (v.waitingSetting === 'hospital' && !v.waitingPlace.trim())
    out.push({ field: '/waiting/place', message: 'ward_required' });
  return out;
}

export const checkCreateClient = (v: ClientFormValues) =>
  checkBody(CreateClientSchema, toCreateBody(v), ruleErrors(v, true));

export const checkUpdateClient = (v: ClientFormValues, was: ClientFormValues) => {
  const body = toUpdateBody(v, was);
  return Object.keys(body).length ? checkBody(UpdateClientSchema, body, ruleErrors(v, false)) : [];
};

/** The birth date (and so the age) an identity code gives, or null while it is not a valid code. */
export const birthDateOf = (code: string) => parsePersonalIdentityCode(code)?.birthDate ?? null;
