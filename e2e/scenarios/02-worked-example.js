// Scenario 2: the protocol's worked example on the live chain. Ferdie submits a sequence of
// the demo rollup; A, B and C (scenario 1: 200K, 500K, 300K) each commit to their own
// distinct valid proof, reveal it, and at T+21 the 2 ZKM reward is minted as exactly 0.4,
// 1.0 and 0.6 ZKM.

import assert from 'node:assert/strict';
import { eventsOf, oneEvent, sameAccount, feesPaidBy, assertIssuanceExplained, mintedBy } from '../lib/events.js';
import { accountAroundBlock, accountState, sequenceStorage, sequenceStatus, sequenceCommitments } from '../lib/state.js';
import { proofHash, commitmentOf } from '../lib/vectors.js';
import { awaitSignal, statementOf, DEMO_ROLLUP } from '../lib/context.js';
import {
  units,
  assertOk,
  exposureOf,
  submitSequence,
  commitAll,
  reveal,
  waitForRevealWindow,
  settlement,
} from '../lib/protocol.js';

export default {
  tag: 'S2',
  title: '2. worked example: three provers, three distinct valid proofs, rewards 0.4 / 1.0 / 0.6',
  signals: ['snapshotsTaken', 'revealed', 'settled'],
  budgetBlocks: (c) => 3 * (c.commitWindow + c.revealWindow) + 40,

  async run(ctx, step, note) {
    const { api, consts } = ctx;
    const statement = statementOf(ctx, 'S2');
    assert.equal(statement.rollup, DEMO_ROLLUP, 'the worked example runs on the demo rollup');
    const [A, B, C] = await step("scenario 1's provers are registered", () =>
      awaitSignal(ctx, 'provers', 30),
    );
    const provers = [A, B, C].map((p, i) => ({ ...p, proof: statement.validProofs[i] }));

    const { id } = await step(`Ferdie submits sequence ${statement.name} with its batch`, () =>
      submitSequence(ctx, 'worked example: submit sequence', statement),
    );
    note(`sequence ${id}`);

    const { windows, snapshots, reservations } = await step('A, B and C commit to their own proofs; the first sets T', () =>
      commitAll(ctx, id, provers),
    );
    ctx.signals.snapshotsTaken.resolve();
    note(`T = #${windows.T}, reveal #${windows.revealStart}..#${windows.revealEnd}, settle #${windows.settleAt}`);

    await step('stake snapshots are 200K / 500K / 300K (first open commitments: the whole bonded stake), each reserving 20%; the runtime API lists the commitments', async () => {
      for (const p of provers) {
        assert.equal(snapshots[p.pair.address], p.stake, `${p.name}'s snapshot`);
        assert.equal(reservations[p.pair.address], (p.stake * 20n) / 100n, `${p.name}'s reservation`);
      }
      const listed = await sequenceCommitments(api, id);
      assert.equal(listed.length, 3);
      for (const p of provers) {
        const entry = listed.find((c) => sameAccount(c.prover, p.pair.address));
        assert.ok(entry, `${p.name}'s commitment listed`);
        assert.equal(entry.commitment, commitmentOf(p.proof, p.pair.address));
        assert.equal(BigInt(entry.stake), p.stake);
        assert.equal(BigInt(entry.reserved), exposureOf(consts, { bonded: p.stake, reserved: 0n }).reserved);
        assert.equal(entry.validated, false);
      }
      const status = await sequenceStatus(api, id);
      assert.equal(status.rollup, DEMO_ROLLUP);
      assert.equal(status.round, 0);
      assert.equal(status.commitments, 3);
      assert.equal(status.proved, null);
      assert.deepEqual(status.windows, {
        commitStart: windows.T,
        commitEnd: windows.commitEnd,
        revealStart: windows.revealStart,
        revealEnd: windows.revealEnd,
        settleAt: windows.settleAt,
      });
    });

    const reveals = await step('in the reveal window each reveals its proof: each validates its own commitment', async () => {
      await waitForRevealWindow(ctx, windows);
      const receipts = await Promise.all(
        provers.map((p) => reveal(ctx, p.pair, id, p.proof, `${p.name} reveals`)),
      );
      const proved = [];
      for (const [i, receipt] of receipts.entries()) {
        const p = provers[i];
        assertOk(receipt);
        assert.ok(
          receipt.blockNumber >= windows.revealStart && receipt.blockNumber <= windows.revealEnd,
          `${receipt.label}: in the reveal window (#${receipt.blockNumber})`,
        );
        const validated = eventsOf(receipt.events, 'zkpSubmission', 'CommitmentValidated');
        assert.equal(validated.length, 1, `${receipt.label}: validates exactly one commitment`);
        assert.ok(sameAccount(validated[0].prover, p.pair.address), `${receipt.label}: its own`);
        assert.equal(validated[0].proofHash.toHex(), proofHash(p.proof));
        assert.equal(validated[0].sequence.toNumber(), id);
        proved.push(...eventsOf(receipt.events, 'zkpSubmission', 'SequenceProved').map((e) => ({ e, p, receipt })));
      }
      assert.equal(proved.length, 1, 'exactly one SequenceProved (the first valid proof)');
      const [{ e, p, receipt }] = proved;
      assert.ok(sameAccount(e.by, p.pair.address));
      assert.equal(e.rollup.toNumber(), DEMO_ROLLUP);
      assert.equal(e.proofHash.toHex(), proofHash(p.proof));
      assert.ok(receipts.every((r) => r.blockNumber >= receipt.blockNumber), 'proved by the earliest reveal');
      const listed = await sequenceCommitments(api, id);
      assert.ok(listed.every((c) => c.validated), 'all three commitments validated');
      const status = await sequenceStatus(api, id);
      assert.equal(status.proved, proofHash(p.proof));
      return { receipts, first: p };
    });
    ctx.signals.revealed.resolve(windows);

    const committers = provers.map((p) => p.pair.address);
    const settled = await step(`settlement at T+${consts.commitWindow + consts.revealWindow + 1} in on_initialize`, () =>
      settlement(ctx, windows, id, committers),
    );
    ctx.signals.settled.resolve(settled);

    await step('rewards are exactly 0.4 / 1.0 / 0.6 ZKM (RewardPaid, free balances, ledgers)', async () => {
      assert.equal(consts.rewardPerSequence, units(consts, 2), 'the worked example assumes R_seq = 2 ZKM');
      const expected = { A: units(consts, '0.4'), B: units(consts, '1.0'), C: units(consts, '0.6') };
      const total = provers.reduce((acc, p) => acc + p.stake, 0n);
      const paid = eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.equal(paid.length, 3, 'three RewardPaid events');
      for (const p of provers) {
        // The protocol's formula, from the chain's constant, agrees with the worked example.
        assert.equal((consts.rewardPerSequence * p.stake) / total, expected[p.name]);
        const ev = paid.find((e) => sameAccount(e.who, p.pair.address));
        assert.ok(ev, `RewardPaid for ${p.name}`);
        assert.equal(ev.amount.toBigInt(), expected[p.name], `${p.name}'s reward`);
        assert.equal(ev.fromFee.toBigInt(), 0n, `${p.name}'s reward is all minted (no fee)`);
        assert.equal(ev.round.toNumber(), 0);

        const { before, after } = await accountAroundBlock(api, settled.hash, p.pair.address);
        const feesInBlock = feesPaidBy(settled.records, p.pair.address);
        assert.equal(after.free, before.free + expected[p.name] - feesInBlock, `${p.name}'s free balance`);
        assert.equal(after.held, before.held, `${p.name}'s stake is untouched`);
        assert.equal(after.ledger.rewarded, before.ledger.rewarded + expected[p.name], `${p.name}: ledger.rewarded`);
        assert.equal(after.ledger.pendingCommitments, before.ledger.pendingCommitments - 1, `${p.name}: commitment closed`);
        assert.equal(
          after.ledger.reserved,
          before.ledger.reserved - exposureOf(consts, { bonded: p.stake, reserved: 0n }).reserved,
          `${p.name}: reservation released`,
        );
      }
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'CommitterSlashed').length, 0, 'nobody slashed');
      assert.equal(eventsOf(settled.ours, 'proverRegistry', 'Slashed').length, 0, 'nothing burned');
      const fin = oneEvent(settled.ours, 'zkpSubmission', 'SequenceFinalized');
      assert.equal(fin.rollup.toNumber(), DEMO_ROLLUP);
      assert.equal(fin.round.toNumber(), 0);
      assert.equal(fin.validated.toNumber(), 3);
      assert.equal(fin.rewarded.toBigInt(), units(consts, 2), 'rewarded 2 ZKM in all (no dust)');
      assert.equal(fin.feePaid.toBigInt(), 0n, 'nothing paid out of a fee (the sequence has none)');
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'FeeRefunded').length, 0, 'no fee to refund');
      assert.equal(fin.proofHash.toHex(), proofHash(reveals.first.proof));
    });

    await step('total issuance rises by exactly 2 ZKM (less what else the block burned)', async () => {
      const change = await assertIssuanceExplained(api, settled.hash, 'settlement block: ');
      const ours = eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid').reduce((a, e) => a + mintedBy(e), 0n);
      assert.equal(ours, units(consts, 2), 'minted: the whole reward');
      // What other sequences settled in the block minted (their fee-paid parts are no change).
      const others = eventsOf(settled.records, 'zkpSubmission', 'RewardPaid', (e) => e.sequence.toNumber() !== id)
        .reduce((a, e) => a + mintedBy(e), 0n);
      assert.equal(change.delta, units(consts, 2) + others - change.burnedBySlashes - change.fees);
      if (others === 0n && change.burnedBySlashes === 0n && change.fees === 0n) {
        assert.equal(change.delta, units(consts, 2));
      }
      note(
        `issuance ${change.before} -> ${change.after} (+${change.delta}): our reward ${ours}, other rewards ` +
          `${others}, slashes ${change.burnedBySlashes}, fees ${change.fees}`,
      );
    });

    await step('the sequence is finished: removed from storage, latest proved updated', async () => {
      const stored = await sequenceStorage(api, settled.hash, id);
      assert.equal(stored.sequence, null);
      assert.equal(stored.round, null);
      assert.equal(await sequenceStatus(api, id, settled.hash), null);
      const rollup = (await (await api.at(settled.hash)).query.zkpSubmission.rollups(DEMO_ROLLUP)).unwrap();
      assert.ok(rollup.latestProved.isSome && rollup.latestProved.unwrap().toNumber() >= id);
      assert.ok(!rollup.sequences.some((s) => s.toNumber() === id));
      for (const p of provers) {
        const state = await accountState(api, settled.hash, p.pair.address);
        assert.equal(state.ledger.pendingCommitments, 0, `${p.name} has no pending commitment`);
        assert.equal(state.ledger.reserved, 0n, `${p.name} has nothing reserved`);
      }
    });
  },
};
