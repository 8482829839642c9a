// Scenario 5: bad input. Each bad transaction is either included and fails with a named
// module error, changing nothing but the fee, or refused by the node at submission,
// changing nothing at all: oversized arguments (the pool cannot decode them), and reveals
// that cannot succeed (the pool's CheckReveal: a non-prover's reveal, NotActiveProver 5; a
// reveal after the proof that validates nothing, NothingToValidate 6). Bad proofs of a
// committer before the sequence is proved are admitted and fail in the block
// (MalformedProof / InvalidProof). A second sequence with the statement of an unfinished one
// is refused (DuplicateSequence).

import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { send, sendAll, expectRefusalLocked, expectPoolRefusal, REVEAL_REFUSAL } from '../lib/tx.js';
import { oneEvent, eventsOf, sameAccount, blockEvents } from '../lib/events.js';
import { accountState, accountAroundBlock, sequenceStorage } from '../lib/state.js';
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
  waitForPoolView,
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

/**
 * `assertOnlyFeePaid` for several failed transactions of one signer sent with consecutive
 * nonces (`sendAll`), several to a block: per block, the signer paid exactly the fees of
 * its transactions there (nonce + their number), its holds and ledger are unchanged, no
 * sequence was submitted, and `sequence` and its round are unchanged.
 */
async function assertOnlyFeesPaid(api, receipts, sequence) {
  const byBlock = new Map();
  for (const r of receipts) byBlock.set(r.blockHash, [...(byBlock.get(r.blockHash) ?? []), r]);
  for (const [hash, ours] of byBlock) {
    const at = `#${ours[0].blockNumber}`;
    const fees = ours.reduce((acc, r) => acc + r.fee, 0n);
    const { before, after } = await accountAroundBlock(api, hash, ours[0].signer);
    assert.equal(after.free, before.free - fees, `${at}: the signer paid exactly the fees of its ${ours.length} transaction(s)`);
    assert.equal(after.nonce, before.nonce + ours.length, `${at}: nonce`);
    assert.equal(after.reserved, before.reserved, `${at}: reserved balance`);
    assert.equal(after.held, before.held, `${at}: held stake`);
    assert.deepEqual(after.ledger, before.ledger, `${at}: prover ledger`);
    const [was, is, records] = await Promise.all([
      sequenceStorage(api, ours[0].parentHash, sequence),
      sequenceStorage(api, hash, sequence),
      blockEvents(api, hash),
    ]);
    const submitted = eventsOf(records, 'zkpSubmission', 'SequenceSubmitted').length;
    assert.equal(is.nextSequenceId, was.nextSequenceId + submitted, `${at}: NextSequenceId`);
    assert.deepEqual(is.sequence, was.sequence, `${at}: Sequences(${sequence})`);
    assert.deepEqual(is.round, was.round, `${at}: Rounds(${sequence})`);
  }
  return byBlock.size;
}

