// The session's history: feed order and filters, rewards and slashes per block, one
// prover's events, a sequence's rounds, blocks arriving out of order or again.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { History, amountsOf } from '../../src/data/history.js';

const ZKM = 10n ** 12n;
const A = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const B = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty';
const C = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y';

/** Events of one block, as `eventValue` makes them. */
function block(number, ...events) {
  return events.map(([section, method, data], index) => ({ block: number, index, section, method, initialization: true, extrinsic: null, data }));
}
const zs = (method, data) => ['zkpSubmission', method, data];
const pr = (method, data) => ['proverRegistry', method, data];

/** One sequence's story: round 0 fails (C never reveals), round 1 is proved by A and B, C displaced. */
function story() {
  const h = new History();
  h.add(10, block(10, zs('SequenceSubmitted', { sequence: 7, rollup: 0, keyVersion: 0, dataHash: '0x', dataLen: 160, publicInputs: 3, fee: 0n })));
  h.add(12, block(12,
    zs('RoundStarted', { sequence: 7, round: 0, startedAt: 12, commitEnd: 22, revealEnd: 32, settleAt: 33 }),
    zs('ProofHashCommitted', { sequence: 7, round: 0, prover: C, commitment: '0x01', stake: 100n * ZKM, reserved: 20n * ZKM }),
  ));
  h.add(33, block(33,
    zs('CommitterSlashed', { sequence: 7, round: 0, who: C, reason: 'NoValidProof', amount: 5n * ZKM }),
    pr('Slashed', { who: C, amount: 5n * ZKM, reason: 'NoValidProof' }),
    zs('RoundFailed', { sequence: 7, round: 0, committers: 1 }),
    zs('SequenceReopened', { sequence: 7, newRound: 1 }),
  ));
  h.add(40, block(40,
    zs('RoundStarted', { sequence: 7, round: 1, startedAt: 40, commitEnd: 50, revealEnd: 60, settleAt: 61 }),
    zs('ProofHashCommitted', { sequence: 7, round: 1, prover: C, commitment: '0x02', stake: 95n * ZKM, reserved: 19n * ZKM }),
    zs('ProofHashCommitted', { sequence: 7, round: 1, prover: A, commitment: '0x03', stake: 200n * ZKM, reserved: 40n * ZKM }),
  ));
  h.add(41, block(41,
    zs('CommitmentDisplaced', { sequence: 7, round: 1, displaced: C, displacedStake: 95n * ZKM, by: B, stake: 300n * ZKM }),
    zs('ProofHashCommitted', { sequence: 7, round: 1, prover: B, commitment: '0x04', stake: 300n * ZKM, reserved: 60n * ZKM }),
  ));
  h.add(52, block(52,
    zs('SequenceProved', { sequence: 7, rollup: 0, round: 1, proofHash: '0xaa', by: A }),
    zs('CommitmentValidated', { sequence: 7, round: 1, prover: A, proofHash: '0xaa' }),
    zs('CommitmentValidated', { sequence: 7, round: 1, prover: B, proofHash: '0xaa' }),
  ));
  h.add(61, block(61,
    zs('RewardPaid', { sequence: 7, round: 1, who: A, amount: 4n * ZKM / 5n, fromFee: 0n }),
    zs('RewardPaid', { sequence: 7, round: 1, who: B, amount: 6n * ZKM / 5n, fromFee: 0n }),
    zs('SequenceFinalized', { sequence: 7, rollup: 0, round: 1, proofHash: '0xaa', validated: 2, rewarded: 2n * ZKM, feePaid: 0n }),
  ));
  return h;
}

