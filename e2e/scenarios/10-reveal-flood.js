// Scenario 10: a flood of junk reveals does not keep the honest matching reveal of a round
// out of its window (the transaction pool's CheckReveal). Fresh accounts funded by the
// funder: one honest prover, 20 attackers registered with MinProverStake and 5 unstaked
// attackers. The honest prover commits to its valid proof (T). As the reveal window opens
// (best block T+C: the next one is T+C+1), the staked attackers submit 500 junk reveals at
// once (25 each, consecutive nonces: well-formed proofs that do not verify for the
// sequence), which the pool admits at the fee's priority; the unstaked ones 50 more, all
// refused (NotActiveProver, 5); then, late (once a block of the window has taken junk), the
// honest prover reveals. The honest reveal matches its open commitment, so the pool ranks it
// above every junk reveal waiting (priority + 2^63 - 1): it lands in the next block, inside
// the window, and proves the sequence; every junk reveal included before it
// fails with InvalidProof and pays its fee, and none is included after it (doomed:
// NothingToValidate, 6). The pool's verdicts at the window's edges are checked at exact
// blocks with TaggedTransactionQueue_validate_transaction.

import assert from 'node:assert/strict';
import {
  sendAll,
  validateAt,
  signForValidation,
  assertRefusedAt,
  assertAdmittedAt,
  customCodeOf,
  refusalName,
  REVEAL_REFUSAL,
  MATCHING_REVEAL_PRIORITY,
  decodeDispatchError,
} from '../lib/tx.js';
import { eventsOf, oneEvent, sameAccount, blockEvents, assertIssuanceExplained } from '../lib/events.js';
import { accountAround, accountAroundBlock, accountState } from '../lib/state.js';
import { commitmentOf, proofHash } from '../lib/vectors.js';
import { statementOf, FLOOD_STAKED_URI, FLOOD_UNSTAKED_URI } from '../lib/context.js';
import {
  units,
  assertOk,
  registerProvers,
  submitSequence,
  commitAll,
  reveal,
  waitForRevealWindow,
  settlement,
} from '../lib/protocol.js';

/** Staked attackers, and the junk reveals each sends (consecutive nonces). */
const STAKED = 20;
const PER_STAKED = 25;
/** Unstaked (funded, never registered) attackers, and their reveals each. */
const UNSTAKED = 5;
const PER_UNSTAKED = 10;
/** The honest prover reveals once junk is in a block, or this many blocks into the window. */
const JUNK_FIRST_BLOCKS = 3;
/** A sequence id that never existed. */
const NO_SUCH_SEQUENCE = 1_000_000_000;
/** The fee priority of a transaction without a tip is far below this. */
const SMALL_PRIORITY = 1n << 32n;

const sum = (values) => values.reduce((acc, v) => acc + v, 0n);

/**
 * Submit a signed extrinsic without watching it (`author_submitExtrinsic`): resolves with
 * `{ hash }` when the pool admitted it, or `{ error, code }` when it refused it (`code` the
 * `Custom` code or null). Through the provider, so that polkadot.js does not log each of the
 * expected refusals.
 */
function submitUnwatched(api, signed) {
  const provider = api._rpcCore?.provider;
  const call = provider
    ? provider.send('author_submitExtrinsic', [signed.toHex()])
    : api.rpc.author.submitExtrinsic(signed).then((h) => h.toHex());
  return call.then(
    (hash) => ({ hash: typeof hash === 'string' ? hash : hash.toString() }),
    (err) => ({ error: err.message, code: customCodeOf(err.message) }),
  );
}

/** `planck` as a decimal number of ZKM (display only). */
const zkm = (consts, planck) => {
  const frac = (planck % consts.unit).toString().padStart(consts.decimals, '0').replace(/0+$/, '');
  return `${planck / consts.unit}${frac ? `.${frac}` : ''} ${consts.token}`;
};

