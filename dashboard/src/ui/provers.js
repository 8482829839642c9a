// Provers: the leaderboard (sortable by any column) and one prover's page with its ledger,
// capacity, open commitments and history.

import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import { account, balance, block, hash } from './widgets.js';
import { describeEvent } from './describe.js';
import { COLUMNS, leaderboardRows, sortRows } from '../data/leaderboard.js';

const sort = { key: 'rewarded', descending: true };

export function proversPage(ctx, rerender) {
  const rows = sortRows(leaderboardRows(ctx.store.state.provers, ctx.store.state.capacities, ctx.names), sort.key, sort.descending);
  const header = (c) => html`<th class=${c.num ? 'num sortable' : 'sortable'} data-sort-key=${c.key}
      aria-sort=${sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      @click=${() => {
        if (sort.key === c.key) sort.descending = !sort.descending;
        else Object.assign(sort, { key: c.key, descending: c.key !== 'account' });
        rerender();
      }}>${c.label}${sort.key === c.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</th>`;
  return html`<section class="page" data-page="provers">
    <h2>Provers</h2>
    <p class="lead">${rows.length} registered. An active prover has at least ${balance(ctx, ctx.info.minProverStake)} bonded; its free capacity
      (bonded stake not reserved by open commitments) is what a new commitment weighs. Lifetime rewards and slashes are the registry's ledgers
      (complete, whatever history this page holds). Click a heading to sort, a prover for its page.</p>
    <table class="leaderboard" data-leaderboard>
      <thead><tr><th>#</th>${COLUMNS.map(header)}</tr></thead>
      <tbody>
        ${repeat(
          rows,
          (r) => r.address,
          (r, i) => html`<tr data-prover=${r.address}>
            <td>${i + 1}</td>
            <td>${account(ctx, r.address)}</td>
            <td class="num" data-col="bonded">${balance(ctx, r.bonded)}</td>
            <td class="num" data-col="unbonding">${balance(ctx, r.unbondingTotal)}</td>
            <td data-col="active">${r.capacity ? (r.capacity.active ? html`<span class="ok">active</span>` : html`<span class="warn">inactive</span>`) : '–'}</td>
            <td class="num" data-col="free">${balance(ctx, r.capacity?.free ?? null)}</td>
            <td class="num" data-col="pending">${r.pendingCommitments}</td>
            <td class="num" data-col="rewarded" data-value=${r.rewarded.toString()}>${balance(ctx, r.rewarded)}</td>
            <td class="num" data-col="slashed" data-value=${r.slashed.toString()}>${balance(ctx, r.slashed)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    ${rows.length ? nothing : html`<p class="muted">No prover is registered (zkmine-miner register --stake 200000).</p>`}
  </section>`;
}

function openCommitments(ctx, address) {
  const out = [];
  for (const [sequence, round] of ctx.store.state.rounds) {
    for (const c of round.commitments) if (c.prover === address) out.push({ sequence, status: ctx.store.state.statuses.get(sequence), ...c });
  }
  return out;
}

export function proverPage(ctx, address) {
  const { state } = ctx.store;
  const ledger = state.provers.find((p) => p.address === address);
  const capacity = state.capacities.get(address);
  const events = ctx.store.history.proverEvents(address);
  const open = openCommitments(ctx, address);
  const name = ctx.names.get(address);
  return html`<section class="page" data-page="prover" data-address=${address}>
    <p><a href="#/provers">← all provers</a></p>
    <h2>Prover ${name ? `${name} ` : ''}<code class="address">${address}</code></h2>
    ${ledger
      ? html`<dl class="facts" data-ledger>
          <div><dt>bonded stake</dt><dd>${balance(ctx, ledger.bonded)}</dd></div>
          <div><dt>status</dt><dd>${capacity ? (capacity.active ? 'active' : 'inactive (below the minimum stake)') : '–'}</dd></div>
          <div><dt>reserved by open commitments</dt><dd>${balance(ctx, ledger.reserved)}</dd></div>
          <div><dt>free capacity</dt><dd>${balance(ctx, capacity?.free ?? null)}</dd></div>
          <div><dt>a commitment now would</dt><dd>${capacity?.next ? html`weigh ${balance(ctx, capacity.next.stake)} and reserve ${balance(ctx, capacity.next.reserved)}` : 'be refused (not enough free capacity)'}</dd></div>
          <div><dt>pending commitments</dt><dd>${ledger.pendingCommitments}</dd></div>
          <div><dt>lifetime rewards</dt><dd data-rewarded=${ledger.rewarded.toString()}>${balance(ctx, ledger.rewarded)}</dd></div>
          <div><dt>lifetime slashes</dt><dd data-slashed=${ledger.slashed.toString()}>${balance(ctx, ledger.slashed)}</dd></div>
          <div><dt>unbonding</dt><dd>${ledger.unbonding.length
            ? ledger.unbonding.map((c) => html`${balance(ctx, c.value)} from ${block(c.unlockAt)}; `)
            : 'nothing'}</dd></div>
        </dl>`
      : html`<p class="warn">Not a registered prover at block #${state.best}.</p>`}
    <h3>Open commitments</h3>
    ${open.length
      ? html`<table><thead><tr><th>sequence</th><th>phase</th><th class="num">stake snapshot</th><th class="num">reserved</th><th>validated</th><th>commitment</th></tr></thead>
          <tbody>${open.map(
            (c) => html`<tr><td><a href="#/sequences">#${c.sequence}</a></td><td>${c.status?.phase ?? '–'}</td>
              <td class="num">${balance(ctx, c.stake)}</td><td class="num">${balance(ctx, c.reserved)}</td>
              <td>${c.validated ? '✓' : '–'}</td><td>${hash(c.commitment)}</td></tr>`,
          )}</tbody></table>`
      : html`<p class="muted">None.</p>`}
    <h3>History (${events.length} events in the blocks this page holds)</h3>
    ${events.length
      ? html`<ol class="history" data-history>${events.slice(0, 300).map(
          (e) => html`<li data-event=${`${e.section}.${e.method}`}>${block(e.block)} ${describeEvent(ctx, e)}</li>`,
        )}</ol>`
      : html`<p class="muted">Nothing in the blocks this page holds.</p>`}
  </section>`;
}
