// zkmine end-to-end suite: one fast-runtime dev node (ZKMINE_NODE), driven through
// polkadot.js; the scenarios run concurrently on their own sequences and accounts.

import { describe, it, before, after } from 'node:test';
import { setUp, tearDown, runScenario } from '../lib/context.js';
import { STARTUP_SECONDS } from '../lib/chain.js';
import scenarios from '../scenarios/index.js';

// A backstop only: every scenario has its own budget in blocks (see runScenario).
const BACKSTOP_MS = 30 * 60 * 1000;

// E2E_ONLY=S3,S6 runs a subset (scenario 2 needs scenario 1's provers).
const only = process.env.E2E_ONLY ? process.env.E2E_ONLY.split(',').map((t) => t.trim()) : null;
const selected = only ? scenarios.filter((s) => only.includes(s.tag)) : scenarios;

let ctx = null;

describe('zkmine end-to-end (polkadot.js, live dev node)', { concurrency: true }, () => {
  before(async () => {
    ctx = await setUp();
  }, { timeout: (STARTUP_SECONDS + 120) * 1000 });

  after(async () => {
    await tearDown(ctx);
  });

  for (const scenario of selected) {
    it(scenario.title, { timeout: BACKSTOP_MS }, () => runScenario(ctx, scenario));
  }
});
