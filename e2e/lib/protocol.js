// Protocol actions shared by the scenarios, each with the assertions that always hold for
// it: registering provers, submitting sequences, committing, revealing, settlement.

import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { send } from './tx.js';
import { oneEvent, eventsOf, sameAccount, blockEvents, describeEvents } from './events.js';
import { accountAround, accountState, sequenceStorage } from './state.js';
import { commitmentOf } from './vectors.js';
import { DEMO_ROLLUP } from './context.js';

/** `amount` units of the chain's token, in planck (BigInt). `amount` may be a decimal string. */
export function units(consts, amount) {
  const [whole, frac = ''] = String(amount).split('.');
  const digits = frac.padEnd(consts.decimals, '0');
  assert.ok(digits.length === consts.decimals, `too many decimals in ${amount}`);
  return BigInt(whole) * consts.unit + BigInt(digits);
}

/** `floor(level * stake)` for a Perbill level in parts per 10^9: the slash of a snapshot. */
export function slashOf(consts, reason, stake) {
  return (consts.slash[reason] * stake) / 1_000_000_000n;
}

/** Assert that a receipt's transaction succeeded. */
export function assertOk(receipt) {
  assert.ok(
    receipt.ok,
    `${receipt.label}: failed in block #${receipt.blockNumber} with ${receipt.error?.text}`,
  );
}

/**
 * Assert that a receipt's transaction was included and failed with module error
 * `section.name` (decoded from the metadata), paying its fee.
 */
export function assertFailedWith(receipt, section, name) {
  assert.equal(
    receipt.ok,
    false,
    `${receipt.label}: expected ${section}.${name}, but it succeeded in block #${receipt.blockNumber}: ` +
      describeEvents(receipt.events),
  );
  assert.equal(receipt.error.text, `${section}.${name}`, `${receipt.label}: wrong error`);
  assert.ok(receipt.fee > 0n, `${receipt.label}: a failed transaction still pays its fee`);
}

/**
 * Assert that a failed transaction changed nothing but the fee: the signer paid exactly
 * its fee (nonce + 1), its holds and ledger are unchanged, the sequence counter moved only
 * by the sequences other transactions of the block submitted, and (if `sequence` is given)
 * that sequence and its round are unchanged.
 */
export async function assertOnlyFeePaid(api, receipt, sequence = null) {
  const { before, after } = await accountAround(api, receipt, receipt.signer);
  assert.equal(after.free, before.free - receipt.fee, `${receipt.label}: free balance`);
  assert.equal(after.nonce, before.nonce + 1, `${receipt.label}: nonce`);
  assert.equal(after.reserved, before.reserved, `${receipt.label}: reserved balance`);
  assert.equal(after.held, before.held, `${receipt.label}: held stake`);
  assert.deepEqual(after.ledger, before.ledger, `${receipt.label}: prover ledger`);
  const probe = sequence ?? 0;
  const [was, is, records] = await Promise.all([
    sequenceStorage(api, receipt.parentHash, probe),
    sequenceStorage(api, receipt.blockHash, probe),
    blockEvents(api, receipt.blockHash),
  ]);
  const submitted = eventsOf(records, 'zkpSubmission', 'SequenceSubmitted').length;
  assert.equal(is.nextSequenceId, was.nextSequenceId + submitted, `${receipt.label}: NextSequenceId`);
  if (sequence !== null) {
    assert.deepEqual(is.sequence, was.sequence, `${receipt.label}: Sequences(${sequence})`);
    assert.deepEqual(is.round, was.round, `${receipt.label}: Rounds(${sequence})`);
  }
}

/**
 * Register `pair` as a prover with `stake` and check everything the registration does:
 * the `Registered` event, the hold, the ledger, and the free balance less stake and fee.
 */
export async function registerProver(ctx, pair, stake, label) {
  const { api } = ctx;
  const receipt = await send(ctx, pair, api.tx.proverRegistry.register(stake), label);
  assertOk(receipt);
  const ev = oneEvent(receipt.events, 'proverRegistry', 'Registered', () => true, `${label}: `);
  assert.ok(sameAccount(ev.who, pair.address), `${label}: Registered.who`);
  assert.equal(ev.stake.toBigInt(), stake, `${label}: Registered.stake`);
  assert.ok(receipt.fee > 0n, `${label}: fee`);

  const { before, after } = await accountAround(api, receipt, pair.address);
  assert.equal(before.ledger, null, `${label}: not a prover before`);
  assert.equal(before.held, 0n, `${label}: nothing held before`);
  assert.equal(after.free, before.free - stake - receipt.fee, `${label}: free = before - stake - fee`);
  assert.equal(after.reserved, before.reserved + stake, `${label}: reserved += stake`);
  assert.equal(after.held, stake, `${label}: held under ProverRegistry.ProverStake`);
  assert.equal(after.stakeHoldEntries, 1, `${label}: one ProverStake hold entry`);
  assert.deepEqual(
    after.ledger,
    { bonded: stake, unbonding: [], pendingCommitments: 0, rewarded: 0n, slashed: 0n },
    `${label}: ledger`,
  );
  return receipt;
}

