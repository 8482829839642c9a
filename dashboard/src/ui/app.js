// The page around the panels: header (chain, blocks, connection), navigation, the status
// banner, the history note; hash routing (#/sequences, #/provers, #/prover/ADDRESS,
// #/rollups, #/feed) and rendering (on every store change, at most once per frame, and once
// a second for the countdowns).

import { html, nothing, render } from 'lit-html';
import { feedPage } from './feed.js';
import { proverPage, proversPage } from './provers.js';
import { rollupsPage } from './rollups.js';
import { sequencesPage } from './sequences.js';
import { blocksText } from '../data/format.js';

export const PAGES = [
  { route: 'sequences', label: 'Sequences' },
  { route: 'provers', label: 'Provers' },
  { route: 'rollups', label: 'Rollups' },
  { route: 'feed', label: 'Feed' },
];

/** `#/prover/5Grw...` to `{ page: 'prover', arg: '5Grw...' }`; anything unknown to Sequences. */
export function parseRoute(hash) {
  const [page, arg] = hash.replace(/^#\/?/, '').split('/');
  if (page === 'prover' && arg) return { page: 'prover', arg: decodeURIComponent(arg) };
  if (PAGES.some((p) => p.route === page)) return { page, arg: null };
  return { page: 'sequences', arg: null };
}

function banner(status) {
  if (!status || status.state === 'live') return nothing;
  const tone = ['unreachable', 'wrong-chain', 'error', 'config'].includes(status.state) ? 'error' : 'warn';
  return html`<div class="banner ${tone}" role="alert" data-status=${status.state}>${status.message}</div>`;
}

function historyNote(ctx) {
  const { store } = ctx;
  const range = store.history.range();
  const bf = store.state.backfill;
  const why = {
    pruned: 'the node keeps no older state',
    genesis: 'the chain starts there',
    limit: `the page reads at most ${blocksText(store.historyBlocks)} back (?history=N)`,
  }[bf.reason] ?? (bf.reason ? bf.reason : '');
  return html`<footer class="history-note" data-history-note data-history-from=${range.from ?? ''} data-backfill=${bf.done ? 'done' : bf.running ? 'running' : 'waiting'}>
    <p>History (the feed, the charts, a prover's history, a sequence's earlier rounds) is read from each block's events through the node's
      JSON-RPC, with no indexer, so it reaches only as far back as the node keeps state: a node keeps the state of its most recent blocks
      only (256 unless it runs with <code>--state-pruning archive</code>). This page holds blocks
      ${range.from === null ? '–' : html`#${range.from}–#${range.to}`}${bf.running ? ' (reading older blocks …)' : bf.done && why ? ` (${why})` : ''}.
      Lifetime rewards and slashes come from the provers' ledgers and are complete.</p>
  </footer>`;
}

function header(ctx, status, route) {
  const s = ctx?.store.state;
  return html`<header class="top">
    <h1>zkmine explorer</h1>
    ${ctx
      ? html`<span class="chain" data-chain>${ctx.info.chain} · runtime ${ctx.info.specName} v${ctx.info.specVersion} · ${ctx.info.blockMs / 1000} s blocks</span>
          <span class="heads">best <b data-best>#${s.best ?? '…'}</b> · finalized <b data-finalized>#${s.finalized ?? '…'}</b></span>`
      : nothing}
    <span class="conn ${status?.state ?? ''}" data-connection=${status?.state ?? ''} title=${status?.message ?? ''}>${status?.url ?? ''} · ${status?.state ?? ''}</span>
    <nav>${PAGES.map((p) => html`<a href="#/${p.route}" class=${route.page === p.route || (route.page === 'prover' && p.route === 'provers') ? 'current' : ''} data-nav=${p.route}>${p.label}</a>`)}</nav>
  </header>`;
}

function page(ctx, route, rerender) {
  switch (route.page) {
    case 'provers':
      return proversPage(ctx, rerender);
    case 'prover':
      return proverPage(ctx, route.arg);
    case 'rollups':
      return rollupsPage(ctx, rerender);
    case 'feed':
      return feedPage(ctx, rerender);
    default:
      return sequencesPage(ctx);
  }
}

/** The app: `setStatus` from the connection, `setContext` once the store runs. */
export class App {
  #root;
  #status = null;
  #ctx = null;
  #scheduled = false;

  constructor(root) {
    this.#root = root;
    root.replaceChildren(); // the static "Loading" text; lit-html renders into an empty node
    window.addEventListener('hashchange', () => this.update());
    setInterval(() => this.update(), 1000);
  }

  setStatus(status) {
    this.#status = status;
    this.update();
  }

  setContext(ctx) {
    this.#ctx = ctx;
    this.update();
  }

  /** Render at the next frame (many changes in one frame render once). */
  update() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      this.#render();
    });
  }

  #render() {
    const route = parseRoute(location.hash);
    const ctx = this.#ctx;
    const rerender = () => this.update();
    let body;
    if (!ctx) {
      body = html`<p class="muted waiting" data-waiting>${this.#status?.state === 'live' ? 'Reading the chain …' : 'Waiting for the node.'}</p>`;
    } else if (ctx.store.state.best === null) {
      body = html`<p class="muted waiting" data-waiting>Reading the chain's state …</p>`;
    } else {
      try {
        body = page(ctx, route, rerender);
      } catch (err) {
        console.error(err);
        body = html`<div class="banner error" data-status="render-error">This page could not be drawn: ${err.message}</div>`;
      }
    }
    render(
      html`${header(ctx, this.#status, route)}
        ${banner(this.#status)}
        ${ctx?.store.state.error ? html`<div class="banner warn" data-status="read-error">${ctx.store.state.error}</div>` : nothing}
        ${ctx?.store.state.restarts
          ? html`<div class="banner warn" data-status="restarted">The node at ${this.#status?.url} now serves a new chain (its block numbers went back
              below the last finalized block): the page started over from it.</div>`
          : nothing}
        <main>${body}</main>
        ${ctx ? historyNote(ctx) : nothing}`,
      this.#root,
    );
  }
}
