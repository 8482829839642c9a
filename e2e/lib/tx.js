// Submitting signed transactions and reading what happened to them.
//
// Transactions of one account are serialized by a per-account async mutex that is held
// from fetching the nonce (`system_accountNextIndex`) until the transaction is in a block
// (or refused), so concurrent scenarios never reuse a nonce, and an account has at most one
// transaction per block (its balance changes between a block and its parent are exactly
// that transaction's). The one exception is `sendAll`, which submits several transactions
// of one account with consecutive nonces at once (funding many accounts, registering
// rollups): its caller accounts for the signer's balance per block.

import assert from 'node:assert/strict';
import { withTimeout } from './chain.js';

/** Blocks a submitted transaction may take to be included. */
export const INCLUSION_BLOCKS = 8;

/** One async mutex per key: `run(key, fn)` runs `fn` after every earlier `fn` of `key`. */
export class KeyedMutex {
  #tails = new Map();

  async run(key, fn) {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release;
    const current = new Promise((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

/** `{ section, name, text }` of a dispatch error; module errors decoded by name. */
export function decodeDispatchError(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return { section: meta.section, name: meta.name, text: `${meta.section}.${meta.name}` };
  }
  const text = dispatchError.toString();
  return { section: null, name: dispatchError.type, text };
}

/**
 * Sign `tx` with `signer` (and the signer options `options`, the nonce excepted) and wait
 * until it is in a block, holding the signer's mutex.
 * Resolves with a receipt:
 * `{ label, signer, nonce, blockHash, blockNumber, parentHash, txIndex, events, ok, error,
 * fee }` where `events` are the extrinsic's event records, `error` the decoded dispatch
 * error (null when `ok`), and `fee` the `TransactionFeePaid.actual_fee` (BigInt).
 * Rejects if the node refuses the transaction (RPC error, pool refusal) or if it is not
 * included within `INCLUSION_BLOCKS` blocks.
 */
export function send(ctx, signer, tx, label, options = {}) {
  return ctx.locks.run(signer.address, () => sendLocked(ctx, signer, tx, label, options));
}

/** `send` for a caller that already holds the signer's mutex. */
export async function sendLocked(ctx, signer, tx, label, options = {}) {
  const nonce = await ctx.api.rpc.system.accountNextIndex(signer.address);
  return sendWithNonce(ctx, signer, tx, label, nonce, options);
}

/**
 * Sign and send every transaction of `txs` (`[{ tx, label }]`) of `signer` at once, with
 * consecutive nonces, holding the signer's mutex until all are in blocks. Resolves with
 * their receipts (in nonce order); several of them may share a block. Rejects as `send`.
 */
export function sendAll(ctx, signer, txs) {
  return ctx.locks.run(signer.address, async () => {
    const first = (await ctx.api.rpc.system.accountNextIndex(signer.address)).toNumber();
    const results = await Promise.allSettled(
      txs.map(({ tx, label }, i) => sendWithNonce(ctx, signer, tx, label, first + i)),
    );
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.map((r) => r.value);
  });
}

/**
 * Sign `tx` with `nonce` and wait until it is in a block: the receipt of `send`. `options`
 * are further signer options (e.g. `{ mode: 1, metadataHash }` for CheckMetadataHash).
 */
async function sendWithNonce(ctx, signer, tx, label, nonce, options = {}) {
  const { api, heads } = ctx;
  let unsubscribe = null;
  const included = new Promise((resolve, reject) => {
    tx.signAndSend(signer, { ...options, nonce }, (result) => {
      const { status } = result;
      if (status.isInBlock) {
        resolve(result);
      } else if (status.isInvalid || status.isDropped || status.isUsurped) {
        reject(new Error(`${label}: transaction ${status.type}`));
      }
    })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
  let result;
  try {
    result = await withTimeout(
      included,
      heads.blocksMs(INCLUSION_BLOCKS),
      `${label}: not included within ${INCLUSION_BLOCKS} blocks`,
    );
  } finally {
    if (unsubscribe) unsubscribe();
  }
  const blockHash = result.status.asInBlock.toHex();
  const header = await api.rpc.chain.getHeader(blockHash);
  const feeEvent = result.events.find(
    ({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid',
  );
  const failed = result.events.find(
    ({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed',
  );
  const error = failed ? decodeDispatchError(api, failed.event.data.dispatchError) : null;
  return {
    label,
    signer: signer.address,
    nonce: Number(nonce.toString()),
    blockHash,
    blockNumber: header.number.toNumber(),
    parentHash: header.parentHash.toHex(),
    txIndex: result.txIndex,
    events: result.events,
    ok: !failed,
    error,
    fee: feeEvent ? feeEvent.event.data.actualFee.toBigInt() : 0n,
  };
}

/**
 * Submit `tx` expecting the node to refuse it at submission (it never reaches a block),
 * for a caller that holds the signer's mutex. Resolves with the refusal's message; rejects
 * if the transaction was included.
 */
export async function expectRefusalLocked(ctx, signer, tx, label, options = {}) {
  let receipt;
  try {
    receipt = await sendLocked(ctx, signer, tx, label, options);
  } catch (err) {
    if (/not included within/.test(err.message)) throw err;
    return err.message;
  }
  throw new Error(
    `${label}: expected the node to refuse the transaction, but it was included in block ` +
      `#${receipt.blockNumber} (${receipt.ok ? 'succeeded' : `failed with ${receipt.error.text}`})`,
  );
}

// ---------------------------------------------------------------------------------------
// The transaction pool's check of reveals (CheckReveal, pallet-zkp-submission extension.rs):
// a reveal that cannot succeed is refused with InvalidTransaction::Custom(code), which the
// RPC reports as `1010: Invalid Transaction: Custom error: <code>`; it never enters a block
// and pays nothing.

/** CheckReveal's refusal codes (`RevealRefusal`), by name. */
export const REVEAL_REFUSAL = Object.freeze({
  UnknownSequence: 1, // no such sequence (never submitted, or finished)
  RoundNotStarted: 2, // the sequence has no round yet (nobody committed)
  RevealNotOpen: 3, // the block the reveal would enter is before T + C + 1
  RevealWindowClosed: 4, // that block is after T + C + R
  NotActiveProver: 5, // no commitment in the round and not an active prover
  NothingToValidate: 6, // proved already, and the proof matches no unvalidated commitment
  Inconsistent: 7, // a stored round is missing (a broken invariant, never expected)
});

const REFUSAL_NAMES = Object.fromEntries(Object.entries(REVEAL_REFUSAL).map(([name, code]) => [code, name]));

/** `'RevealWindowClosed (4)'` for 4 (or `'unknown code (n)'`). */
export function refusalName(code) {
  return `${REFUSAL_NAMES[code] ?? 'unknown code'} (${code})`;
}

/** What polkadot.js reports when the pool refuses a transaction with `Custom(code)`. */
export function poolRefusalMessage(code) {
  return `1010: Invalid Transaction: Custom error: ${code}`;
}

/** The `Custom` code of a pool refusal message, or null. */
export function customCodeOf(message) {
  const match = /1010: Invalid Transaction: Custom error: (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

/** `MATCHING_REVEAL_PRIORITY` (u64::MAX / 2 = 2^63 - 1): added for a reveal matching an open commitment. */
export const MATCHING_REVEAL_PRIORITY = (1n << 63n) - 1n;

/**
 * `tx` signed by `signer` for `validateAt`: immortal (so that it validates at the state of
 * any block, older or newer than now), with `nonce` (default: the account's next index now,
 * which is at least its nonce at any earlier block). Not submitted.
 */
export async function signForValidation(ctx, signer, tx, nonce = null) {
  const n = nonce ?? (await ctx.api.rpc.system.accountNextIndex(signer.address));
  return tx.signAsync(signer, { nonce: n, era: 0 });
}

/**
 * The pool's verdict on the signed extrinsic `signed` at the state of block `hash`, for
 * inclusion in the block after it (`TaggedTransactionQueue_validate_transaction` called at
 * `hash`, with `hash` as the parent: `source` External, as the RPC submits). Resolves with
 * `{ valid: true, priority, longevity, requires, provides }` (BigInt) or `{ valid: false,
 * kind, code, text }` where `code` is the `Custom` code (null for other refusals) and
 * `text` names it.
 */
export async function validateAt(api, signed, hash) {
  const at = await api.at(hash);
  // The metadata types the `tx` parameter as SpRuntimeUncheckedExtrinsic, which polkadot.js
  // 16.5 treats as `Bytes`: an extrinsic object would be encoded as its JSON (the runtime
  // panics on the bad input), a Uint8Array is taken as already SCALE-encoded, which
  // `toU8a()` (length-prefixed) is.
  const result = await at.call.taggedTransactionQueue.validateTransaction('External', signed.toU8a(), hash);
  if (result.isOk) {
    const ok = result.asOk;
    return {
      valid: true,
      priority: ok.priority.toBigInt(),
      longevity: ok.longevity.toBigInt(),
      requires: ok.requires.length,
      provides: ok.provides.length,
    };
  }
  const err = result.asErr;
  const invalid = err.isInvalid ? err.asInvalid : null;
  const code = invalid?.isCustom ? invalid.asCustom.toNumber() : null;
  return {
    valid: false,
    kind: err.type,
    code,
    text: code !== null ? `Invalid(Custom(${code})) = ${refusalName(code)}` : err.toString(),
  };
}

/** Assert that `validateAt(api, signed, hash)` is a refusal with `Custom(code)`; returns it. */
export async function assertRefusedAt(api, signed, hash, code, label) {
  const verdict = await validateAt(api, signed, hash);
  assert.ok(
    !verdict.valid,
    `${label}: expected the pool to refuse it with ${refusalName(code)}, but it was admitted ` +
      `(priority ${verdict.priority}, longevity ${verdict.longevity})`,
  );
  assert.equal(verdict.code, code, `${label}: expected ${refusalName(code)}, the pool said ${verdict.text}`);
  return verdict;
}

/** Assert that `validateAt(api, signed, hash)` admits the transaction; returns the verdict. */
export async function assertAdmittedAt(api, signed, hash, label) {
  const verdict = await validateAt(api, signed, hash);
  assert.ok(verdict.valid, `${label}: expected the pool to admit it, but it refused it: ${verdict.text}`);
  return verdict;
}

/**
 * `signer`'s nonce, next index (nonce plus its transactions waiting in the pool), free,
 * reserved balance at the best block: what a refused transaction must leave unchanged.
 */
async function poolAccountSnapshot(api, address) {
  const header = await api.rpc.chain.getHeader();
  const [next, account] = await Promise.all([
    api.rpc.system.accountNextIndex(address),
    (await api.at(header.hash)).query.system.account(address),
  ]);
  return {
    block: header.number.toNumber(),
    next: next.toNumber(),
    nonce: account.nonce.toNumber(),
    free: account.data.free.toBigInt(),
    reserved: account.data.reserved.toBigInt(),
  };
}

/**
 * Submit `tx` of `signer` expecting the pool to refuse it with `Custom(code)` (CheckReveal),
 * holding the signer's mutex. Asserts the exact RPC error, then waits `blocks` blocks and
 * asserts that the transaction is in no block and the signer paid nothing: its nonce, next
 * index, free and reserved balance are unchanged. Resolves with `{ message, before, after }`.
 */
export function expectPoolRefusal(ctx, signer, tx, code, label, blocks = 2) {
  const { api, heads } = ctx;
  return ctx.locks.run(signer.address, async () => {
    const before = await poolAccountSnapshot(api, signer.address);
    process.stdout.write(`# ${label}: polkadot.js logs the pool's refusal (RPC-CORE ... 1010) below; expected\n`);
    const message = await expectRefusalLocked(ctx, signer, tx, label);
    assert.equal(
      message,
      poolRefusalMessage(code),
      `${label}: expected the pool to refuse it with ${refusalName(code)}, got: ${message}`,
    );
    await heads.waitBlocks(blocks, `${blocks} blocks after the refusal`);
    const after = await poolAccountSnapshot(api, signer.address);
    const { block: b0, ...was } = before;
    const { block: b1, ...is } = after;
    assert.deepEqual(is, was, `${label}: refused with ${refusalName(code)}: no block has it, no fee (nonce, pool, balances at #${b0} and #${b1})`);
    return { message, before, after };
  });
}

/**
 * Send `tx` of `signer` like `send`, for a transaction that may be refused by the pool:
 * resolves with `{ included: receipt }`, `{ refused: message, code }` (refused at
 * submission, `code` its Custom code or null), or `{ dropped: status }` (admitted, then
 * removed from the pool without being included: Invalid, Dropped or Usurped). Rejects only
 * on a timeout.
 */
export async function attempt(ctx, signer, tx, label, options = {}) {
  try {
    return { included: await send(ctx, signer, tx, label, options) };
  } catch (err) {
    const dropped = /: transaction (Invalid|Dropped|Usurped)$/.exec(err.message);
    if (dropped) return { dropped: dropped[1] };
    if (/not included within/.test(err.message)) throw err;
    return { refused: err.message, code: customCodeOf(err.message) };
  }
}
