// Scenario 5: bad input. Each bad transaction is either included and fails with a named
// module error, changing nothing but the fee, or (oversized arguments) refused by the node
// at submission, changing nothing at all. A second sequence with the statement of an
// unfinished one is refused (DuplicateSequence).

import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { send, expectRefusalLocked } from '../lib/tx.js';
import { oneEvent, sameAccount } from '../lib/events.js';
import { accountState, sequenceStorage } from '../lib/state.js';
import { statementOf } from '../lib/context.js';
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

/**
 * Assert that the node refuses `tx` at submission and that nothing changed for `pair` and
 * `sequence` (nonce, balances, holds, ledger, storage). Holds `pair`'s mutex throughout, so
 * that no other transaction of the account interferes.
 */
function assertRefused(ctx, pair, tx, label, sequence) {
  const { api, heads } = ctx;
  const snapshot = async () => {
    const hash = (await api.rpc.chain.getHeader()).hash.toHex();
    const [nonce, account, storage] = await Promise.all([
      api.rpc.system.accountNextIndex(pair.address),
      accountState(api, hash, pair.address),
      sequenceStorage(api, hash, sequence),
    ]);
    return { nonce: nonce.toNumber(), account, sequence: storage.sequence, round: storage.round };
  };
  return ctx.locks.run(pair.address, async () => {
    const before = await snapshot();
    process.stdout.write(`# ${label}: polkadot.js logs the node's refusal (RPC-CORE ... 1002) below; expected\n`);
    const message = await expectRefusalLocked(ctx, pair, tx, label);
    // The transaction pool's validation (TaggedTransactionQueue_validate_transaction) cannot
    // decode the extrinsic: the RPC answers 1002 "Verification Error".
    assert.match(message, /1002: Verification Error/, `${label}: refused by the pool's validation`);
    await heads.waitBlocks(1, 'a block after the refusal'); // it must not be included later
    const after = await snapshot();
    assert.deepEqual(after, before, `${label}: nothing changed (nonce, balance, holds, sequence)`);
    return message;
  });
}

