// Reading chain state at a given block as plain JavaScript values (BigInt for balances).

/** Whether a `balances.holds` entry is the prover registry's stake hold. */
function isProverStakeHold(hold) {
  return holdIs(hold, 'proverRegistry', 'ProverStake');
}

/** Whether a hold reason (a `RuntimeHoldReason` codec, e.g. of a `balances.Held` event) is `pallet`'s `reason`. */
export function reasonIs(id, pallet, reason) {
  const json = id.toJSON();
  return json !== null && typeof json === 'object' && json[pallet] === reason;
}

/** Whether a `balances.holds` entry is `pallet`'s hold `reason`. */
export function holdIs(hold, pallet, reason) {
  return reasonIs(hold.id, pallet, reason);
}

/** The sum of `holds` (`balances.holds` entries) under `pallet`'s hold `reason` (BigInt). */
function heldFor(holds, pallet, reason) {
  return holds.filter((h) => holdIs(h, pallet, reason)).reduce((acc, h) => acc + h.amount.toBigInt(), 0n);
}

/**
 * A `ProverLedger` option as `{ bonded, unbonding, pendingCommitments, reserved, rewarded,
 * slashed }` or null. `reserved` is the bonded stake reserved by the open commitments.
 */
export function ledgerValue(option) {
  if (option.isNone) return null;
  const l = option.unwrap();
  return {
    bonded: l.bonded.toBigInt(),
    unbonding: l.unbonding.map((c) => ({ value: c.value.toBigInt(), unlockAt: c.unlockAt.toNumber() })),
    pendingCommitments: l.pendingCommitments.toNumber(),
    reserved: l.reserved.toBigInt(),
    rewarded: l.rewarded.toBigInt(),
    slashed: l.slashed.toBigInt(),
  };
}

/**
 * An account as the chain sees it at block `hash`: `{ nonce, free, reserved, held,
 * stakeHoldEntries, otherHolds, feeHeld, depositHeld, ledger }`, where `held` is the balance
 * held under `ProverRegistry.ProverStake`, `feeHeld` under `ZkpSubmission.SequenceFee` (its
 * contributions to sequence fees), `depositHeld` under `ZkpSubmission.RollupDeposit` (the
 * deposits of the rollups it owns), and `ledger` the registry's ledger (null if not a
 * prover).
 */
export async function accountState(api, hash, address) {
  const at = await api.at(hash);
  const [account, holds, ledger] = await Promise.all([
    at.query.system.account(address),
    at.query.balances.holds(address),
    at.query.proverRegistry.provers(address),
  ]);
  const stakeHolds = holds.filter(isProverStakeHold);
  return {
    nonce: account.nonce.toNumber(),
    free: account.data.free.toBigInt(),
    reserved: account.data.reserved.toBigInt(),
    held: stakeHolds.reduce((acc, h) => acc + h.amount.toBigInt(), 0n),
    stakeHoldEntries: stakeHolds.length,
    otherHolds: holds.length - stakeHolds.length,
    feeHeld: heldFor(holds, 'zkpSubmission', 'SequenceFee'),
    depositHeld: heldFor(holds, 'zkpSubmission', 'RollupDeposit'),
    ledger: ledgerValue(ledger),
  };
}

/** `accountState` at the parent of a receipt's block and at the block itself. */
export async function accountAround(api, receipt, address) {
  const [before, after] = await Promise.all([
    accountState(api, receipt.parentHash, address),
    accountState(api, receipt.blockHash, address),
  ]);
  return { before, after };
}

/** `accountState` at the parent of block `hash` and at the block itself. */
export async function accountAroundBlock(api, hash, address) {
  const header = await api.rpc.chain.getHeader(hash);
  return accountAround(api, { parentHash: header.parentHash.toHex(), blockHash: hash }, address);
}

/**
 * The submission pallet's storage about `sequence` at block `hash`, as JSON, for
 * before/after comparisons: the sequence, its round, and the next sequence id.
 */
export async function sequenceStorage(api, hash, sequence) {
  const at = await api.at(hash);
  const [seq, round, next] = await Promise.all([
    at.query.zkpSubmission.sequences(sequence),
    at.query.zkpSubmission.rounds(sequence),
    at.query.zkpSubmission.nextSequenceId(),
  ]);
  return { sequence: seq.toJSON(), round: round.toJSON(), nextSequenceId: next.toNumber() };
}