/** Register several provers at once (`[{ pair, stake, name }]`). */
export function registerProvers(ctx, provers) {
  return Promise.all(provers.map((p) => registerProver(ctx, p.pair, p.stake, `register ${p.name}`)));
}

/**
 * The demo rollup's sequencer submits sequence A (or the given inputs and batch). Checks
 * `SequenceSubmitted`, the stored sequence (hash and length of the batch, not the batch),
 * and that the batch can be read back from the block (data availability). Returns
 * `{ id, receipt }`.
 */
export async function submitSequence(ctx, label, { publicInputs, batch } = ctx.vectors.sequenceA) {
  const { api } = ctx;
  // Hex, not a Uint8Array: polkadot.js reads a Uint8Array given for `Bytes` as already
  // SCALE-encoded (length-prefixed).
  const tx = api.tx.zkpSubmission.submitSequence(DEMO_ROLLUP, publicInputs, u8aToHex(batch));
  const receipt = await send(ctx, ctx.accounts.sequencer, tx, label);
  assertOk(receipt);
  const ev = oneEvent(receipt.events, 'zkpSubmission', 'SequenceSubmitted', () => true, `${label}: `);
  const id = ev.sequence.toNumber();
  const dataHash = u8aToHex(blake2AsU8a(batch, 256));
  const rollup = (await (await api.at(receipt.parentHash)).query.zkpSubmission.rollups(DEMO_ROLLUP)).unwrap();
  const keyVersion = rollup.keyVersion.toNumber();
  assert.equal(ev.rollup.toNumber(), DEMO_ROLLUP, `${label}: rollup`);
  assert.equal(ev.keyVersion.toNumber(), keyVersion, `${label}: key version`);
  assert.equal(ev.dataHash.toHex(), dataHash, `${label}: data_hash = blake2_256(batch)`);
  assert.equal(ev.dataLen.toNumber(), batch.length, `${label}: data_len`);
  assert.equal(ev.publicInputs.toNumber(), publicInputs.length, `${label}: public input count`);

  const stored = await sequenceStorage(api, receipt.blockHash, id);
  assert.deepEqual(
    stored.sequence,
    {
      rollup: DEMO_ROLLUP,
      keyVersion,
      publicInputs,
      dataHash,
      dataLen: batch.length,
      submittedAt: receipt.blockNumber,
      round: 0,
      startedAt: null,
      proved: null,
    },
    `${label}: Sequences(${id})`,
  );
  assert.equal(stored.round, null, `${label}: no round before the first commitment`);
  assert.ok(stored.nextSequenceId > id, `${label}: NextSequenceId moved past ${id}`);

  // Data availability: the batch is in the extrinsic, and it hashes to the stored hash.
  const block = await api.rpc.chain.getBlock(receipt.blockHash);
  const extrinsic = block.block.extrinsics[receipt.txIndex];
  assert.equal(`${extrinsic.method.section}.${extrinsic.method.method}`, 'zkpSubmission.submitSequence');
  const carried = extrinsic.method.args[2].toU8a(true);
  assert.equal(u8aToHex(carried), u8aToHex(batch), `${label}: batch bytes in the block`);
  assert.equal(u8aToHex(blake2AsU8a(carried, 256)), dataHash, `${label}: batch from the block hashes to data_hash`);
  return { id, receipt };
}

/** The windows of a round from its `RoundStarted` event, checked against the constants. */
export function windowsOf(consts, roundStarted) {
  const t = roundStarted.startedAt.toNumber();
  const windows = {
    round: roundStarted.round.toNumber(),
    T: t,
    commitEnd: roundStarted.commitEnd.toNumber(),
    revealStart: roundStarted.commitEnd.toNumber() + 1,
    revealEnd: roundStarted.revealEnd.toNumber(),
    settleAt: roundStarted.settleAt.toNumber(),
  };
  assert.equal(windows.commitEnd, t + consts.commitWindow, 'RoundStarted.commit_end = T + C');
  assert.equal(windows.revealEnd, t + consts.commitWindow + consts.revealWindow, 'reveal_end = T + C + R');
  assert.equal(windows.settleAt, windows.revealEnd + 1, 'settle_at = T + C + R + 1');
  return windows;
}

/**
 * `pair` commits to `proof` on `sequence` (or to the raw `commitment` given instead).
 * Returns the receipt without judging it.
 */
