import { describe, expect, it } from 'vitest';
import {
  allowedOfferEvents,
  applyRefusal,
  CLOCK_STATES,
  compareQueueOrder,
  CRITICAL_DAYS,
  daysSinceReady,
  ENTRY_EVENTS,
  ENTRY_STATUSES,
  entryTransition,
  GUARANTEE_MONTHS,
  isLiveOffer,
  isOpenEntry,
  legalClock,
  OFFER_EVENT_ACTORS,
  OFFER_EVENTS,
  OFFER_STATUSES,
  offerTransition,
  queueDate,
  URGENCY_CLASSES,
  urgencyRank,
  WARNING_DAYS,
  type CloseReason,
  type ClockInput,
  type EntryEvent,
  type EntryStatus,
  type OfferEvent,
  type OfferStatus,
  type QueueOrderKey,
  type RefusalState,
} from './care-queue.ts';

// Every expected date and day count below is written out by hand from a calendar (and the Elderly
// Services Act 980/2012 §18: care starts within 3 months of the decision, urgent care without delay),
// never computed with the code under test.

// ------------------------------------------------------------------------------------ legal clock

/** A non-urgent entry decided on 10 January 2024 (due 10 April 2024, day 91), still waiting. */
const clockOf = (over: Partial<ClockInput> = {}) =>
  legalClock({
    decisionDate: '2024-01-10',
    urgency: 'normal',
    onlyPreferredUnits: false,
    today: '2024-01-10',
    ...over,
  });

