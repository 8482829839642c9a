// The dashboard in a real browser (Debian's Chromium driven by playwright-core) against the
// fast dev node with the demo sequencer and two miners (Alice and Bob, 200 000 ZKM each):
// the page names an unreachable node and a bad address; a sequence appears, moves from
// Commit to Reveal to settled; the reward shows on the leaderboard, on the prover's page and
// in the feed, equal to the chain's ledger; the rollup's kept proof downloads as the snarkjs
// proof.json the real converter writes; a lost node shows as reconnecting. Each page is
// saved as a screenshot under $CARGO_TARGET_DIR/dashboard-screenshots/.
//
// What happened is decided from the page and the chain's state (through @polkadot/api),
// never from the miners' log lines.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { chromium } from 'playwright-core';
import { SIGNED_EXTENSIONS } from '../../src/data/chain.js';
import {
  MINER_BINARY,
  TARGET_DIR,
  freePort,
  minerRun,
  minerStart,
  reportAll,
  startNode,
  startPreview,
  stopAll,
  waitUntil,
} from './processes.js';

const DASHBOARD = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.DASHBOARD_SCREENSHOTS || path.join(TARGET_DIR, 'dashboard-screenshots');
/** Wall-clock allowance per expected block on a loaded machine. */
const FACTOR = Number(process.env.DASHBOARD_TIMEOUT_FACTOR || 3);
const STARTUP_MS = Number(process.env.DASHBOARD_STARTUP_SECONDS || 180) * 1000;
/** Time a miner may take from its start to its first commitment (its prover's setup; longer on a loaded machine). */
const MINER_STARTUP_MS = Number(process.env.DASHBOARD_MINER_STARTUP_SECONDS || 240) * 1000;
const ZKM = 10n ** 12n;
const STAKE = '200000';

const ctx = { started: [], consoleErrors: [], blockMs: 1000, broken: null };
/** Milliseconds for `n` blocks (plus a little for the page). */
const blocks = (n) => Math.ceil(n * ctx.blockMs * FACTOR) + 5000;

