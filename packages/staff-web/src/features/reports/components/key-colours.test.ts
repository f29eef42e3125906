import { describe, expect, it } from 'vitest';
import { KEY_AGREEMENT_STATES } from '@civic/shared/key-agreement';
import { KEY_STATE_COLOURS } from './key-colours.ts';

const rgb = (hex: string) =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

describe('key agreement state colours', () => {
  it('gives every state its own colour, none close to another (they are stacked side by side)', () => {
    const pairs: string[] = [];
    for (const [i, a] of KEY_AGREEMENT_STATES.entries()) {
      for (const b of KEY_AGREEMENT_STATES.slice(i + 1)) {
        const [x, y] = [rgb(KEY_STATE_COLOURS[a]), rgb(KEY_STATE_COLOURS[b])];
        const distance = Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
        if (distance < 80) pairs.push(`${a} ${KEY_STATE_COLOURS[a]} ~ ${b} ${KEY_STATE_COLOURS[b]}`);
      }
    }
    expect(pairs).toEqual([]);
  });
});
