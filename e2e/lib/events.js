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

/** The minted part of a `RewardPaid` event: `amount - from_fee` (the rest came out of a fee). */
export function mintedBy(rewardPaid) {
  return rewardPaid.amount.toBigInt() - rewardPaid.fromFee.toBigInt();
}

/**
 * How the events of block `blockNumber` explain its total issuance change (`before` at its
 * parent, `after` at the block) in this runtime: rewards are minted (the part of
 * `ZkpSubmission.RewardPaid.amount` that did not come out of the sequence's fee,
 * `amount - from_fee`; fees, deposits and subsidies only move held funds), slashes burned
 * (`ProverRegistry.Slashed`), and transaction fees burned (the fee handler has no
 * recipient: `TransactionPayment.TransactionFeePaid.actual_fee`, tip included). Reward dust
 * is not minted, so it is no change.
 */
export function explainIssuance({ blockNumber, before, after, records }) {
  const minted = sum(eventsOf(records, 'zkpSubmission', 'RewardPaid').map(mintedBy));
  const burnedBySlashes = sum(
    eventsOf(records, 'proverRegistry', 'Slashed').map((d) => d.amount.toBigInt()),
  );
  const fees = sum(
    eventsOf(records, 'transactionPayment', 'TransactionFeePaid').map((d) => d.actualFee.toBigInt()),
  );
  return { blockNumber, before, after, delta: after - before, minted, burnedBySlashes, fees, records };
}

/** Whether an `explainIssuance` accounting balances exactly. */
export function isExplained(change) {
  return change.delta === change.minted - change.burnedBySlashes - change.fees;
}

/** The assertion message of an `explainIssuance` accounting that does not balance. */
export function unexplainedMessage(change) {
  return (
    `total issuance changed by ${change.delta} in block #${change.blockNumber}, but ` +
    `its events explain ${change.minted} minted - ${change.burnedBySlashes} slashed - ` +
    `${change.fees} fees: ${describeEvents(change.records)}`
  );
}

/**
 * The total issuance at block `hash` and at its parent, and how the block's events explain
 * the difference (see `explainIssuance`).
 */
export async function issuanceChange(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const [atBlock, atParent] = await Promise.all([api.at(hash), api.at(header.parentHash)]);
  const [after, before, records] = await Promise.all([
    atBlock.query.balances.totalIssuance(),
    atParent.query.balances.totalIssuance(),
    atBlock.query.system.events(),
  ]);
  return explainIssuance({
    blockNumber: header.number.toNumber(),
    before: before.toBigInt(),
    after: after.toBigInt(),
    records,
  });
}

/**
 * Assert that the issuance change of block `hash` is exactly what its events explain, and
 * return the accounting. Every scenario that mints or burns calls this on its blocks (and
 * `auditIssuance` checks every block of the run at the end).
 */
export async function assertIssuanceExplained(api, hash, context = '') {
  const change = await issuanceChange(api, hash);
  assert.ok(isExplained(change), `${context}${unexplainedMessage(change)}`);
  return change;
}

/**
 * Audit every block `1..head` of the best chain: each block's total issuance change must be
 * exactly what its events explain (`explainIssuance`). Reads `Balances.TotalIssuance` and
 * `System.Events` of blocks `0..head` with one `state_queryStorageAt` each, `chunk` blocks
 * at a time, decoded with the current metadata (so a runtime upgrade in the range fails the
 * audit). Throws, naming every unexplained block and its events; else returns the totals:
 * `{ audited, first, last, minted, slashed, fees, mintingBlocks, slashingBlocks, feeBlocks }`.
 */
export async function auditIssuance(api, head, { chunk = 50 } = {}) {
  const keys = [[api.query.balances.totalIssuance.creator], [api.query.system.events.creator]];
  const read = async (number) => {
    const hash = await api.rpc.chain.getBlockHash(number);
    assert.ok(!hash.isEmpty, `issuance audit: no block #${number} (head #${head})`);
    const [issuance, records] = await api.rpc.state.queryStorageAt(keys, hash);
    return { number, issuance: issuance.toBigInt(), records };
  };
  const blocks = [];
  for (let from = 0; from <= head; from += chunk) {
    const numbers = [];
    for (let n = from; n <= Math.min(head, from + chunk - 1); n++) numbers.push(n);
    blocks.push(...(await Promise.all(numbers.map(read))));
  }
  const totals = {
    audited: 0,
    first: null,
    last: null,
    minted: 0n,
    slashed: 0n,
    fees: 0n,
    mintingBlocks: 0,
    slashingBlocks: 0,
    feeBlocks: 0,
  };
  const unexplained = [];
  for (let i = 1; i < blocks.length; i++) {
    const { number, issuance, records } = blocks[i];
    assert.equal(number, blocks[i - 1].number + 1, 'issuance audit: consecutive blocks');
    if (eventsOf(records, 'system', 'CodeUpdated').length > 0) {
      unexplained.push(`block #${number} upgraded the runtime: the audit decodes with one metadata`);
    }
    const change = explainIssuance({ blockNumber: number, before: blocks[i - 1].issuance, after: issuance, records });
    if (!isExplained(change)) unexplained.push(unexplainedMessage(change));
    totals.audited += 1;
    totals.first ??= number;
    totals.last = number;
    totals.minted += change.minted;
    totals.slashed += change.burnedBySlashes;
    totals.fees += change.fees;
    if (change.minted > 0n) totals.mintingBlocks += 1;
    if (change.burnedBySlashes > 0n) totals.slashingBlocks += 1;
    if (change.fees > 0n) totals.feeBlocks += 1;
  }
  assert.equal(
    unexplained.length,
    0,
    `issuance audit of blocks #1..#${head}: ${unexplained.length} block(s) not explained by their events:\n` +
      unexplained.join('\n'),
  );
  const net = blocks.length > 0 ? blocks[blocks.length - 1].issuance - blocks[0].issuance : 0n;
  assert.equal(net, totals.minted - totals.slashed - totals.fees, 'issuance audit: net change of the run');
  return { ...totals, net };
}

/** The transaction fees `address` paid in a block (from its event records). */
export function feesPaidBy(records, address) {
  return sum(
    eventsOf(records, 'transactionPayment', 'TransactionFeePaid', (f) => sameAccount(f.who, address)).map(
      (f) => f.actualFee.toBigInt(),
    ),
  );
}
