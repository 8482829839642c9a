// Scenario 0: the node is the fast-runtime dev chain the suite is written for. The other
// scenarios read every number from the chain; this one states what they expect to read.

import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { sameAccount } from '../lib/events.js';
import { DEMO_ROLLUP } from '../lib/context.js';
import { units } from '../lib/protocol.js';
import { holdIs, registrationDeposit } from '../lib/state.js';

export default {
  tag: 'S0',
  title: '0. the node runs the fast-runtime dev chain (constants read from the chain)',
  budgetBlocks: () => 10,

  async run(ctx) {
    const { api, consts, accounts } = ctx;
    assert.equal(consts.blockMs, 1000, 'a fast-runtime node has 1-second blocks (Aura slot duration)');
    assert.equal(consts.decimals, 12);
    assert.equal(consts.token, 'ZKM');
    assert.equal(consts.commitWindow, 10);
    assert.equal(consts.revealWindow, 10);
    assert.equal(consts.rewardPerSequence, units(consts, 2));
    assert.equal(consts.unbondingPeriod, 116, 'the slashable window (10 + 10 + 1 + 5 * 16 = 101 blocks) plus 15');
    assert.equal(consts.minProverStake, units(consts, 10_000));
    assert.deepEqual(consts.slash, {
      IncorrectHash: 100_000_000n,
      IncorrectProof: 200_000_000n,
      NoValidProof: 50_000_000n,
    });
    assert.equal(consts.maxProofLen, 512);
    assert.equal(consts.maxBatchLen, 65536);
    assert.equal(consts.maxPublicInputs, 16);
    assert.equal(consts.maxCommitmentsPerSequence, 32);
    assert.equal(consts.maxFailedRounds, 3);
    assert.equal(consts.maxRollups, 5, 'the fast runtime has 5 rollups at once (4 slotted, 1 open)');
    assert.equal(consts.rewardSlots, 4, 'the fast runtime has 4 reward slots');
    // Open rollups: the deposit, the fees, the kept proofs.
    assert.equal(consts.rollupDepositBase, units(consts, 100), 'RollupDepositBase = 100 ZKM');
    assert.equal(consts.rollupDepositPerByte, units(consts, '0.01'), 'RollupDepositPerByte = 0.01 ZKM');
    assert.equal(consts.minFeeContribution, units(consts, '0.01'), 'MinFeeContribution = 0.01 ZKM');
    assert.equal(consts.maxFeePayers, 8, 'MaxFeePayers: the sequencer and 7 subsidisers');
    assert.equal(consts.proofRetention, 100, 'proofs are kept 100 blocks after settlement in the fast runtime');
    assert.equal(consts.maxVerifyingKeyLen, 4096);
    // A key with 3 public inputs has 360 bytes: 100 + 3.6 ZKM.
    assert.equal(await registrationDeposit(api, 360), units(consts, '103.6'), 'registrationDeposit(360) (runtime API)');
    assert.equal(await registrationDeposit(api, 0), consts.rollupDepositBase, 'registrationDeposit(0) = the base');

    // ZkpSubmissionApi version 3 (v2: prover_capacity, batch_data_hash; v3:
    // registration_deposit, sequence_fee, proof); the transaction
    // extensions end with CheckReveal (the pool's check of reveals, no payload),
    // CheckMetadataHash (every transaction of the suite is signed with its mode Disabled) and
    // WeightReclaim (no payload), which polkadot.js signs.
    const apiId = blake2AsHex('ZkpSubmissionApi', 64);
    const version = api.runtimeVersion.apis.find(([id]) => id.toHex() === apiId);
    assert.ok(version, 'the runtime declares ZkpSubmissionApi');
    assert.equal(version[1].toNumber(), 3, 'ZkpSubmissionApi version');
    assert.deepEqual(api.registry.signedExtensions.slice(-3), ['CheckReveal', 'CheckMetadataHash', 'WeightReclaim']);
    assert.equal(consts.maxPreparedKeyLen, 1733, 'a prepared key with 16 inputs');

    const rollup = await api.query.zkpSubmission.rollups(DEMO_ROLLUP);
    assert.ok(rollup.isSome, 'the demo rollup is registered at genesis');
    assert.ok(sameAccount(rollup.unwrap().sequencer, accounts.sequencer.address), 'its sequencer is Ferdie');
    assert.ok(sameAccount(rollup.unwrap().owner, accounts.sequencer.address), 'a genesis rollup is owned by its sequencer');
    assert.ok(rollup.unwrap().deposit.isNone, 'a genesis rollup holds no deposit');
    assert.equal(rollup.unwrap().slotted.isTrue, true, 'a genesis rollup has a reward slot');
    const ferdieHolds = await api.query.balances.holds(accounts.sequencer.address);
    assert.ok(
      !ferdieHolds.some((h) => holdIs(h, 'zkpSubmission', 'RollupDeposit')),
      'no deposit is held on the owner of the genesis rollup',
    );
    for (const role of ['sequencer', 'funder', 'proverA', 'proverB', 'proverC', 'dave', 'eve', 'early', 'late', 'checker', 'outsider', 'whale']) {
      const account = await api.query.system.account(accounts[role].address);
      assert.ok(account.data.free.toBigInt() >= units(consts, 1_000_000), `${role} is a funded dev account`);
    }
    // The rollups the suite registered (setUp) have the demo rollup's sequencer and key, the
    // funder as owner with its deposit, and a reward slot (governance).
    const demo = rollup.unwrap();
    const demoRecord = (await api.query.zkpSubmission.verifyingKeys(DEMO_ROLLUP, demo.keyVersion)).unwrap();
    const demoKey = demoRecord.keyHash.toHex();
    // Stored prepared (901 bytes for three inputs: e(alpha, beta), -gamma, -delta and the
    // input points, uncompressed), not as registered (360 bytes).
    assert.equal(demoRecord.prepared.length, 901, 'the demo key is stored prepared');
    for (const id of ctx.rollups.filter((r) => r !== DEMO_ROLLUP)) {
      const extra = (await api.query.zkpSubmission.rollups(id)).unwrap();
      assert.ok(sameAccount(extra.sequencer, accounts.sequencer.address), `rollup ${id}: sequencer`);
      assert.ok(sameAccount(extra.owner, accounts.funder.address), `rollup ${id}: owner (who registered it)`);
      assert.equal(extra.deposit.unwrap().toBigInt(), units(consts, '103.6'), `rollup ${id}: deposit of a 360-byte key`);
      assert.equal(extra.slotted.isTrue, true, `rollup ${id}: slotted by governance`);
      assert.equal(extra.status.type, 'Active', `rollup ${id}: active`);
      const key = (await api.query.zkpSubmission.verifyingKeys(id, extra.keyVersion)).unwrap().keyHash.toHex();
      assert.equal(key, demoKey, `rollup ${id}: the demo rollup's verifying key`);
    }
    const extras = ctx.rollups.length - 1;
    const funderHolds = await api.query.balances.holds(accounts.funder.address);
    const deposits = funderHolds
      .filter((h) => holdIs(h, 'zkpSubmission', 'RollupDeposit'))
      .reduce((acc, h) => acc + h.amount.toBigInt(), 0n);
    assert.equal(deposits, units(consts, '103.6') * BigInt(extras), `the funder holds the deposits of its ${extras} rollups`);
    assert.equal(
      (await api.query.zkpSubmission.slottedRollups()).toNumber(),
      1 + extras,
      'SlottedRollups: the demo rollup and the extra rollups (scenario 11\'s rollup has none)',
    );
    const sudo = await api.query.sudo.key();
    assert.ok(sameAccount(sudo.unwrap(), accounts.funder.address), 'Alice is sudo');
  },
};
