// The shared test context: one dev node, one polkadot.js API, the accounts of every
// scenario, and the runner that gives each scenario its budget (in blocks) and its log.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode, nodeBinary, checkNodeBinary } from './node.js';
import { connect, readConstants, Heads, deferred, withTimeout } from './chain.js';
import { KeyedMutex } from './tx.js';
import { loadVectors } from './vectors.js';

/**
 * Which account does what. Scenarios run concurrently, so no two of them use the same
 * account (the sequencer excepted: its transactions are serialized by the account mutex,
 * and no scenario asserts its balance).
 */
export const ACCOUNTS = {
  sequencer: '//Ferdie', // the demo rollup's sequencer (genesis), submits every sequence
  funder: '//Alice', // funds the fresh accounts of scenario 7
  // 1 + 2: the worked example's provers A, B, C
  proverA: '//Alice//stash',
  proverB: '//Bob//stash',
  proverC: '//Charlie//stash',
  // 3: a round without a valid proof
  dave: '//Dave',
  eve: '//Eve',
  // 4: window edges
  early: '//Bob',
  late: '//Charlie',
  // 5: bad input
  checker: '//Dave//stash', // a registered prover with a commitment
  outsider: '//Eve//stash', // not a prover, not a sequencer
  // 7: slash levels, fresh accounts funded by the funder
  honest: '//E2E//honest',
  cheat: '//E2E//cheat',
  copycat: '//E2E//copycat',
};

/** The demo rollup, registered at genesis. */
export const DEMO_ROLLUP = 0;

const log = (...parts) => process.stdout.write(`${parts.join(' ')}\n`);

/** Start the node, connect, read the constants and build the context. */
export async function setUp() {
  const binary = nodeBinary();
  checkNodeBinary(binary);
  await cryptoWaitReady();
  const node = await startDevNode({ binary });
  log(`# node ${binary} pid ${node.pid} on ${node.wsUrl}`);
  let api = null;
  let heads = null;
  try {
    api = await connect(node);
    const consts = await readConstants(api);
    heads = new Heads(api, consts.blockMs);
    await heads.start();
    await heads.waitFor(1, 'the first block');
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 ?? 42 });
    const accounts = Object.fromEntries(
      Object.entries(ACCOUNTS).map(([role, uri]) => [role, keyring.addFromUri(uri)]),
    );
    const ctx = {
      api,
      node,
      heads,
      consts,
      accounts,
      locks: new KeyedMutex(),
      vectors: loadVectors(),
      // Signals between scenarios: scenario 2 uses scenario 1's provers, and scenario 1
      // changes their stake only after scenario 2 has taken its stake snapshots.
      signals: {
        provers: deferred('scenario 1: provers registered'),
        snapshotsTaken: deferred('scenario 2: commitments made'),
        revealed: deferred('scenario 2: proofs revealed'),
      },
      failed: [],
    };
    log(
      `# chain ${(await api.rpc.system.chain()).toString()}, spec ${api.runtimeVersion.specName} ` +
        `v${api.runtimeVersion.specVersion}, block time ${consts.blockMs} ms, ` +
        `windows C=${consts.commitWindow} R=${consts.revealWindow}, unbonding ${consts.unbondingPeriod} blocks`,
    );
    return ctx;
  } catch (err) {
    heads?.stop();
    await api?.disconnect().catch(() => {});
    await node.stop();
    process.stderr.write(`# node log (tail):\n${node.logTail(60)}\n`);
    throw err;
  }
}

/** Disconnect and stop the node; print its log tail if any scenario failed. */
export async function tearDown(ctx) {
  if (!ctx) return;
  ctx.heads.stop();
  await ctx.api.disconnect().catch(() => {});
  const exit = await ctx.node.stop();
  if (ctx.failed.length > 0) {
    process.stderr.write(
      `# failed: ${ctx.failed.join('; ')}\n# node log (tail):\n${ctx.node.logTail(80)}\n`,
    );
  }
  log(`# node stopped (${exit.signal ?? `exit code ${exit.code}`})`);
}

/**
 * Run one scenario: `scenario.run(ctx, step, note)` within `scenario.budgetBlocks(consts)`
 * blocks. `step(name, fn)` names the part that failed; `note(text)` logs progress. On
 * failure the signals the scenario owns are rejected (so that scenarios waiting for them
 * fail at once) and the node's log tail is printed.
 */
export async function runScenario(ctx, scenario) {
  if (!ctx) throw new Error('the test context was not set up (see the before hook)');
  const tag = scenario.tag;
  const note = (text) => log(`# [${tag} #${ctx.heads.best}] ${text}`);
  const step = async (name, fn) => {
    try {
      const value = await fn();
      note(`ok: ${name}`);
      return value;
    } catch (err) {
      err.message = `[${tag}] ${name}: ${err.message}`;
      throw err;
    }
  };
  const blocks = scenario.budgetBlocks(ctx.consts);
  try {
    await withTimeout(
      scenario.run(ctx, step, note),
      ctx.heads.blocksMs(blocks),
      `${scenario.title} did not finish within ${blocks} blocks`,
    );
  } catch (err) {
    ctx.failed.push(scenario.title);
    for (const name of scenario.signals ?? []) {
      const signal = ctx.signals[name];
      if (!signal.settled) signal.reject(new Error(`${signal.name} never happened: ${err.message}`));
    }
    // (the node's log tail is printed once, by tearDown)
    process.stderr.write(`# [${tag}] FAILED at best block #${ctx.heads.best}: ${err.stack}\n`);
    throw err;
  }
}

/** Wait for a signal of another scenario, at most `blocks` blocks. */
export function awaitSignal(ctx, name, blocks) {
  const signal = ctx.signals[name];
  return withTimeout(signal.promise, ctx.heads.blocksMs(blocks), `waiting for "${signal.name}"`);
}