describe('History', () => {
  it('lists the feed newest first, by block and index, with its kinds', () => {
    const feed = story().feed();
    assert.deepEqual(feed.slice(0, 3).map((e) => [e.block, e.method, e.kind]), [
      [61, 'SequenceFinalized', 'sequence'],
      [61, 'RewardPaid', 'reward'],
      [61, 'RewardPaid', 'reward'],
    ]);
    assert.ok(!feed.some((e) => e.method === 'ProofHashCommitted' || e.section === 'proverRegistry'), 'commitments and registry events are not feed items');
    assert.deepEqual(story().feed({ kinds: ['slash', 'displacement', 'failed'] }).map((e) => e.method), ['CommitmentDisplaced', 'RoundFailed', 'CommitterSlashed']);
    assert.equal(story().feed({ limit: 2 }).length, 2);
  });

  it('sums rewards and slashes per block, every block of the range, zero where nothing happened', () => {
    const per = story().perBlock();
    assert.equal(per.length, 61 - 10 + 1);
    assert.deepEqual(per.find((p) => p.block === 61), { block: 61, rewards: 2n * ZKM, slashes: 0n });
    assert.deepEqual(per.find((p) => p.block === 33), { block: 33, rewards: 0n, slashes: 5n * ZKM }, 'the registry Slashed event is not counted twice');
    assert.deepEqual(per.find((p) => p.block === 20), { block: 20, rewards: 0n, slashes: 0n });
    assert.deepEqual(story().perBlock(60, 62).map((p) => p.rewards), [0n, 2n * ZKM, 0n]);
  });

  it('totals rewards, slashes, proved sequences, failed rounds and displacements', () => {
    assert.deepEqual(story().totals(), { rewards: 2n * ZKM, slashes: 5n * ZKM, proved: 1, failed: 1, displaced: 1 });
  });

  it("follows a sequence's rounds: commitments, displacement, validation, rewards and slashes", () => {
    const [r0, r1] = story().roundsOf(7);
    assert.equal(r0.outcome, 'failed');
    assert.deepEqual(r0.commitments.map((c) => [c.prover, c.validated, c.slashed]), [[C, false, 5n * ZKM]]);
    assert.deepEqual([r1.startedAt, r1.settleAt, r1.outcome, r1.proofHash], [40, 61, 'proved', '0xaa']);
    assert.deepEqual(r1.commitments.map((c) => [c.prover, c.stake, c.displaced, c.validated, c.reward]), [
      [C, 95n * ZKM, true, false, null],
      [A, 200n * ZKM, false, true, 4n * ZKM / 5n],
      [B, 300n * ZKM, false, true, 6n * ZKM / 5n],
    ]);
    assert.deepEqual(story().roundsOf(8), []);
  });

  it("gathers one prover's events, newest first", () => {
    const c = story().proverEvents(C).map((e) => `${e.block} ${e.method}`);
    assert.deepEqual(c, ['41 CommitmentDisplaced', '40 ProofHashCommitted', '33 Slashed', '33 CommitterSlashed', '12 ProofHashCommitted']);
    assert.deepEqual(story().proverEvents(A).map((e) => e.method), ['RewardPaid', 'CommitmentValidated', 'SequenceProved', 'ProofHashCommitted']);
  });

  it('lists the proved sequences', () => {
    assert.deepEqual(story().provedSequences().map((p) => [p.sequence, p.block, p.validated]), [[7, 61, 2]]);
  });

  it('takes blocks in any order, replaces a block added again, and reports gaps', () => {
    const h = new History();
    h.add(30, block(30, zs('RewardPaid', { sequence: 1, round: 0, who: A, amount: ZKM, fromFee: 0n })));
    h.add(28, []);
    assert.deepEqual(h.range(), { from: 28, to: 30, count: 2, gaps: 1 });
    const before = h.version;
    h.add(30, block(30, zs('RewardPaid', { sequence: 1, round: 0, who: B, amount: 2n * ZKM, fromFee: 0n })));
    assert.ok(h.version > before);
    assert.deepEqual(h.feed().map((e) => e.data.who), [B], 'the re-organised block replaced the old one');
    assert.equal(h.totals().rewards, 2n * ZKM);
    h.add(29, []);
    assert.equal(h.range().gaps, 0);
    h.reset();
    assert.deepEqual(h.range(), { from: null, to: null, count: 0, gaps: 0 });
    assert.deepEqual(h.perBlock(), []);
  });

  it('keeps at most maxBlocks blocks, dropping the oldest', () => {
    const h = new History({ maxBlocks: 3 });
    for (const n of [5, 1, 4, 2, 3]) h.add(n, []);
    assert.deepEqual(h.range(), { from: 3, to: 5, count: 3, gaps: 0 });
  });

  it('refuses what is not a block number', () => {
    assert.throws(() => new History().add(-1, []), /not a block number/);
    assert.throws(() => new History().add('7', []), /not a block number/);
  });
});

describe('amountsOf', () => {
  it('reads the amount of rewards and of both kinds of slash', () => {
    assert.deepEqual(amountsOf({ section: 'zkpSubmission', method: 'RewardPaid', data: { amount: 3n } }), { reward: 3n, slash: 0n });
    assert.deepEqual(amountsOf({ section: 'zkpSubmission', method: 'IncorrectProofSlashed', data: { slashed: 4n } }), { reward: 0n, slash: 4n });
    assert.deepEqual(amountsOf({ section: 'proverRegistry', method: 'Slashed', data: { amount: 4n } }), { reward: 0n, slash: 0n });
  });
});
