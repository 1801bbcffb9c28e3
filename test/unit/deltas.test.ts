import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DeltaFile, parseDeltaIndex, planUpdate } from '../../src/off/deltas.js';

const DAY = 86_400;
const T = 1_764_000_000;
const delta = (from: number, to: number): DeltaFile => ({
  name: `products_${from}_${to}.json.gz`,
  fromTs: from,
  toTs: to,
});
// What OFF keeps: one file a day, here four days.
const KEPT = [
  delta(T, T + DAY),
  delta(T + DAY, T + 2 * DAY),
  delta(T + 2 * DAY, T + 3 * DAY),
  delta(T + 3 * DAY, T + 4 * DAY),
];

describe('reading the OFF delta index', () => {
  it('lists the delta files oldest first, whatever else the index holds', () => {
    const index = [...KEPT]
      .reverse()
      .map((d) => d.name)
      .concat(['', 'index.txt', 'products_9_3.json.gz', '  '])
      .join('\n');
    assert.deepEqual(parseDeltaIndex(index), KEPT);
  });
});

describe('planning an update', () => {
  it('applies only the deltas after what the catalogue covers, in order', () => {
    assert.deepEqual(planUpdate(KEPT, T + 2 * DAY, false), {
      mode: 'deltas',
      deltas: KEPT.slice(2),
      coveredUntil: T + 4 * DAY,
    });
  });

  it('applies a delta that only partly overlaps what is covered (upserts are idempotent)', () => {
    const plan = planUpdate(KEPT, T + DAY + 3600, false);
    assert.equal(plan.mode, 'deltas');
    assert.deepEqual(plan.mode === 'deltas' ? plan.deltas : null, KEPT.slice(1));
  });

  it('has nothing to do when the newest delta is covered', () => {
    assert.deepEqual(planUpdate(KEPT, T + 4 * DAY, false), {
      mode: 'deltas',
      deltas: [],
      coveredUntil: T + 4 * DAY,
    });
  });

  it('reads the full export when the catalogue is older than the oldest delta kept', () => {
    const plan = planUpdate(KEPT, T - DAY, false);
    assert.equal(plan.mode, 'full');
    assert.match(
      plan.mode === 'full' ? plan.reason : '',
      /oldest delta kept starts at 2025-11-24T16:00:00.000Z/,
    );
  });

  it('reads the full export when no update succeeded yet, or when asked', () => {
    assert.equal(planUpdate(KEPT, null, false).mode, 'full');
    assert.equal(planUpdate(KEPT, T + 4 * DAY, true).mode, 'full');
  });

  it('after a full export, covers up to the start of the newest delta, so that it is applied again', () => {
    assert.equal(planUpdate(KEPT, null, true).coveredUntil, T + 3 * DAY);
    assert.equal(planUpdate([], null, true).coveredUntil, null);
  });

  it('reads the full export when the deltas kept have a gap', () => {
    const gap = [KEPT[0], KEPT[2], KEPT[3]] as DeltaFile[];
    const plan = planUpdate(gap, T + DAY / 2, false);
    assert.equal(plan.mode, 'full');
    assert.match(plan.mode === 'full' ? plan.reason : '', /gap/);
  });

  it('reads the full export when OFF lists no delta at all', () => {
    assert.equal(planUpdate([], T, false).mode, 'full');
  });
});