describe('the legal clock', () => {
  it('uses the law’s figures', () => {
    expect(GUARANTEE_MONTHS).toBe(3);
    expect(WARNING_DAYS).toBe(60);
    expect(CRITICAL_DAYS).toBe(80);
    expect(CLOCK_STATES).toEqual(['within', 'warning', 'critical', 'overdue', 'outside_guarantee']);
  });

  it.each([
    // today,       days waited, days left, state
    ['2024-01-10', 0, 91, 'within'], // the decision day
    ['2024-01-11', 1, 90, 'within'],
    ['2024-03-09', 59, 32, 'within'],
    ['2024-03-10', 60, 31, 'warning'], // day 60
    ['2024-03-29', 79, 12, 'warning'],
    ['2024-03-30', 80, 11, 'critical'], // day 80
    ['2024-04-09', 90, 1, 'critical'],
    ['2024-04-10', 91, 0, 'critical'], // the due date: care may still start today
    ['2024-04-11', 92, -1, 'overdue'], // the day after the due date
    ['2024-07-01', 173, -82, 'overdue'],
  ] as const)('on %s: %i days waited, %i left, %s', (today, daysWaiting, daysLeft, state) => {
    expect(clockOf({ today })).toEqual({
      startDate: '2024-01-10',
      dueDate: '2024-04-10',
      daysWaiting,
      daysLeft,
      state,
      metDeadline: null,
    });
  });

  it('treats the high urgency class like normal (only urgent care is due at once)', () => {
    expect(clockOf({ urgency: 'high', today: '2024-03-10' })).toMatchObject({
      dueDate: '2024-04-10',
      state: 'warning',
    });
    expect(clockOf({ urgency: 'high', today: '2024-04-11' }).state).toBe('overdue');
  });

  it.each([
    // decision,   due date: the same day three months on, or that month's last day
    ['2023-11-30', '2024-02-29', '2024-03-01'], // into a leap February
    ['2024-11-30', '2025-02-28', '2025-03-01'], // into a common February
    ['2023-11-29', '2024-02-29', '2024-03-01'],
    ['2022-11-29', '2023-02-28', '2023-03-01'],
    ['2023-12-31', '2024-03-31', '2024-04-01'],
    ['2024-02-29', '2024-05-29', '2024-05-30'], // from a leap day
    ['2024-05-31', '2024-08-31', '2024-09-01'],
    ['2024-10-31', '2025-01-31', '2025-02-01'], // over the year end
    ['2024-11-30', '2025-02-28', '2025-03-01'],
    ['2024-12-31', '2025-03-31', '2025-04-01'],
  ])('decided %s: due %s, overdue from %s', (decisionDate, due, firstOverdue) => {
    const onDue = clockOf({ decisionDate, today: due });
    expect(onDue.dueDate).toBe(due);
    expect(onDue.daysLeft).toBe(0);
    expect(onDue.state).toBe('critical');
    const after = clockOf({ decisionDate, today: firstOverdue });
    expect(after.dueDate).toBe(due);
    expect(after.daysLeft).toBe(-1);
    expect(after.state).toBe('overdue');
  });

  it('counts the warning days over a leap February', () => {
    // 30 Nov 2023 + 60 days = 29 Jan 2024; + 80 days = 18 Feb 2024; due 29 Feb 2024 (day 91).
    expect(clockOf({ decisionDate: '2023-11-30', today: '2024-01-28' }).state).toBe('within');
    expect(clockOf({ decisionDate: '2023-11-30', today: '2024-01-29' })).toMatchObject({
      daysWaiting: 60,
      state: 'warning',
    });
    expect(clockOf({ decisionDate: '2023-11-30', today: '2024-02-17' }).state).toBe('warning');
    expect(clockOf({ decisionDate: '2023-11-30', today: '2024-02-18' })).toMatchObject({
      daysWaiting: 80,
      daysLeft: 11,
      state: 'critical',
    });
  });

  it('counts Helsinki calendar days over the daylight saving switches', () => {
    // 1 Feb 2024 → 1 Apr 2024 is 60 days, with the March switch in between.
    expect(clockOf({ decisionDate: '2024-02-01', today: '2024-04-01' })).toMatchObject({
      daysWaiting: 60,
      state: 'warning',
    });
    // 1 Sep 2024 → 20 Nov 2024 is 80 days, with the October switch in between.
    expect(clockOf({ decisionDate: '2024-09-01', today: '2024-11-20' })).toMatchObject({
      daysWaiting: 80,
      dueDate: '2024-12-01',
      daysLeft: 11,
      state: 'critical',
    });
  });

  describe('urgent care', () => {
    it('is due on the decision day itself', () => {
      expect(clockOf({ urgency: 'urgent' })).toEqual({
        startDate: '2024-01-10',
        dueDate: '2024-01-10',
        daysWaiting: 0,
        daysLeft: 0,
        state: 'critical',
        metDeadline: null,
      });
    });

    it('is overdue from the next day', () => {
      expect(clockOf({ urgency: 'urgent', today: '2024-01-11' })).toMatchObject({
        daysWaiting: 1,
        daysLeft: -1,
        state: 'overdue',
      });
    });

    it('met its deadline only when care started on the decision day', () => {
      expect(clockOf({ urgency: 'urgent', today: '2024-02-01', endedOn: '2024-01-10' }).metDeadline).toBe(
        true,
      );
      expect(clockOf({ urgency: 'urgent', today: '2024-02-01', endedOn: '2024-01-11' })).toMatchObject({
        metDeadline: false,
        state: 'overdue',
        daysWaiting: 1,
      });
    });

    it('restarts at once too after a refusal that restarts the clock', () => {
      expect(
        clockOf({ urgency: 'urgent', clockRestartedOn: '2024-02-01', today: '2024-02-01' }),
      ).toMatchObject({
        startDate: '2024-02-01',
        dueDate: '2024-02-01',
        state: 'critical',
      });
    });
  });

  describe('waiting only for chosen units', () => {
    it('is outside the guarantee whatever the days', () => {
      for (const today of [
        '2024-01-10',
        '2024-03-10',
        '2024-03-30',
        '2024-04-10',
        '2024-04-11',
        '2025-01-10',
      ]) {
        expect(clockOf({ onlyPreferredUnits: true, today }).state).toBe('outside_guarantee');
      }
      expect(clockOf({ onlyPreferredUnits: true, urgency: 'urgent', today: '2024-02-01' }).state).toBe(
        'outside_guarantee',
      );
    });

    it('still counts the days, and never says whether a deadline was met', () => {
      expect(clockOf({ onlyPreferredUnits: true, today: '2024-04-11' })).toEqual({
        startDate: '2024-01-10',
        dueDate: '2024-04-10',
        daysWaiting: 92,
        daysLeft: -1,
        state: 'outside_guarantee',
        metDeadline: null,
      });
      expect(
        clockOf({ onlyPreferredUnits: true, today: '2024-06-01', endedOn: '2024-02-01' }).metDeadline,
      ).toBe(null);
      expect(
        clockOf({ onlyPreferredUnits: true, today: '2024-06-01', endedOn: '2024-05-01' }).metDeadline,
      ).toBe(null);
    });
  });

  describe('a clock restarted by a refusal', () => {
    it('counts from the restart: three months again, warnings again', () => {
      expect(clockOf({ clockRestartedOn: '2024-03-01', today: '2024-03-15' })).toEqual({
        startDate: '2024-03-01',
        dueDate: '2024-06-01',
        daysWaiting: 14,
        daysLeft: 78,
        state: 'within',
        metDeadline: null,
      });
      // An entry that was critical before the refusal is back within the guarantee.
      expect(clockOf({ today: '2024-04-01' }).state).toBe('critical');
      expect(clockOf({ clockRestartedOn: '2024-04-01', today: '2024-04-01' })).toMatchObject({
        dueDate: '2024-07-01',
        state: 'within',
      });
      expect(clockOf({ clockRestartedOn: '2024-03-01', today: '2024-04-30' }).state).toBe('warning'); // day 60
      expect(clockOf({ clockRestartedOn: '2024-03-01', today: '2024-06-02' }).state).toBe('overdue');
    });

    it('restarts at a month end with the same clamping', () => {
      expect(clockOf({ clockRestartedOn: '2024-11-30', today: '2024-12-01' }).dueDate).toBe('2025-02-28');
    });

    it('ignores a restart date that is not after the decision', () => {
      expect(clockOf({ clockRestartedOn: '2024-01-01', today: '2024-03-10' })).toMatchObject({
        startDate: '2024-01-10',
        dueDate: '2024-04-10',
        state: 'warning',
      });
      expect(clockOf({ clockRestartedOn: '2024-01-10', today: '2024-03-10' }).startDate).toBe('2024-01-10');
      expect(clockOf({ clockRestartedOn: null, today: '2024-03-10' }).startDate).toBe('2024-01-10');
    });
  });

  describe('an ended wait', () => {
    it('stops counting at the end and says the deadline was met', () => {
      expect(clockOf({ today: '2024-09-01', endedOn: '2024-02-01' })).toEqual({
        startDate: '2024-01-10',
        dueDate: '2024-04-10',
        daysWaiting: 22,
        daysLeft: 69,
        state: 'within',
        metDeadline: true,
      });
    });

    it('met the deadline when care started on the due date', () => {
      expect(clockOf({ today: '2024-09-01', endedOn: '2024-04-10' })).toMatchObject({
        daysWaiting: 91,
        daysLeft: 0,
        metDeadline: true,
      });
    });

    it('missed it when care started the day after', () => {
      expect(clockOf({ today: '2024-09-01', endedOn: '2024-04-11' })).toMatchObject({
        daysWaiting: 92,
        daysLeft: -1,
        state: 'overdue',
        metDeadline: false,
      });
    });

    it('judges a restarted clock by its own due date', () => {
      expect(
        clockOf({ clockRestartedOn: '2024-03-01', endedOn: '2024-05-15', today: '2024-09-01' }),
      ).toMatchObject({
        dueDate: '2024-06-01',
        metDeadline: true,
      });
    });

    it('says nothing about the deadline while the wait goes on', () => {
      expect(clockOf({ today: '2024-04-11', endedOn: null }).metDeadline).toBe(null);
      expect(clockOf({ today: '2024-04-11' }).metDeadline).toBe(null);
    });
  });

  it('does not count negative days when today is before the decision date', () => {
    expect(clockOf({ today: '2024-01-05' })).toEqual({
      startDate: '2024-01-10',
      dueDate: '2024-04-10',
      daysWaiting: 0,
      daysLeft: 96,
      state: 'within',
      metDeadline: null,
    });
  });
});