/** A test step; after a failed step the rest are skipped (the first failure is the story). */
function step(name, fn) {
  it(name, async (t) => {
    if (ctx.broken) {
      t.skip(`an earlier step failed: ${ctx.broken}`);
      return;
    }
    try {
      await fn(t);
    } catch (err) {
      ctx.broken = name;
      if (ctx.page) await ctx.page.screenshot({ path: path.join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
      const report = reportAll(ctx.started);
      const browser = ctx.consoleErrors.slice(-15).join('\n');
      throw new Error(`${err.message}\n\n${report}\n--- page console errors\n${browser || '(none)'}\n(screenshot: ${path.join(SHOTS, 'failure.png')})`, { cause: err });
    }
  });
}

/** Wait for `selector` on the page, with a message saying what the test waited for. */
async function waitFor(selector, ms, what) {
  try {
    return await ctx.page.waitForSelector(selector, { timeout: ms });
  } catch (err) {
    throw new Error(`timeout after ${Math.round(ms / 1000)} s: ${what} (${selector}); best block on the page: ${await text('[data-best]').catch(() => '?')}`);
  }
}

async function text(selector) {
  return (await ctx.page.textContent(selector, { timeout: 2000 }))?.trim();
}

async function shot(name) {
  await ctx.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Open a route of the dashboard talking to `rpc`. */
async function open(route, rpc = ctx.node.wsUrl) {
  await ctx.page.goto(`${ctx.preview.url}?rpc=${encodeURIComponent(rpc)}#/${route}`);
}

/** Navigate within the running page (no reload: the store keeps its history). */
async function nav(route) {
  await ctx.page.click(`[data-nav="${route}"]`);
  await waitFor(`[data-page="${route}"]`, 10_000, `the ${route} page`);
}

/** The whole scenario's bound (each wait inside has its own, in blocks). */
const SCENARIO_MS = Number(process.env.DASHBOARD_SCENARIO_SECONDS || 900) * 1000;

describe('the dashboard in Chromium against a fast dev node with a sequencer and two miners', { timeout: SCENARIO_MS }, () => {
  before(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (scripts/prerequisites.sh does), or set CHROMIUM`);
    mkdirSync(SHOTS, { recursive: true });
    rmSync(path.join(SHOTS, 'failure.png'), { force: true });
    ctx.tmp = mkdtempSync(path.join(os.tmpdir(), 'zkmine-dashboard-'));
    ctx.preview = await startPreview(DASHBOARD, 60_000);
    ctx.started.push(ctx.preview.child);
    ctx.node = await startNode(STARTUP_MS);
    ctx.started.push(ctx.node.child);
    ctx.api = await ApiPromise.create({ provider: new WsProvider(ctx.node.wsUrl), noInitWarn: true, signedExtensions: SIGNED_EXTENSIONS });
    ctx.blockMs = Number((await ctx.api.call.auraApi.slotDuration()).toString());
    const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
    ctx.alice = keyring.addFromUri('//Alice').address;
    ctx.bob = keyring.addFromUri('//Bob').address;
    ctx.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    ctx.page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    ctx.page.on('console', (m) => {
      if (m.type() === 'error') ctx.consoleErrors.push(m.text().slice(0, 300));
    });
    ctx.page.on('pageerror', (e) => ctx.consoleErrors.push(`pageerror: ${e.message}`));
  });

  after(async () => {
    await ctx.browser?.close().catch(() => {});
    await ctx.api?.disconnect().catch(() => {});
    await stopAll();
    if (ctx.tmp) rmSync(ctx.tmp, { recursive: true, force: true });
  });

  step('registers Alice and Bob and starts the sequencer and two miners', async () => {
    const url = ctx.node.wsUrl;
    await Promise.all(['//Alice', '//Bob'].map((suri) => minerRun(url, suri, ['register', '--stake', STAKE], blocks(30))));
    for (const who of [ctx.alice, ctx.bob]) {
      const ledger = (await ctx.api.query.proverRegistry.provers(who)).unwrap();
      assert.equal(ledger.bonded.toBigInt(), BigInt(STAKE) * ZKM);
    }
    for (const [name, suri] of [['miner Alice', '//Alice'], ['miner Bob', '//Bob']]) {
      // A fresh state directory per miner (a dev chain's genesis is the same every run), and
      // one proof at a time each: two miners on a small machine, the oldest sequence first.
      const args = ['mine', '--data-dir', path.join(ctx.tmp, name.replace(' ', '-')), '--jobs', '1'];
      ctx.started.push(minerStart(name, url, suri, args));
    }
    ctx.minersAt = Date.now();
    // 30 blocks apart, longer than a round (21 blocks): once the miners run, one sequence in flight at a time.
    ctx.started.push(minerStart('sequencer', url, '//Ferdie', ['sequencer', '--every', '30']));
  });

  step('names an unreachable node and a bad address', async () => {
    const closed = `ws://127.0.0.1:${await freePort()}`;
    await open('sequences', closed);
    const banner = await waitFor('[data-status="unreachable"]', 20_000, 'the unreachable-node message');
    assert.match(await banner.textContent(), new RegExp(`Cannot reach a node at ${closed.replace(/[.]/g, '\\.')}`));
    await shot('unreachable');
    await open('sequences', '127.0.0.1:9944');
    const bad = await waitFor('[data-status="config"]', 10_000, 'the bad-address message');
    assert.match(await bad.textContent(), /did you mean \?rpc=ws:\/\/127\.0\.0\.1:9944/);
  });

  step('connects and reads the chain', async () => {
    await open('sequences');
    await waitFor('[data-connection="live"]', 30_000, 'a live connection');
    await waitFor('[data-page="sequences"]', 30_000, 'the sequences page');
    assert.match(await text('[data-chain]'), /zkmine development · runtime zkmine v\d+ · 1 s blocks/);
    await waitFor('[data-rollup-group="0"]', 10_000, 'the demo rollup');
  });

  step('shows a sequence appear, in its commit window with both commitments', async (t) => {
    const card = await waitFor('[data-sequence]', blocks(40), 'a sequence on the Sequences page');
    ctx.sequence = Number(await card.getAttribute('data-sequence'));
    const seq = `[data-sequence="${ctx.sequence}"]`;
    assert.ok((await ctx.api.query.zkpSubmission.sequences(ctx.sequence)).isSome, 'the sequence is on chain');
    const left = Math.max(0, MINER_STARTUP_MS - (Date.now() - ctx.minersAt));
    await waitFor(`${seq}[data-phase="Commit"]`, left + blocks(30), `sequence #${ctx.sequence} in Commit (the miners' first commitment)`);
    t.diagnostic(`sequence #${ctx.sequence} in its commit window ${Math.round((Date.now() - ctx.minersAt) / 1000)} s after the miners started`);
    await waitFor(`${seq} [data-commitment="${ctx.alice}"]`, blocks(12), "Alice's commitment");
    await waitFor(`${seq} [data-commitment="${ctx.bob}"]`, blocks(12), "Bob's commitment");
    const status = (await ctx.api.call.zkpSubmissionApi.sequenceStatus(ctx.sequence)).unwrap();
    const revealStart = status.windows.unwrap().revealStart.toNumber();
    if (status.phase.type === 'Commit') {
      assert.match(await text(`${seq} [data-countdown]`), new RegExp(`reveal opens at #${revealStart} in \\d+ blocks? \\(≈ \\d+`));
    }
    assert.equal(await ctx.page.getAttribute(`${seq} [data-segment="Commit"]`, 'data-state'), 'current');
    await shot('sequences-commit');
  });

  step('moves it to Reveal, where the proofs validate the commitments', async () => {
    const seq = `[data-sequence="${ctx.sequence}"]`;
    await waitFor(`${seq}[data-phase="Reveal"]`, blocks(15), `sequence #${ctx.sequence} in Reveal`);
    assert.equal(await ctx.page.getAttribute(`${seq} [data-segment="Reveal"]`, 'data-state'), 'current');
    assert.equal(await ctx.page.getAttribute(`${seq} [data-segment="Commit"]`, 'data-state'), 'done');
    await waitFor(`${seq} [data-commitment][data-validated="true"]`, blocks(12), 'a validated commitment');
    await waitFor(`${seq} [data-proved]`, blocks(2), 'the proved line');
    await shot('sequences-reveal');
  });

  step('shows it settled and gone from the unfinished sequences', async () => {
    await waitFor(`[data-settled-sequence="${ctx.sequence}"][data-outcome="SequenceFinalized"]`, blocks(15), `sequence #${ctx.sequence} settled`);
    await waitUntil(async () => (await ctx.page.$(`[data-sequence="${ctx.sequence}"]`)) === null, blocks(2), 'the settled sequence leaving the list');
    assert.ok((await ctx.api.query.zkpSubmission.sequences(ctx.sequence)).isNone, 'the chain removed the sequence');
    await shot('sequences-settled');
  });

  step("shows the reward on the leaderboard, equal to the chain's ledgers, and sorts it", async () => {
    await nav('provers');
    for (const who of [ctx.alice, ctx.bob]) {
      await waitUntil(async () => {
        const shown = BigInt((await ctx.page.getAttribute(`[data-prover="${who}"] [data-col="rewarded"]`, 'data-value', { timeout: 2000 })) ?? '0');
        const chain = (await ctx.api.query.proverRegistry.provers(who)).unwrap().rewarded.toBigInt();
        return shown > 0n && shown === chain;
      }, blocks(5), `the leaderboard's lifetime reward of ${who} equal to its ledger`);
    }
    await shot('provers');
    const order = async () => (await ctx.page.$$eval('[data-leaderboard] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-prover')))).join();
    const sorted = async (key, expected, what) => {
      await ctx.page.click(`[data-sort-key="${key}"]`);
      await waitUntil(async () => (await order()) === expected.join(), 5000, `the leaderboard sorted ${what}`);
    };
    await sorted('account', [ctx.alice, ctx.bob], 'by name, ascending');
    assert.equal(await ctx.page.getAttribute('[data-sort-key="account"]', 'aria-sort'), 'ascending');
    await sorted('account', [ctx.bob, ctx.alice], 'by name, descending');
    assert.equal(await ctx.page.getAttribute('[data-sort-key="account"]', 'aria-sort'), 'descending');
  });

  step("shows the prover's page with its reward in its history", async () => {
    await ctx.page.click(`[data-prover="${ctx.alice}"] a.account`);
    await waitFor(`[data-page="prover"][data-address="${ctx.alice}"]`, 10_000, "Alice's page");
    await waitFor('[data-history] [data-event="zkpSubmission.RewardPaid"]', blocks(3), 'a reward in her history');
    await waitFor('[data-history] [data-event="zkpSubmission.ProofHashCommitted"]', 5000, 'a commitment in her history');
    await waitUntil(async () => {
      const chain = (await ctx.api.query.proverRegistry.provers(ctx.alice)).unwrap().rewarded.toBigInt();
      return BigInt(await ctx.page.getAttribute('[data-rewarded]', 'data-rewarded')) === chain;
    }, blocks(3), 'her page showing her ledger');
    await shot('prover');
  });

  step("downloads the rollup's kept proof as the snarkjs proof.json of the real converter", async () => {
    await nav('rollups');
    await waitFor('[data-rollup="0"] [data-proof-state="kept"]', blocks(5), "the kept proof of rollup 0's latest proved sequence");
    const latest = Number(await ctx.page.getAttribute('[data-rollup="0"]', 'data-latest-proved'));
    assert.ok(latest >= ctx.sequence, `latest proved #${latest}`);
    const [download] = await Promise.all([
      ctx.page.waitForEvent('download', { timeout: 10_000 }),
      ctx.page.click(`[data-download-proof="${latest}"]`),
    ]);
    assert.equal(download.suggestedFilename(), `proof-sequence-${latest}.json`);
    const downloaded = readFileSync(await download.path(), 'utf8');
    const proof = (await ctx.api.call.zkpSubmissionApi.proof(latest)).unwrap().proof.toHex();
    const wire = path.join(ctx.tmp, 'proof.hex');
    writeFileSync(wire, `${proof}\n`);
    const converted = execFileSync(MINER_BINARY, ['convert', 'proof', wire, '--to-snarkjs'], { encoding: 'utf8', timeout: 30_000 }).trim();
    assert.equal(downloaded, converted, 'the download is what zkmine-miner convert --to-snarkjs makes of the chain proof');
    assert.equal(JSON.parse(downloaded).protocol, 'groth16');
    await shot('rollups');
  });

  step('lists the rewards in the feed and charts them per block', async () => {
    await nav('feed');
    await waitFor(`[data-feed] [data-kind="reward"][data-who="${ctx.alice}"]`, blocks(3), "Alice's reward in the feed");
    await waitFor(`[data-feed] [data-event="zkpSubmission.SequenceFinalized"][data-feed-sequence="${ctx.sequence}"]`, 5000, 'the settlement in the feed');
    await waitUntil(async () => Number(await ctx.page.getAttribute('[data-chart="rewards"]', 'data-nonzero')) >= 1, 10_000, 'a reward bar in the chart');
    let slashed = 0n;
    for (const who of [ctx.alice, ctx.bob]) slashed += (await ctx.api.query.proverRegistry.provers(who)).unwrap().slashed.toBigInt();
    const bars = Number(await ctx.page.getAttribute('[data-chart="slashes"]', 'data-nonzero'));
    assert.ok(slashed === 0n ? bars === 0 : bars >= 1, `slash bars (${bars}) as the ledgers' slashes (${slashed})`);
    assert.match(await text('[data-history-note]'), /as far back as the node keeps state/);
    await shot('feed');
  });

  step('says it is reconnecting, with the URL, when the node goes away', async () => {
    ctx.lastBest = Number((await text('[data-best]')).replace('#', ''));
    // The miners and the sequencer would follow the node to its next chain: stop them first.
    await Promise.all(ctx.started.filter((c) => /^(miner|sequencer)/.test(c.name)).map((c) => c.stop()));
    await ctx.api.disconnect();
    ctx.api = null;
    await ctx.node.child.stop();
    const banner = await waitFor('[data-status="reconnecting"]', 30_000, 'the reconnecting message');
    assert.match(await banner.textContent(), new RegExp(`Lost the connection to ${ctx.node.wsUrl.replace(/[.]/g, '\\.')}; reconnecting`));
    await shot('reconnecting');
  });

  step('follows a node restarted on a fresh chain at the same address, and starts over', async () => {
    const restarted = await startNode(STARTUP_MS, ctx.node.rpcPort);
    ctx.started.push(restarted.child);
    await waitFor('[data-connection="live"]', 30_000, 'the connection back');
    await waitFor('[data-status="restarted"]', blocks(5), 'the new-chain notice');
    await waitUntil(async () => Number((await text('[data-best]')).replace('#', '')) < ctx.lastBest, blocks(5), `the best block below #${ctx.lastBest}`);
    await waitUntil(async () => (await ctx.page.$$('[data-feed] li')).length === 0, blocks(5), 'a feed without the old chain\'s events');
    assert.equal(await ctx.page.$('[data-status="reconnecting"]'), null);
    await shot('restarted');
  });
});
