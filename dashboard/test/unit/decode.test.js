// Decoding: values made with the runtime's own types (its metadata), encoded to SCALE as the
// node sends them, decoded again, and read by src/data/decode.js into plain values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import {
  capacityValue,
  eventValue,
  fetchedProofValue,
  ledgerValue,
  plain,
  rollupValue,
  roundValue,
  sequenceValue,
  statusValue,
  verifyingKeyValue,
} from '../../src/data/decode.js';
import { eventRecords, runtimeRegistry } from './metadata.js';

await cryptoWaitReady();
const { registry } = runtimeRegistry();
const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
const ALICE = keyring.addFromUri('//Alice').address;
const BOB = keyring.addFromUri('//Bob').address;
const ZKM = 10n ** 12n;
const h = (byte) => `0x${byte.repeat(32)}`;

/** `json` as the runtime's type `name`, through SCALE bytes (what the node sends). */
function wire(name, json) {
  const bytes = registry.createType(name, json).toU8a();
  return registry.createType(name, bytes);
}

describe('decoding storage values', () => {
  it('reads a sequence in a round, proved, with two fee payers', () => {
    const codec = wire('Option<PalletZkpSubmissionSequence>', {
      rollup: 3,
      keyVersion: 2,
      publicInputs: [h('01'), h('02'), h('03')],
      dataHash: h('aa'),
      dataLen: 160,
      submittedAt: 90,
      round: 1,
      windows: { commitStart: 100, commitEnd: 110, revealStart: 111, revealEnd: 120, settleAt: 121 },
      proved: { proofHash: h('bb'), by: BOB, at: 112 },
      fee: [
        { payer: ALICE, amount: 3n * ZKM },
        { payer: BOB, amount: ZKM / 2n },
      ],
    });
    const s = sequenceValue(registry.createType('u64', 77), codec);
    assert.deepEqual(s, {
      id: 77,
      rollup: 3,
      keyVersion: 2,
      publicInputs: [h('01'), h('02'), h('03')],
      dataHash: h('aa'),
      dataLen: 160,
      submittedAt: 90,
      round: 1,
      windows: { commitStart: 100, commitEnd: 110, revealStart: 111, revealEnd: 120, settleAt: 121 },
      proved: { proofHash: h('bb'), by: BOB, at: 112 },
      fee: 3n * ZKM + ZKM / 2n,
      feePayers: [
        { payer: ALICE, amount: 3n * ZKM },
        { payer: BOB, amount: ZKM / 2n },
      ],
    });
  });

  it('reads an open sequence: no windows, not proved, no fee', () => {
    const codec = wire('PalletZkpSubmissionSequence', {
      rollup: 0, keyVersion: 0, publicInputs: [], dataHash: h('00'), dataLen: 32, submittedAt: 5, round: 0, windows: null, proved: null, fee: [],
    });
    const s = sequenceValue(registry.createType('u64', 0), codec);
    assert.equal(s.windows, null);
    assert.equal(s.proved, null);
    assert.equal(s.fee, 0n);
    assert.deepEqual(s.feePayers, []);
  });

  it('reads a round: commitments in commit order with stake snapshots, reservations, validation', () => {
    const codec = wire('Option<PalletZkpSubmissionRound>', {
      commitments: [
        { prover: ALICE, commitment: h('01'), stake: 200_000n * ZKM, reserved: 40_000n * ZKM, validated: true },
        { prover: BOB, commitment: h('02'), stake: 500_000n * ZKM, reserved: 100_000n * ZKM, validated: false },
      ],
      validProofs: [h('cc')],
    });
    assert.deepEqual(roundValue(codec), {
      commitments: [
        { prover: ALICE, commitment: h('01'), stake: 200_000n * ZKM, reserved: 40_000n * ZKM, validated: true },
        { prover: BOB, commitment: h('02'), stake: 500_000n * ZKM, reserved: 100_000n * ZKM, validated: false },
      ],
      validProofs: [h('cc')],
    });
  });

  it('reads rollups with and without a deposit', () => {
    const open = rollupValue(
      registry.createType('u32', 4),
      wire('Option<PalletZkpSubmissionRollup>', {
        owner: ALICE, sequencer: BOB, deposit: 1036n * ZKM / 10n, slotted: false, keyVersion: 1, status: 'Retiring', sequences: [8, 9], latestProved: 7,
      }),
    );
    assert.deepEqual(open, { id: 4, owner: ALICE, sequencer: BOB, deposit: 1036n * ZKM / 10n, slotted: false, keyVersion: 1, status: 'Retiring', sequences: [8, 9], latestProved: 7 });
    const genesis = rollupValue(
      registry.createType('u32', 0),
      wire('PalletZkpSubmissionRollup', { owner: BOB, sequencer: BOB, deposit: null, slotted: true, keyVersion: 0, status: 'Active', sequences: [], latestProved: null }),
    );
    assert.equal(genesis.deposit, null);
    assert.equal(genesis.slotted, true);
    assert.equal(genesis.latestProved, null);
  });

  it('reads a verifying key record without its prepared bytes', () => {
    const codec = wire('Option<PalletZkpSubmissionVerifyingKeyRecord>', { prepared: `0x${'ab'.repeat(901)}`, keyHash: h('dd'), publicInputs: 3, users: 2 });
    assert.deepEqual(verifyingKeyValue(codec), { keyHash: h('dd'), publicInputs: 3, users: 2, preparedLen: 901 });
    assert.equal(verifyingKeyValue(wire('Option<PalletZkpSubmissionVerifyingKeyRecord>', null)), null);
  });

  it('reads a prover ledger with unbonding chunks', () => {
    const codec = wire('Option<PalletProverRegistryProverLedger>', {
      bonded: 150_000n * ZKM,
      unbonding: [{ value: 20_000n * ZKM, unlockAt: 300 }, { value: 30_000n * ZKM, unlockAt: 350 }],
      pendingCommitments: 2,
      reserved: 60_000n * ZKM,
      rewarded: 7n * ZKM / 5n,
      slashed: 10_000n * ZKM,
    });
    assert.deepEqual(ledgerValue(codec), {
      bonded: 150_000n * ZKM,
      unbonding: [{ value: 20_000n * ZKM, unlockAt: 300 }, { value: 30_000n * ZKM, unlockAt: 350 }],
      unbondingTotal: 50_000n * ZKM,
      pendingCommitments: 2,
      reserved: 60_000n * ZKM,
      rewarded: 7n * ZKM / 5n,
      slashed: 10_000n * ZKM,
    });
    assert.equal(ledgerValue(wire('Option<PalletProverRegistryProverLedger>', null)), null);
  });
});

