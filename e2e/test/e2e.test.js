// zkmine end-to-end suite: one fast-runtime dev node (ZKMINE_NODE), driven through
// polkadot.js; the scenarios run concurrently on their own sequences and accounts, then
// every block of the run is audited (total issuance explained by its events).

import assert from 'node:assert/strict';
import { describe, it, before, after } from 'node:test';
import { setUp, tearDown, runScenario } from '../lib/context.js';
import { STARTUP_SECONDS, deferred } from '../lib/chain.js';
import { auditIssuance } from '../lib/events.js';
import scenarios from '../scenarios/index.js';

// A backstop only: every scenario has its own budget in blocks (see runScenario).
const BACKSTOP_MS = 30 * 60 * 1000;
// The audit's own allowance (a few hundred blocks, read in chunks).
const AUDIT_MS = 5 * 60 * 1000;

// The scenarios whose blocks mint rewards / burn slashes: when any of them runs (and all
// pass), the audit must have seen at least one such block, so that it cannot check nothing.
const MINTING = ['S2', 'S3', 'S7', 'S8', 'S10'];
const SLASHING = ['S3', 'S7'];

// E2E_ONLY=S3,S6 runs a subset (scenario 2 needs scenario 1's provers).
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',').map((t) => t.trim()) : null;
const selected = only ? scenarios.filter((s) => only.includes(s.tag)) : scenarios;

// Settled (never rejected) when each scenario has finished, passed or failed: the audit
// waits for all of them.
const finished = selected.map((s) => deferred(`${s.tag} finished`));

let ctx = null;

const zkm = (planck) => {
  const unit = ctx.consts.unit;
  const sign = planck < 0n ? '-' : '';
  const abs = planck < 0n ? -planck : planck;
  const frac = (abs % unit).toString().padStart(ctx.consts.decimals, '0').replace(/0+$/, '');
  return `${sign}${abs / unit}${frac ? `.${frac}` : ''} ${ctx.consts.token}`;
};

describe('zkmine end-to-end (polkadot.js, live dev node)', { concurrency: true }, () => {
  before(async () => {
    ctx = await setUp();
  }, { timeout: (STARTUP_SECONDS + 120) * 1000 });

  after(async () => {
    await tearDown(ctx);
  });

  selected.forEach((scenario, i) => {
    it(scenario.title, { timeout: BACKSTOP_MS }, () =>
      runScenario(ctx, scenario).finally(() => finished[i].resolve()),
    );
  });

  // Runs concurrently with the scenarios but starts auditing only once all of them have
  // finished (the node is stopped by the `after` hook, which waits for this test too).
  it('every block: the total issuance change is exactly explained by its events', { timeout: BACKSTOP_MS + AUDIT_MS }, async () => {
    await Promise.all(finished.map((f) => f.promise));
    if (!ctx) throw new Error('the test context was not set up (see the before hook)');
    const started = Date.now();
    const head = (await ctx.api.rpc.chain.getHeader()).number.toNumber();
    const audit = await auditIssuance(ctx.api, head);
    assert.equal(audit.audited, head - 0, `audited ${audit.audited} blocks, the head is #${head}`);
    assert.equal(audit.first, head > 0 ? 1 : null, 'the audit starts at block #1');
    assert.equal(audit.last, head > 0 ? head : null, 'the audit ends at the head');
    const tags = selected.map((s) => s.tag);
    if (ctx.failed.length === 0) {
      if (tags.some((t) => MINTING.includes(t))) {
        assert.ok(audit.mintingBlocks > 0, `no block of #1..#${head} minted a reward`);
      }
      if (tags.some((t) => SLASHING.includes(t))) {
        assert.ok(audit.slashingBlocks > 0, `no block of #1..#${head} burned a slash`);
      }
    }
    process.stdout.write(
      `# issuance audit: ${audit.audited} blocks (#1..#${head}) explained in ${Date.now() - started} ms; ` +
        `minted ${zkm(audit.minted)} (${audit.mintingBlocks} blocks), slashed ${zkm(audit.slashed)} ` +
        `(${audit.slashingBlocks} blocks), fees ${zkm(audit.fees)} (${audit.feeBlocks} blocks), ` +
        `net ${zkm(audit.net)}\n`,
    );
  });
});
