// The session's history: every block's events (as `eventValue` gives them) and what the
// pages derive from them: the feed, rewards and slashes per block, one prover's history,
// the rounds of a sequence, the proved sequences.
//
// Blocks arrive in any order (the live view adds new ones, the backfill walks back from the
// head as far as the node keeps state); a block added again (a re-org at that height)
// replaces what was there. Derived views are recomputed when something changed.

/** The feed's kinds: which events the feed shows, by `section.method`. */
export const FEED_KINDS = {
  'zkpSubmission.RewardPaid': 'reward',
  'zkpSubmission.CommitterSlashed': 'slash',
  'zkpSubmission.IncorrectProofSlashed': 'slash',
  'zkpSubmission.CommitmentDisplaced': 'displacement',
  'zkpSubmission.RoundFailed': 'failed',
  'zkpSubmission.SequenceAbandoned': 'failed',
  'zkpSubmission.SequenceSubmitted': 'sequence',
  'zkpSubmission.SequenceProved': 'sequence',
  'zkpSubmission.SequenceFinalized': 'sequence',
  'zkpSubmission.SequenceReopened': 'sequence',
  'zkpSubmission.SequenceCancelled': 'sequence',
  'zkpSubmission.SequenceDropped': 'sequence',
};

/** The account fields of events that name a prover (or the revealer of a proof). */
const ACCOUNT_FIELDS = ['prover', 'who', 'displaced', 'by'];

const key = (e) => `${e.section}.${e.method}`;

/** The amount a reward/slash event moved (BigInt), by kind: `{ reward, slash }`. */
export function amountsOf(event) {
  switch (key(event)) {
    case 'zkpSubmission.RewardPaid':
      return { reward: event.data.amount, slash: 0n };
    case 'zkpSubmission.CommitterSlashed':
      return { reward: 0n, slash: event.data.amount };
    case 'zkpSubmission.IncorrectProofSlashed':
      return { reward: 0n, slash: event.data.slashed };
    default:
      return { reward: 0n, slash: 0n };
  }
}

export class History {
  #blocks = new Map();
  #version = 0;
  #cache = new Map();

  /** At most `maxBlocks` blocks are kept: the oldest go first. */
  constructor({ maxBlocks = 20_000 } = {}) {
    this.maxBlocks = maxBlocks;
  }

  /** Record block `number`'s `events` (`eventValue`s), replacing an earlier record of it. */
  add(number, events) {
    if (!Number.isSafeInteger(number) || number < 0) throw new Error(`History.add: not a block number: ${number}`);
    this.#blocks.set(number, events);
    this.#changed();
    while (this.#blocks.size > this.maxBlocks) {
      this.#blocks.delete(this.range().from);
      this.#changed();
    }
  }

  /** Forget everything (another chain behind the same URL). */
  reset() {
    this.#blocks.clear();
    this.#changed();
  }

  has(number) {
    return this.#blocks.has(number);
  }

  get version() {
    return this.#version;
  }

