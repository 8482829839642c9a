// Chain values (polkadot.js codecs, decoded from the runtime's metadata) to plain JavaScript
// values the pages render: numbers for block numbers, ids and counts, BigInt for balances,
// SS58 strings for accounts, 0x-hex for hashes and bytes.
//
// The types are those of pallets/zkp-submission/src/types.rs, proofs.rs and
// pallets/prover-registry/src/types.rs; field names are polkadot.js's camelCase of them.

import { Bool, Compact, Enum, GenericAccountId, Int, Null, Option, Raw, Struct, Text, UInt } from '@polkadot/types';

/**
 * A codec as a plain value: Option to null or its value, integers up to 64 bits (block
 * numbers, ids, counts) to Number (an error above 2^53, which no id or block reaches) and
 * wider ones (u128 balances) to BigInt, accounts to SS58, fixed or variable bytes to hex, bool to boolean,
 * text to string, a unit-variant enum to its name (`{ type, value }` with data), structs to
 * objects, vectors and tuples to arrays. Throws on a codec it does not know, so that a
 * changed type shows as an error rather than as a wrong number.
 */
export function plain(codec) {
  if (codec instanceof Option) return codec.isNone ? null : plain(codec.unwrap());
  if (codec instanceof Bool) return codec.isTrue;
  if (codec instanceof GenericAccountId) return codec.toString();
  if (codec instanceof Raw) return codec.toHex(); // U8aFixed (hashes), Bytes
  if (codec instanceof Compact) return plain(codec.unwrap());
  if (codec instanceof UInt || codec instanceof Int) {
    return codec.bitLength() <= 64 ? num(codec.toBigInt()) : codec.toBigInt();
  }
  if (codec instanceof Text) return codec.toString();
  if (codec instanceof Null) return null;
  if (codec instanceof Enum) return codec.isBasic ? codec.type : { type: codec.type, value: plain(codec.value) };
  if (codec instanceof Struct) {
    const out = {};
    for (const [key, value] of codec.entries()) out[key] = plain(value);
    return out;
  }
  if (Array.isArray(codec)) return codec.map(plain); // Vec, VecFixed, Tuple, BoundedVec
  const raw = codec && typeof codec.toRawType === 'function' ? codec.toRawType() : typeof codec;
  throw new Error(`cannot read a chain value of type ${raw}`);
}

