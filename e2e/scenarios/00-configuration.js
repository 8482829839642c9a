// Scenario 0: the node is the fast-runtime dev chain the suite is written for. The other
// scenarios read every number from the chain; this one states what they expect to read.

import assert from 'node:assert/strict';
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

    const rollup = await api.query.zkpSubmission.rollups(DEMO_ROLLUP);
    assert.ok(rollup.isSome, 'the demo rollup is registered at genesis');
    assert.ok(sameAccount(rollup.unwrap().sequencer, accounts.sequencer.address), 'its sequencer is Ferdie');
    for (const role of ['sequencer', 'funder', 'proverA', 'proverB', 'proverC', 'dave', 'eve', 'early', 'late', 'checker', 'outsider']) {
      const account = await api.query.system.account(accounts[role].address);
      assert.ok(account.data.free.toBigInt() >= units(consts, 1_000_000), `${role} is a funded dev account`);
    }
    const sudo = await api.query.sudo.key();
    assert.ok(sameAccount(sudo.unwrap(), accounts.funder.address), 'Alice is sudo');
  },
};