export default {
  tag: 'S10',
  title: '10. reveal flood: 500 junk reveals of 20 staked attackers (and 50 refused of unstaked ones) do not keep the honest matching reveal out of its window',
  budgetBlocks: (c) => 2 * (c.commitWindow + c.revealWindow) + 70,

  async run(ctx, step, note) {
    const { api, consts, accounts, keyring, vectors, heads } = ctx;
    const statement = statementOf(ctx, 'S10');
    const min = consts.minProverStake;
    const C = consts.commitWindow;
    const R = consts.revealWindow;
    const honest = { name: 'flood honest', pair: accounts.floodHonest, stake: units(consts, 50_000), proof: statement.validProofs[0] };
    const staked = Array.from({ length: STAKED }, (_, i) => ({
      name: `staked attacker ${i}`,
      pair: keyring.addFromUri(FLOOD_STAKED_URI(i)),
      stake: min,
    }));
    const unstaked = Array.from({ length: UNSTAKED }, (_, i) => ({
      name: `unstaked attacker ${i}`,
      pair: keyring.addFromUri(FLOOD_UNSTAKED_URI(i)),
    }));
    // Junk: well-formed proofs that do not verify for this sequence (sequence A's proofs).
    const junkProofs = [...new Set([statement.invalidProof, ...vectors.sequenceA.validProofs])];
    const honestCommitment = commitmentOf(honest.proof, honest.pair.address);
    for (const proof of junkProofs) {
      assert.notEqual(proofHash(proof), proofHash(honest.proof), 'junk is not the honest proof');
      assert.notEqual(commitmentOf(proof, honest.pair.address), honestCommitment, 'junk matches no commitment');
    }
    const submitProof = (sequence, proof) => api.tx.zkpSubmission.submitProof(sequence, proof);

    // The minimum stake and 10 ZKM for the fees (registration, 25 reveals of the
    // worst-case verification weight each); the unstaked attackers 10 ZKM (the pool checks
    // that a reveal's fee can be paid before it looks at the reveal).
    const fundings = [
      { p: honest, amount: units(consts, 100_000) },
      ...staked.map((p) => ({ p, amount: min + units(consts, 10) })),
      ...unstaked.map((p) => ({ p, amount: units(consts, 10) })),
    ];
    await step(`the funder funds ${fundings.length} fresh accounts (consecutive nonces): the honest prover 100K, ${STAKED} staked attackers MinProverStake + 10 ZKM, ${UNSTAKED} unstaked 10 ZKM`, async () => {
      const receipts = await sendAll(
        ctx,
        accounts.funder,
        fundings.map(({ p, amount }) => ({ tx: api.tx.balances.transferKeepAlive(p.pair.address, amount), label: `fund ${p.name}` })),
      );
      const byBlock = new Map();
      for (const [i, receipt] of receipts.entries()) {
        assertOk(receipt);
        const { p, amount } = fundings[i];
        const transfer = oneEvent(receipt.events, 'balances', 'Transfer', () => true, `${receipt.label}: `);
        assert.ok(sameAccount(transfer.to, p.pair.address), `${receipt.label}: to`);
        assert.equal(transfer.amount.toBigInt(), amount, `${receipt.label}: amount`);
        const target = await accountAround(api, receipt, p.pair.address);
        assert.equal(target.before.free, 0n, `${receipt.label}: a fresh account`);
        assert.equal(target.after.free, amount, `${receipt.label}: funded`);
        byBlock.set(receipt.blockHash, [...(byBlock.get(receipt.blockHash) ?? []), { receipt, amount }]);
      }
      for (const [hash, entries] of byBlock) {
        const { before, after } = await accountAroundBlock(api, hash, accounts.funder.address);
        const spent = sum(entries.map(({ receipt, amount }) => amount + receipt.fee));
        assert.equal(after.free, before.free - spent, `the funder's balance in block #${entries[0].receipt.blockNumber}`);
        assert.equal(after.nonce, before.nonce + entries.length, 'one nonce per transfer');
        await assertIssuanceExplained(api, hash, `funding block #${entries[0].receipt.blockNumber}: `);
      }
    });

    const [, { id, receipt: submitted }] = await step(
      `the honest prover registers 50K and the ${STAKED} staked attackers MinProverStake; Ferdie submits sequence ${statement.name} of rollup ${statement.rollup}`,
      () =>
        Promise.all([
          registerProvers(ctx, [honest, ...staked]),
          submitSequence(ctx, 'reveal flood: submit sequence', statement),
        ]),
    );
    note(`sequence ${id}`);

    await step('before any commitment the pool refuses reveals: a sequence that never existed (UnknownSequence, 1), the new sequence without a round (RoundNotStarted, 2)', async () => {
      const hash = submitted.blockHash;
      const unknown = await signForValidation(ctx, honest.pair, submitProof(NO_SUCH_SEQUENCE, honest.proof));
      await assertRefusedAt(api, unknown, hash, REVEAL_REFUSAL.UnknownSequence, `a reveal for sequence ${NO_SUCH_SEQUENCE}`);
      const early = await signForValidation(ctx, honest.pair, submitProof(id, honest.proof));
      await assertRefusedAt(api, early, hash, REVEAL_REFUSAL.RoundNotStarted, `a reveal for sequence ${id} at #${submitted.blockNumber}`);
    });

    const { windows } = await step('the honest prover commits to its valid proof: T', () => commitAll(ctx, id, [honest]));
    const { T } = windows;
    note(`sequence ${id}: T = #${T}, reveal #${windows.revealStart}..#${windows.revealEnd}, settle #${windows.settleAt}`);

    // Signed ahead (mortal, from the current block), submitted at once when the window opens.
    const { junk, refusedJunk } = await step(
      `the attackers sign ${STAKED * PER_STAKED} junk reveals (${PER_STAKED} per staked attacker, consecutive nonces) and ${UNSTAKED * PER_UNSTAKED} unstaked ones ahead`,
      async () => {
        const header = await api.rpc.chain.getHeader();
        const era = api.registry.createType('ExtrinsicEra', { current: header.number, period: 64 });
        const sign = async (attacker, count, offset) => {
          const first = (await api.rpc.system.accountNextIndex(attacker.pair.address)).toNumber();
          const out = [];
          for (let k = 0; k < count; k++) {
            const proof = junkProofs[(offset + k) % junkProofs.length];
            const signed = await submitProof(id, proof).signAsync(attacker.pair, { nonce: first + k, era, blockHash: header.hash });
            out.push({ attacker, nonce: first + k, proof, signed, hash: signed.hash.toHex() });
          }
          return out;
        };
        const junkLists = await Promise.all(staked.map((a, i) => sign(a, PER_STAKED, i)));
        const refusedLists = await Promise.all(unstaked.map((a, i) => sign(a, PER_UNSTAKED, i)));
        return { junk: junkLists.flat(), refusedJunk: refusedLists.flat() };
      },
    );
    const junkByHash = new Map(junk.map((j) => [j.hash, j]));

    const flood = await step(
      `at best block T+${C} the flood: ${junk.length} junk reveals and ${refusedJunk.length} unstaked ones at once; once junk is in a block, the honest reveal`,
      async () => {
        // As soon as T+C is announced (the next block is T+C+1), not one block later as
        // `waitForRevealWindow`: the attackers take the first block of the window.
        await heads.waitFor(windows.commitEnd, `#${windows.commitEnd}`);
        const header = await api.rpc.chain.getHeader();
        const startBlock = header.number.toNumber();
        const startHash = header.hash.toHex();
        assert.ok(startBlock < windows.revealEnd - 2, `the flood starts early in the window (best #${startBlock})`);
        const started = Date.now();
        const [junkAcks, refusedAcks] = await Promise.all([
          Promise.all(junk.map((j) => submitUnwatched(api, j.signed))),
          Promise.all(refusedJunk.map((j) => submitUnwatched(api, j.signed))),
        ]);
        // The pool's view of T+C may lag its announcement (see waitForRevealWindow): what it
        // judged for T+C (RevealNotOpen) an attacker sends again once the window is open.
        const early = junkAcks.map((a, i) => [a, i]).filter(([a]) => a.code === REVEAL_REFUSAL.RevealNotOpen);
        let resent = 0;
        if (early.length > 0 || refusedAcks.some((a) => a.code === REVEAL_REFUSAL.RevealNotOpen)) {
          await waitForRevealWindow(ctx, windows);
          const again = refusedAcks.map((a, i) => [a, i]).filter(([a]) => a.code === REVEAL_REFUSAL.RevealNotOpen);
          await Promise.all([
            ...early.map(async ([, i]) => {
              junkAcks[i] = await submitUnwatched(api, junk[i].signed);
            }),
            ...again.map(async ([, i]) => {
              refusedAcks[i] = await submitUnwatched(api, refusedJunk[i].signed);
            }),
          ]);
          resent = early.length;
        }
        const acked = { block: heads.best, ms: Date.now() - started, resent };
        // The honest prover comes late: once a block of the window has taken junk (at most
        // JUNK_FIRST_BLOCKS blocks into the window), so that it meets a pool full of junk
        // that came first, and the junk that lands pays for it.
        let junkSeenAt = null;
        for (let n = startBlock + 1; n < windows.revealStart + JUNK_FIRST_BLOCKS; n++) {
          const hash = await heads.hashOf(n);
          const block = await api.rpc.chain.getBlock(hash);
          if (block.block.extrinsics.some((ex) => junkByHash.has(ex.hash.toHex()))) {
            junkSeenAt = n;
            break;
          }
        }
        const byHonest = await reveal(ctx, honest.pair, id, honest.proof, 'the honest prover reveals after the flood');
        return { startBlock, startHash, junkAcks, refusedAcks, acked, junkSeenAt, byHonest };
      },
    );
    const { byHonest } = flood;
    note(
      `flood sent at best #${flood.startBlock} (T+${flood.startBlock - T}); the pool answered all ${junk.length + refusedJunk.length} ` +
        `in ${flood.acked.ms} ms (best #${flood.acked.block}${flood.acked.resent ? `, ${flood.acked.resent} judged for T+${C} and sent again` : ''}); ` +
        (flood.junkSeenAt ? `junk in #${flood.junkSeenAt} = T+${flood.junkSeenAt - T}, then ` : 'no junk in a block yet, ') +
        `the honest reveal in #${byHonest.blockNumber} = T+${byHonest.blockNumber - T}`,
    );

    await step(`the pool admitted every junk reveal of the staked attackers and refused every unstaked one: ${refusalName(REVEAL_REFUSAL.NotActiveProver)}`, () => {
      const refused = flood.junkAcks.filter((a) => a.error);
      assert.equal(refused.length, 0, `admitted before the proof: ${refused.slice(0, 3).map((a) => a.error).join('; ')}`);
      for (const [i, ack] of flood.junkAcks.entries()) assert.equal(ack.hash, junk[i].hash, 'the pool names the junk by its hash');
      for (const [i, ack] of flood.refusedAcks.entries()) {
        assert.ok(ack.error, `${refusedJunk[i].attacker.name}'s reveal (nonce ${refusedJunk[i].nonce}) was admitted`);
        assert.equal(ack.code, REVEAL_REFUSAL.NotActiveProver, `${refusedJunk[i].attacker.name}: ${ack.error}`);
      }
    });

    await step('the honest reveal is included inside the window, proves the sequence and validates its commitment', async () => {
      assertOk(byHonest);
      assert.ok(
        byHonest.blockNumber >= windows.revealStart && byHonest.blockNumber <= windows.revealEnd,
        `in the reveal window #${windows.revealStart}..#${windows.revealEnd} (#${byHonest.blockNumber})`,
      );
      const proved = oneEvent(byHonest.events, 'zkpSubmission', 'SequenceProved');
      assert.ok(sameAccount(proved.by, honest.pair.address), 'proved by the honest prover');
      assert.equal(proved.proofHash.toHex(), proofHash(honest.proof));
      const validated = oneEvent(byHonest.events, 'zkpSubmission', 'CommitmentValidated');
      assert.ok(sameAccount(validated.prover, honest.pair.address));
    });

    await step('once the sequence is proved, the junk still waiting is doomed: NothingToValidate (6) at the state of the proof\'s block and the next (it was admitted at the parent)', async () => {
      // A junk reveal the pool would take next: an attacker's, with its nonce at the proof.
      const states = await Promise.all(staked.map((a) => accountState(api, byHonest.blockHash, a.pair.address)));
      const next = junk.find((j) => j.nonce === states[staked.indexOf(j.attacker)].nonce);
      assert.ok(next, 'a junk reveal not included before the proof');
      const admitted = await assertAdmittedAt(api, next.signed, byHonest.parentHash, `${next.attacker.name}'s junk (nonce ${next.nonce}) at #${byHonest.blockNumber - 1}`);
      assert.ok(admitted.priority < SMALL_PRIORITY, `no matching priority (${admitted.priority})`);
      await assertRefusedAt(api, next.signed, byHonest.blockHash, REVEAL_REFUSAL.NothingToValidate, `the same junk at #${byHonest.blockNumber}`);
      const following = await heads.hashOf(byHonest.blockNumber + 1);
      await assertRefusedAt(api, next.signed, following, REVEAL_REFUSAL.NothingToValidate, `the same junk at #${byHonest.blockNumber + 1}`);
    });

    const edges = await step(`the pool's verdicts at the window's edges: at T+${C - 1} RevealNotOpen (3); at T+${C} admitted (honest at priority >= 2^63 - 1, junk at the fee's); at T+${C + R} RevealWindowClosed (4) while the round is stored`, async () => {
      const [beforeHash, firstHash, lastHash] = await Promise.all([
        heads.hashOf(windows.commitEnd - 1),
        heads.hashOf(windows.commitEnd),
        heads.hashOf(windows.revealEnd),
      ]);
      const honestReveal = await signForValidation(ctx, honest.pair, submitProof(id, honest.proof));
      const junkReveal = await signForValidation(ctx, staked[0].pair, submitProof(id, junkProofs[0]));
      const outsiderReveal = await signForValidation(ctx, unstaked[0].pair, submitProof(id, junkProofs[0]));
      await assertRefusedAt(api, honestReveal, beforeHash, REVEAL_REFUSAL.RevealNotOpen, `the honest reveal at #${windows.commitEnd - 1} (for #${windows.commitEnd})`);
      const h = await assertAdmittedAt(api, honestReveal, firstHash, `the honest reveal at #${windows.commitEnd}`);
      const j = await assertAdmittedAt(api, junkReveal, firstHash, `a junk reveal at #${windows.commitEnd}`);
      assert.ok(h.priority >= MATCHING_REVEAL_PRIORITY, `the matching reveal's priority ${h.priority} >= 2^63 - 1`);
      assert.ok(j.priority < SMALL_PRIORITY, `the junk reveal's priority ${j.priority} is the fee's only`);
      assert.ok(j.priority > 0n, 'the fee gives the junk some priority');
      assert.equal(h.longevity, BigInt(R), 'the honest reveal is valid until the end of the window');
      assert.equal(j.longevity, BigInt(R), 'the junk reveal is valid until the end of the window');
      await assertRefusedAt(api, outsiderReveal, firstHash, REVEAL_REFUSAL.NotActiveProver, `an unstaked attacker's reveal at #${windows.commitEnd}`);
      const round = await (await api.at(lastHash)).query.zkpSubmission.rounds(id);
      assert.ok(round.isSome, `the round is still stored at #${windows.revealEnd}`);
      await assertRefusedAt(api, honestReveal, lastHash, REVEAL_REFUSAL.RevealWindowClosed, `the honest reveal at #${windows.revealEnd} (for #${windows.settleAt})`);
      await assertRefusedAt(api, junkReveal, lastHash, REVEAL_REFUSAL.RevealWindowClosed, `a junk reveal at #${windows.revealEnd}`);
      return { honest: h.priority, junk: j.priority };
    });
    note(`priorities at T+${C}: honest ${edges.honest}, junk ${edges.junk}`);

    const everyone = [honest, ...staked, ...unstaked].map((p) => p.pair.address);
    const settled = await step(`settlement at T+${C + R + 1}`, () => settlement(ctx, windows, id, everyone));

    await step('settlement: the honest prover takes the whole reward; nobody is slashed', async () => {
      const paid = oneEvent(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.ok(sameAccount(paid.who, honest.pair.address));
      assert.equal(paid.amount.toBigInt(), consts.rewardPerSequence);
      assert.equal(paid.fromFee.toBigInt(), 0n, 'the reward is minted (no fee)');
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'CommitterSlashed').length, 0, 'no committer slashed');
      assert.equal(eventsOf(settled.ours, 'proverRegistry', 'Slashed').length, 0, 'none of the accounts slashed');
      assert.equal(oneEvent(settled.ours, 'zkpSubmission', 'SequenceFinalized').validated.toNumber(), 1);
      const { before, after } = await accountAroundBlock(api, settled.hash, honest.pair.address);
      assert.equal(after.ledger.rewarded, before.ledger.rewarded + consts.rewardPerSequence);
      assert.equal(after.ledger.slashed, 0n);
      assert.equal(after.ledger.reserved, 0n, 'the reservation is released');
      assert.equal(after.ledger.pendingCommitments, 0);
      await assertIssuanceExplained(api, settled.hash, 'settlement block: ');
      // Finished: the sequence is gone, and with it every reveal for it.
      const sequence = await (await api.at(settled.hash)).query.zkpSubmission.sequences(id);
      assert.ok(sequence.isNone, 'the finished sequence is removed at settlement');
      const late = await signForValidation(ctx, honest.pair, submitProof(id, honest.proof));
      await assertRefusedAt(api, late, settled.hash, REVEAL_REFUSAL.UnknownSequence, `the honest reveal at #${windows.settleAt}`);
    });

    await step('the blocks: every included junk reveal failed with InvalidProof and paid a fee, none came after the proof; the attackers paid exactly those fees', async () => {
      const last = windows.settleAt + 2;
      await heads.waitFor(last, `#${last}`);
      const attackers = new Map([...staked, ...unstaked].map((a) => [a.pair.address, a]));
      const included = [];
      let honestAt = null;
      for (let n = flood.startBlock + 1; n <= last; n++) {
        const hash = (await api.rpc.chain.getBlockHash(n)).toHex();
        const [block, records] = await Promise.all([api.rpc.chain.getBlock(hash), blockEvents(api, hash)]);
        for (const [index, ex] of block.block.extrinsics.entries()) {
          if (!ex.isSigned) continue;
          const hashHex = ex.hash.toHex();
          const signer = ex.signer.toString();
          if (n === byHonest.blockNumber && index === byHonest.txIndex) {
            honestAt = { n, index };
            continue;
          }
          if (![...attackers.keys()].some((a) => sameAccount(a, signer))) continue;
          const ours = records.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index);
          const failed = ours.find(({ event }) => event.section === 'system' && event.method === 'ExtrinsicFailed');
          const fee = ours.find(({ event }) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
          included.push({
            n,
            index,
            hash: hashHex,
            signer,
            call: `${ex.method.section}.${ex.method.method}`,
            error: failed ? decodeDispatchError(api, failed.event.data.dispatchError).text : null,
            fee: fee ? fee.event.data.actualFee.toBigInt() : 0n,
          });
        }
      }
      assert.ok(honestAt, `the honest reveal found in #${byHonest.blockNumber}`);
      for (const j of included) {
        const label = `attacker transaction in #${j.n} (index ${j.index})`;
        assert.ok(junkByHash.has(j.hash), `${label}: one of the staked attackers' junk reveals (${j.call})`);
        assert.equal(j.error, 'zkpSubmission.InvalidProof', `${label}: fails with InvalidProof`);
        assert.ok(j.fee > 0n, `${label}: pays a fee`);
        assert.ok(
          j.n < honestAt.n || (j.n === honestAt.n && j.index < honestAt.index),
          `${label}: no junk reveal is included after the proof (#${honestAt.n}, index ${honestAt.index})`,
        );
        assert.ok(j.n >= windows.revealStart && j.n <= windows.revealEnd, `${label}: inside the window`);
      }
      // The attackers' accounts from the block the flood was sent at to the end: exactly
      // the included junk reveals' fees and nonces; stakes untouched.
      const after = await heads.hashOf(last);
      for (const a of staked) {
        const mine = included.filter((j) => sameAccount(j.signer, a.pair.address));
        const [was, is] = await Promise.all([accountState(api, flood.startHash, a.pair.address), accountState(api, after, a.pair.address)]);
        assert.equal(is.free, was.free - sum(mine.map((j) => j.fee)), `${a.name}: paid exactly the fees of its ${mine.length} included junk reveals`);
        assert.equal(is.nonce, was.nonce + mine.length, `${a.name}: one nonce per included junk reveal`);
        assert.equal(is.held, min, `${a.name}: its stake is untouched`);
        assert.equal(is.ledger.slashed, 0n, `${a.name}: not slashed`);
        assert.equal(is.ledger.bonded, min, `${a.name}: still bonded`);
      }
      for (const a of unstaked) {
        const [was, is] = await Promise.all([accountState(api, flood.startHash, a.pair.address), accountState(api, after, a.pair.address)]);
        assert.equal(is.nonce, was.nonce, `${a.name}: none of its reveals is in a block`);
        assert.equal(is.free, was.free, `${a.name}: paid nothing`);
        assert.equal(is.ledger, null, `${a.name}: not a prover`);
      }
      if (flood.junkSeenAt) assert.ok(included.length > 0, `junk was seen in #${flood.junkSeenAt}`);
      const fees = sum(included.map((j) => j.fee));
      const earlier = included.filter((j) => j.n < honestAt.n).length;
      const same = included.filter((j) => j.n === honestAt.n).length;
      const blocks = new Set(included.map((j) => j.n)).size;
      note(
        `junk reveals included: ${included.length} of ${junk.length} (${earlier} in blocks before the honest reveal's, ${same} in its block #${honestAt.n} ` +
          `= T+${honestAt.n - T} before it, in ${blocks} block(s)); fees paid by the attackers ${fees} planck = ${zkm(consts, fees)}; ` +
          `the honest reveal at index ${honestAt.index} of #${honestAt.n}`,
      );
    });
  },
};
