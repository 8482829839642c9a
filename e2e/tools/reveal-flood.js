// Fills blocks with reveals on a running dev node, for `scripts/measure-reveal-block.sh`:
// the worst reveal the pool admits, a well-formed proof that does not verify (its sender an
// active prover, the sequence not proved yet), so every one runs the full pairing check and
// fails with InvalidProof, charged its full pre-dispatch weight.
//
//   node tools/reveal-flood.js WS_URL PROVERS REVEALS_PER_PROVER OUT_JSON
//
// Funds PROVERS fresh accounts from Alice, registers them as provers, has Ferdie submit
// sequence A of the test vectors on the demo rollup and a fresh prover commit to one of its
// valid proofs (the round starts), then, as the reveal window opens, sends
// PROVERS x REVEALS_PER_PROVER junk reveals at once. Waits until they are all in blocks (or
// the window ends) and writes `{ blocks: [{ number, reveals, failed }], first, last }` to
// OUT_JSON: the blocks that carried reveals.

import { writeFileSync } from 'node:fs';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { commitmentOf, loadVectors } from '../lib/vectors.js';

const [url, proversArg, perProverArg, out] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node tools/reveal-flood.js WS_URL PROVERS REVEALS_PER_PROVER OUT_JSON');
  process.exit(2);
}
const PROVERS = Number(proversArg);
const PER_PROVER = Number(perProverArg);
const log = (...parts) => process.stdout.write(`${parts.join(' ')}\n`);

/** Send `txs` (`[[pair, tx]]`), each signer's with consecutive nonces, and wait for all. */
async function inBlocks(api, txs) {
  const next = new Map();
  const pending = [];
  for (const [pair, tx] of txs) {
    if (!next.has(pair.address)) {
      next.set(pair.address, (await api.rpc.system.accountNextIndex(pair.address)).toNumber());
    }
    const nonce = next.get(pair.address);
    next.set(pair.address, nonce + 1);
    pending.push(
      new Promise((resolve, reject) => {
        tx.signAndSend(pair, { nonce }, ({ status, dispatchError }) => {
          if (status.isInBlock) resolve({ ok: !dispatchError, block: status.asInBlock.toHex() });
          if (status.isInvalid || status.isDropped) reject(new Error(`transaction ${status.type}`));
        }).catch(reject);
      }),
    );
  }
  return Promise.all(pending);
}

async function bestNumber(api) {
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

async function main() {
  await cryptoWaitReady();
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const ferdie = keyring.addFromUri('//Ferdie');
  const vectors = loadVectors();
  const unit = 10n ** BigInt(api.registry.chainDecimals[0]);
  const stake = api.consts.proverRegistry.minProverStake.toBigInt() * 2n;

  const flooders = Array.from({ length: PROVERS }, (_, i) => keyring.addFromUri(`//Flood/${i}`));
  const committer = keyring.addFromUri('//Flood/committer');
  const everyone = [...flooders, committer];
  log(`funding and registering ${everyone.length} provers (stake ${stake / unit} each)`);
  await inBlocks(api, everyone.map((p) => [alice, api.tx.balances.transferKeepAlive(p.address, stake + 1000n * unit)]));
  await inBlocks(api, everyone.map((p) => [p, api.tx.proverRegistry.register(stake)]));

  const a = vectors.sequenceA;
  const [submitted] = await inBlocks(api, [
    [ferdie, api.tx.zkpSubmission.submitSequence(0, a.publicInputs, u8aToHex(a.batch), 0)],
  ]);
  const sequence = (await api.query.zkpSubmission.nextSequenceId()).toNumber() - 1;
  log(`sequence ${sequence} submitted in ${submitted.block}`);
  const proof = a.validProofs[0];
  await inBlocks(api, [[committer, api.tx.zkpSubmission.commitProofHash(sequence, commitmentOf(proof, committer.address))]]);
  const windows = (await api.query.zkpSubmission.sequences(sequence)).unwrap().windows.unwrap();
  const revealStart = windows.revealStart.toNumber();
  const revealEnd = windows.revealEnd.toNumber();
  log(`round started; reveal window ${revealStart}..=${revealEnd}`);

  // Sign everything before the window opens; send once its first block is in (the pool
  // judges against its latest view, which may lag the announced block by a moment).
  const junk = vectors.sequenceB.validProofs[0]; // a valid proof of another statement
  const signed = [];
  for (const pair of flooders) {
    const first = (await api.rpc.system.accountNextIndex(pair.address)).toNumber();
    for (let i = 0; i < PER_PROVER; i += 1) {
      signed.push(await api.tx.zkpSubmission.submitProof(sequence, junk).signAsync(pair, { nonce: first + i }));
    }
  }
  log(`${signed.length} junk reveals signed; waiting for block ${revealStart}`);
  while ((await bestNumber(api)) < revealStart) await new Promise((r) => setTimeout(r, 200));
  const results = await Promise.allSettled(signed.map((tx) => api.rpc.author.submitExtrinsic(tx)));
  const refused = results.filter((r) => r.status === 'rejected');
  log(`${signed.length - refused.length} admitted by the pool, ${refused.length} refused${refused.length ? `: ${refused[0].reason.message}` : ''}`);

  // Follow the blocks until the pool is empty or the window is over.
  const blocks = [];
  let number = revealStart + 1;
  while (number <= revealEnd + 1) {
    while ((await bestNumber(api)) < number) await new Promise((r) => setTimeout(r, 200));
    const hash = await api.rpc.chain.getBlockHash(number);
    const block = await api.rpc.chain.getBlock(hash);
    const events = await (await api.at(hash)).query.system.events();
    const reveals = block.block.extrinsics.filter((x) => x.method.section === 'zkpSubmission' && x.method.method === 'submitProof').length;
    const failed = events.filter((e) => e.event.section === 'system' && e.event.method === 'ExtrinsicFailed').length;
    const weight = (await (await api.at(hash)).query.system.blockWeight()).normal.refTime.toBigInt();
    log(`block ${number}: ${reveals} reveals (${failed} failed), normal weight ${weight / 1_000_000n} ms`);
    if (reveals > 0) blocks.push({ number, reveals, failed });
    const pending = (await api.rpc.author.pendingExtrinsics()).length;
    if (pending === 0 && reveals === 0 && blocks.length > 0) break;
    number += 1;
  }
  writeFileSync(out, JSON.stringify({ sequence, revealStart, revealEnd, blocks }, null, 2));
  await api.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
