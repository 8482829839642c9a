// Scenario 4: the window edges on the live chain, with the block numbers taken from the
// RoundStarted event: a proof before T+11 is rejected with RevealNotOpen, a commitment after
// T+10 with CommitWindowClosed; neither changes anything but the fee. The early prover then
// reveals in the window and takes the whole reward.

import assert from 'node:assert/strict';
import { oneEvent, eventsOf, sameAccount } from '../lib/events.js';
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
  title: '4. window edges: RevealNotOpen before T+11, CommitWindowClosed after T+10',
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

    await step(`a proof included before T+${consts.commitWindow + 1} is rejected with RevealNotOpen`, async () => {
      await heads.waitFor(windows.commitEnd - EARLY_MARGIN, `#${windows.commitEnd - EARLY_MARGIN}`);
      const receipt = await reveal(ctx, early.pair, id, early.proof, 'Bob reveals too early');
      note(`early proof included in #${receipt.blockNumber} (commit window ends #${windows.commitEnd})`);
      assert.ok(
        receipt.blockNumber < windows.revealStart,
        `the early proof was included only in #${receipt.blockNumber}, not before #${windows.revealStart}`,
      );
      assertFailedWith(receipt, 'zkpSubmission', 'RevealNotOpen');
      await assertOnlyFeePaid(api, receipt, id);
      assert.equal((await sequenceStatus(api, id, receipt.blockHash)).phase, 'Commit');
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
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'CommitterSlashed').length, 0);
      assert.equal(eventsOf(settled.ours, 'proverRegistry', 'Slashed').length, 0);
    });
  },
};