  #changed() {
    this.#version += 1;
    this.#cache.clear();
  }

  #cached(name, compute) {
    if (!this.#cache.has(name)) this.#cache.set(name, compute());
    return this.#cache.get(name);
  }

  /**
   * The blocks held: `{ from, to, count, gaps }` (`from`/`to` null when empty); `gaps` is the
   * number of blocks between `from` and `to` that are missing.
   */
  range() {
    return this.#cached('range', () => {
      if (this.#blocks.size === 0) return { from: null, to: null, count: 0, gaps: 0 };
      let from = Infinity;
      let to = -Infinity;
      for (const n of this.#blocks.keys()) {
        if (n < from) from = n;
        if (n > to) to = n;
      }
      return { from, to, count: this.#blocks.size, gaps: to - from + 1 - this.#blocks.size };
    });
  }

  /** Every event held, oldest first (by block, then index in the block). */
  events() {
    return this.#cached('events', () =>
      [...this.#blocks.keys()].sort((a, b) => a - b).flatMap((n) => this.#blocks.get(n)),
    );
  }

  /**
   * The feed: the newest events of `kinds` (feed kinds, see FEED_KINDS; all of them by
   * default) first, at most `limit`, each `{ ...event, kind }`.
   */
  feed({ kinds = null, limit = 200 } = {}) {
    const out = [];
    const all = this.events();
    for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
      const kind = FEED_KINDS[key(all[i])];
      if (kind && (!kinds || kinds.includes(kind))) out.push({ ...all[i], kind });
    }
    return out;
  }

  /**
   * Rewards and slashes of every block from `from` to `to` (the held range by default), zero
   * where nothing happened or the block is missing: `[{ block, rewards, slashes }]` (BigInt).
   */
  perBlock(from = this.range().from, to = this.range().to) {
    if (from === null || to === null) return [];
    const out = [];
    for (let n = from; n <= to; n++) {
      let rewards = 0n;
      let slashes = 0n;
      for (const e of this.#blocks.get(n) ?? []) {
        const a = amountsOf(e);
        rewards += a.reward;
        slashes += a.slash;
      }
      out.push({ block: n, rewards, slashes });
    }
    return out;
  }

  /** Totals over the held blocks: `{ rewards, slashes, proved, failed, displaced }`. */
  totals() {
    return this.#cached('totals', () => {
      const t = { rewards: 0n, slashes: 0n, proved: 0, failed: 0, displaced: 0 };
      for (const e of this.events()) {
        const a = amountsOf(e);
        t.rewards += a.reward;
        t.slashes += a.slash;
        if (key(e) === 'zkpSubmission.SequenceFinalized') t.proved += 1;
        if (key(e) === 'zkpSubmission.RoundFailed') t.failed += 1;
        if (key(e) === 'zkpSubmission.CommitmentDisplaced') t.displaced += 1;
      }
      return t;
    });
  }

  /** The events that name `address` as prover, rewarded or slashed account, displaced or revealer; newest first. */
  proverEvents(address) {
    return this.events()
      .filter((e) => ['zkpSubmission', 'proverRegistry'].includes(e.section))
      .filter((e) => ACCOUNT_FIELDS.some((f) => e.data[f] === address))
      .reverse();
  }

  /**
   * The rounds of `sequence` seen in the held events, by round number: `{ round, startedAt,
   * commitEnd, revealEnd, settleAt, outcome ('proved', 'failed' or null while live),
   * proofHash, commitments: [{ prover, stake, reserved, validated, displaced, reward,
   * slashed }] }`, oldest round first.
   */
  roundsOf(sequence) {
    return this.#cached(`rounds:${sequence}`, () => this.#roundsOf(sequence));
  }

  #roundsOf(sequence) {
    const rounds = new Map();
    const round = (n) => {
      if (!rounds.has(n)) {
        rounds.set(n, { round: n, startedAt: null, commitEnd: null, revealEnd: null, settleAt: null, outcome: null, proofHash: null, commitments: [] });
      }
      return rounds.get(n);
    };
    const commitment = (r, prover) => r.commitments.find((c) => c.prover === prover && !c.displaced);
    for (const e of this.events()) {
      if (e.section !== 'zkpSubmission' || e.data.sequence !== sequence) continue;
      const d = e.data;
      switch (e.method) {
        case 'RoundStarted':
          Object.assign(round(d.round), { startedAt: d.startedAt, commitEnd: d.commitEnd, revealEnd: d.revealEnd, settleAt: d.settleAt });
          break;
        case 'ProofHashCommitted':
          round(d.round).commitments.push({ prover: d.prover, stake: d.stake, reserved: d.reserved, validated: false, displaced: false, reward: null, slashed: null, block: e.block });
          break;
        case 'CommitmentDisplaced': {
          const c = commitment(round(d.round), d.displaced);
          if (c) c.displaced = true;
          break;
        }
        case 'CommitmentValidated': {
          const c = commitment(round(d.round), d.prover);
          if (c) c.validated = true;
          break;
        }
        case 'RewardPaid': {
          const c = commitment(round(d.round), d.who);
          if (c) c.reward = d.amount;
          break;
        }
        case 'CommitterSlashed':
        case 'IncorrectProofSlashed': {
          const who = d.who ?? d.prover;
          const c = commitment(round(d.round), who);
          if (c) c.slashed = (c.slashed ?? 0n) + (d.amount ?? d.slashed);
          break;
        }
        case 'SequenceProved':
          round(d.round).proofHash = d.proofHash;
          break;
        case 'SequenceFinalized':
          round(d.round).outcome = 'proved';
          break;
        case 'RoundFailed':
          round(d.round).outcome = 'failed';
          break;
        default:
      }
    }
    return [...rounds.values()].sort((a, b) => a.round - b.round);
  }

  /**
   * The sequences settled proved in the held blocks, newest first: `{ sequence, rollup,
   * round, block, proofHash, validated, rewarded, feePaid }`.
   */
  provedSequences() {
    return this.#cached('proved', () =>
      this.events()
        .filter((e) => key(e) === 'zkpSubmission.SequenceFinalized')
        .map((e) => ({ ...e.data, block: e.block }))
        .reverse(),
    );
  }
}
