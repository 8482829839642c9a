// Small pieces the pages share: accounts, balances, the round timeline and countdown.

import { html, nothing } from 'lit-html';
import { roundTimeline, secondsUntil, windowShares } from '../data/protocol.js';
import { blocksText, formatBalance, formatSeconds, shortAddress, shortHash } from '../data/format.js';

/** An account: its dev name if known, its short address, a link to its prover page. */
export function account(ctx, address, { link = true } = {}) {
  if (!address) return html`<span class="muted">–</span>`;
  const name = ctx.names.get(address);
  const body = html`${name ? html`<span class="name">${name}</span> ` : nothing}<code>${shortAddress(address)}</code>`;
  return link
    ? html`<a class="account" href="#/prover/${address}" title=${address}>${body}</a>`
    : html`<span class="account" title=${address}>${body}</span>`;
}

/** A balance in the chain's token. */
export function balance(ctx, planck, { token = true } = {}) {
  if (planck === null || planck === undefined) return html`<span class="muted">–</span>`;
  return html`<span class="balance" data-planck=${planck.toString()}>${formatBalance(planck, ctx.info.decimals, { token: token ? ctx.info.token : '' })}</span>`;
}

/** A hash, shortened, full on hover. */
export function hash(hex) {
  return html`<code title=${hex}>${shortHash(hex)}</code>`;
}

/** A link to a block (its number). */
export function block(n) {
  return n === null || n === undefined ? html`<span class="muted">–</span>` : html`<span class="block">#${n}</span>`;
}

/** The chain's phase as a badge (`AwaitingSettlement` shown as Settle). */
export function phaseBadge(phase) {
  const label = phase === 'AwaitingSettlement' ? 'Settle' : phase;
  return html`<span class="phase phase-${label.toLowerCase()}" data-phase-badge=${phase}>${label}</span>`;
}

/** Countdown text: `in 4 blocks (≈ 4 s)`. */
export function countdown(ctx, blocks) {
  const sinceHead = Date.now() - ctx.store.state.headAt;
  return `in ${blocksText(blocks)} (≈ ${formatSeconds(secondsUntil(blocks, ctx.info.blockMs, sinceHead))})`;
}

/**
 * A round's timeline (Open, Commit, Reveal, Settle), its progress bar and countdown, from the
 * chain's `status` (phase, windows) at best block `now`.
 */
export function timeline(ctx, sequence, status, now) {
  const t = roundTimeline(status.phase, status.windows, now);
  const range = (s) => {
    if (s.key === 'Open') return s.to !== null ? `#${sequence.submittedAt}–#${s.to}` : `since #${sequence.submittedAt}`;
    if (s.from === null) return s.key === 'Commit' ? `T..T+${ctx.info.commitWindow}` : s.key === 'Reveal' ? `T+${ctx.info.commitWindow + 1}..T+${ctx.info.commitWindow + ctx.info.revealWindow}` : `T+${ctx.info.commitWindow + ctx.info.revealWindow + 1}`;
    return s.to === null ? `#${s.from}` : `#${s.from}–#${s.to}`;
  };
  let text;
  if (t.phase === 'Open') {
    text = `Open: waiting for the first commitment of round ${status.round}; it sets T, then commits are taken for ${blocksText(ctx.info.commitWindow + 1)} and proofs for ${blocksText(ctx.info.revealWindow)}.`;
  } else if (t.next) {
    const closing = t.phase === 'Commit' ? `Commit window closes after #${status.windows.commitEnd}; ` : `Reveal window closes after #${status.windows.revealEnd}; `;
    text = `${closing}${t.next.label.toLowerCase()} at #${t.next.block} ${countdown(ctx, t.next.blocks)}.`;
  } else {
    text = t.overdue > 0
      ? `Due at #${status.windows.settleAt}; settlement carried over for ${blocksText(t.overdue)} (the chain settles what fits in each block).`
      : `Settles in block #${status.windows.settleAt}.`;
  }
  const shares = status.windows ? windowShares(status.windows) : [0.5, 0.5];
  return html`
    <div class="timeline" data-timeline>
      <ol class="segments">
        ${t.segments.map(
          (s) => html`<li class="segment ${s.state}" data-segment=${s.key} data-state=${s.state}>
            <span class="label">${s.label}</span><span class="range">${range(s)}</span>
          </li>`,
        )}
      </ol>
      <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${Math.round(t.progress * 100)}
        title="round progress: blocks T..T+C+R">
        <div class="bar-commit" style="width:${shares[0] * 100}%"></div>
        <div class="bar-reveal" style="width:${shares[1] * 100}%"></div>
        <div class="bar-fill" style="width:${t.progress * 100}%"></div>
      </div>
      <p class="countdown" data-countdown>${text}</p>
    </div>`;
}
