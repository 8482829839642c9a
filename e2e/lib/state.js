// Reading chain state at a given block as plain JavaScript values (BigInt for balances).

/** Whether a `balances.holds` entry is the prover registry's stake hold. */
function isProverStakeHold(hold) {
  const id = hold.id.toJSON();
  return id !== null && typeof id === 'object' && id.proverRegistry === 'ProverStake';
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
 * otherHolds, ledger }`, where `held` is the balance held under
 * `ProverRegistry.ProverStake` and `ledger` the registry's ledger (null if not a prover).
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
