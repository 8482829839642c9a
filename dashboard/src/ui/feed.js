// Feed: the latest rewards, slashes, displacements and failed rounds (and the sequences'
// lifecycle) as they happen, and charts of rewards and slashes per block over the session.

import { html } from 'lit-html';
import { ref } from 'lit-html/directives/ref.js';
import { toUnits } from '../data/format.js';
import { barChart } from './charts.js';
import { describeEvent } from './describe.js';
import { balance, block } from './widgets.js';

const KINDS = [
  { key: 'reward', label: 'rewards' },
  { key: 'slash', label: 'slashes' },
  { key: 'displacement', label: 'displacements' },
  { key: 'failed', label: 'failed rounds' },
  { key: 'sequence', label: 'sequences' },
];
const shown = new Set(KINDS.map((k) => k.key));
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;

export function feedPage(ctx, rerender) {
  const { history } = ctx.store;
  const items = history.feed({ kinds: [...shown], limit: 200 });
  const perBlock = history.perBlock();
  const labels = perBlock.map((p) => String(p.block));
  const rewards = perBlock.map((p) => toUnits(p.rewards, ctx.info.decimals));
  const slashes = perBlock.map((p) => toUnits(p.slashes, ctx.info.decimals));
  const totals = history.totals();
  const range = history.range();
  const chart = (values, label, color) =>
    ref((canvas) => {
      if (canvas) barChart(canvas, { labels, values, label, color, token: ctx.info.token });
    });
  return html`<section class="page" data-page="feed">
    <h2>Feed</h2>
    <p class="lead">Blocks ${range.from === null ? '–' : html`${block(range.from)}–${block(range.to)}`}: ${balance(ctx, totals.rewards)} paid in rewards,
      ${balance(ctx, totals.slashes)} slashed, ${count(totals.proved, 'sequence')} proved, ${count(totals.failed, 'round')} failed,
      ${count(totals.displaced, 'displacement')}.</p>
    <div class="charts">
      <figure><figcaption>Rewards per block</figcaption><div class="chart-box"><canvas data-chart="rewards" ${chart(rewards, 'rewards', '#2f855a')}></canvas></div></figure>
      <figure><figcaption>Slashes per block</figcaption><div class="chart-box"><canvas data-chart="slashes" ${chart(slashes, 'slashes', '#c53030')}></canvas></div></figure>
    </div>
    <fieldset class="filters">
      <legend>Show</legend>
      ${KINDS.map(
        (k) => html`<label><input type="checkbox" data-filter=${k.key} .checked=${shown.has(k.key)}
          @change=${(e) => { if (e.target.checked) shown.add(k.key); else shown.delete(k.key); rerender(); }} /> ${k.label}</label>`,
      )}
    </fieldset>
    <ol class="feed" data-feed>
      ${items.map(
        (e) => html`<li class="feed-item ${e.kind}" data-kind=${e.kind} data-event=${`${e.section}.${e.method}`} data-feed-sequence=${e.data.sequence ?? ''}
          data-who=${e.data.who ?? e.data.prover ?? ''}>${block(e.block)} ${describeEvent(ctx, e)}</li>`,
      )}
    </ol>
    ${items.length ? '' : html`<p class="muted">Nothing yet in the blocks this page holds.</p>`}
  </section>`;
}
