// The live model the pages render: at every new best block, the chain's state at that block
// (storage and runtime API), and every block's events in the History; on start, a backfill of
// past blocks' events as far back as the node keeps their state.
//
// Only this module talks to the node after the connection is made; the pages read
// `store.state` and `store.history` and re-render on `onChange`.

import {
  capacityValue,
  eventValue,
  fetchedProofValue,
  ledgerValue,
  roundValue,
  rollupValue,
  sequenceValue,
  statusValue,
  verifyingKeyValue,
} from './decode.js';
import { History } from './history.js';

/** How many blocks back the backfill goes at most (a node that keeps more state still has an end). */
export const DEFAULT_HISTORY_BLOCKS = 2000;

/** Parallel requests of the backfill. */
const BACKFILL_PARALLEL = 8;

/** Blocks the live view catches up by itself after a gap (more are left to the gap note). */
const MAX_CATCH_UP = 64;


/** Whether an RPC error says the node no longer has a block's state (pruned) or the block. */
export function isPrunedError(err) {
  const text = String(err?.message ?? err);
  return /State already discarded|UnknownBlock|Unknown block|not found|4003/i.test(text);
}

export class LiveStore {
  #api;
  #busy = false;
  #pendingHeader = null;
  #unsubscribers = [];
  #proofs = new Map(); // sequence id -> { value, checkedAt, error }
  #stopped = false;
  #generation = 0; // +1 when the chain behind the URL is another one: older reads are dropped

  constructor(api, info, { historyBlocks = DEFAULT_HISTORY_BLOCKS, onChange = () => {} } = {}) {
    this.#api = api;
    this.info = info;
    this.historyBlocks = historyBlocks;
    this.onChange = onChange;
    this.history = new History();
    this.state = {
      best: null,
      bestHash: null,
      finalized: null,
      headAt: 0,
      sequences: [],
      rounds: new Map(),
      statuses: new Map(),
      rollups: [],
      keys: new Map(),
      provers: [],
      capacities: new Map(),
      lastEventsBlock: null,
      backfill: { running: false, done: false, oldest: null, reason: '' },
      restarts: 0,
      error: null,
    };
  }

  async start() {
    const api = this.#api;
    this.#unsubscribers.push(
      await api.rpc.chain.subscribeNewHeads((header) => this.#onHead(header)),
      await api.rpc.chain.subscribeFinalizedHeads((header) => {
        const number = header.number.toNumber();
        if (this.state.finalized !== null && number < this.state.finalized) this.#restarted();
        this.state.finalized = number;
        this.onChange();
      }),
    );
  }

  stop() {
    this.#stopped = true;
    for (const unsubscribe of this.#unsubscribers) {
      try {
        unsubscribe();
      } catch {
        // the connection is gone already
      }
    }
    this.#unsubscribers = [];
  }

  /** New heads are processed one at a time; while one is, only the latest waiting one is kept. */
  #onHead(header) {
    this.#pendingHeader = header;
    if (this.#busy) return;
    this.#busy = true;
    (async () => {
      while (this.#pendingHeader && !this.#stopped) {
        const next = this.#pendingHeader;
        this.#pendingHeader = null;
        try {
          await this.#refresh(next);
          this.state.error = null;
        } catch (err) {
          this.state.error = `Reading block #${next.number.toNumber()} failed: ${err?.message ?? err}`;
        }
        this.onChange();
      }
      this.#busy = false;
    })();
  }

  async #refresh(header) {
    const api = this.#api;
    const number = header.number.toNumber();
    const hash = header.hash.toHex();
    if (this.state.finalized !== null && number < this.state.finalized) this.#restarted();
    const first = this.state.best === null;

    // Events: this block, and the ones skipped since the last (bounded).
    const from = this.state.lastEventsBlock === null ? number : Math.max(this.state.lastEventsBlock + 1, number - MAX_CATCH_UP);
    for (let n = from; n < number; n++) {
      const h = await api.rpc.chain.getBlockHash(n);
      await this.#loadEvents(n, h.toHex());
    }
    await this.#loadEvents(number, hash);
    this.state.lastEventsBlock = number;

    const at = await api.at(hash);
    const [seqEntries, roundEntries, rollupEntries, proverEntries] = await Promise.all([
      at.query.zkpSubmission.sequences.entries(),
      at.query.zkpSubmission.rounds.entries(),
      at.query.zkpSubmission.rollups.entries(),
      at.query.proverRegistry.provers.entries(),
    ]);
    const sequences = seqEntries.map(([k, v]) => sequenceValue(k.args[0], v)).sort((a, b) => a.id - b.id);
    const rounds = new Map(roundEntries.map(([k, v]) => [k.args[0].toNumber(), roundValue(v)]));
    const rollups = rollupEntries.map(([k, v]) => rollupValue(k.args[0], v)).sort((a, b) => a.id - b.id);
    const provers = proverEntries.map(([k, v]) => ({ address: k.args[0].toString(), ...ledgerValue(v) }));

