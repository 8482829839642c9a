// The protocol's timing rules as the dashboard needs them: the one place in the client that
// knows how a round's blocks follow from `T` and how far a block is from the next boundary.
//
// The chain is the authority on the phase (runtime API `sequence_status`, evaluated at the
// block the page shows); this module turns the round's windows (recorded by the chain when
// the round started, `Sequence.windows`) into the timeline, the progress and the countdown.
// The rules are those of docs/PROTOCOL.md, "Timing", and `Windows` in
// pallets/zkp-submission/src/types.rs:
//
//   Open        before the first commitment of the round (it sets T)
//   Commit      T ..= T + C
//   Reveal      T + C + 1 ..= T + C + R
//   Settle      T + C + R + 1 (on_initialize; later only if settlement was carried over)

/** The phases of the runtime API (`Phase`), in order. */
export const CHAIN_PHASES = ['Open', 'Commit', 'Reveal', 'AwaitingSettlement'];

/** The timeline's segments, in order, with the chain phase each stands for. */
export const TIMELINE = [
  { key: 'Open', label: 'Open', phase: 'Open' },
  { key: 'Commit', label: 'Commit', phase: 'Commit' },
  { key: 'Reveal', label: 'Reveal', phase: 'Reveal' },
  { key: 'Settle', label: 'Settle', phase: 'AwaitingSettlement' },
];

/**
 * The windows of a round started at block `t` with windows of `commit` and `reveal` blocks
 * (`Windows::new`): what a round would get if its first commitment were included at `t`.
 */
export function windowsFrom(t, commit, reveal) {
  for (const [name, v] of Object.entries({ t, commit, reveal })) {
    if (!Number.isInteger(v) || v < 0) throw new Error(`windowsFrom: ${name} must be a block count >= 0, got ${v}`);
  }
  const commitEnd = t + commit;
  return {
    commitStart: t,
    commitEnd,
    revealStart: commitEnd + 1,
    revealEnd: commitEnd + reveal,
    settleAt: commitEnd + reveal + 1,
  };
}

/**
 * The phase at block `now` of a round with `windows` (`Windows::phase`), or `Open` without
 * windows. The page shows the chain's own phase; this is the same rule, for places that have
 * windows and a block but no runtime API answer (and for the tests).
 */
export function phaseAt(windows, now) {
  if (!windows) return 'Open';
  if (now <= windows.commitEnd) return 'Commit';
  if (now <= windows.revealEnd) return 'Reveal';
  return 'AwaitingSettlement';
}

/**
 * Where a round stands at best block `now`, given the chain's `phase` and the round's
 * `windows` (null while Open):
 *
 * - `segments`: the timeline, each `{ key, label, from, to, state }` with `state` one of
 *   `done`, `current`, `next`; `from`/`to` are block numbers (null when not fixed yet).
 * - `next`: the next boundary, `{ label, block, blocks }`: the block at which the next phase
 *   begins and how many blocks after `now` that is (`null` while Open, or once due).
 * - `progress`: the fraction of the round's blocks `T ..= T + C + R` that are behind or at
 *   `now` (0 while Open, 1 from the last reveal block on).
 * - `overdue`: blocks past `settleAt` while the sequence still waits (settlement carried
 *   over to later blocks by its weight budget), else 0.
 */
export function roundTimeline(phase, windows, now) {
  if (!CHAIN_PHASES.includes(phase)) throw new Error(`unknown phase ${JSON.stringify(phase)}`);
  if (phase !== 'Open' && !windows) throw new Error(`phase ${phase} without windows`);
  const current = TIMELINE.findIndex((s) => s.phase === phase);
  const bounds = windows
    ? {
        Open: [null, windows.commitStart - 1],
        Commit: [windows.commitStart, windows.commitEnd],
        Reveal: [windows.revealStart, windows.revealEnd],
        Settle: [windows.settleAt, null],
      }
    : { Open: [null, null], Commit: [null, null], Reveal: [null, null], Settle: [null, null] };
  const segments = TIMELINE.map((s, i) => ({
    key: s.key,
    label: s.label,
    from: bounds[s.key][0],
    to: bounds[s.key][1],
    state: i < current ? 'done' : i === current ? 'current' : 'next',
  }));
  let next = null;
  if (phase === 'Commit') next = { label: 'Reveal opens', block: windows.revealStart };
  if (phase === 'Reveal') next = { label: 'Settles', block: windows.settleAt };
  if (next) next.blocks = Math.max(0, next.block - now);
  let progress = 0;
  if (windows) {
    const total = windows.settleAt - windows.commitStart; // C + R + 1 blocks, T ..= T + C + R
    progress = Math.min(1, Math.max(0, (now - windows.commitStart + 1) / total));
  }
  const overdue = phase === 'AwaitingSettlement' ? Math.max(0, now - windows.settleAt) : 0;
  return { phase, segments, next, progress, overdue };
}

/**
 * The commit and reveal windows' share of the round bar (`[commit, reveal]`, summing to 1):
 * `C + 1` blocks of commit window, `R` of reveal window.
 */
export function windowShares(windows) {
  const commit = windows.commitEnd - windows.commitStart + 1;
  const reveal = windows.revealEnd - windows.revealStart + 1;
  return [commit / (commit + reveal), reveal / (commit + reveal)];
}

/**
 * Seconds until a block `blocks` after the best one, counting `blockMs` per block, less the
 * time since the best block arrived (`sinceHeadMs`), never below zero.
 */
export function secondsUntil(blocks, blockMs, sinceHeadMs = 0) {
  if (!(blockMs > 0)) throw new Error(`secondsUntil: the block time must be positive, got ${blockMs}`);
  return Math.max(0, (blocks * blockMs - Math.max(0, sinceHeadMs)) / 1000);
}