export default {
  tag: 'S5',
  title: '5. bad input: named module errors or refusal at submission, no state change (DuplicateSequence included)',
  budgetBlocks: (c) => 2 * (c.commitWindow + c.revealWindow) + 60,

  async run(ctx, step, note) {
    const { api, consts, accounts, vectors } = ctx;
    const statement = statementOf(ctx, 'S5');
    const checker = { name: 'Dave//stash', pair: accounts.checker, stake: units(consts, 50_000), proof: statement.validProofs[0] };
    const { outsider, sequencer } = accounts;
    const { publicInputs, batch, rollup } = statement;

    const [, { id }, notSequencer] = await step(`a prover registers, Ferdie submits sequence ${statement.name} of rollup ${rollup}; an outsider submits a sequence: NotSequencer`, () =>
      Promise.all([
        registerProvers(ctx, [checker]),
        submitSequence(ctx, 'bad input: submit sequence', statement),
        send(ctx, outsider, api.tx.zkpSubmission.submitSequence(rollup, publicInputs, u8aToHex(batch)), 'outsider submits a sequence'),
      ]),
    );
    note(`sequence ${id}`);
    await step('NotSequencer changed nothing but the fee', async () => {
      assertFailedWith(notSequencer, 'zkpSubmission', 'NotSequencer');
      // (the sequence above may have been submitted in the same block: compare the counter only)
      await assertOnlyFeePaid(api, notSequencer);
    });

    await step('the sequencer submits an empty batch: EmptyBatch', async () => {
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs, '0x');
      const receipt = await send(ctx, sequencer, tx, 'empty batch');
      assertFailedWith(receipt, 'zkpSubmission', 'EmptyBatch');
      await assertOnlyFeePaid(api, receipt, id);
    });

    await step('the sequencer submits the statement of the unfinished sequence again: DuplicateSequence', async () => {
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs, u8aToHex(batch));
      const receipt = await send(ctx, sequencer, tx, 'same statement again');
      assertFailedWith(receipt, 'zkpSubmission', 'DuplicateSequence');
      await assertOnlyFeePaid(api, receipt, id);
    });

    await step('the sequencer submits two public inputs for a key expecting three: PublicInputCountMismatch', async () => {
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs.slice(0, 2), u8aToHex(batch));
      const receipt = await send(ctx, sequencer, tx, 'too few public inputs');
      assertFailedWith(receipt, 'zkpSubmission', 'PublicInputCountMismatch');
      await assertOnlyFeePaid(api, receipt, id);
    });

    await step(`a batch of MaxBatchLen + 1 = ${consts.maxBatchLen + 1} bytes is refused at submission`, async () => {
      const oversized = u8aToHex(new Uint8Array(consts.maxBatchLen + 1).fill(7));
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs, oversized);
      const message = await assertRefused(ctx, sequencer, tx, 'oversized batch', id);
      note(`oversized batch refused: ${message}`);
    });

    const { windows } = await step('the prover commits (T)', () => commitAll(ctx, id, [checker]));

    await step('in the commit window, a commitment by a non-prover: NotActiveProver; a second one by the prover: AlreadyCommitted', async () => {
      const [byOutsider, again] = await Promise.all([
        commit(ctx, outsider, id, { proof: statement.validProofs[0] }, 'outsider commits'),
        commit(ctx, checker.pair, id, { proof: statement.invalidProof }, 'prover commits again'),
      ]);
      assertFailedWith(byOutsider, 'zkpSubmission', 'NotActiveProver');
      assert.ok(again.blockNumber <= windows.commitEnd, 'still in the commit window');
      assertFailedWith(again, 'zkpSubmission', 'AlreadyCommitted');
      await assertOnlyFeePaid(api, byOutsider, id);
      await assertOnlyFeePaid(api, again, id);
    });

    await step(`a proof of MaxProofLen + 1 = ${consts.maxProofLen + 1} bytes is refused at submission`, async () => {
      const oversized = u8aToHex(new Uint8Array(consts.maxProofLen + 1).fill(0xab));
      const tx = api.tx.zkpSubmission.submitProof(id, oversized);
      const message = await assertRefused(ctx, checker.pair, tx, 'oversized proof', id);
      note(`oversized proof refused: ${message}`);
    });

    await step('when the reveal window opens the prover reveals its valid proof', async () => {
      await waitForRevealWindow(ctx, windows);
      const receipt = await reveal(ctx, checker.pair, id, checker.proof, 'prover reveals');
      assertOk(receipt);
      oneEvent(receipt.events, 'zkpSubmission', 'SequenceProved');
    });

    // Submitted back to back (the window is short), judged afterwards.
    const badProofs = [
      ['garbage bytes', checker.pair, vectors.garbageProof, 'MalformedProof'],
      ['a truncated proof (127 bytes)', checker.pair, vectors.truncatedProof, 'MalformedProof'],
      ['a proof with a flipped bit (off the curve)', checker.pair, vectors.bitflipProof, 'MalformedProof'],
      ['a well-formed proof of another sequence', checker.pair, statement.invalidProof, 'InvalidProof'],
    ];
    const [byOutsider, ...receipts] = await step('bad reveals are included in the reveal window', () =>
      Promise.all([
        reveal(ctx, outsider, id, statement.validProofs[0], 'outsider reveals a valid proof'),
        ...badProofs.map(([what, pair, proof]) => reveal(ctx, pair, id, proof, `reveal ${what}`)),
      ]),
    );
    await step('a valid proof revealed by a non-prover: NotActiveProver', async () => {
      assertFailedWith(byOutsider, 'zkpSubmission', 'NotActiveProver');
      await assertOnlyFeePaid(api, byOutsider, id);
    });
    for (const [i, [what, , , error]] of badProofs.entries()) {
      await step(`revealing ${what} that matches no own commitment: ${error}, nothing changes`, async () => {
        const receipt = receipts[i];
        assert.ok(receipt.blockNumber <= windows.revealEnd, `still in the reveal window (#${receipt.blockNumber})`);
        assertFailedWith(receipt, 'zkpSubmission', error);
        await assertOnlyFeePaid(api, receipt, id);
      });
    }

    await step('settlement pays the prover and slashes nobody', async () => {
      const settled = await settlement(ctx, windows, id, [checker.pair.address, outsider.address]);
      const paid = oneEvent(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.ok(sameAccount(paid.who, checker.pair.address));
      assert.equal(paid.amount.toBigInt(), consts.rewardPerSequence);
      assert.equal(settled.ours.filter(({ event }) => event.method.includes('Slashed')).length, 0);
      const ledger = (await accountState(api, settled.hash, checker.pair.address)).ledger;
      assert.equal(ledger.slashed, 0n, 'the bad reveals cost the prover nothing but fees');
      assert.equal(ledger.bonded, checker.stake);
      assert.equal(ledger.reserved, 0n, 'the reservation is released');
      assert.equal(ledger.pendingCommitments, 0);
    });
  },
};
