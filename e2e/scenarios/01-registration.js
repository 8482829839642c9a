// Scenario 1: registration and staking of the worked example's three provers (200K, 500K,
// 300K), then stake changes once scenario 2 has its stake snapshots: A unbonds part of its
// stake, B bonds more; C cannot unbond the stake its open commitment reserves (20% of its
// snapshot) and unbonds everything once scenario 2's round has settled; withdrawal before
// the end of the unbonding period fails, after it succeeds and the hold drops; C
// deregisters.

import assert from 'node:assert/strict';
import { send } from '../lib/tx.js';
import { oneEvent, eventsOf, sameAccount } from '../lib/events.js';
import { accountAround } from '../lib/state.js';
import { awaitSignal } from '../lib/context.js';
import {
  units,
  assertOk,
  assertFailedWith,
  assertOnlyFeePaid,
  registerProvers,
  exposureOf,
} from '../lib/protocol.js';

/** The worked example's provers and stakes (PROTOCOL.md). */
export function workedExampleProvers(ctx) {
  const { accounts, consts } = ctx;
  return [
    { name: 'A', pair: accounts.proverA, stake: units(consts, 200_000) },
    { name: 'B', pair: accounts.proverB, stake: units(consts, 500_000) },
    { name: 'C', pair: accounts.proverC, stake: units(consts, 300_000) },
  ];
}

/** `who` unbonds `amount`: checks the event, the chunk, that the stake stays on hold. */
async function unbond(ctx, prover, amount) {
  const { api, consts } = ctx;
  const label = `${prover.name} unbonds ${amount}`;
  const receipt = await send(ctx, prover.pair, api.tx.proverRegistry.unbond(amount), label);
  assertOk(receipt);
  const { before, after } = await accountAround(api, receipt, prover.pair.address);
  const unlockAt = receipt.blockNumber + consts.unbondingPeriod;
  const ev = oneEvent(receipt.events, 'proverRegistry', 'UnbondingStarted');
  assert.ok(sameAccount(ev.who, prover.pair.address), `${label}: who`);
  assert.equal(ev.amount.toBigInt(), amount, `${label}: amount`);
  assert.equal(ev.unlockAt.toNumber(), unlockAt, `${label}: unlock_at = now + UnbondingPeriod`);
  assert.equal(ev.bonded.toBigInt(), before.ledger.bonded - amount, `${label}: bonded after`);
  assert.equal(after.ledger.bonded, before.ledger.bonded - amount, `${label}: ledger.bonded`);
  assert.deepEqual(
    after.ledger.unbonding,
    [...before.ledger.unbonding, { value: amount, unlockAt }],
    `${label}: ledger.unbonding`,
  );
  assert.equal(after.ledger.reserved, before.ledger.reserved, `${label}: ledger.reserved unchanged`);
  assert.ok(after.ledger.bonded >= after.ledger.reserved, `${label}: bonded stake still covers the reservations`);
  assert.equal(after.held, before.held, `${label}: unbonding stake stays on hold (slashable)`);
  assert.equal(after.free, before.free - receipt.fee, `${label}: free balance less the fee`);
  return { receipt, unlockAt, ev };
}

/** `prover` withdraws once `unlockAt` is reached: the hold drops by `amount`. */
async function withdrawAt(ctx, prover, unlockAt, amount) {
  const { api, heads } = ctx;
  const label = `${prover.name} withdraws ${amount} at #${unlockAt}`;
  // Submitted once block unlockAt - 1 is in: included at unlockAt or later.
  await heads.waitFor(unlockAt - 1, `${prover.name}'s unlock block #${unlockAt}`);
  const receipt = await send(ctx, prover.pair, api.tx.proverRegistry.withdrawUnbonded(), label);
  assertOk(receipt);
  assert.ok(receipt.blockNumber >= unlockAt, `${label}: included at #${receipt.blockNumber}`);
  const ev = oneEvent(receipt.events, 'proverRegistry', 'Withdrawn');
  assert.ok(sameAccount(ev.who, prover.pair.address), `${label}: who`);
  assert.equal(ev.amount.toBigInt(), amount, `${label}: amount`);
  const { before, after } = await accountAround(api, receipt, prover.pair.address);
  assert.equal(after.held, before.held - amount, `${label}: the hold drops by the amount`);
  assert.equal(after.reserved, before.reserved - amount, `${label}: reserved`);
  assert.equal(after.free, before.free + amount - receipt.fee, `${label}: free += amount - fee`);
  assert.deepEqual(after.ledger.unbonding, [], `${label}: no chunk left`);
  assert.equal(after.ledger.bonded, before.ledger.bonded, `${label}: bonded unchanged`);
  return { receipt, after };
}

