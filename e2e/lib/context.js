// The shared test context: one dev node, one polkadot.js API, the accounts of every
// scenario, and the runner that gives each scenario its budget (in blocks) and its log.

import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/api';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import { startDevNode, nodeBinary, checkNodeBinary } from './node.js';
import { connect, readConstants, Heads, deferred, withTimeout } from './chain.js';
import { KeyedMutex, sendAll } from './tx.js';
import { oneEvent, sameAccount } from './events.js';
import { demoVerifyingKey, loadVectors } from './vectors.js';
import { accountAroundBlock, registrationDeposit, rollupRecord } from './state.js';

/**
 * Which account does what. Scenarios run concurrently, so no two of them use the same
 * account (the sequencer excepted: its transactions are serialized by the account mutex,
 * and no scenario asserts its balance).
 */
export const ACCOUNTS = {
  sequencer: '//Ferdie', // the demo rollup's sequencer (genesis), submits every sequence
  funder: '//Alice', // sudo: registers the extra rollups (owner) and gives them reward slots; funds the fresh accounts of scenarios 7, 8, 9, 10 and 11
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
  // 8: the sybil attack: the large honest prover (the sybils are SYBIL_URI(i), funded by the funder)
  whale: '//Ferdie//stash',
  // 9: metadata-hash signers, fresh accounts (the signer funded by the funder)
  metadataSigner: '//E2E//metadata',
  metadataRecipient: '//E2E//metadata//recipient',
  // 10: the reveal flood: the honest prover (the attackers are FLOOD_STAKED_URI(i) and
  // FLOOD_UNSTAKED_URI(i)), fresh accounts funded by the funder
  floodHonest: '//E2E//flood//honest',
  // 11: an open rollup (the circom example), fees and proofs; fresh accounts funded by the funder
  openOwner: '//E2E//open//owner', // registers the rollup (its first sequencer), deregisters it
  openSequencer: '//E2E//open//sequencer', // the sequencer the owner rotates to
  openSponsor: '//E2E//open//sponsor', // subsidises a sequence; its setSequencer fails NotOwner
  openProver1: '//E2E//open//prover/1',
  openProver2: '//E2E//open//prover/2',
  openProver3: '//E2E//open//prover/3',
};

/** The key derivation of scenario 8's `i`-th sybil account (fresh, funded by the funder). */
export const SYBIL_URI = (i) => `//Sybil/${i}`;

/** Scenario 10's `i`-th staked attacker (registered with MinProverStake; fresh, funded by the funder). */
export const FLOOD_STAKED_URI = (i) => `//E2E//flood//staked/${i}`;

/** Scenario 10's `i`-th unstaked attacker (funded by the funder, never registered). */
export const FLOOD_UNSTAKED_URI = (i) => `//E2E//flood//unstaked/${i}`;

/** The demo rollup, registered at genesis. */
export const DEMO_ROLLUP = 0;

/**
 * The statement of each scenario's sequences: a rollup (an index into `ctx.rollups`: 0 is
 * the demo rollup, 1.. the rollups `setUp` registers with the demo rollup's verifying key
 * and sequencer, and gives reward slots; scenario 11 registers a rollup of its own) and a sequence of the test vectors (A or B). The chain refuses a sequence
 * whose (rollup, key version, public inputs) equal those of an unfinished one
 * (`DuplicateSequence`), the vectors have valid proofs of two sequences only, and the
 * scenarios run concurrently: so no two of them share a statement.
 */
export const STATEMENTS = {
  S2: { rollup: 0, sequence: 'A' }, // the worked example, on the demo rollup
  S3: { rollup: 0, sequence: 'B' },
  S4: { rollup: 1, sequence: 'A' },
  S5: { rollup: 1, sequence: 'B' },
  S7: { rollup: 2, sequence: 'A' },
  S8: { rollup: 3, sequence: 'A' },
  'S8:second': { rollup: 3, sequence: 'B' },
  S10: { rollup: 2, sequence: 'B' },
};
{
  const pairs = Object.values(STATEMENTS).map((s) => `${s.rollup}:${s.sequence}`);
  if (new Set(pairs).size !== pairs.length) throw new Error('two scenarios share a statement');
}

/** How many rollups `setUp` registers besides the demo rollup. */
const EXTRA_ROLLUPS = Math.max(...Object.values(STATEMENTS).map((s) => s.rollup));

