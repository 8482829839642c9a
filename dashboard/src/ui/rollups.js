// Rollups: each registered rollup (key hash and version, owner and sequencer, slot or
// deposit, open sequences, latest proved) and the proof the chain keeps for a proved
// sequence (runtime API `proof`), downloadable as snarkjs `proof.json`.

import { html, nothing } from 'lit-html';
import { proofToSnarkjs, snarkjsText } from '../data/snarkjs.js';
import { account, balance, block, hash } from './widgets.js';

/** The sequence whose proof the "fetch" box asked for (besides each rollup's latest proved). */
let asked = null;

/** Save `text` as a file called `name` (a download, no server involved). */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The proof panel of `sequence`: fetched through the store (cached), with its download. */
function proofPanel(ctx, sequence) {
  const entry = ctx.store.proof(sequence);
  if (!entry.loaded) return html`<div class="proof" data-proof-of=${sequence}><p class="muted">Fetching the proof of sequence #${sequence} …</p></div>`;
  if (entry.error) return html`<div class="proof" data-proof-of=${sequence}><p class="warn">The node refused the proof query: ${entry.error}</p></div>`;
  const p = entry.value;
  if (!p) {
    return html`<div class="proof" data-proof-of=${sequence} data-proof-state="none"><p class="muted">The chain keeps no proof of sequence #${sequence}:
      not proved (yet), or settled more than ${ctx.info.proofRetention} blocks ago (proofs are kept ${ctx.info.proofRetention} blocks after settlement).</p></div>`;
  }
  let snarkjs;
  let problem = null;
  try {
    snarkjs = snarkjsText(proofToSnarkjs(p.proof));
  } catch (err) {
    problem = err.message;
  }
  return html`<div class="proof" data-proof-of=${sequence} data-proof-state="kept">
    <dl class="facts">
      <div><dt>sequence</dt><dd>#${sequence} of rollup ${p.rollup}, key v${p.keyVersion}, round ${p.round}</dd></div>
      <div><dt>proof hash</dt><dd>${hash(p.proofHash)}</dd></div>
      <div><dt>revealed by</dt><dd>${account(ctx, p.by)} in ${block(p.provedAt)}</dd></div>
      <div><dt>kept until</dt><dd>${p.expiresAt === null ? 'settlement, then ' + ctx.info.proofRetention + ' blocks' : html`${block(p.expiresAt)} (then pruned)`}</dd></div>
    </dl>
    ${problem
      ? html`<p class="warn">The kept proof does not decode as a Groth16 BN254 proof: ${problem}</p>`
      : html`<p>
          <button type="button" data-download-proof=${sequence} @click=${() => download(`proof-sequence-${sequence}.json`, snarkjs)}>Download proof.json (snarkjs)</button>
          <button type="button" class="secondary" data-download-wire=${sequence} @click=${() => download(`proof-sequence-${sequence}.hex`, `${p.proof}\n`, 'text/plain')}>Download wire bytes (hex)</button>
        </p>
        <details><summary>snarkjs proof.json</summary><pre class="json" data-snarkjs=${sequence}>${snarkjs}</pre></details>`}
  </div>`;
}

function rollupCard(ctx, r) {
  const key = ctx.store.state.keys.get(r.id);
  return html`<article class="card rollup" data-rollup=${r.id} data-latest-proved=${r.latestProved ?? ''}>
    <header><h3>Rollup ${r.id}</h3><span class="tag">${r.status}</span>
      ${r.slotted ? html`<span class="tag slot">reward slot</span>` : html`<span class="tag">no slot: paid by fees</span>`}</header>
    <dl class="facts">
      <div><dt>verifying key</dt><dd>v${r.keyVersion}${key ? html`, hash ${hash(key.keyHash)}, ${key.publicInputs} public inputs` : ' (not found)'}</dd></div>
      <div><dt>sequencer</dt><dd>${account(ctx, r.sequencer, { link: false })}</dd></div>
      <div><dt>owner</dt><dd>${account(ctx, r.owner, { link: false })}</dd></div>
      <div><dt>deposit</dt><dd>${r.deposit === null ? 'none (registered at genesis)' : balance(ctx, r.deposit)}</dd></div>
      <div><dt>open sequences</dt><dd data-open-sequences>${r.sequences.length ? r.sequences.map((s) => html`<a href="#/sequences">#${s}</a> `) : 'none'}</dd></div>
      <div><dt>latest proved</dt><dd>${r.latestProved === null ? 'none yet' : html`sequence #${r.latestProved}`}</dd></div>
    </dl>
    ${r.latestProved === null ? nothing : html`<h4>Proof of sequence #${r.latestProved}</h4>${proofPanel(ctx, r.latestProved)}`}
  </article>`;
}

export function rollupsPage(ctx, rerender) {
  const { state } = ctx.store;
  const proved = ctx.store.history.provedSequences();
  const onFetch = (event) => {
    event.preventDefault();
    const value = Number(new FormData(event.target).get('sequence'));
    asked = Number.isSafeInteger(value) && value >= 0 ? value : null;
    rerender();
  };
  return html`<section class="page" data-page="rollups">
    <h2>Rollups</h2>
    <p class="lead">${state.rollups.length} registered. A proved sequence's first valid proof is kept by the chain for
      ${ctx.info.proofRetention} blocks after its settlement (runtime API <code>proof</code>); download it as a snarkjs
      <code>proof.json</code> to check it with <code>snarkjs groth16 verify</code>.</p>
    ${state.rollups.map((r) => rollupCard(ctx, r))}
    <section class="card">
      <h3>The proof of any sequence</h3>
      <form class="inline" @submit=${onFetch}>
        <label>sequence <input name="sequence" type="number" min="0" required .value=${asked === null ? '' : String(asked)} /></label>
        <button type="submit">Fetch proof</button>
      </form>
      ${asked === null ? nothing : proofPanel(ctx, asked)}
      ${proved.length
        ? html`<p>Settled proved in the blocks this page holds: ${proved.slice(0, 30).map(
            (p) => html`<a href="#/rollups" @click=${(e) => { e.preventDefault(); asked = p.sequence; rerender(); }}>#${p.sequence}</a> `,
          )}</p>`
        : nothing}
    </section>
  </section>`;
}
