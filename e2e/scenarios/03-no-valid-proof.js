// Scenario 3: a round without a valid proof. Dave and Eve register, commit, and never
// reveal: at T+21 both are slashed NoValidProof (5% of their stake snapshots), the slashed
// stake is burned, and the sequence reopens in round 1, where a new commitment and a valid
// proof finish it.

import assert from 'node:assert/strict';
import { eventsOf, oneEvent, sameAccount, feesPaidBy, assertIssuanceExplained } from '../lib/events.js';
import { accountAroundBlock, sequenceStorage, sequenceStatus, sequenceCommitments } from '../lib/state.js';
import {
  units,
  slashOf,
  assertOk,
  registerProvers,
  submitSequence,
  commitAll,
  reveal,
  waitForRevealWindow,
  settlement,
} from '../lib/protocol.js';
import { statementOf } from '../lib/context.js';

export default {
  tag: 'S3',
  title: '3. no valid proof: committers slashed NoValidProof (burned), sequence reopened',
  budgetBlocks: (c) => 3 * (c.commitWindow + c.revealWindow) + 50,

  async run(ctx, step, note) {
    const { api, consts, accounts } = ctx;
    const statement = statementOf(ctx, 'S3');
    // Both commit to the statement's valid proof (each bound to its own account).
    const dave = { name: 'Dave', pair: accounts.dave, stake: units(consts, 100_000), proof: statement.validProofs[0] };
    const eve = { name: 'Eve', pair: accounts.eve, stake: units(consts, 40_000), proof: statement.validProofs[0] };
    const committers = [dave, eve];

    const [, { id }] = await step(`Dave (100K) and Eve (40K) register; Ferdie submits sequence ${statement.name} of rollup ${statement.rollup}`, () =>
      Promise.all([registerProvers(ctx, committers), submitSequence(ctx, 'no valid proof: submit sequence', statement)]),
    );
    note(`sequence ${id}`);

    const { windows, snapshots } = await step('Dave and Eve commit (to proofs they will not reveal)', () =>
      commitAll(ctx, id, committers),
    );
    note(`T = #${windows.T}, settle #${windows.settleAt}`);

    const settled = await step('nobody reveals; the round settles at T+21', () =>
      settlement(ctx, windows, id, committers.map((c) => c.pair.address)),
    );

    const burned = await step('every committer is slashed 5% of its snapshot: events, holds, ledgers', async () => {
      let total = 0n;
      for (const c of committers) {
        const slash = slashOf(consts, 'NoValidProof', snapshots[c.pair.address]);
        assert.equal(slash, (c.stake * 5n) / 100n, `${c.name}: 5% of ${c.stake}`);
        const committerSlashed = oneEvent(settled.ours, 'zkpSubmission', 'CommitterSlashed', (e) =>
          sameAccount(e.who, c.pair.address),
        );
        assert.equal(committerSlashed.reason.type, 'NoValidProof');
        assert.equal(committerSlashed.amount.toBigInt(), slash);
        assert.equal(committerSlashed.round.toNumber(), 0);
        const slashed = oneEvent(settled.ours, 'proverRegistry', 'Slashed', (e) => sameAccount(e.who, c.pair.address));
        assert.equal(slashed.reason.type, 'NoValidProof');
        assert.equal(slashed.amount.toBigInt(), slash);
        assert.equal(eventsOf(settled.ours, 'proverRegistry', 'BecameInactive').length, 0);

        const { before, after } = await accountAroundBlock(api, settled.hash, c.pair.address);
        assert.equal(after.held, before.held - slash, `${c.name}: the hold drops by the slash`);
        assert.equal(after.reserved, before.reserved - slash, `${c.name}: reserved`);
        assert.equal(after.free, before.free - feesPaidBy(settled.records, c.pair.address), `${c.name}: free untouched`);
        assert.equal(after.ledger.bonded, c.stake - slash, `${c.name}: ledger.bonded`);
        assert.equal(after.ledger.slashed, slash, `${c.name}: ledger.slashed`);
        assert.equal(after.ledger.pendingCommitments, 0, `${c.name}: commitment closed`);
        assert.equal(after.ledger.reserved, 0n, `${c.name}: reservation released`);
        total += slash;
      }
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid').length, 0, 'no reward');
      const failed = oneEvent(settled.ours, 'zkpSubmission', 'RoundFailed');
      assert.equal(failed.round.toNumber(), 0);
      assert.equal(failed.committers.toNumber(), 2);
      return total;
    });

    await step('total issuance falls by exactly the burned amount (other effects of the block accounted)', async () => {
      const change = await assertIssuanceExplained(api, settled.hash, 'settlement block: ');
      const otherSlashes = eventsOf(settled.records, 'proverRegistry', 'Slashed', (e) =>
        committers.every((c) => !sameAccount(e.who, c.pair.address)),
      ).reduce((acc, e) => acc + e.amount.toBigInt(), 0n);
      assert.equal(change.delta, -burned - otherSlashes + change.minted - change.fees);
      if (otherSlashes === 0n && change.minted === 0n && change.fees === 0n) assert.equal(change.delta, -burned);
      note(
        `issuance ${change.before} -> ${change.after} (${change.delta}): burned ${burned} here, other ` +
          `slashes ${otherSlashes}, rewards ${change.minted}, fees ${change.fees}`,
      );
    });

    await step('the sequence is reopened: SequenceReopened, round 1, phase Open, no commitments', async () => {
      const reopened = oneEvent(settled.ours, 'zkpSubmission', 'SequenceReopened');
      assert.equal(reopened.newRound.toNumber(), 1);
      assert.deepEqual(await sequenceStatus(api, id, settled.hash), {
        rollup: statement.rollup,
        round: 1,
        phase: 'Open',
        windows: null,
        proved: null,
        commitments: 0,
      });
      const stored = await sequenceStorage(api, settled.hash, id);
      assert.equal(stored.sequence.round, 1);
      assert.equal(stored.sequence.windows, null, 'no windows until the next first commitment');
      assert.equal(stored.round, null, 'Rounds entry removed');
      assert.deepEqual(await sequenceCommitments(api, id, settled.hash), []);
    });

    await step('round 1: Dave commits again (new T, snapshot = its stake after the slash) and proves the sequence', async () => {
      const round1 = await commitAll(ctx, id, [dave]);
      assert.equal(round1.windows.round, 1);
      const slash = slashOf(consts, 'NoValidProof', snapshots[dave.pair.address]);
      assert.equal(round1.snapshots[dave.pair.address], dave.stake - slash, "Dave's round-1 snapshot");
      assert.ok(round1.windows.T > windows.settleAt - 1);
      await waitForRevealWindow(ctx, round1.windows);
      const receipt = await reveal(ctx, dave.pair, id, dave.proof, 'Dave reveals in round 1');
      assertOk(receipt);
      oneEvent(receipt.events, 'zkpSubmission', 'SequenceProved');
      const done = await settlement(ctx, round1.windows, id, [dave.pair.address]);
      const paid = oneEvent(done.ours, 'zkpSubmission', 'RewardPaid');
      assert.ok(sameAccount(paid.who, dave.pair.address));
      assert.equal(paid.amount.toBigInt(), consts.rewardPerSequence, 'the only validated committer takes it all');
      assert.equal(paid.fromFee.toBigInt(), 0n, 'all minted (no fee)');
      assert.equal(oneEvent(done.ours, 'zkpSubmission', 'SequenceFinalized').round.toNumber(), 1);
      await assertIssuanceExplained(api, done.hash, 'round 1 settlement block: ');
      assert.equal(await sequenceStatus(api, id, done.hash), null);
    });
  },
};