/**
 * The statement of `key` (a scenario tag, see STATEMENTS): `{ rollup, name, publicInputs,
 * batch, transactions, validProofs, invalidProof }` with the rollup's id on chain.
 */
export function statementOf(ctx, key) {
  const entry = STATEMENTS[key];
  if (!entry) throw new Error(`no statement for ${key}`);
  return { ...ctx.vectors[`sequence${entry.sequence}`], rollup: ctx.rollups[entry.rollup] };
}

/**
 * The funder registers `EXTRA_ROLLUPS` rollups with the demo rollup's sequencer and
 * verifying key, signed (registration is open to anyone: the funder becomes their owner and
 * a deposit is held on it), at once (consecutive nonces); then root (the funder is sudo)
 * gives each of them a reward slot (`assignSlot`), so that their proved sequences mint
 * `RewardPerSequence` as the demo rollup's do. Checks `RollupRegistered` (owner, sequencer,
 * deposit = the runtime API's `registrationDeposit(key length)` = base + per byte * length,
 * not slotted, key), the records, the deposit held on the funder per block
 * (`ZkpSubmission.RollupDeposit`, free balance less deposits and fees), `Sudid` and
 * `SlotAssigned`. Returns their ids.
 */
async function registerExtraRollups(api, ctx) {
  const { consts, accounts } = ctx;
  // The extra rollups, and one open (unslotted) rollup of scenario 11.
  assert.ok(
    consts.maxRollups >= EXTRA_ROLLUPS + 2,
    `the suite needs ${EXTRA_ROLLUPS + 2} rollups, the chain allows ${consts.maxRollups}`,
  );
  assert.ok(
    consts.rewardSlots >= EXTRA_ROLLUPS + 1,
    `the suite needs ${EXTRA_ROLLUPS + 1} reward slots, the chain has ${consts.rewardSlots}`,
  );
  const demo = (await api.query.zkpSubmission.rollups(DEMO_ROLLUP)).unwrap();
  const record = (await api.query.zkpSubmission.verifyingKeys(DEMO_ROLLUP, demo.keyVersion)).unwrap();
  const key = demoVerifyingKey();
  assert.equal(u8aToHex(blake2AsU8a(key, 256)), record.keyHash.toHex(), "the vectors' key is the demo rollup's");
  const keyLength = hexToU8a(key).length;
  const deposit = await registrationDeposit(api, keyLength);
  assert.equal(
    deposit,
    consts.rollupDepositBase + consts.rollupDepositPerByte * BigInt(keyLength),
    `registrationDeposit(${keyLength}) = RollupDepositBase + RollupDepositPerByte * ${keyLength}`,
  );
  const owner = accounts.funder;
  const txs = Array.from({ length: EXTRA_ROLLUPS }, (_, i) => ({
    tx: api.tx.zkpSubmission.registerRollup(demo.sequencer, key),
    label: `the funder registers extra rollup ${i + 1}`,
  }));
  // One at a time, each given its slot before the next: open registration may use only the
  // places not kept for slotted rollups (MaxRollups - RewardSlots, one in the fast runtime).
  const slotted = (await api.query.zkpSubmission.slottedRollups()).toNumber();
  const receipts = [];
  const slots = [];
  for (const t of txs) {
    const [receipt] = await sendAll(ctx, owner, [t]);
    assert.ok(receipt.ok, `${receipt.label}: ${receipt.error?.text}`);
    receipts.push(receipt);
    const id = oneEvent(receipt.events, 'zkpSubmission', 'RollupRegistered', () => true, `${receipt.label}: `).rollup.toNumber();
    const [slot] = await sendAll(ctx, owner, [
      { tx: api.tx.sudo.sudo(api.tx.zkpSubmission.assignSlot(id)), label: `root assigns a reward slot to rollup ${id}` },
    ]);
    slots.push(slot);
  }
  const ids = [];
  const byBlock = new Map();
  for (const receipt of receipts) {
    assert.ok(receipt.ok, `${receipt.label}: ${receipt.error?.text}`);
    const ev = oneEvent(receipt.events, 'zkpSubmission', 'RollupRegistered', () => true, `${receipt.label}: `);
    assert.ok(sameAccount(ev.owner, owner.address), `${receipt.label}: owner = the signer`);
    assert.ok(sameAccount(ev.sequencer, accounts.sequencer.address), `${receipt.label}: sequencer`);
    assert.equal(ev.deposit.toBigInt(), deposit, `${receipt.label}: deposit`);
    assert.equal(ev.slotted.isTrue, false, `${receipt.label}: an open registration has no reward slot`);
    assert.equal(ev.keyVersion.toNumber(), 0, `${receipt.label}: key version`);
    assert.equal(ev.keyHash.toHex(), record.keyHash.toHex(), `${receipt.label}: key hash`);
    assert.equal(ev.publicInputs.toNumber(), record.publicInputs.toNumber(), `${receipt.label}: public inputs`);
    const rollup = ev.rollup.toNumber();
    const stored = await rollupRecord(api, receipt.blockHash, rollup);
    assert.ok(sameAccount(stored.owner, owner.address), `${receipt.label}: Rollups(${rollup}).owner`);
    assert.equal(stored.deposit, deposit, `${receipt.label}: Rollups(${rollup}).deposit`);
    assert.equal(stored.slotted, false, `${receipt.label}: Rollups(${rollup}).slotted`);
    ids.push(rollup);
    byBlock.set(receipt.blockHash, [...(byBlock.get(receipt.blockHash) ?? []), receipt]);
  }
  for (const [hash, ours] of byBlock) {
    const { before, after } = await accountAroundBlock(api, hash, owner.address);
    const fees = ours.reduce((acc, r) => acc + r.fee, 0n);
    const held = deposit * BigInt(ours.length);
    assert.equal(after.depositHeld, before.depositHeld + held, `#${ours[0].blockNumber}: the deposits are held on the owner (RollupDeposit)`);
    assert.equal(after.free, before.free - held - fees, `#${ours[0].blockNumber}: the owner's free balance less deposits and fees`);
  }
  assert.equal(new Set(ids).size, ids.length, 'distinct rollup ids');
  assert.ok(!ids.includes(DEMO_ROLLUP));

  for (const [i, receipt] of slots.entries()) {
    assert.ok(receipt.ok, `${receipt.label}: ${receipt.error?.text}`);
    const sudid = oneEvent(receipt.events, 'sudo', 'Sudid', () => true, `${receipt.label}: `);
    assert.ok(sudid.sudoResult.isOk, `${receipt.label}: ${sudid.sudoResult.toString()}`);
    const ev = oneEvent(receipt.events, 'zkpSubmission', 'SlotAssigned', () => true, `${receipt.label}: `);
    assert.equal(ev.rollup.toNumber(), ids[i], `${receipt.label}: SlotAssigned.rollup`);
    assert.equal((await rollupRecord(api, receipt.blockHash, ids[i])).slotted, true, `${receipt.label}: Rollups(${ids[i]}).slotted`);
  }
  const last = slots.reduce((a, r) => (r.blockNumber > a.blockNumber ? r : a));
  const now = (await (await api.at(last.blockHash)).query.zkpSubmission.slottedRollups()).toNumber();
  assert.equal(now, slotted + ids.length, 'SlottedRollups counts the new slots');
  return ids;
}

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
      keyring,
      accounts,
      locks: new KeyedMutex(),
      vectors: loadVectors(),
      // Signals between scenarios: scenario 2 uses scenario 1's provers, and scenario 1
      // changes their stake only after scenario 2 has taken its stake snapshots.
      signals: {
        provers: deferred('scenario 1: provers registered'),
        snapshotsTaken: deferred('scenario 2: commitments made'),
        revealed: deferred('scenario 2: proofs revealed'),
        settled: deferred('scenario 2: round settled'),
      },
      failed: [],
      rollups: [DEMO_ROLLUP],
    };
    ctx.rollups.push(...(await registerExtraRollups(api, ctx)));
    log(
      `# chain ${(await api.rpc.system.chain()).toString()}, spec ${api.runtimeVersion.specName} ` +
        `v${api.runtimeVersion.specVersion}, block time ${consts.blockMs} ms, ` +
        `windows C=${consts.commitWindow} R=${consts.revealWindow}, unbonding ${consts.unbondingPeriod} blocks, ` +
        `rollups ${ctx.rollups.join(', ')}`,
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
