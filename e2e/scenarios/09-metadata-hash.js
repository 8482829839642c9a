// Scenario 9: metadata-hash signers (RFC-0078, `CheckMetadataHash`). The runtime's WASM
// embeds the hash of its metadata (token symbol ZKM, 12 decimals; runtime/build.rs). The
// client computes the same hash from the node's metadata V15 with
// @polkadot-api/merkleize-metadata, and a transfer signed with the mode Enabled and that
// hash is included; signed with a wrong hash, the signature covers other additional data
// than the chain's, and the pool refuses it as a bad proof (no fee is charged).

import assert from 'node:assert/strict';
import { u8aToHex, hexToU8a } from '@polkadot/util';
import { merkleizeMetadata } from '@polkadot-api/merkleize-metadata';
import { send, expectRefusalLocked } from '../lib/tx.js';
import { oneEvent, sameAccount } from '../lib/events.js';
import { accountAround, accountState } from '../lib/state.js';
import { units, assertOk } from '../lib/protocol.js';

/** CheckMetadataHash's `mode`: 0 Disabled (the rest of the suite), 1 Enabled. */
const MODE_ENABLED = 1;

/** What polkadot.js reports when the pool refuses a transaction as a bad proof. */
const BAD_SIGNATURE = '1010: Invalid Transaction: Transaction has a bad signature';

export default {
  tag: 'S9',
  title: '9. metadata-hash signers: CheckMetadataHash with the client-computed hash (a wrong hash is refused)',
  budgetBlocks: () => 40,

  async run(ctx, step, note) {
    const { api, consts, accounts } = ctx;
    const signer = accounts.metadataSigner;
    const recipient = accounts.metadataRecipient;

    await step('the transaction extensions include CheckMetadataHash', () => {
      const names = api.runtimeMetadata.asLatest.extrinsic.transactionExtensions.map((e) => e.identifier.toString());
      assert.ok(names.includes('CheckMetadataHash'), `the metadata's extensions: ${names.join(', ')}`);
      assert.ok(api.registry.signedExtensions.includes('CheckMetadataHash'));
    });

    const hash = await step('the metadata hash of the live runtime, from its metadata V15', async () => {
      const opaque = await api.call.metadata.metadataAtVersion(15);
      assert.ok(opaque.isSome, 'the node serves metadata V15');
      const { specName, specVersion } = api.runtimeVersion;
      const base58Prefix = api.consts.system.ss58Prefix.toNumber();
      assert.equal(base58Prefix, 42, 'the chain SS58 prefix');
      const merkleized = merkleizeMetadata(opaque.unwrap().toU8a(true), {
        specName: specName.toString(),
        specVersion: specVersion.toNumber(),
        base58Prefix,
        decimals: consts.decimals,
        tokenSymbol: consts.token,
      });
      const digest = u8aToHex(merkleized.digest());
      assert.match(digest, /^0x[0-9a-f]{64}$/);
      note(`metadata hash ${digest} (${specName} v${specVersion}, ss58 ${base58Prefix}, ${consts.decimals} decimals, ${consts.token})`);
      return digest;
    });

    await step('Alice funds a fresh signer with 1K (transferKeepAlive, mode Disabled)', async () => {
      const amount = units(consts, 1_000);
      const receipt = await send(ctx, accounts.funder, api.tx.balances.transferKeepAlive(signer.address, amount), 'fund the metadata-hash signer');
      assertOk(receipt);
      const target = await accountAround(api, receipt, signer.address);
      assert.equal(target.before.free, 0n);
      assert.equal(target.after.free, amount);
    });

    const amount = units(consts, 10);
    assert.ok(amount >= consts.existentialDeposit, 'the transfer creates the recipient');

    await step('a transfer signed with mode Enabled and the computed hash is included and succeeds', async () => {
      const receipt = await send(
        ctx,
        signer,
        api.tx.balances.transferKeepAlive(recipient.address, amount),
        'transfer signed with the metadata hash',
        { mode: MODE_ENABLED, metadataHash: hash },
      );
      assertOk(receipt);
      const transfer = oneEvent(receipt.events, 'balances', 'Transfer');
      assert.ok(sameAccount(transfer.from, signer.address));
      assert.ok(sameAccount(transfer.to, recipient.address));
      assert.equal(transfer.amount.toBigInt(), amount);
      assert.ok(receipt.fee > 0n, 'a fee was paid');
      // The included extrinsic carries the mode Enabled (the hash itself is signed, not sent).
      const block = await api.rpc.chain.getBlock(receipt.blockHash);
      assert.equal(block.block.extrinsics[receipt.txIndex].mode.toNumber(), MODE_ENABLED, 'the extrinsic mode');
      const from = await accountAround(api, receipt, signer.address);
      assert.equal(from.after.free, from.before.free - amount - receipt.fee);
      assert.equal(from.after.nonce, from.before.nonce + 1);
      const to = await accountAround(api, receipt, recipient.address);
      assert.equal(to.before.free, 0n);
      assert.equal(to.after.free, amount);
      note(`included in #${receipt.blockNumber}, fee ${receipt.fee}`);
    });

    await step('the same transfer signed with a wrong hash (one byte flipped) is refused: bad signature, no fee', async () => {
      const wrong = hexToU8a(hash);
      wrong[0] ^= 0xff;
      const wrongHash = u8aToHex(wrong);
      assert.notEqual(wrongHash, hash);
      await ctx.locks.run(signer.address, async () => {
        const head = await api.rpc.chain.getHeader();
        const [from, to] = await Promise.all([
          accountState(api, head.hash, signer.address),
          accountState(api, head.hash, recipient.address),
        ]);
        const message = await expectRefusalLocked(
          ctx,
          signer,
          api.tx.balances.transferKeepAlive(recipient.address, amount),
          'transfer signed with a wrong metadata hash',
          { mode: MODE_ENABLED, metadataHash: wrongHash },
        );
        assert.equal(message, BAD_SIGNATURE);
        note(`refused: ${message}`);
        // A few more blocks: the transaction never lands, and the signer paid nothing.
        await ctx.heads.waitBlocks(2, 'two blocks after the refusal');
        const later = await api.rpc.chain.getHeader();
        const [fromLater, toLater] = await Promise.all([
          accountState(api, later.hash, signer.address),
          accountState(api, later.hash, recipient.address),
        ]);
        assert.deepEqual(fromLater, from, 'the signer is unchanged (no fee, same nonce)');
        assert.deepEqual(toLater, to, 'the recipient is unchanged');
        const next = await api.rpc.system.accountNextIndex(signer.address);
        assert.equal(next.toNumber(), from.nonce, 'nothing of the signer waits in the pool');
      });
    });
  },
};