/** An id, block number or count as Number: exact below 2^53, an error above. */
function num(v) {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${v}`);
  return n;
}

/** `Windows` of a round: `{ commitStart, commitEnd, revealStart, revealEnd, settleAt }`. */
export function windowsValue(codec) {
  const w = plain(codec);
  if (w === null) return null;
  return {
    commitStart: num(w.commitStart),
    commitEnd: num(w.commitEnd),
    revealStart: num(w.revealStart),
    revealEnd: num(w.revealEnd),
    settleAt: num(w.settleAt),
  };
}

/**
 * A `Sequences` entry: `{ id, rollup, keyVersion, publicInputs, dataHash, dataLen,
 * submittedAt, round, windows, proved, fee, feePayers }`; `fee` is the whole fee held
 * (BigInt), `feePayers` `[{ payer, amount }]` in the order paid, `proved` `{ proofHash, by,
 * at }` or null.
 */
export function sequenceValue(id, codec) {
  const s = codec.isSome ? codec.unwrap() : codec;
  const feePayers = s.fee.map((f) => ({ payer: f.payer.toString(), amount: f.amount.toBigInt() }));
  return {
    id: num(plain(id)),
    rollup: s.rollup.toNumber(),
    keyVersion: s.keyVersion.toNumber(),
    publicInputs: s.publicInputs.map((x) => x.toHex()),
    dataHash: s.dataHash.toHex(),
    dataLen: s.dataLen.toNumber(),
    submittedAt: s.submittedAt.toNumber(),
    round: s.round.toNumber(),
    windows: windowsValue(s.windows),
    proved: s.proved.isSome
      ? { proofHash: s.proved.unwrap().proofHash.toHex(), by: s.proved.unwrap().by.toString(), at: s.proved.unwrap().at.toNumber() }
      : null,
    fee: feePayers.reduce((acc, f) => acc + f.amount, 0n),
    feePayers,
  };
}

/** A commitment (storage `Round.commitments` or runtime API `commitments`). */
export function commitmentValue(codec) {
  return {
    prover: codec.prover.toString(),
    commitment: codec.commitment.toHex(),
    stake: codec.stake.toBigInt(),
    reserved: codec.reserved.toBigInt(),
    validated: codec.validated.isTrue,
  };
}

/** A `Rounds` entry: `{ commitments (commit order), validProofs (hex) }`. */
export function roundValue(codec) {
  const r = codec.isSome ? codec.unwrap() : codec;
  return { commitments: r.commitments.map(commitmentValue), validProofs: r.validProofs.map((h) => h.toHex()) };
}

/**
 * A `Rollups` entry: `{ id, owner, sequencer, deposit (BigInt or null), slotted, keyVersion,
 * status, sequences (ids, oldest first), latestProved (id or null) }`.
 */
export function rollupValue(id, codec) {
  const r = codec.isSome ? codec.unwrap() : codec;
  return {
    id: num(plain(id)),
    owner: r.owner.toString(),
    sequencer: r.sequencer.toString(),
    deposit: r.deposit.isSome ? r.deposit.unwrap().toBigInt() : null,
    slotted: r.slotted.isTrue,
    keyVersion: r.keyVersion.toNumber(),
    status: r.status.type,
    sequences: r.sequences.map((s) => num(s.toNumber())),
    latestProved: r.latestProved.isSome ? num(r.latestProved.unwrap().toNumber()) : null,
  };
}

/** A `VerifyingKeys` entry without the prepared bytes: `{ keyHash, publicInputs, users, preparedLen }`. */
export function verifyingKeyValue(codec) {
  if (codec.isNone) return null;
  const k = codec.isSome ? codec.unwrap() : codec;
  return {
    keyHash: k.keyHash.toHex(),
    publicInputs: k.publicInputs.toNumber(),
    users: k.users.toNumber(),
    preparedLen: k.prepared.length,
  };
}

/**
 * A `proverRegistry.provers` ledger: `{ bonded, unbonding: [{ value, unlockAt }],
 * unbondingTotal, pendingCommitments, reserved, rewarded, slashed }` (balances BigInt).
 */
export function ledgerValue(codec) {
  if (codec.isNone) return null;
  const l = codec.isSome ? codec.unwrap() : codec;
  const unbonding = l.unbonding.map((c) => ({ value: c.value.toBigInt(), unlockAt: c.unlockAt.toNumber() }));
  return {
    bonded: l.bonded.toBigInt(),
    unbonding,
    unbondingTotal: unbonding.reduce((acc, c) => acc + c.value, 0n),
    pendingCommitments: l.pendingCommitments.toNumber(),
    reserved: l.reserved.toBigInt(),
    rewarded: l.rewarded.toBigInt(),
    slashed: l.slashed.toBigInt(),
  };
}

/**
 * The runtime API's `prover_capacity`: `{ bonded, reserved, free, active, next }`, `next`
 * being `{ stake, reserved }` of a commitment made now, or null if it would be refused.
 */
export function capacityValue(codec) {
  return {
    bonded: codec.bonded.toBigInt(),
    reserved: codec.reserved.toBigInt(),
    free: codec.free.toBigInt(),
    active: codec.active.isTrue,
    next: codec.next.isSome ? { stake: codec.next.unwrap().stake.toBigInt(), reserved: codec.next.unwrap().reserved.toBigInt() } : null,
  };
}

/**
 * The runtime API's `sequence_status`, or null: `{ rollup, round, phase (`Open`, `Commit`,
 * `Reveal`, `AwaitingSettlement`), windows, proved (proof hash or null), commitments }`.
 */
export function statusValue(codec) {
  if (codec.isNone) return null;
  const s = codec.unwrap();
  return {
    rollup: s.rollup.toNumber(),
    round: s.round.toNumber(),
    phase: s.phase.type,
    windows: windowsValue(s.windows),
    proved: s.proved.isSome ? s.proved.unwrap().toHex() : null,
    commitments: s.commitments.toNumber(),
  };
}

/**
 * The runtime API's `proof`, or null: `{ rollup, keyVersion, round, proofHash, proof (wire
 * hex), by, provedAt, expiresAt (or null until settled) }`.
 */
export function fetchedProofValue(codec) {
  if (codec.isNone) return null;
  const p = codec.unwrap();
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

/**
 * An `EventRecord` of block `block` as `{ block, index, section, method, initialization,
 * extrinsic (index or null), data: { field: plain value } }`, the fields by their names in
 * the metadata (camelCase). Events of pallets the dashboard does not show keep their data
 * too; only events without named fields get `data` as a list.
 */
export function eventValue(block, index, record) {
  const { event, phase } = record;
  const names = event.data.names;
  let data;
  if (names && names.length) {
    data = {};
    names.forEach((name, i) => {
      data[name] = plain(event.data[i]);
    });
  } else {
    data = event.data.map((d) => plain(d));
  }
  return {
    block,
    index,
    section: event.section,
    method: event.method,
    initialization: phase.isInitialization,
    extrinsic: phase.isApplyExtrinsic ? phase.asApplyExtrinsic.toNumber() : null,
    data,
  };
}

