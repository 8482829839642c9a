// Protocol actions shared by the scenarios, each with the assertions that always hold for
// it: registering provers, submitting sequences, committing, revealing, settlement.

import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { send } from './tx.js';
import { oneEvent, eventsOf, sameAccount, blockEvents, describeEvents } from './events.js';
import { accountAround, accountState, sequenceStorage, sequenceFeeStorage, sequenceFee } from './state.js';
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

/** The largest slash level (Perbill parts): what a commitment reserves of its snapshot. */
export function maxSlashLevel(consts) {
  return Object.values(consts.slash).reduce((a, b) => (a > b ? a : b));
}

/**
 * The exposure rule: the `{ stake, reserved }` a commitment made now by a prover with
 * `ledger` gets, or null if it is refused. The stake snapshot is the free capacity
 * `bonded - reserved`; it must reach `MinProverStake`; the commitment reserves
 * `ceil(max slash level * snapshot)`.
 */
export function exposureOf(consts, ledger) {
  const free = ledger.bonded - ledger.reserved;
  if (ledger.bonded < consts.minProverStake || free < consts.minProverStake || free <= 0n) return null;
  const parts = maxSlashLevel(consts);
  return { stake: free, reserved: (parts * free + 999_999_999n) / 1_000_000_000n };
}

/** `blake2_256(batch)` as the chain computes it (runtime API `batchDataHash`), hex. */
export async function batchDataHash(api, batch, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  // Hex, not a Uint8Array (see submitSequence).
  return (await call.zkpSubmissionApi.batchDataHash(u8aToHex(batch))).toHex();
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
  assert.equal(after.feeHeld, before.feeHeld, `${receipt.label}: held fee contributions`);
  assert.equal(after.depositHeld, before.depositHeld, `${receipt.label}: held rollup deposits`);
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
    { bonded: stake, unbonding: [], pendingCommitments: 0, reserved: 0n, rewarded: 0n, slashed: 0n },
    `${label}: ledger`,
  );
  return receipt;
}

/** Register several provers at once (`[{ pair, stake, name }]`). */
export function registerProvers(ctx, provers) {
  return Promise.all(provers.map((p) => registerProver(ctx, p.pair, p.stake, `register ${p.name}`)));
}

/**
 * The sequencer (by default `//Ferdie`, of the demo rollup and of the rollups setUp
 * registers; `options.sequencer` for another rollup's) submits a sequence of `statement`
 * (`{ rollup, publicInputs, batch }`, by default sequence A of the demo rollup) with a
 * proving fee `options.fee` (BigInt planck, default 0: none). Checks `SequenceSubmitted`
 * (its data hash against the runtime API's `batchDataHash`, its fee), for a fee the
 * `FeeAdded` that follows it, the stored sequence (hash and length of the batch, not the
 * batch; the fee contribution), the runtime API's `sequenceFee`, that the fee is held on
 * the sequencer (`ZkpSubmission.SequenceFee`) and its free balance less fee and transaction
 * fee, and that the batch can be read back from the block (data availability). Returns
 * `{ id, receipt }`.
 */