describe('decoding runtime API answers', () => {
  it('reads sequence_status in each phase', () => {
    const windows = { commitStart: 10, commitEnd: 20, revealStart: 21, revealEnd: 30, settleAt: 31 };
    for (const phase of ['Open', 'Commit', 'Reveal', 'AwaitingSettlement']) {
      const codec = wire('Option<PalletZkpSubmissionSequenceStatus>', {
        rollup: 1, round: 2, phase, windows: phase === 'Open' ? null : windows, proved: phase === 'Reveal' ? h('ee') : null, commitments: 3,
      });
      assert.deepEqual(statusValue(codec), {
        rollup: 1, round: 2, phase, windows: phase === 'Open' ? null : windows, proved: phase === 'Reveal' ? h('ee') : null, commitments: 3,
      });
    }
    assert.equal(statusValue(wire('Option<PalletZkpSubmissionSequenceStatus>', null)), null);
  });

  it('reads prover_capacity with and without a next commitment', () => {
    const able = capacityValue(wire('ZkminePrimitivesProverCapacity', { bonded: 200_000n * ZKM, reserved: 40_000n * ZKM, free: 160_000n * ZKM, active: true, next: { stake: 160_000n * ZKM, reserved: 32_000n * ZKM } }));
    assert.deepEqual(able, { bonded: 200_000n * ZKM, reserved: 40_000n * ZKM, free: 160_000n * ZKM, active: true, next: { stake: 160_000n * ZKM, reserved: 32_000n * ZKM } });
    const refused = capacityValue(wire('ZkminePrimitivesProverCapacity', { bonded: 5_000n * ZKM, reserved: 0, free: 5_000n * ZKM, active: false, next: null }));
    assert.equal(refused.active, false);
    assert.equal(refused.next, null);
  });

  it('reads the kept proof before and after settlement', () => {
    const proof = `0x${'5a'.repeat(128)}`;
    const name = 'Option<PalletZkpSubmissionProofRecord>';
    const kept = { rollup: 4, keyVersion: 0, round: 1, proofHash: h('ff'), proof, by: ALICE, provedAt: 211, expiresAt: null };
    assert.deepEqual(fetchedProofValue(wire(name, kept)), kept);
    assert.deepEqual(fetchedProofValue(wire(name, { ...kept, expiresAt: 322 })), { ...kept, expiresAt: 322 });
    assert.equal(fetchedProofValue(wire(name, null)), null);
  });
});