export function commit(ctx, pair, sequence, { proof, commitment }, label) {
  const value = commitment ?? commitmentOf(proof, pair.address);
  return send(ctx, pair, ctx.api.tx.zkpSubmission.commitProofHash(sequence, value), label);
}

/**
 * Successful commitments of several provers (`[{ pair, proof | commitment, name }]`) to
 * `sequence`, made concurrently. Checks each `ProofHashCommitted` (commitment, stake
 * snapshot = bonded stake) and that exactly one `RoundStarted` fixed the windows. Returns
 * `{ windows, receipts, snapshots }` (snapshots by address).
 */
export async function commitAll(ctx, sequence, committers) {
  const { api } = ctx;
  const receipts = await Promise.all(
    committers.map((c) => commit(ctx, c.pair, sequence, c, `${c.name} commits to sequence ${sequence}`)),
  );
  const snapshots = {};
  const started = [];
  for (const [i, receipt] of receipts.entries()) {
    const c = committers[i];
    assertOk(receipt);
    const expected = c.commitment ?? commitmentOf(c.proof, c.pair.address);
    const ev = oneEvent(receipt.events, 'zkpSubmission', 'ProofHashCommitted', () => true, `${receipt.label}: `);
    const before = await accountState(api, receipt.parentHash, c.pair.address);
    assert.equal(ev.sequence.toNumber(), sequence, `${receipt.label}: sequence`);
    assert.ok(sameAccount(ev.prover, c.pair.address), `${receipt.label}: prover`);
    assert.equal(ev.commitment.toHex(), expected, `${receipt.label}: commitment`);
    assert.equal(ev.stake.toBigInt(), before.ledger.bonded, `${receipt.label}: stake snapshot = bonded stake`);
    snapshots[c.pair.address] = ev.stake.toBigInt();
    started.push(...eventsOf(receipt.events, 'zkpSubmission', 'RoundStarted').map((e) => ({ e, receipt })));
    const after = await accountState(api, receipt.blockHash, c.pair.address);
    assert.equal(
      after.ledger.pendingCommitments,
      before.ledger.pendingCommitments + 1,
      `${receipt.label}: pending commitments + 1`,
    );
  }
  assert.equal(started.length, 1, `exactly one RoundStarted for sequence ${sequence}`);
  const [{ e, receipt: first }] = started;
  assert.equal(e.sequence.toNumber(), sequence, 'RoundStarted.sequence');
  assert.equal(e.startedAt.toNumber(), first.blockNumber, 'T is the block of the first commitment');
  const windows = windowsOf(ctx.consts, e);
  for (const receipt of receipts) {
    assert.ok(receipt.blockNumber <= windows.commitEnd, `${receipt.label}: inside the commit window`);
    assert.ok(receipt.blockNumber >= windows.T, `${receipt.label}: not before T`);
  }
  return { windows, receipts, snapshots };
}

/** `pair` reveals `proof` for `sequence`; returns the receipt without judging it. */
export function reveal(ctx, pair, sequence, proof, label) {
  return send(ctx, pair, ctx.api.tx.zkpSubmission.submitProof(sequence, proof), label);
}

/** Wait until the reveal window of `windows` is open: the next block is at least `revealStart`. */
export function waitForRevealWindow(ctx, windows) {
  return ctx.heads.waitFor(windows.commitEnd, `the reveal window (opens at #${windows.revealStart})`);
}

/**
 * Wait for the settlement block `T + C + R + 1` and return `{ hash, number, records,
 * ours }`: `ours` are the events about `sequence` (and the registry's `Slashed` events of
 * its committers `who`), all emitted in `on_initialize`.
 */
export async function settlement(ctx, windows, sequence, committers = []) {
  const { api, heads } = ctx;
  await heads.waitFor(windows.settleAt, `settlement of sequence ${sequence} at #${windows.settleAt}`);
  const hash = await heads.hashOf(windows.settleAt);
  const records = await blockEvents(api, hash);
  assert.equal(
    eventsOf(records, 'zkpSubmission', 'SettlementDeferred').length,
    0,
    'no settlement was deferred in the settlement block',
  );
  const ours = records.filter(({ event }) => {
    if (event.section === 'zkpSubmission') {
      return event.data.sequence !== undefined && event.data.sequence.toNumber() === sequence;
    }
    if (event.section === 'proverRegistry') {
      return committers.some((who) => sameAccount(event.data.who, who));
    }
    return false;
  });
  for (const { phase, event } of ours) {
    assert.ok(phase.isInitialization, `${event.section}.${event.method} emitted in on_initialize`);
  }
  return { hash, number: windows.settleAt, records, ours };
}