export default {
  tag: 'S1',
  title: '1. registration, staking, unbonding and withdrawal',
  signals: ['provers'],
  // Registration, then scenario 2's round until its settlement, then the unbonding period.
  budgetBlocks: (c) => c.unbondingPeriod + 2 * (c.commitWindow + c.revealWindow) + 40,

  async run(ctx, step, note) {
    const { api, consts } = ctx;
    const [A, B, C] = workedExampleProvers(ctx);

    await step('A, B and C register with 200K, 500K and 300K: holds, ledgers, events, free balance less fees', async () => {
      const receipts = await registerProvers(ctx, [A, B, C]);
      for (const r of receipts) note(`${r.label} in #${r.blockNumber}, fee ${r.fee}`);
    });
    ctx.signals.provers.resolve([A, B, C]);

    await step('after scenario 2 has taken its stake snapshots', () =>
      awaitSignal(ctx, 'snapshotsTaken', 3 * (consts.commitWindow + consts.revealWindow)),
    );

    const unbondA = units(consts, 50_000);
    const a = await step('A unbonds 50K: a chunk unlocking after UnbondingPeriod, still held', () =>
      unbond(ctx, A, unbondA),
    );
    note(`A's chunk unlocks at #${a.unlockAt}`);

    await step('B bonds 100K more: Bonded event, hold and ledger grow', async () => {
      const amount = units(consts, 100_000);
      const receipt = await send(ctx, B.pair, api.tx.proverRegistry.bondExtra(amount), 'B bonds extra');
      assertOk(receipt);
      const ev = oneEvent(receipt.events, 'proverRegistry', 'Bonded');
      assert.equal(ev.amount.toBigInt(), amount);
      assert.equal(ev.bonded.toBigInt(), B.stake + amount);
      const { before, after } = await accountAround(api, receipt, B.pair.address);
      assert.equal(after.held, before.held + amount);
      assert.equal(after.ledger.bonded, B.stake + amount);
      assert.equal(after.free, before.free - amount - receipt.fee);
    });

    await step('A withdraws before the end of the period: NothingToWithdraw, nothing changes', async () => {
      const receipt = await send(ctx, A.pair, api.tx.proverRegistry.withdrawUnbonded(), 'A withdraws early');
      assert.ok(receipt.blockNumber < a.unlockAt);
      assertFailedWith(receipt, 'proverRegistry', 'NothingToWithdraw');
      await assertOnlyFeePaid(api, receipt);
    });

    const windows = await step('after scenario 2 has revealed C\'s proof', () =>
      awaitSignal(ctx, 'revealed', 3 * (consts.commitWindow + consts.revealWindow)),
    );

    await step('C cannot unbond into the stake its open commitment reserves: StakeReserved', async () => {
      // C's commitment of scenario 2 (snapshot 300K) reserves 20% of it until settlement.
      const reserved = exposureOf(consts, { bonded: C.stake, reserved: 0n }).reserved;
      assert.equal(reserved, units(consts, 60_000));
      // One planck more than the unreserved bonded stake.
      const amount = C.stake - reserved + 1n;
      const receipt = await send(ctx, C.pair, api.tx.proverRegistry.unbond(amount), 'C unbonds into its reservation');
      assert.ok(receipt.blockNumber < windows.settleAt, 'before scenario 2 settles');
      const { before } = await accountAround(api, receipt, C.pair.address);
      assert.equal(before.ledger.reserved, reserved, 'ledger.reserved before');
      assert.equal(before.ledger.bonded, C.stake, 'ledger.bonded before');
      assertFailedWith(receipt, 'proverRegistry', 'StakeReserved');
      await assertOnlyFeePaid(api, receipt);
    });

    await step('after scenario 2\'s round has settled (C\'s reservation released)', () =>
      awaitSignal(ctx, 'settled', 3 * (consts.commitWindow + consts.revealWindow)),
    );

    const c = await step('C unbonds everything: BecameInactive, the stake stays held', async () => {
      const result = await unbond(ctx, C, C.stake);
      const inactive = oneEvent(result.receipt.events, 'proverRegistry', 'BecameInactive');
      assert.ok(sameAccount(inactive.who, C.pair.address));
      assert.equal(inactive.bonded.toBigInt(), 0n);
      return result;
    });
    note(`C's chunk unlocks at #${c.unlockAt}`);

    await step('C cannot deregister while unbonding: StillUnbonding', async () => {
      const receipt = await send(ctx, C.pair, api.tx.proverRegistry.deregister(), 'C deregisters early');
      assertFailedWith(receipt, 'proverRegistry', 'StillUnbonding');
      await assertOnlyFeePaid(api, receipt);
    });

    await step(`A withdraws after ${consts.unbondingPeriod} blocks: Withdrawn, the hold drops by 50K`, async () => {
      const { after } = await withdrawAt(ctx, A, a.unlockAt, unbondA);
      assert.equal(after.held, A.stake - unbondA);
      assert.equal(after.ledger.bonded, A.stake - unbondA);
    });

    await step('C withdraws everything and deregisters: no hold, no ledger left', async () => {
      const { after } = await withdrawAt(ctx, C, c.unlockAt, C.stake);
      assert.equal(after.held, 0n);
      assert.equal(after.stakeHoldEntries, 0, 'the hold entry is gone');
      const receipt = await send(ctx, C.pair, api.tx.proverRegistry.deregister(), 'C deregisters');
      assertOk(receipt);
      const ev = oneEvent(receipt.events, 'proverRegistry', 'Deregistered');
      assert.ok(sameAccount(ev.who, C.pair.address));
      const around = await accountAround(api, receipt, C.pair.address);
      assert.equal(around.after.ledger, null, 'Provers(C) removed');
      assert.equal(around.after.free, around.before.free - receipt.fee);
      assert.equal(eventsOf(receipt.events, 'proverRegistry', 'Withdrawn').length, 0);
    });
  },
};