describe('the cost clock (days since the placement-ready date)', () => {
  it.each([
    [null, '2024-06-01', undefined, 0],
    ['2024-05-01', '2024-06-01', undefined, 31],
    ['2024-05-01', '2024-05-01', undefined, 0],
    ['2024-07-01', '2024-06-01', undefined, 0], // not ready yet
    ['2024-02-28', '2024-03-01', undefined, 2], // leap day
    ['2024-03-30', '2024-04-01', undefined, 2], // daylight saving
    ['2024-05-01', '2024-06-01', '2024-05-10', 9], // stopped at move-in
    ['2024-05-01', '2024-06-01', '2024-07-01', 31], // an end in the future has not stopped it yet
    ['2024-05-10', '2024-06-01', '2024-05-01', 0], // ended before it was ready
    ['2024-05-01', '2024-06-01', null, 31],
  ] as const)('ready %s, today %s, ended %s: %i days', (ready, today, endedOn, expected) => {
    expect(daysSinceReady(ready, today, endedOn)).toBe(expected);
  });
});

// ------------------------------------------------------------------------------------ queue order

let seq = 0;
const key = (over: Partial<QueueOrderKey> = {}): QueueOrderKey => ({
  urgency: 'normal',
  decisionDate: '2024-03-01',
  priorityDate: null,
  createdAt: '2024-03-02T08:00:00.000Z',
  id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  ...over,
});