    const [statuses, keys, capacities] = await Promise.all([
      Promise.all(sequences.map(async (s) => [s.id, statusValue(await at.call.zkpSubmissionApi.sequenceStatus(s.id))])),
      Promise.all(rollups.map(async (r) => [r.id, verifyingKeyValue(await at.query.zkpSubmission.verifyingKeys(r.id, r.keyVersion))])),
      Promise.all(provers.map(async (p) => [p.address, capacityValue(await at.call.zkpSubmissionApi.proverCapacity(p.address))])),
    ]);

    Object.assign(this.state, {
      best: number,
      bestHash: hash,
      headAt: Date.now(),
      sequences,
      rounds,
      statuses: new Map(statuses),
      rollups,
      keys: new Map(keys),
      provers,
      capacities: new Map(capacities),
    });
    if (first) this.#backfill(number - 1);
  }

  /**
   * A best or finalized block below the last finalized one: no re-org undoes a finalized
   * block, so the node behind the URL was restarted on a fresh chain (a `--dev --tmp` chain
   * has the same genesis every time). Start over.
   */
  #restarted() {
    this.#generation += 1;
    this.history.reset();
    this.#proofs.clear();
    Object.assign(this.state, {
      best: null,
      finalized: null,
      lastEventsBlock: null,
      restarts: this.state.restarts + 1,
      backfill: { running: false, done: false, oldest: null, reason: '' },
    });
  }

  async #loadEvents(number, hash, generation = this.#generation) {
    const at = await this.#api.at(hash);
    const records = await at.query.system.events();
    if (generation !== this.#generation) return;
    this.history.add(number, records.map((r, i) => eventValue(number, i, r)));
  }

  /** Walk back from `start` reading each block's events until the node no longer has the state, or the limit. */
  async #backfill(start) {
    const bf = this.state.backfill;
    const generation = this.#generation;
    const lowest = Math.max(0, start - this.historyBlocks + 1);
    Object.assign(bf, { running: true, done: false, oldest: start + 1, reason: '' });
    let next = start;
    let stop = null;
    const worker = async () => {
      while (!stop && !this.#stopped && generation === this.#generation && next >= lowest) {
        const n = next--;
        if (this.history.has(n)) continue;
        try {
          const hash = await this.#api.rpc.chain.getBlockHash(n);
          if (hash.isEmpty) {
            stop = stop ?? { at: n, reason: 'pruned' };
            break;
          }
          await this.#loadEvents(n, hash.toHex(), generation);
          if (n < bf.oldest) bf.oldest = n;
        } catch (err) {
          stop = stop ?? { at: n, reason: isPrunedError(err) ? 'pruned' : `error: ${err?.message ?? err}` };
        }
        this.onChange();
      }
    };
    await Promise.all(Array.from({ length: BACKFILL_PARALLEL }, worker));
    if (generation !== this.#generation) return;
    // A worker may have passed the block that failed: keep only the contiguous range above it.
    bf.oldest = this.#contiguousFrom(start + 1);
    bf.reason = stop ? stop.reason : bf.oldest <= 1 ? 'genesis' : 'limit';
    bf.running = false;
    bf.done = true;
    this.onChange();
  }

  /** The lowest block such that every block from it up to `top` is in the history. */
  #contiguousFrom(top) {
    let n = top;
    while (n - 1 >= 0 && this.history.has(n - 1)) n -= 1;
    return n;
  }

  /**
   * The runtime API's kept proof of `sequence` (`fetchedProofValue`, null when the chain
   * keeps none): cached, asked again when the best block moves `refreshBlocks` on.
   */
  proof(sequence, { refreshBlocks = 10 } = {}) {
    const cached = this.#proofs.get(sequence);
    const best = this.state.best ?? 0;
    if (cached && (cached.pending || best - cached.checkedAt < refreshBlocks)) return cached;
    const entry = { value: cached?.value ?? null, checkedAt: best, pending: true, error: null, loaded: cached?.loaded ?? false };
    this.#proofs.set(sequence, entry);
    this.#api.call.zkpSubmissionApi.proof(sequence).then(
      (codec) => {
        Object.assign(entry, { value: fetchedProofValue(codec), pending: false, loaded: true });
        this.onChange();
      },
      (err) => {
        Object.assign(entry, { error: err?.message ?? String(err), pending: false, loaded: true });
        this.onChange();
      },
    );
    return entry;
  }
}
