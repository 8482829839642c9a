// Scenario 7: the other two slash levels and the front-running protection, with fresh
// accounts funded by Alice. An honest prover commits to its valid proof; a cheat commits to
// an invalid proof and reveals it (IncorrectProof, 20%, at once, the call succeeds); a
// copycat copies the honest prover's commitment from the chain: the commitment binds the
// proof to the honest prover's account, so it never validates the copycat, whose replay
// of the (now public) honest proof after the sequence is proved validates nothing: the
// transaction pool refuses it (CheckReveal: NothingToValidate, code 6; never in a block, no
// fee), and the copycat is slashed IncorrectHash (10%) at settlement.

import assert from 'node:assert/strict';
import { send, expectPoolRefusal, signForValidation, assertRefusedAt, REVEAL_REFUSAL } from '../lib/tx.js';
import { eventsOf, oneEvent, sameAccount, assertIssuanceExplained } from '../lib/events.js';
import { accountAround, accountAroundBlock, sequenceCommitments } from '../lib/state.js';
import { commitmentOf, proofHash } from '../lib/vectors.js';
import {
  units,
  slashOf,
  assertOk,
  registerProvers,
  submitSequence,
  commitAll,
  commit,
  reveal,
  waitForRevealWindow,
  waitForPoolView,
  settlement,
} from '../lib/protocol.js';
import { statementOf } from '../lib/context.js';