const sorted = (keys: QueueOrderKey[]) => [...keys].sort(compareQueueOrder).map((k) => k.id);

describe('queue order', () => {
  it('ranks the urgency classes urgent, high, normal', () => {
    expect(URGENCY_CLASSES).toEqual(['urgent', 'high', 'normal']);
    expect(urgencyRank('urgent')).toBeLessThan(urgencyRank('high'));
    expect(urgencyRank('high')).toBeLessThan(urgencyRank('normal'));
  });

  it('puts urgency before the queue date', () => {
    const oldNormal = key({ id: 'old-normal', decisionDate: '2023-01-01' });
    const newHigh = key({ id: 'new-high', urgency: 'high', decisionDate: '2024-05-01' });
    const newestUrgent = key({ id: 'newest-urgent', urgency: 'urgent', decisionDate: '2024-06-01' });
    expect(sorted([oldNormal, newHigh, newestUrgent])).toEqual(['newest-urgent', 'new-high', 'old-normal']);
  });

  it('serves the same class first come, first served by the decision date', () => {
    const a = key({ id: 'a', decisionDate: '2024-02-29' });
    const b = key({ id: 'b', decisionDate: '2024-03-01' });
    const c = key({ id: 'c', decisionDate: '2023-12-31' });
    expect(sorted([a, b, c])).toEqual(['c', 'a', 'b']);
    expect(compareQueueOrder(a, b)).toBeLessThan(0);
    expect(compareQueueOrder(b, a)).toBeGreaterThan(0);
  });

  it('lets a manual priority date beat the decision date, both ways', () => {
    const earlier = key({ id: 'moved-up', decisionDate: '2024-05-01', priorityDate: '2024-01-15' });
    const plain = key({ id: 'plain', decisionDate: '2024-03-01' });
    const later = key({ id: 'moved-down', decisionDate: '2024-01-01', priorityDate: '2024-04-01' });
    expect(sorted([plain, later, earlier])).toEqual(['moved-up', 'plain', 'moved-down']);
    expect(queueDate(earlier)).toBe('2024-01-15');
    expect(queueDate(plain)).toBe('2024-03-01');
    expect(queueDate({ decisionDate: '2024-03-01' })).toBe('2024-03-01');
  });

  it('does not let a priority date cross urgency classes', () => {
    const movedUp = key({ id: 'moved-up', decisionDate: '2024-05-01', priorityDate: '2020-01-01' });
    const high = key({ id: 'high', urgency: 'high', decisionDate: '2024-05-31' });
    expect(sorted([movedUp, high])).toEqual(['high', 'moved-up']);
  });

  it('breaks ties by entry time, then by id', () => {
    const second = key({ id: 'b', createdAt: '2024-03-02T09:00:00.000Z' });
    const first = key({ id: 'z', createdAt: '2024-03-02T08:00:00.000Z' });
    const sameTimeA = key({ id: 'c', createdAt: '2024-03-02T10:00:00.000Z' });
    const sameTimeB = key({ id: 'd', createdAt: '2024-03-02T10:00:00.000Z' });
    expect(sorted([sameTimeB, second, sameTimeA, first])).toEqual(['z', 'b', 'c', 'd']);
    expect(compareQueueOrder(sameTimeA, { ...sameTimeA })).toBe(0);
  });

  it('sorts any shuffle of a queue into the one same order', () => {
    const queue = [
      key({ id: 'u1', urgency: 'urgent', decisionDate: '2024-05-20' }),
      key({ id: 'u2', urgency: 'urgent', decisionDate: '2024-05-21' }),
      key({ id: 'h1', urgency: 'high', decisionDate: '2024-04-01', priorityDate: '2024-01-01' }),
      key({ id: 'h2', urgency: 'high', decisionDate: '2024-02-01' }),
      key({ id: 'n1', decisionDate: '2023-12-31' }),
      key({ id: 'n2', decisionDate: '2024-02-29', createdAt: '2024-03-01T07:00:00.000Z' }),
      key({ id: 'n3', decisionDate: '2024-02-29', createdAt: '2024-03-01T09:00:00.000Z' }),
      key({ id: 'n4', decisionDate: '2024-02-29', createdAt: '2024-03-01T09:00:00.000Z' }),
      key({ id: 'n5', decisionDate: '2023-06-01', priorityDate: '2024-03-01' }),
      key({ id: 'n6', decisionDate: '2024-03-02' }),
    ];
    const expected = ['u1', 'u2', 'h1', 'h2', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
    // A small deterministic shuffle (mulberry32), so a failure can be reproduced.
    let state = 42;
    const random = () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let round = 0; round < 200; round++) {
      const shuffled = [...queue];
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      expect(sorted(shuffled)).toEqual(expected);
    }
  });
});

