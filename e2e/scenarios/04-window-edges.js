// Scenario 4: the window edges on the live chain, with the block numbers taken from the
// RoundStarted event: a proof for a block before T+11 is refused by the transaction pool
// (CheckReveal: RevealNotOpen, code 3; never in a block, no fee), and the pool's verdict
// flips exactly between the state of T+C-1 (for block T+C: refused) and of T+C (for T+C+1:
// admitted, with the matching priority, until the end of the window); a commitment after
// T+10 is included and fails with CommitWindowClosed, changing nothing but the fee. The
// early prover then reveals in the window and takes the whole reward.

import assert from 'node:assert/strict';
import { oneEvent, eventsOf, sameAccount } from '../lib/events.js';
import {
  REVEAL_REFUSAL,
  MATCHING_REVEAL_PRIORITY,
  expectPoolRefusal,
  signForValidation,
  assertRefusedAt,
  assertAdmittedAt,
} from '../lib/tx.js';
import { sequenceStatus } from '../lib/state.js';
import {
  units,
  assertOk,
  assertFailedWith,
  assertOnlyFeePaid,
  registerProvers,
  submitSequence,
  commitAll,
  commit,
  reveal,
  waitForRevealWindow,
  settlement,
} from '../lib/protocol.js';
import { statementOf } from '../lib/context.js';

/** Blocks before the end of the commit window at which the early proof is submitted. */
const EARLY_MARGIN = 2;

export default {
  tag: 'S4',
  title: '4. window edges: a reveal before T+11 refused by the pool (RevealNotOpen, 3), CommitWindowClosed after T+10',
  budgetBlocks: (c) => 2 * (c.commitWindow + c.revealWindow) + 40,

  async run(ctx, step, note) {
    const { api, consts, accounts, heads } = ctx;
    const statement = statementOf(ctx, 'S4');
    const early = { name: 'Bob', pair: accounts.early, stake: units(consts, 50_000), proof: statement.validProofs[0] };
    const late = { name: 'Charlie', pair: accounts.late, stake: units(consts, 50_000), proof: statement.validProofs[1] };

    const [, { id }] = await step(`Bob and Charlie register; Ferdie submits sequence ${statement.name} of rollup ${statement.rollup}`, () =>
      Promise.all([registerProvers(ctx, [early, late]), submitSequence(ctx, 'window edges: submit sequence', statement)]),
    );

    const { windows } = await step('Bob commits: RoundStarted gives T and the windows', () =>
      commitAll(ctx, id, [early]),
    );
    note(`sequence ${id}: T = #${windows.T}, commit_end #${windows.commitEnd}, reveal #${windows.revealStart}..#${windows.revealEnd}`);

    await step(`a proof submitted for a block before T+${consts.commitWindow + 1} is refused by the pool: RevealNotOpen (3), no fee`, async () => {
      await heads.waitFor(windows.commitEnd - EARLY_MARGIN, `#${windows.commitEnd - EARLY_MARGIN}`);
      const tx = api.tx.zkpSubmission.submitProof(id, early.proof);
      const { before, after } = await expectPoolRefusal(ctx, early.pair, tx, REVEAL_REFUSAL.RevealNotOpen, 'Bob reveals too early');
      note(`early proof refused at #${before.block} (reveal window opens #${windows.revealStart}); Bob unchanged at #${after.block}`);
      assert.ok(before.block < windows.commitEnd, `submitted for a block before the window (best #${before.block})`);
      const status = await sequenceStatus(api, id);
      assert.equal(status.proved, null, 'the sequence is not proved');
    });

    await step(`the pool's verdict flips at the edge: refused at the state of T+${consts.commitWindow - 1} (for T+${consts.commitWindow}), admitted at T+${consts.commitWindow} (for T+${consts.commitWindow + 1}) with the matching priority until T+${consts.commitWindow + consts.revealWindow}`, async () => {
      const [lastShut, first] = await Promise.all([
        heads.hashOf(windows.commitEnd - 1),
        heads.hashOf(windows.commitEnd),
      ]);
      const signed = await signForValidation(ctx, early.pair, api.tx.zkpSubmission.submitProof(id, early.proof));
      await assertRefusedAt(api, signed, lastShut, REVEAL_REFUSAL.RevealNotOpen, `Bob's reveal at #${windows.commitEnd - 1}`);
      const ok = await assertAdmittedAt(api, signed, first, `Bob's reveal at #${windows.commitEnd}`);
      assert.ok(ok.priority >= MATCHING_REVEAL_PRIORITY, `matching priority (${ok.priority})`);
      assert.equal(ok.longevity, BigInt(consts.revealWindow), 'valid for the R blocks of the window');
    });

    await step(`a commitment included after T+${consts.commitWindow} is rejected with CommitWindowClosed`, async () => {
      await heads.waitFor(windows.commitEnd, `the end of the commit window #${windows.commitEnd}`);
      const receipt = await commit(ctx, late.pair, id, late, 'Charlie commits too late');
      note(`late commitment included in #${receipt.blockNumber} (reveal window opened #${windows.revealStart})`);
      assert.ok(receipt.blockNumber >= windows.revealStart);
      assert.ok(receipt.blockNumber <= windows.revealEnd, 'still before settlement');
      assertFailedWith(receipt, 'zkpSubmission', 'CommitWindowClosed');
      await assertOnlyFeePaid(api, receipt, id);
      assert.equal((await sequenceStatus(api, id, receipt.blockHash)).phase, 'Reveal');
    });

    await step('Bob reveals inside the reveal window and proves the sequence', async () => {
      await waitForRevealWindow(ctx, windows);
      const receipt = await reveal(ctx, early.pair, id, early.proof, 'Bob reveals in the window');
      assertOk(receipt);
      assert.ok(receipt.blockNumber >= windows.revealStart && receipt.blockNumber <= windows.revealEnd);
      const proved = oneEvent(receipt.events, 'zkpSubmission', 'SequenceProved');
      assert.ok(sameAccount(proved.by, early.pair.address));
    });

    await step('settlement: Bob takes the whole reward, Charlie (no commitment) is untouched', async () => {
      const settled = await settlement(ctx, windows, id, [early.pair.address, late.pair.address]);
      const paid = oneEvent(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.ok(sameAccount(paid.who, early.pair.address));
      assert.equal(paid.amount.toBigInt(), consts.rewardPerSequence);
      assert.equal(paid.fromFee.toBigInt(), 0n, 'the reward is minted (no fee)');
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'CommitterSlashed').length, 0);
      assert.equal(eventsOf(settled.ours, 'proverRegistry', 'Slashed').length, 0);
    });
  },
};