describe('decoding events', () => {
  const records = eventRecords(registry, [
    { phase: { Initialization: null }, pallet: 'ZkpSubmission', event: { RewardPaid: { sequence: 12, round: 0, who: ALICE, amount: ZKM, fromFee: ZKM / 4n } } },
    { phase: { Initialization: null }, pallet: 'ZkpSubmission', event: { CommitterSlashed: { sequence: 12, round: 0, who: BOB, reason: 'IncorrectHash', amount: 20_000n * ZKM } } },
    { phase: { ApplyExtrinsic: 2 }, pallet: 'ZkpSubmission', event: { CommitmentDisplaced: { sequence: 13, round: 1, displaced: BOB, displacedStake: 10_000n * ZKM, by: ALICE, stake: 500_000n * ZKM } } },
    { phase: { ApplyExtrinsic: 3 }, pallet: 'ZkpSubmission', event: { RollupRemoved: { rollup: 2, latestProved: null, depositReturned: 0 } } },
    { phase: { Finalization: null }, pallet: 'ProverRegistry', event: { Slashed: { who: BOB, amount: 20_000n * ZKM, reason: 'NoValidProof' } } },
  ]);

  it('names each event and its fields, in camelCase, with plain values', () => {
    const events = records.map((r, i) => eventValue(50, i, r));
    assert.deepEqual(events[0], {
      block: 50, index: 0, section: 'zkpSubmission', method: 'RewardPaid', initialization: true, extrinsic: null,
      data: { sequence: 12, round: 0, who: ALICE, amount: ZKM, fromFee: ZKM / 4n },
    });
    assert.deepEqual(events[1].data, { sequence: 12, round: 0, who: BOB, reason: 'IncorrectHash', amount: 20_000n * ZKM });
    assert.equal(events[2].extrinsic, 2);
    assert.equal(events[2].initialization, false);
    assert.deepEqual(events[2].data, { sequence: 13, round: 1, displaced: BOB, displacedStake: 10_000n * ZKM, by: ALICE, stake: 500_000n * ZKM });
    assert.deepEqual(events[3].data, { rollup: 2, latestProved: null, depositReturned: 0n });
    assert.equal(events[4].section, 'proverRegistry');
    assert.deepEqual(events[4].data, { who: BOB, amount: 20_000n * ZKM, reason: 'NoValidProof' });
  });

  it('reads every event of both pallets without an unknown type', () => {
    // Each variant of each pallet's event enum, made with default field values: `plain`
    // must know every codec the runtime's events use (it throws on an unknown one).
    for (const pallet of ['ZkpSubmission', 'ProverRegistry']) {
      const type = `Pallet${pallet}Event`;
      const variants = registry.createType(type).defKeys;
      assert.ok(variants.length >= 8, `${type} has its variants`);
      for (const variant of variants) {
        const [record] = eventRecords(registry, [{ phase: { Initialization: null }, pallet, event: { [variant]: undefined } }]);
        const value = eventValue(1, 0, record);
        assert.equal(value.method, variant);
        assert.equal(typeof value.data, 'object');
      }
    }
  });
});

describe('plain', () => {
  it('turns integers up to 64 bits into numbers and wider ones into BigInt', () => {
    assert.equal(plain(registry.createType('u32', 7)), 7);
    assert.equal(plain(registry.createType('u64', 2 ** 40)), 2 ** 40);
    assert.equal(plain(registry.createType('u128', 5n * ZKM)), 5n * ZKM);
  });

  it('refuses an id beyond 2^53 instead of rounding it', () => {
    assert.throws(() => plain(registry.createType('u64', 2n ** 60n)), /not a safe integer/);
  });

  it('refuses a value it does not know', () => {
    assert.throws(() => plain({ toRawType: () => 'Mystery' }), /cannot read a chain value of type Mystery/);
  });
});
