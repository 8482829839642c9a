// The timing rules: windows from T, the phase at a block, the timeline, progress and
// countdown of a round, at every edge of every window.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phaseAt, roundTimeline, secondsUntil, windowShares, windowsFrom } from '../../src/data/protocol.js';

// docs/PROTOCOL.md, "Timing": C = R = 10.
const C = 10;
const R = 10;

describe('windowsFrom', () => {
  it('gives T..T+C, T+C+1..T+C+R and T+C+R+1 (the protocol table)', () => {
    for (const t of [1, 57, 10_000]) {
      assert.deepEqual(windowsFrom(t, C, R), { commitStart: t, commitEnd: t + 10, revealStart: t + 11, revealEnd: t + 20, settleAt: t + 21 });
    }
  });

  it('follows the window lengths recorded for the round', () => {
    assert.deepEqual(windowsFrom(100, 3, 5), { commitStart: 100, commitEnd: 103, revealStart: 104, revealEnd: 108, settleAt: 109 });
  });

  it('refuses what is not a block count', () => {
    assert.throws(() => windowsFrom(1.5, C, R), /t must be a block count/);
    assert.throws(() => windowsFrom(1, -1, R), /commit must be a block count/);
    assert.throws(() => windowsFrom(1, C, undefined), /reveal must be a block count/);
  });
});

describe('phaseAt', () => {
  const w = windowsFrom(50, C, R);
  it('is Open without windows', () => assert.equal(phaseAt(null, 999), 'Open'));
  it('is Commit from T to T+C inclusive', () => {
    for (let n = 50; n <= 60; n++) assert.equal(phaseAt(w, n), 'Commit', `block ${n}`);
  });
  it('is Reveal from T+C+1 to T+C+R inclusive', () => {
    for (let n = 61; n <= 70; n++) assert.equal(phaseAt(w, n), 'Reveal', `block ${n}`);
  });
  it('is AwaitingSettlement from T+C+R+1', () => {
    assert.equal(phaseAt(w, 71), 'AwaitingSettlement');
    assert.equal(phaseAt(w, 80), 'AwaitingSettlement');
  });
});

describe('roundTimeline', () => {
  const t = 200;
  const w = windowsFrom(t, C, R);
  const states = (tl) => Object.fromEntries(tl.segments.map((s) => [s.key, s.state]));

  it('while Open: Open is current, nothing fixed, no countdown', () => {
    const tl = roundTimeline('Open', null, 150);
    assert.deepEqual(states(tl), { Open: 'current', Commit: 'next', Reveal: 'next', Settle: 'next' });
    assert.equal(tl.next, null);
    assert.equal(tl.progress, 0);
    assert.ok(tl.segments.every((s) => s.from === null && s.to === null));
  });

  it('in the commit window: counts down to the first reveal block', () => {
    const first = roundTimeline('Commit', w, t);
    assert.deepEqual(states(first), { Open: 'done', Commit: 'current', Reveal: 'next', Settle: 'next' });
    assert.deepEqual(first.next, { label: 'Reveal opens', block: t + 11, blocks: 11 });
    assert.deepEqual(first.segments.map((s) => [s.key, s.from, s.to]), [
      ['Open', null, t - 1],
      ['Commit', t, t + 10],
      ['Reveal', t + 11, t + 20],
      ['Settle', t + 21, null],
    ]);
    const last = roundTimeline('Commit', w, t + 10);
    assert.deepEqual(last.next, { label: 'Reveal opens', block: t + 11, blocks: 1 });
  });

  it('in the reveal window: counts down to the settlement block', () => {
    const first = roundTimeline('Reveal', w, t + 11);
    assert.deepEqual(states(first), { Open: 'done', Commit: 'done', Reveal: 'current', Settle: 'next' });
    assert.deepEqual(first.next, { label: 'Settles', block: t + 21, blocks: 10 });
    assert.equal(roundTimeline('Reveal', w, t + 20).next.blocks, 1);
  });

  it('progress: one block of C + R + 1 at T, all of them at T+C+R', () => {
    assert.equal(roundTimeline('Commit', w, t).progress, 1 / 21);
    assert.equal(roundTimeline('Commit', w, t + 10).progress, 11 / 21);
    assert.equal(roundTimeline('Reveal', w, t + 15).progress, 16 / 21);
    assert.equal(roundTimeline('Reveal', w, t + 20).progress, 1);
    const progress = [];
    for (let n = t; n <= t + 20; n++) progress.push(roundTimeline(phaseAt(w, n), w, n).progress);
    assert.ok(progress.every((p, i) => i === 0 || p > progress[i - 1]), 'strictly increasing over the round');
  });

  it('awaiting settlement: no countdown, overdue blocks counted', () => {
    const due = roundTimeline('AwaitingSettlement', w, t + 21);
    assert.deepEqual(states(due), { Open: 'done', Commit: 'done', Reveal: 'done', Settle: 'current' });
    assert.equal(due.next, null);
    assert.equal(due.overdue, 0);
    assert.equal(due.progress, 1);
    assert.equal(roundTimeline('AwaitingSettlement', w, t + 24).overdue, 3);
  });

  it('never counts below zero when the page is a block behind the chain', () => {
    assert.equal(roundTimeline('Commit', w, t + 12).next.blocks, 0);
  });

  it('refuses a phase it does not know, or a live phase without windows', () => {
    assert.throws(() => roundTimeline('Settled', w, t), /unknown phase "Settled"/);
    assert.throws(() => roundTimeline('Reveal', null, t), /phase Reveal without windows/);
  });
});

describe('windowShares', () => {
  it('splits the round bar C + 1 : R', () => {
    const [commit, reveal] = windowShares(windowsFrom(1, C, R));
    assert.equal(commit, 11 / 21);
    assert.equal(reveal, 10 / 21);
    assert.deepEqual(windowShares(windowsFrom(1, 1, 2)), [2 / 4, 2 / 4]);
  });
});

describe('secondsUntil', () => {
  it('counts the block time per block, less the time since the best block', () => {
    assert.equal(secondsUntil(11, 1000), 11);
    assert.equal(secondsUntil(4, 6000), 24);
    assert.equal(secondsUntil(4, 6000, 2500), 21.5);
  });
  it('stops at zero', () => {
    assert.equal(secondsUntil(1, 1000, 5000), 0);
    assert.equal(secondsUntil(0, 6000), 0);
  });
  it('refuses a block time that is not positive', () => {
    assert.throws(() => secondsUntil(3, 0), /block time must be positive/);
    assert.throws(() => secondsUntil(3, NaN), /block time must be positive/);
  });
});
