// Submitting signed transactions and reading what happened to them.
//
// Transactions of one account are serialized by a per-account async mutex that is held
// from fetching the nonce (`system_accountNextIndex`) until the transaction is in a block
// (or refused), so concurrent scenarios never reuse a nonce, and an account has at most one
// transaction per block (its balance changes between a block and its parent are exactly
// that transaction's). The one exception is `sendAll`, which submits several transactions
// of one account with consecutive nonces at once (funding many accounts, registering
// rollups): its caller accounts for the signer's balance per block.

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
