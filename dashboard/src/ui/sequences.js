// Sequences: every unfinished sequence per rollup, its round's timeline and countdown, its
// commitments (current round from storage, earlier rounds from the session's events), its
// fee; and the sequences settled recently.

import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { account, balance, block, hash, phaseBadge, timeline } from './widgets.js';

function commitmentsTable(ctx, commitments, { past = false } = {}) {
  if (!commitments.length) return html`<p class="muted">No commitment in this round yet.</p>`;
  return html`<table class="commitments">
    <thead><tr><th>prover</th><th class="num">stake snapshot</th><th class="num">reserved</th><th>validated</th>
      ${past ? html`<th class="num">reward</th><th class="num">slashed</th>` : nothing}</tr></thead>
    <tbody>
      ${commitments.map(
        (c) => html`<tr data-commitment=${c.prover} data-validated=${String(c.validated)}>
          <td>${account(ctx, c.prover)}${c.displaced ? html` <span class="tag">displaced</span>` : nothing}</td>
          <td class="num">${balance(ctx, c.stake)}</td>
          <td class="num">${balance(ctx, c.reserved)}</td>
          <td>${c.validated ? html`<span class="ok">✓ validated</span>` : html`<span class="muted">not validated</span>`}</td>
          ${past ? html`<td class="num">${c.reward === null ? '–' : balance(ctx, c.reward)}</td><td class="num">${c.slashed === null ? '–' : balance(ctx, c.slashed)}</td>` : nothing}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function earlierRounds(ctx, sequence) {
  const rounds = ctx.store.history.roundsOf(sequence.id).filter((r) => r.round < sequence.round);
  if (!rounds.length) return nothing;
  return html`<details class="earlier"><summary>Earlier rounds (${rounds.length}, from the events this page holds)</summary>
    ${rounds.map(
      (r) => html`<div class="round" data-round=${r.round}>
        <h4>Round ${r.round}: ${r.outcome ?? 'unknown outcome'}${r.startedAt !== null ? html`, T = #${r.startedAt}, settled at #${r.settleAt}` : nothing}</h4>
        ${commitmentsTable(ctx, r.commitments, { past: true })}
      </div>`,
    )}
  </details>`;
}

function sequenceCard(ctx, sequence) {
  const { state } = ctx.store;
  const status = state.statuses.get(sequence.id);
  const round = state.rounds.get(sequence.id);
  if (!status) return html`<article class="card sequence" data-sequence=${sequence.id}><p class="muted">Sequence #${sequence.id}: no status</p></article>`;
  return html`<article class="card sequence" data-sequence=${sequence.id} data-phase=${status.phase} data-round=${status.round}>
    <header>
      <h3>Sequence #${sequence.id}</h3>
      ${phaseBadge(status.phase)}
      <span class="meta">rollup ${sequence.rollup} · key v${sequence.keyVersion} · round ${status.round} · submitted at ${block(sequence.submittedAt)}
        · ${sequence.dataLen} bytes of batch data · fee ${balance(ctx, sequence.fee)}${sequence.feePayers.length > 1 ? ` (${sequence.feePayers.length} payers)` : ''}</span>
    </header>
    ${timeline(ctx, sequence, status, state.best)}
    ${sequence.proved
      ? html`<p class="proved" data-proved>Proved by ${account(ctx, sequence.proved.by)} in ${block(sequence.proved.at)} (proof ${hash(sequence.proved.proofHash)}); settles at ${block(status.windows?.settleAt)}.</p>`
      : nothing}
    <h4>Commitments of round ${status.round} (${round ? round.commitments.length : 0} of at most ${ctx.info.maxCommitmentsPerSequence})</h4>
    ${commitmentsTable(ctx, round ? round.commitments : [])}
    ${earlierRounds(ctx, sequence)}
  </article>`;
}

function recentlySettled(ctx) {
  const settled = ctx.store.history
    .feed({ kinds: ['sequence', 'failed'], limit: 400 })
    .filter((e) => ['SequenceFinalized', 'SequenceAbandoned', 'SequenceCancelled', 'SequenceDropped', 'RoundFailed'].includes(e.method))
    .slice(0, 10);
  if (!settled.length) return html`<p class="muted">None in the blocks this page holds.</p>`;
  const outcome = (e) => {
    switch (e.method) {
      case 'SequenceFinalized':
        return html`proved in round ${e.data.round}: ${e.data.validated} commitment(s) validated, ${balance(ctx, e.data.rewarded)} paid`;
      case 'RoundFailed':
        return html`round ${e.data.round} failed: no valid proof, ${e.data.committers} committer(s) slashed`;
      case 'SequenceAbandoned':
        return html`abandoned after ${e.data.failedRounds} failed rounds`;
      case 'SequenceCancelled':
        return html`cancelled`;
      default:
        return html`dropped`;
    }
  };
  return html`<ul class="settled">
    ${settled.map(
      (e) => html`<li data-settled-sequence=${e.data.sequence} data-outcome=${e.method}>${block(e.block)} sequence #${e.data.sequence}: ${outcome(e)}</li>`,
    )}
  </ul>`;
}

export function sequencesPage(ctx) {
  const { state } = ctx.store;
  const byRollup = new Map(state.rollups.map((r) => [r.id, []]));
  for (const s of state.sequences) {
    if (!byRollup.has(s.rollup)) byRollup.set(s.rollup, []);
    byRollup.get(s.rollup).push(s);
  }
  return html`<section class="page" data-page="sequences">
    <h2>Sequences</h2>
    <p class="lead">Every unfinished sequence, by rollup. A round's first commitment sets T; commitments are taken in
      T..T+${ctx.info.commitWindow}, proofs in T+${ctx.info.commitWindow + 1}..T+${ctx.info.commitWindow + ctx.info.revealWindow},
      and block T+${ctx.info.commitWindow + ctx.info.revealWindow + 1} settles the round. ${state.sequences.length} unfinished.</p>
    ${[...byRollup.entries()].map(
      ([rollup, sequences]) => html`<section class="rollup-group" data-rollup-group=${rollup}>
        <h3>Rollup ${rollup}</h3>
        ${sequences.length
          ? repeat(sequences, (s) => s.id, (s) => sequenceCard(ctx, s))
          : html`<p class="muted">No unfinished sequence.</p>`}
      </section>`,
    )}
    <section><h3>Recently settled</h3>${recentlySettled(ctx)}</section>
  </section>`;
}