/**
 * A sequence's fee contributions at block `hash` (`Sequences(id).fee`): `[{ payer (SS58),
 * amount (BigInt) }]` in the order paid, or null if there is no such sequence.
 */
export async function sequenceFeeStorage(api, hash, sequence) {
  const at = await api.at(hash);
  const seq = await at.query.zkpSubmission.sequences(sequence);
  if (seq.isNone) return null;
  return seq.unwrap().fee.map((f) => ({ payer: f.payer.toString(), amount: f.amount.toBigInt() }));
}

/**
 * A rollup's record at block `hash` as plain values, or null: `{ owner, sequencer (SS58),
 * deposit (BigInt or null), slotted, keyVersion, status, sequences, latestProved }`.
 */
export async function rollupRecord(api, hash, rollup) {
  const at = await api.at(hash);
  const record = await at.query.zkpSubmission.rollups(rollup);
  if (record.isNone) return null;
  const r = record.unwrap();
  return {
    owner: r.owner.toString(),
    sequencer: r.sequencer.toString(),
    deposit: r.deposit.isSome ? r.deposit.unwrap().toBigInt() : null,
    slotted: r.slotted.isTrue,
    keyVersion: r.keyVersion.toNumber(),
    status: r.status.type,
    sequences: r.sequences.map((s) => s.toNumber()),
    latestProved: r.latestProved.isSome ? r.latestProved.unwrap().toNumber() : null,
  };
}

/** The runtime API's deposit of a verifying key of `keyLen` bytes (BigInt). */
export async function registrationDeposit(api, keyLen, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  return (await call.zkpSubmissionApi.registrationDeposit(keyLen)).toBigInt();
}

/** The runtime API's whole fee of a sequence at block `hash` (BigInt), or null. */
export async function sequenceFee(api, sequence, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  const fee = await call.zkpSubmissionApi.sequenceFee(sequence);
  return fee.isNone ? null : fee.unwrap().toBigInt();
}

/**
 * The runtime API's kept proof of a sequence at block `hash`, or null: `{ rollup,
 * keyVersion, round, proofHash, proof (hex), by (SS58), provedAt, expiresAt (or null) }`.
 */
export async function fetchedProof(api, sequence, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  const found = await call.zkpSubmissionApi.proof(sequence);
  if (found.isNone) return null;
  const p = found.unwrap();
  return {
    rollup: p.rollup.toNumber(),
    keyVersion: p.keyVersion.toNumber(),
    round: p.round.toNumber(),
    proofHash: p.proofHash.toHex(),
    proof: p.proof.toHex(),
    by: p.by.toString(),
    provedAt: p.provedAt.toNumber(),
    expiresAt: p.expiresAt.isSome ? p.expiresAt.unwrap().toNumber() : null,
  };
}

/** The runtime API's view of a sequence at block `hash` (or the best block): JSON or null. */
export async function sequenceStatus(api, sequence, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  const status = await call.zkpSubmissionApi.sequenceStatus(sequence);
  return status.isNone ? null : status.unwrap().toJSON();
}

/** The runtime API's commitments of a sequence's current round (JSON, commit order). */
export async function sequenceCommitments(api, sequence, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  return (await call.zkpSubmissionApi.commitments(sequence)).toJSON();
}

/**
 * The runtime API's capacity of `who` at block `hash` (or the best block), BigInts:
 * `{ bonded, reserved, free, active, next }`, `next` being `{ stake, reserved }` of a
 * commitment made now, or null if it would be refused.
 */
export async function proverCapacity(api, who, hash = null) {
  const call = hash ? (await api.at(hash)).call : api.call;
  const c = await call.zkpSubmissionApi.proverCapacity(who);
  return {
    bonded: c.bonded.toBigInt(),
    reserved: c.reserved.toBigInt(),
    free: c.free.toBigInt(),
    active: c.active.isTrue,
    next: c.next.isNone
      ? null
      : { stake: c.next.unwrap().stake.toBigInt(), reserved: c.next.unwrap().reserved.toBigInt() },
  };
}