// ------------------------------------------------------------------------------------------- refusals

const fresh: RefusalState = { refusalCount: 0, clockRestartedOn: null, needsReassessment: false };
const suitable = (on: string, restartsClock = true) => ({ suitable: true, on, restartsClock });

describe('refusals', () => {
  it('does not count the refusal of an unsuitable offer', () => {
    for (const restartsClock of [true, false]) {
      expect(applyRefusal(fresh, { suitable: false, on: '2024-03-01', restartsClock })).toEqual({
        ...fresh,
        counted: false,
        flaggedForReassessment: false,
      });
    }
    const once = { refusalCount: 1, clockRestartedOn: '2024-02-01', needsReassessment: false };
    expect(applyRefusal(once, { suitable: false, on: '2024-03-01', restartsClock: true })).toEqual({
      ...once,
      counted: false,
      flaggedForReassessment: false,
    });
  });

  it('counts the first suitable refusal and restarts the clock when the setting says so', () => {
    expect(applyRefusal(fresh, suitable('2024-03-01', true))).toEqual({
      refusalCount: 1,
      clockRestartedOn: '2024-03-01',
      needsReassessment: false,
      counted: true,
      flaggedForReassessment: false,
    });
  });

  it('counts the first suitable refusal without restarting the clock when the setting says not to', () => {
    expect(applyRefusal(fresh, suitable('2024-03-01', false))).toEqual({
      refusalCount: 1,
      clockRestartedOn: null,
      needsReassessment: false,
      counted: true,
      flaggedForReassessment: false,
    });
  });

  it('flags the entry for reassessment at the second suitable refusal, without restarting the clock again', () => {
    const once = applyRefusal(fresh, suitable('2024-03-01'));
    const twice = applyRefusal(once, suitable('2024-04-15'));
    expect(twice).toEqual({
      refusalCount: 2,
      clockRestartedOn: '2024-03-01',
      needsReassessment: true,
      counted: true,
      flaggedForReassessment: true,
    });
    const neverRestarted = applyRefusal(
      applyRefusal(fresh, suitable('2024-03-01', false)),
      suitable('2024-04-15'),
    );
    expect(neverRestarted).toMatchObject({
      refusalCount: 2,
      clockRestartedOn: null,
      needsReassessment: true,
    });
  });

  it('keeps the flag at later refusals without flagging again', () => {
    let state: RefusalState = fresh;
    const flags: boolean[] = [];
    for (const on of ['2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01']) {
      const next = applyRefusal(state, suitable(on));
      flags.push(next.flaggedForReassessment);
      state = next;
    }
    expect(flags).toEqual([false, true, false, false]);
    expect(state).toMatchObject({ refusalCount: 4, clockRestartedOn: '2024-03-01', needsReassessment: true });
  });

  it('skips unsuitable refusals in between: the second suitable one still flags', () => {
    const once = applyRefusal(fresh, suitable('2024-03-01'));
    const unsuitable = applyRefusal(once, { suitable: false, on: '2024-03-10', restartsClock: true });
    expect(unsuitable).toMatchObject({ refusalCount: 1, needsReassessment: false, counted: false });
    expect(applyRefusal(unsuitable, suitable('2024-04-01'))).toMatchObject({
      refusalCount: 2,
      needsReassessment: true,
      flaggedForReassessment: true,
    });
  });

  it('does not flag again an entry already waiting for reassessment', () => {
    const flagged = { refusalCount: 1, clockRestartedOn: null, needsReassessment: true };
    expect(applyRefusal(flagged, suitable('2024-04-01'))).toMatchObject({
      refusalCount: 2,
      needsReassessment: true,
      flaggedForReassessment: false,
    });
  });

  it('changes nothing in the state it was given', () => {
    const state = { ...fresh };
    applyRefusal(state, suitable('2024-03-01'));
    expect(state).toEqual(fresh);
  });
});