export default {
  tag: 'S7',
  title: '7. slash levels IncorrectProof (20%) and IncorrectHash (10%); a copied commitment does not pay',
  budgetBlocks: (c) => 2 * (c.commitWindow + c.revealWindow) + 50,

  async run(ctx, step, note) {
    const { api, consts, accounts } = ctx;
    const statement = statementOf(ctx, 'S7');
    const stake = units(consts, 50_000);
    const honest = { name: 'honest', pair: accounts.honest, stake, proof: statement.validProofs[0] };
    const cheat = { name: 'cheat', pair: accounts.cheat, stake, proof: statement.invalidProof };
    const copycat = { name: 'copycat', pair: accounts.copycat, stake };
    const fresh = [honest, cheat, copycat];

    await step('Alice funds three fresh accounts with 100K each (transferKeepAlive)', async () => {
      const amount = units(consts, 100_000);
      for (const p of fresh) {
        const receipt = await send(ctx, accounts.funder, api.tx.balances.transferKeepAlive(p.pair.address, amount), `fund ${p.name}`);
        assertOk(receipt);
        const transfer = oneEvent(receipt.events, 'balances', 'Transfer');
        assert.ok(sameAccount(transfer.to, p.pair.address));
        assert.equal(transfer.amount.toBigInt(), amount);
        const funder = await accountAround(api, receipt, accounts.funder.address);
        assert.equal(funder.after.free, funder.before.free - amount - receipt.fee);
        const target = await accountAround(api, receipt, p.pair.address);
        assert.equal(target.before.free, 0n);
        assert.equal(target.after.free, amount);
      }
    });

    const [, { id }] = await step(`they register with 50K each; Ferdie submits sequence ${statement.name} of rollup ${statement.rollup}`, () =>
      Promise.all([registerProvers(ctx, fresh), submitSequence(ctx, 'slash levels: submit sequence', statement)]),
    );

    const { windows, snapshots, reservations } = await step('honest commits to its valid proof, cheat to an invalid one', () =>
      commitAll(ctx, id, [honest, cheat]),
    );
    note(`sequence ${id}: T = #${windows.T}, settle #${windows.settleAt}`);
    const honestCommitment = commitmentOf(honest.proof, honest.pair.address);

    await step("copycat copies honest's commitment from the chain", async () => {
      const listed = await sequenceCommitments(api, id);
      const seen = listed.find((c) => sameAccount(c.prover, honest.pair.address)).commitment;
      assert.equal(seen, honestCommitment);
      const receipt = await commit(ctx, copycat.pair, id, { commitment: seen }, 'copycat commits a copy');
      assertOk(receipt);
      assert.ok(receipt.blockNumber <= windows.commitEnd);
      const ev = oneEvent(receipt.events, 'zkpSubmission', 'ProofHashCommitted');
      assert.equal(ev.commitment.toHex(), honestCommitment);
      snapshots[copycat.pair.address] = ev.stake.toBigInt();
    });

    await waitForRevealWindow(ctx, windows);
    const [byCheat, byHonest] = await step('cheat and honest reveal', () =>
      Promise.all([
        reveal(ctx, cheat.pair, id, cheat.proof, 'cheat reveals its invalid proof'),
        reveal(ctx, honest.pair, id, honest.proof, 'honest reveals'),
      ]),
    );

    await step('the invalid proof matching its own commitment: the call succeeds, cheat is slashed 20% at once', async () => {
      assertOk(byCheat);
      const slash = slashOf(consts, 'IncorrectProof', snapshots[cheat.pair.address]);
      assert.equal(slash, (stake * 20n) / 100n);
      const ev = oneEvent(byCheat.events, 'zkpSubmission', 'IncorrectProofSlashed');
      assert.ok(sameAccount(ev.prover, cheat.pair.address));
      assert.equal(ev.proofHash.toHex(), proofHash(cheat.proof));
      assert.equal(ev.malformed.isTrue, false, 'well-formed, it just does not verify');
      assert.equal(ev.slashed.toBigInt(), slash);
      const slashed = oneEvent(byCheat.events, 'proverRegistry', 'Slashed');
      assert.equal(slashed.reason.type, 'IncorrectProof');
      assert.equal(slashed.amount.toBigInt(), slash);
      const { before, after } = await accountAround(api, byCheat, cheat.pair.address);
      assert.equal(after.held, before.held - slash);
      assert.equal(after.free, before.free - byCheat.fee);
      assert.equal(after.ledger.slashed, slash);
      assert.equal(after.ledger.pendingCommitments, before.ledger.pendingCommitments - 1, 'commitment closed');
      assert.equal(after.ledger.reserved, before.ledger.reserved - reservations[cheat.pair.address], 'reservation released');
      assert.equal(after.ledger.reserved, 0n);
      await assertIssuanceExplained(api, byCheat.blockHash, "cheat's block: ");
    });

    await step("honest's proof validates honest's commitment only, not the copied one", async () => {
      assertOk(byHonest);
      const validated = eventsOf(byHonest.events, 'zkpSubmission', 'CommitmentValidated');
      assert.equal(validated.length, 1);
      assert.ok(sameAccount(validated[0].prover, honest.pair.address));
      const listed = await sequenceCommitments(api, id);
      assert.deepEqual(
        listed.map((c) => [c.commitment, c.validated]),
        [
          [honestCommitment, true],
          [honestCommitment, false],
        ],
        "honest's validated, copycat's not; cheat's removed",
      );
      assert.ok(sameAccount(listed[1].prover, copycat.pair.address));
    });

    await step('copycat replays the (now public) honest proof: refused by the pool, NothingToValidate (6), no block, no fee', async () => {
      // Once the pool's view has the proof (a replay judged before it would match honest's
      // open commitment, be admitted and dropped when its block comes).
      await waitForPoolView(ctx, byHonest.blockNumber);
      const tx = api.tx.zkpSubmission.submitProof(id, honest.proof);
      await expectPoolRefusal(ctx, copycat.pair, tx, REVEAL_REFUSAL.NothingToValidate, 'copycat reveals the honest proof');
      // The same verdict at the state of honest's block (for the block after it): doomed
      // from the moment the proof is in.
      const signed = await signForValidation(ctx, copycat.pair, api.tx.zkpSubmission.submitProof(id, honest.proof));
      await assertRefusedAt(api, signed, byHonest.blockHash, REVEAL_REFUSAL.NothingToValidate, `the replay at #${byHonest.blockNumber}`);
    });

    await step('settlement: honest gets the whole reward, copycat is slashed 10% (IncorrectHash)', async () => {
      const settled = await settlement(ctx, windows, id, fresh.map((p) => p.pair.address));
      const paid = oneEvent(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.ok(sameAccount(paid.who, honest.pair.address));
      assert.equal(paid.amount.toBigInt(), consts.rewardPerSequence);
      assert.equal(paid.fromFee.toBigInt(), 0n, 'the reward is minted (no fee)');
      const slash = slashOf(consts, 'IncorrectHash', snapshots[copycat.pair.address]);
      assert.equal(slash, (stake * 10n) / 100n);
      const committerSlashed = oneEvent(settled.ours, 'zkpSubmission', 'CommitterSlashed');
      assert.ok(sameAccount(committerSlashed.who, copycat.pair.address));
      assert.equal(committerSlashed.reason.type, 'IncorrectHash');
      assert.equal(committerSlashed.amount.toBigInt(), slash);
      const slashed = oneEvent(settled.ours, 'proverRegistry', 'Slashed');
      assert.ok(sameAccount(slashed.who, copycat.pair.address));
      assert.equal(slashed.amount.toBigInt(), slash);
      const { before, after } = await accountAroundBlock(api, settled.hash, copycat.pair.address);
      assert.equal(after.held, before.held - slash);
      assert.equal(after.ledger.slashed, slash);
      assert.equal(after.ledger.reserved, 0n, "copycat's reservation released");
      const fin = oneEvent(settled.ours, 'zkpSubmission', 'SequenceFinalized');
      assert.equal(fin.validated.toNumber(), 1);
      const change = await assertIssuanceExplained(api, settled.hash, 'settlement block: ');
      note(`settlement issuance change ${change.delta} (minted ${change.minted}, slashed ${change.burnedBySlashes}, fees ${change.fees})`);
    });
  },
};
