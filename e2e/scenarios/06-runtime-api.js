// Scenario 6: the runtime API's commitment helper (`ZkpSubmissionApi_commitment`) gives the
// same commitment the client computes with @polkadot/util-crypto:
// blake2_256(blake2_256(proof) ++ SCALE(AccountId32)).

import assert from 'node:assert/strict';
import { commitmentOf, proofHash } from '../lib/vectors.js';

export default {
  tag: 'S6',
  title: '6. runtime API commitment = client-side commitment',
  budgetBlocks: () => 20,

  async run(ctx, step, note) {
    const { api, accounts, vectors } = ctx;
    const proofs = [...vectors.validProofs, vectors.invalidProof, vectors.garbageProof, '0x'];
    const who = [accounts.sequencer, accounts.proverA, accounts.outsider, accounts.honest];

    await step(`${proofs.length} proofs x ${who.length} accounts: runtime API and JavaScript agree`, async () => {
      const seen = new Set();
      for (const proof of proofs) {
        for (const pair of who) {
          const onChain = (await api.call.zkpSubmissionApi.commitment(proof, pair.address)).toHex();
          const client = commitmentOf(proof, pair.address);
          assert.equal(onChain, client, `commitment of proof ${proofHash(proof)} for ${pair.address}`);
          seen.add(client);
        }
      }
      // A commitment binds the proof and the account: all distinct.
      assert.equal(seen.size, proofs.length * who.length, 'every (proof, account) pair has its own commitment');
    });

    await step('the helper is deterministic across blocks', async () => {
      const proof = vectors.validProofs[0];
      const header = await api.rpc.chain.getHeader();
      await ctx.heads.waitBlocks(1, 'one more block');
      const at = await api.at(header.hash);
      const [then, now] = await Promise.all([
        at.call.zkpSubmissionApi.commitment(proof, accounts.proverA.address),
        api.call.zkpSubmissionApi.commitment(proof, accounts.proverA.address),
      ]);
      assert.equal(then.toHex(), now.toHex());
      note(`commitment(proof_1, //Alice//stash) = ${now.toHex()}`);
    });
  },
};