// -------------------------------------------------------------------------------- entry state machine

type EntryCtx = { inInterimPlace: boolean; closeReason?: CloseReason };
const CLOSE: CloseReason[] = ['withdrawn', 'deceased', 'placed_elsewhere'];
const OPEN: EntryStatus[] = ['queued', 'offered', 'interim'];

// The whole table, written out from the issue (queued → offered → placed; interim keeps the entry
// open; closing as withdrawn, deceased or placed elsewhere from any open state). A row's context
// lists only what it depends on; every (state, event, context) not matched here must be refused.
const ENTRY_ALLOWED: [EntryStatus, EntryEvent, Partial<EntryCtx>, EntryStatus][] = [
  ['queued', 'offer', {}, 'offered'],
  ['interim', 'offer', {}, 'offered'], // an interim client keeps waiting for a permanent place
  ['offered', 'offer_ended', { inInterimPlace: false }, 'queued'],
  ['offered', 'offer_ended', { inInterimPlace: true }, 'interim'],
  ['offered', 'move_in', {}, 'placed'],
  ['offered', 'move_in_interim', {}, 'interim'],
  ...OPEN.flatMap((s) =>
    CLOSE.map((r): [EntryStatus, EntryEvent, Partial<EntryCtx>, EntryStatus] => [
      s,
      'close',
      { closeReason: r },
      r,
    ]),
  ),
];

const ENTRY_CONTEXTS: EntryCtx[] = [false, true].flatMap((inInterimPlace) => [
  { inInterimPlace },
  ...CLOSE.map((closeReason) => ({ inInterimPlace, closeReason })),
]);

describe('queue entry state machine', () => {
  const cases = ENTRY_STATUSES.flatMap((s) =>
    ENTRY_EVENTS.flatMap((e) => ENTRY_CONTEXTS.map((ctx) => [s, e, ctx] as const)),
  );

  it.each(cases)('%s + %s with %j', (from, event, ctx) => {
    const row = ENTRY_ALLOWED.find(
      ([s, e, when]) =>
        s === from && e === event && Object.entries(when).every(([k, v]) => ctx[k as keyof EntryCtx] === v),
    );
    const result = entryTransition(from, event, ctx);
    if (row) expect(result).toEqual({ ok: true, to: row[3] });
    else expect(result).toEqual({ ok: false });
  });

  it('covers every state, event and context', () => {
    expect(ENTRY_STATUSES).toHaveLength(7);
    expect(ENTRY_EVENTS).toHaveLength(5);
    expect(cases).toHaveLength(7 * 5 * 8);
  });

  it('needs a reason to close', () => {
    for (const s of OPEN) expect(entryTransition(s, 'close', { inInterimPlace: false }).ok).toBe(false);
  });

  it('allows one live offer per entry: an offered entry cannot be offered again', () => {
    expect(entryTransition('offered', 'offer', { inInterimPlace: false }).ok).toBe(false);
    expect(entryTransition('offered', 'offer', { inInterimPlace: true }).ok).toBe(false);
  });

  it('keeps placed and closed entries final', () => {
    for (const s of ['placed', ...CLOSE] as EntryStatus[]) {
      for (const e of ENTRY_EVENTS) {
        for (const ctx of ENTRY_CONTEXTS) expect(entryTransition(s, e, ctx).ok).toBe(false);
      }
    }
  });

  it('knows which entries are still waiting', () => {
    expect(ENTRY_STATUSES.filter(isOpenEntry)).toEqual(['queued', 'offered', 'interim']);
  });
});

