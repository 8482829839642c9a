// Finding events and accounting for total issuance from a block's events.

import assert from 'node:assert/strict';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aEq } from '@polkadot/util';

/** Whether two addresses (SS58 strings, AccountId codecs or bytes) are the same account. */
export function sameAccount(a, b) {
  const bytes = (x) => (typeof x === 'string' ? decodeAddress(x) : x.toU8a ? x.toU8a() : x);
  return u8aEq(bytes(a), bytes(b));
}

/**
 * The data of every `section.method` event in `records` (EventRecords), optionally filtered
 * by `where(data)`. The data objects have the event's named fields (camelCase).
 */
export function eventsOf(records, section, method, where = () => true) {
  return records
    .filter(({ event }) => event.section === section && event.method === method)
    .map(({ event }) => event.data)
    .filter(where);
}

/** The data of the single `section.method` event in `records` matching `where`. */
export function oneEvent(records, section, method, where = () => true, context = '') {
  const found = eventsOf(records, section, method, where);
  assert.equal(
    found.length,
    1,
    `${context}expected exactly one ${section}.${method} event, found ${found.length}: ` +
      describeEvents(records),
  );
  return found[0];
}

/** A one-line summary of event records, for assertion messages. */
export function describeEvents(records) {
  return records.map(({ event }) => `${event.section}.${event.method}`).join(', ') || '(none)';
}

/** The event records of block `hash`. */
export async function blockEvents(api, hash) {
  const at = await api.at(hash);
  return at.query.system.events();
}

/** Whether an event record was emitted in `on_initialize` (phase Initialization). */
export function isInitialization(record) {
  return record.phase.isInitialization;
}

const sum = (values) => values.reduce((acc, v) => acc + v, 0n);

/**
 * The total issuance at block `hash` and at its parent, and how the block's events explain
 * the difference in this runtime: rewards are minted (`ZkpSubmission.RewardPaid`), slashes
 * burned (`ProverRegistry.Slashed`), and transaction fees burned (the fee handler has no
 * recipient: `TransactionPayment.TransactionFeePaid.actual_fee`, tip included).
 */
export async function issuanceChange(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const [atBlock, atParent] = await Promise.all([api.at(hash), api.at(header.parentHash)]);
  const [after, before, records] = await Promise.all([
    atBlock.query.balances.totalIssuance(),
    atParent.query.balances.totalIssuance(),
    atBlock.query.system.events(),
  ]);
  const minted = sum(eventsOf(records, 'zkpSubmission', 'RewardPaid').map((d) => d.amount.toBigInt()));
  const burnedBySlashes = sum(
    eventsOf(records, 'proverRegistry', 'Slashed').map((d) => d.amount.toBigInt()),
  );
  const fees = sum(
    eventsOf(records, 'transactionPayment', 'TransactionFeePaid').map((d) => d.actualFee.toBigInt()),
  );
  return {
    blockNumber: header.number.toNumber(),
    before: before.toBigInt(),
    after: after.toBigInt(),
    delta: after.toBigInt() - before.toBigInt(),
    minted,
    burnedBySlashes,
    fees,
    records,
  };
}

/**
 * Assert that the issuance change of block `hash` is exactly what its events explain, and
 * return the accounting. Every scenario that mints or burns calls this on its blocks.
 */
export async function assertIssuanceExplained(api, hash, context = '') {
  const change = await issuanceChange(api, hash);
  assert.equal(
    change.delta,
    change.minted - change.burnedBySlashes - change.fees,
    `${context}total issuance changed by ${change.delta} in block #${change.blockNumber}, but ` +
      `its events explain ${change.minted} minted - ${change.burnedBySlashes} slashed - ` +
      `${change.fees} fees: ${describeEvents(change.records)}`,
  );
  return change;
}

/** The transaction fees `address` paid in a block (from its event records). */
export function feesPaidBy(records, address) {
  return sum(
    eventsOf(records, 'transactionPayment', 'TransactionFeePaid', (f) => sameAccount(f.who, address)).map(
      (f) => f.actualFee.toBigInt(),
    ),
  );
}