export async function submitSequence(ctx, label, statement = ctx.vectors.sequenceA, options = {}) {
  const { api } = ctx;
  const fee = BigInt(options.fee ?? 0n);
  const sequencer = options.sequencer ?? ctx.accounts.sequencer;
  const { publicInputs, batch } = statement;
  const rollupId = statement.rollup ?? DEMO_ROLLUP;
  // Hex, not a Uint8Array: polkadot.js reads a Uint8Array given for `Bytes` as already
  // SCALE-encoded (length-prefixed).
  const tx = api.tx.zkpSubmission.submitSequence(rollupId, publicInputs, u8aToHex(batch), fee);
  const receipt = await send(ctx, sequencer, tx, label);
  assertOk(receipt);
  const ev = oneEvent(receipt.events, 'zkpSubmission', 'SequenceSubmitted', () => true, `${label}: `);
  const id = ev.sequence.toNumber();
  // The chain's rule for the data hash (blake2_256 of the batch), not a re-implementation.
  const dataHash = await batchDataHash(api, batch, receipt.blockHash);
  const rollup = (await (await api.at(receipt.parentHash)).query.zkpSubmission.rollups(rollupId)).unwrap();
  const keyVersion = rollup.keyVersion.toNumber();
  assert.ok(sameAccount(rollup.sequencer, sequencer.address), `${label}: submitted by the rollup's sequencer`);
  assert.equal(ev.rollup.toNumber(), rollupId, `${label}: rollup`);
  assert.equal(ev.keyVersion.toNumber(), keyVersion, `${label}: key version`);
  assert.equal(ev.dataHash.toHex(), dataHash, `${label}: data_hash = blake2_256(batch)`);
  assert.equal(ev.dataLen.toNumber(), batch.length, `${label}: data_len`);
  assert.equal(ev.publicInputs.toNumber(), publicInputs.length, `${label}: public input count`);
  assert.equal(ev.fee.toBigInt(), fee, `${label}: SequenceSubmitted.fee`);
  const added = eventsOf(receipt.events, 'zkpSubmission', 'FeeAdded');
  if (fee > 0n) {
    assert.equal(added.length, 1, `${label}: one FeeAdded for the fee`);
    assert.equal(added[0].sequence.toNumber(), id, `${label}: FeeAdded.sequence`);
    assert.ok(sameAccount(added[0].payer, sequencer.address), `${label}: FeeAdded.payer is the sequencer`);
    assert.equal(added[0].amount.toBigInt(), fee, `${label}: FeeAdded.amount`);
    assert.equal(added[0].fee.toBigInt(), fee, `${label}: FeeAdded.fee (the whole fee)`);
    const order = receipt.events.map(({ event }) => `${event.section}.${event.method}`);
    assert.ok(
      order.indexOf('zkpSubmission.SequenceSubmitted') < order.indexOf('zkpSubmission.FeeAdded'),
      `${label}: SequenceSubmitted, then FeeAdded`,
    );
  } else {
    assert.equal(added.length, 0, `${label}: no fee, no FeeAdded`);
  }

  const stored = await sequenceStorage(api, receipt.blockHash, id);
  const { fee: storedFee, ...rest } = stored.sequence;
  assert.deepEqual(
    rest,
    {
      rollup: rollupId,
      keyVersion,
      publicInputs,
      dataHash,
      dataLen: batch.length,
      submittedAt: receipt.blockNumber,
      round: 0,
      windows: null,
      proved: null,
    },
    `${label}: Sequences(${id})`,
  );
  const contributions = await sequenceFeeStorage(api, receipt.blockHash, id);
  assert.equal(contributions.length, storedFee.length);
  if (fee > 0n) {
    assert.equal(contributions.length, 1, `${label}: one fee contribution`);
    assert.ok(sameAccount(contributions[0].payer, sequencer.address), `${label}: paid by the sequencer`);
    assert.equal(contributions[0].amount, fee, `${label}: Sequences(${id}).fee`);
  } else {
    assert.deepEqual(contributions, [], `${label}: Sequences(${id}).fee is empty`);
  }
  assert.equal(await sequenceFee(api, id, receipt.blockHash), fee, `${label}: runtime API sequenceFee`);
  assert.equal(stored.round, null, `${label}: no round before the first commitment`);
  assert.ok(stored.nextSequenceId > id, `${label}: NextSequenceId moved past ${id}`);

  // The fee is held on the sequencer (one transaction of it per block: its mutex).
  const { before, after } = await accountAround(api, receipt, sequencer.address);
  assert.equal(after.feeHeld, before.feeHeld + fee, `${label}: the fee is held on the sequencer (SequenceFee)`);
  assert.equal(after.free, before.free - fee - receipt.fee, `${label}: the sequencer's free balance less fee and transaction fee`);

  // Data availability: the batch is in the extrinsic, and it hashes to the stored hash.
  const block = await api.rpc.chain.getBlock(receipt.blockHash);
  const extrinsic = block.block.extrinsics[receipt.txIndex];
  assert.equal(`${extrinsic.method.section}.${extrinsic.method.method}`, 'zkpSubmission.submitSequence');
  const carried = extrinsic.method.args[2].toU8a(true);
  assert.equal(u8aToHex(carried), u8aToHex(batch), `${label}: batch bytes in the block`);
  assert.equal(await batchDataHash(api, carried), dataHash, `${label}: batch from the block hashes to data_hash`);
  assert.equal(extrinsic.method.args[3].toBigInt(), fee, `${label}: the fee argument in the block`);
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
 * `sequence`, made concurrently (one commitment per prover). Checks each
 * `ProofHashCommitted` (commitment, stake snapshot = free capacity `bonded - reserved`
 * before, reservation = ceil(max slash level * snapshot)), the ledger (one more pending
 * commitment, the reservation added) and that exactly one `RoundStarted` fixed the windows,
 * which the sequence records. Returns `{ windows, receipts, snapshots, reservations }` (by
 * address).
 */
export async function commitAll(ctx, sequence, committers) {
  const receipts = await Promise.all(
    committers.map((c) => commit(ctx, c.pair, sequence, c, `${c.name} commits to sequence ${sequence}`)),
  );
  return checkCommits(ctx, sequence, committers, receipts);
}

/**
 * The checks of `commitAll` on the `receipts` of `committers`' commitments (in the same
 * order), made afterwards: for scenarios that must act before the checks are done.
 */
export async function checkCommits(ctx, sequence, committers, receipts) {
  const { api } = ctx;
  const snapshots = {};
  const reservations = {};
  const started = [];
  for (const [i, receipt] of receipts.entries()) {
    const c = committers[i];
    assertOk(receipt);
    const expected = c.commitment ?? commitmentOf(c.proof, c.pair.address);
    const ev = oneEvent(receipt.events, 'zkpSubmission', 'ProofHashCommitted', () => true, `${receipt.label}: `);
    const before = await accountState(api, receipt.parentHash, c.pair.address);
    const exposure = exposureOf(ctx.consts, before.ledger);
    assert.ok(exposure, `${receipt.label}: the prover had the capacity to commit`);
    assert.equal(ev.sequence.toNumber(), sequence, `${receipt.label}: sequence`);
    assert.ok(sameAccount(ev.prover, c.pair.address), `${receipt.label}: prover`);
    assert.equal(ev.commitment.toHex(), expected, `${receipt.label}: commitment`);
    assert.equal(ev.stake.toBigInt(), exposure.stake, `${receipt.label}: stake snapshot = free capacity (bonded - reserved)`);
    assert.equal(ev.reserved.toBigInt(), exposure.reserved, `${receipt.label}: reservation = ceil(max slash * snapshot)`);
    snapshots[c.pair.address] = ev.stake.toBigInt();
    reservations[c.pair.address] = ev.reserved.toBigInt();
    started.push(...eventsOf(receipt.events, 'zkpSubmission', 'RoundStarted').map((e) => ({ e, receipt })));
    const after = await accountState(api, receipt.blockHash, c.pair.address);
    assert.equal(
      after.ledger.pendingCommitments,
      before.ledger.pendingCommitments + 1,
      `${receipt.label}: pending commitments + 1`,
    );
    assert.equal(after.ledger.reserved, before.ledger.reserved + exposure.reserved, `${receipt.label}: ledger.reserved`);
    assert.equal(after.ledger.bonded, before.ledger.bonded, `${receipt.label}: bonded stake unchanged`);
    assert.equal(after.held, before.held, `${receipt.label}: held stake unchanged`);
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
  const stored = await sequenceStorage(api, first.blockHash, sequence);
  assert.deepEqual(
    stored.sequence.windows,
    {
      commitStart: windows.T,
      commitEnd: windows.commitEnd,
      revealStart: windows.revealStart,
      revealEnd: windows.revealEnd,
      settleAt: windows.settleAt,
    },
    `Sequences(${sequence}).windows recorded at T`,
  );
  return { windows, receipts, snapshots, reservations };
}

/** `pair` reveals `proof` for `sequence`; returns the receipt without judging it. */
export function reveal(ctx, pair, sequence, proof, label) {
  return send(ctx, pair, ctx.api.tx.zkpSubmission.submitProof(sequence, proof), label);
}

/**
 * Wait until the reveal window of `windows` is open for the transaction pool: its first
 * block `revealStart` is in. The pool judges a reveal (CheckReveal) at the state of its
 * most recent view, for the block after it, and its view of a new block is made shortly
 * after the block is announced: a reveal submitted as soon as `T + C` is announced may still
 * be judged for `T + C` and refused with RevealNotOpen (3). One block later, it is judged
 * for `revealStart` or after.
 */
export function waitForRevealWindow(ctx, windows) {
  return waitForPoolView(ctx, windows.commitEnd);
}

/**
 * Wait until the transaction pool judges new transactions at the state of block `number`
 * or a later one: until block `number + 1` is in (the pool's view of a block is made shortly
 * after the block is announced; see waitForRevealWindow).
 */
export function waitForPoolView(ctx, number) {
  return ctx.heads.waitFor(number + 1, `block #${number + 1} (the pool's view of #${number})`);
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