// -------------------------------------------------------------------------------- offer state machine

// The whole table, from the issue: the provider confirms or declines; the coordinator records the
// client's accept or decline; a lapsed offer expires by itself; accept holds the place until the
// provider records the move-in; the coordinator may cancel a live offer. Everything else is refused.
const OFFER_ALLOWED: [OfferStatus, OfferEvent, OfferStatus][] = [
  ['proposed', 'provider_confirm', 'provider_confirmed'],
  ['proposed', 'provider_decline', 'provider_declined'],
  ['proposed', 'client_decline', 'client_declined'],
  ['proposed', 'expire', 'expired'],
  ['proposed', 'cancel', 'cancelled'],
  ['provider_confirmed', 'provider_decline', 'provider_declined'],
  ['provider_confirmed', 'client_accept', 'accepted'],
  ['provider_confirmed', 'client_decline', 'client_declined'],
  ['provider_confirmed', 'expire', 'expired'],
  ['provider_confirmed', 'cancel', 'cancelled'],
  ['accepted', 'move_in', 'moved_in'],
  ['accepted', 'client_decline', 'client_declined'],
  ['accepted', 'cancel', 'cancelled'],
];

describe('offer state machine', () => {
  const pairs = OFFER_STATUSES.flatMap((s) => OFFER_EVENTS.map((e) => [s, e] as const));

  it.each(pairs)('%s + %s', (from, event) => {
    const row = OFFER_ALLOWED.find(([s, e]) => s === from && e === event);
    const result = offerTransition(from, event);
    if (row) expect(result).toEqual({ ok: true, to: row[2] });
    else expect(result).toEqual({ ok: false });
  });

  it('covers all 56 pairs', () => {
    expect(pairs).toHaveLength(8 * 7);
  });

  it('lists the next possible events, consistent with the table', () => {
    for (const s of OFFER_STATUSES) {
      expect(allowedOfferEvents(s)).toEqual(
        OFFER_EVENTS.filter((e) => OFFER_ALLOWED.some(([f, ev]) => f === s && ev === e)),
      );
    }
    expect(allowedOfferEvents('accepted')).toEqual(['client_decline', 'move_in', 'cancel']);
    expect(allowedOfferEvents('expired')).toEqual([]);
  });

  it('knows which offers hold their vacancy', () => {
    expect(OFFER_STATUSES.filter(isLiveOffer)).toEqual(['proposed', 'provider_confirmed', 'accepted']);
  });

  it('ends every live offer in a final state, and final states accept nothing', () => {
    for (const s of OFFER_STATUSES.filter((x) => !isLiveOffer(x))) expect(allowedOfferEvents(s)).toEqual([]);
    for (const s of OFFER_STATUSES.filter(isLiveOffer)) expect(allowedOfferEvents(s)).toContain('cancel');
  });

  it('leaves no live offer waiting forever for an answer: the answer deadline expires it', () => {
    expect(offerTransition('proposed', 'expire')).toEqual({ ok: true, to: 'expired' });
    expect(offerTransition('provider_confirmed', 'expire')).toEqual({ ok: true, to: 'expired' });
  });

  it('says who causes each event', () => {
    expect(OFFER_EVENT_ACTORS).toEqual({
      provider_confirm: 'provider',
      provider_decline: 'provider',
      client_accept: 'coordinator',
      client_decline: 'coordinator',
      expire: 'system',
      move_in: 'provider',
      cancel: 'coordinator',
    });
  });
});