export default {
  tag: 'S5',
  title: '5. bad input: named module errors, pool refusals (NotActiveProver 5, NothingToValidate 6) or refusal at submission, no state change (DuplicateSequence included)',
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
        send(ctx, outsider, api.tx.zkpSubmission.submitSequence(rollup, publicInputs, u8aToHex(batch), 0), 'outsider submits a sequence'),
      ]),
    );
    note(`sequence ${id}`);
    await step('NotSequencer changed nothing but the fee', async () => {
      assertFailedWith(notSequencer, 'zkpSubmission', 'NotSequencer');
      // (the sequence above may have been submitted in the same block: compare the counter only)
      await assertOnlyFeePaid(api, notSequencer);
    });

    await step('the sequencer submits an empty batch: EmptyBatch', async () => {
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs, '0x', 0);
      const receipt = await send(ctx, sequencer, tx, 'empty batch');
      assertFailedWith(receipt, 'zkpSubmission', 'EmptyBatch');
      await assertOnlyFeePaid(api, receipt, id);
    });

    await step('the sequencer submits the statement of the unfinished sequence again: DuplicateSequence', async () => {
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs, u8aToHex(batch), 0);
      const receipt = await send(ctx, sequencer, tx, 'same statement again');
      assertFailedWith(receipt, 'zkpSubmission', 'DuplicateSequence');
      await assertOnlyFeePaid(api, receipt, id);
    });

    await step('the sequencer submits two public inputs for a key expecting three: PublicInputCountMismatch', async () => {
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs.slice(0, 2), u8aToHex(batch), 0);
      const receipt = await send(ctx, sequencer, tx, 'too few public inputs');
      assertFailedWith(receipt, 'zkpSubmission', 'PublicInputCountMismatch');
      await assertOnlyFeePaid(api, receipt, id);
    });

    await step(`a batch of MaxBatchLen + 1 = ${consts.maxBatchLen + 1} bytes is refused at submission`, async () => {
      const oversized = u8aToHex(new Uint8Array(consts.maxBatchLen + 1).fill(7));
      const tx = api.tx.zkpSubmission.submitSequence(rollup, publicInputs, oversized, 0);
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

    // When the window opens: a non-prover's reveal is refused by the pool; a committer's
    // reveals that match no commitment, before the sequence is proved, are admitted (at the
    // fee's priority) and fail in the block. At once (the bad reveals with consecutive
    // nonces: the window is short), judged afterwards.
    const badProofs = [
      ['garbage bytes', vectors.garbageProof, 'MalformedProof'],
      ['a truncated proof (127 bytes)', vectors.truncatedProof, 'MalformedProof'],
      ['a proof with a flipped bit (off the curve)', vectors.bitflipProof, 'MalformedProof'],
      ['a well-formed proof of another sequence', statement.invalidProof, 'InvalidProof'],
    ];
    await waitForRevealWindow(ctx, windows);
    const [, receipts] = await step(
      'in the reveal window, before the proof: a valid proof revealed by a non-prover is refused by the pool ' +
        "(NotActiveProver, 5; no block, no fee); the prover's bad reveals are admitted and included",
      () =>
        Promise.all([
          expectPoolRefusal(
            ctx,
            outsider,
            api.tx.zkpSubmission.submitProof(id, statement.validProofs[0]),
            REVEAL_REFUSAL.NotActiveProver,
            'outsider reveals a valid proof',
          ),
          sendAll(
            ctx,
            checker.pair,
            badProofs.map(([what, proof]) => ({ tx: api.tx.zkpSubmission.submitProof(id, proof), label: `reveal ${what}` })),
          ),
        ]),
    );
    for (const [i, [what, , error]] of badProofs.entries()) {
      await step(`revealing ${what} that matches no own commitment: ${error}`, async () => {
        const receipt = receipts[i];
        assert.ok(
          receipt.blockNumber >= windows.revealStart && receipt.blockNumber <= windows.revealEnd,
          `in the reveal window (#${receipt.blockNumber})`,
        );
        assertFailedWith(receipt, 'zkpSubmission', error);
      });
    }
    await step('the bad reveals changed nothing but the fees (per block: consecutive nonces)', async () => {
      const blocks = await assertOnlyFeesPaid(api, receipts, id);
      note(`${receipts.length} bad reveals in ${blocks} block(s), #${receipts[0].blockNumber}..#${receipts.at(-1).blockNumber}`);
    });

    const proof = await step('then the prover reveals its valid proof and proves the sequence', async () => {
      const receipt = await reveal(ctx, checker.pair, id, checker.proof, 'prover reveals');
      assertOk(receipt);
      assert.ok(receipt.blockNumber <= windows.revealEnd, `in the reveal window (#${receipt.blockNumber})`);
      oneEvent(receipt.events, 'zkpSubmission', 'SequenceProved');
      return receipt;
    });

    await step('after the proof, a bad reveal has nothing to validate: refused by the pool, NothingToValidate (6), no fee', async () => {
      await waitForPoolView(ctx, proof.blockNumber); // the pool judges at the state with the proof
      const tx = api.tx.zkpSubmission.submitProof(id, vectors.garbageProof);
      await expectPoolRefusal(ctx, checker.pair, tx, REVEAL_REFUSAL.NothingToValidate, 'garbage revealed after the proof');
    });

    await step('settlement pays the prover and slashes nobody', async () => {
      const settled = await settlement(ctx, windows, id, [checker.pair.address, outsider.address]);
      const paid = oneEvent(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.ok(sameAccount(paid.who, checker.pair.address));
      assert.equal(paid.amount.toBigInt(), consts.rewardPerSequence);
      assert.equal(paid.fromFee.toBigInt(), 0n, 'the reward is minted (no fee)');
      assert.equal(settled.ours.filter(({ event }) => event.method.includes('Slashed')).length, 0);
      const ledger = (await accountState(api, settled.hash, checker.pair.address)).ledger;
      assert.equal(ledger.slashed, 0n, 'the bad reveals cost the prover nothing but fees');
      assert.equal(ledger.bonded, checker.stake);
      assert.equal(ledger.reserved, 0n, 'the reservation is released');
      assert.equal(ledger.pendingCommitments, 0);
    });
  },
};
