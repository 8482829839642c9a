// Scenario 0: the node is the fast-runtime dev chain the suite is written for. The other
// scenarios read every number from the chain; this one states what they expect to read.

import assert from 'node:assert/strict';
import { blake2AsHex } from '@polkadot/util-crypto';
import { sameAccount } from '../lib/events.js';
import { DEMO_ROLLUP } from '../lib/context.js';
import { units } from '../lib/protocol.js';

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
    assert.equal(consts.unbondingPeriod, 100);
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
    assert.equal(consts.maxRollups, 4, 'the fast runtime has 4 rollup slots');

    // ZkpSubmissionApi version 2 (prover_capacity, batch_data_hash); the transaction
    // extensions end with CheckReveal (the pool's check of reveals, no payload),
    // CheckMetadataHash (every transaction of the suite is signed with its mode Disabled) and
    // WeightReclaim (no payload), which polkadot.js signs.
    const apiId = blake2AsHex('ZkpSubmissionApi', 64);
    const version = api.runtimeVersion.apis.find(([id]) => id.toHex() === apiId);
    assert.ok(version, 'the runtime declares ZkpSubmissionApi');
    assert.equal(version[1].toNumber(), 2, 'ZkpSubmissionApi version');
    assert.deepEqual(api.registry.signedExtensions.slice(-3), ['CheckReveal', 'CheckMetadataHash', 'WeightReclaim']);
    assert.equal(consts.maxPreparedKeyLen, 1733, 'a prepared key with 16 inputs');

    const rollup = await api.query.zkpSubmission.rollups(DEMO_ROLLUP);
    assert.ok(rollup.isSome, 'the demo rollup is registered at genesis');
    assert.ok(sameAccount(rollup.unwrap().sequencer, accounts.sequencer.address), 'its sequencer is Ferdie');
    for (const role of ['sequencer', 'funder', 'proverA', 'proverB', 'proverC', 'dave', 'eve', 'early', 'late', 'checker', 'outsider', 'whale']) {
      const account = await api.query.system.account(accounts[role].address);
      assert.ok(account.data.free.toBigInt() >= units(consts, 1_000_000), `${role} is a funded dev account`);
    }
    // The rollups the suite registered (setUp) have the demo rollup's sequencer and key.
    const demo = rollup.unwrap();
    const demoRecord = (await api.query.zkpSubmission.verifyingKeys(DEMO_ROLLUP, demo.keyVersion)).unwrap();
    const demoKey = demoRecord.keyHash.toHex();
    // Stored prepared (901 bytes for three inputs: e(alpha, beta), -gamma, -delta and the
    // input points, uncompressed), not as registered (360 bytes).
    assert.equal(demoRecord.prepared.length, 901, 'the demo key is stored prepared');
    for (const id of ctx.rollups.filter((r) => r !== DEMO_ROLLUP)) {
      const extra = (await api.query.zkpSubmission.rollups(id)).unwrap();
      assert.ok(sameAccount(extra.sequencer, accounts.sequencer.address), `rollup ${id}: sequencer`);
      assert.equal(extra.status.type, 'Active', `rollup ${id}: active`);
      const key = (await api.query.zkpSubmission.verifyingKeys(id, extra.keyVersion)).unwrap().keyHash.toHex();
      assert.equal(key, demoKey, `rollup ${id}: the demo rollup's verifying key`);
    }
    const sudo = await api.query.sudo.key();
    assert.ok(sameAccount(sudo.unwrap(), accounts.funder.address), 'Alice is sudo');
  },
};
