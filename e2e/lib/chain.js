// Connecting to the node, the chain's constants, and waiting for blocks.
//
// Every wait is bounded by a number of blocks, converted to wall-clock time with the
// chain's own block time (Aura slot duration) times a slack factor for a loaded machine.

import { ApiPromise, WsProvider } from '@polkadot/api';

/**
 * Wall-clock slack per expected block: a timeout of `n` blocks waits
 * `n * blockTime * TIMEOUT_FACTOR`. `E2E_TIMEOUT_FACTOR` overrides it (slow machines).
 */
export const TIMEOUT_FACTOR = Number(process.env.E2E_TIMEOUT_FACTOR || 3);

/** Seconds the node may take from spawn to serving JSON-RPC (no chain yet to count blocks). */
export const STARTUP_SECONDS = Number(process.env.E2E_STARTUP_SECONDS || 180);

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection with `message` after `ms` milliseconds. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${Math.round(ms / 1000)} s: ${message}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A promise with its resolve/reject functions exposed (signals between scenarios). */
export function deferred(name) {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejected signal nobody waits for must not crash the process.
  promise.catch(() => {});
  const d = {
    name,
    promise,
    settled: false,
    resolve: (value) => {
      d.settled = true;
      resolve(value);
    },
    reject: (err) => {
      d.settled = true;
      reject(err);
    },
  };
  return d;
}

/**
 * Wait until the node answers JSON-RPC over HTTP, then connect polkadot.js over WebSocket.
 * Fails early if the node process exits.
 */
export async function connect(node) {
  const deadline = Date.now() + STARTUP_SECONDS * 1000;
  const httpUrl = `http://127.0.0.1:${node.rpcPort}`;
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] });
  for (;;) {
    if (node.exitInfo()) {
      throw new Error(`the node exited during startup: ${JSON.stringify(node.exitInfo())}`);
    }
    try {
      const res = await fetch(httpUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`the node did not serve JSON-RPC on ${httpUrl} within ${STARTUP_SECONDS} s`);
    }
    await sleep(500);
  }

  const provider = new WsProvider(node.wsUrl, false);
  await withTimeout(provider.connect(), 30_000, `WebSocket connection to ${node.wsUrl}`);
  try {
    return await withTimeout(
      ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true }),
      60_000,
      'polkadot.js API initialisation (metadata)',
    );
  } catch (err) {
    await provider.disconnect().catch(() => {});
    throw err;
  }
}

/** The chain's block time in milliseconds: the Aura slot duration, else 2 * MinimumPeriod. */
export async function blockTimeMs(api) {
  if (api.call.auraApi?.slotDuration) {
    return Number((await api.call.auraApi.slotDuration()).toString());
  }
  return 2 * api.consts.timestamp.minimumPeriod.toNumber();
}

/** The protocol constants, read from the runtime metadata (BigInt for balances). */
export async function readConstants(api) {
  const zs = api.consts.zkpSubmission;
  const pr = api.consts.proverRegistry;
  const decimals = api.registry.chainDecimals[0];
  return {
    blockMs: await blockTimeMs(api),
    decimals,
    token: api.registry.chainTokens[0],
    unit: 10n ** BigInt(decimals),
    existentialDeposit: api.consts.balances.existentialDeposit.toBigInt(),
    commitWindow: zs.commitWindow.toNumber(),
    revealWindow: zs.revealWindow.toNumber(),
    rewardPerSequence: zs.rewardPerSequence.toBigInt(),
    maxRollups: zs.maxRollups.toNumber(),
    rewardSlots: zs.rewardSlots.toNumber(),
    // open rollups: the registration deposit (base + per byte of verifying key), fees
    rollupDepositBase: zs.rollupDepositBase.toBigInt(),
    rollupDepositPerByte: zs.rollupDepositPerByte.toBigInt(),
    minFeeContribution: zs.minFeeContribution.toBigInt(),
    maxFeePayers: zs.maxFeePayers.toNumber(),
    proofRetention: zs.proofRetention.toNumber(),
    maxVerifyingKeyLen: zs.maxVerifyingKeyLen.toNumber(),
    maxOpenSequencesPerRollup: zs.maxOpenSequencesPerRollup.toNumber(),
    maxCommitmentsPerSequence: zs.maxCommitmentsPerSequence.toNumber(),
    maxFailedRounds: zs.maxFailedRounds.toNumber(),
    maxPublicInputs: zs.maxPublicInputs.toNumber(),
    maxProofLen: zs.maxProofLen.toNumber(),
    maxPreparedKeyLen: zs.maxPreparedKeyLen.toNumber(),
    maxBatchLen: zs.maxBatchLen.toNumber(),
    minProverStake: pr.minProverStake.toBigInt(),
    unbondingPeriod: pr.unbondingPeriod.toNumber(),
    // Perbill parts (parts per 10^9)
    slash: {
      IncorrectHash: BigInt(pr.incorrectHashSlash.toString()),
      IncorrectProof: BigInt(pr.incorrectProofSlash.toString()),
      NoValidProof: BigInt(pr.noValidProofSlash.toString()),
    },
  };
}

/**
 * Follows the best block and lets callers wait for a block number, with a timeout in
 * blocks. Single-authority dev chain: the best chain is the canonical one.
 */
export class Heads {
  #api;
  #blockMs;
  #waiters = new Set();
  #unsubscribe = null;
  best = 0;

  constructor(api, blockMs) {
    this.#api = api;
    this.#blockMs = blockMs;
  }

  /** Milliseconds to wait for `n` blocks on a loaded machine. */
  blocksMs(n) {
    return Math.ceil(Math.max(n, 1) * this.#blockMs * TIMEOUT_FACTOR) + 2000;
  }

  async start() {
    this.#unsubscribe = await this.#api.rpc.chain.subscribeNewHeads((header) => {
      const number = header.number.toNumber();
      if (number > this.best) this.best = number;
      for (const waiter of [...this.#waiters]) {
        if (number >= waiter.target) {
          this.#waiters.delete(waiter);
          waiter.resolve({ number, hash: header.hash.toHex() });
        }
      }
    });
  }

  stop() {
    if (this.#unsubscribe) this.#unsubscribe();
    this.#unsubscribe = null;
    for (const waiter of this.#waiters) waiter.reject(new Error('stopped following blocks'));
    this.#waiters.clear();
  }

  /**
   * Resolves with `{ number, hash }` of the first best block numbered `>= target`; rejects
   * after the time of `target - best + slackBlocks` blocks.
   */
  async waitFor(target, what = `block #${target}`, slackBlocks = 5) {
    const header = await this.#api.rpc.chain.getHeader();
    const now = header.number.toNumber();
    if (now >= target) return { number: now, hash: header.hash.toHex() };
    const blocks = target - now + slackBlocks;
    let waiter;
    const reached = new Promise((resolve, reject) => {
      waiter = { target, resolve, reject };
      this.#waiters.add(waiter);
    });
    try {
      return await withTimeout(
        reached,
        this.blocksMs(blocks),
        `waiting for ${what} (best #${this.best}, ${blocks} blocks allowed)`,
      );
    } finally {
      this.#waiters.delete(waiter);
    }
  }

  /** Wait until `n` more blocks have been imported. */
  async waitBlocks(n, what) {
    const header = await this.#api.rpc.chain.getHeader();
    return this.waitFor(header.number.toNumber() + n, what);
  }

  /** The hash of block `number` on the best chain (waits for it, bounded). */
  async hashOf(number) {
    await this.waitFor(number);
    return (await this.#api.rpc.chain.getBlockHash(number)).toHex();
  }
}
