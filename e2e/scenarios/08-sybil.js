// Scenario 8: the sybil attack through polkadot.js on the live fast node. An attacker (the
// funder) funds MaxCommitmentsPerSequence (32) fresh accounts, registers each with exactly
// MinProverStake and makes all of them commit to the same sequence, each commitment bound
// to its own account and to a valid proof the attacker has: the round is full. A prover with
// a large stake (500K) still gets in: it displaces the latest sybil (CommitmentDisplaced,
// no slash, reservation released); the displaced sybil cannot come back (an equal snapshot
// does not displace: TooManyCommitments). A sybil whose stake is reserved by its open
// commitment cannot commit to a second open sequence (InsufficientCapacity). Everyone
// reveals at once: one reveal of the attacker's proof validates every sybil commitment, and
// the other sybils' reveals, with nothing left to validate, never enter a block (the pool's
// CheckReveal: NothingToValidate, code 6; no fee). The reward is split pro rata by the
// validated stake snapshots, so the large
// prover's share equals its share of the validated stake (to the planck), whatever the
// number of sybils.

import assert from 'node:assert/strict';
import { sendAll, send, attempt, signForValidation, assertRefusedAt, refusalName, REVEAL_REFUSAL } from '../lib/tx.js';
import { eventsOf, oneEvent, sameAccount, feesPaidBy, assertIssuanceExplained, mintedBy } from '../lib/events.js';
import {
  accountAround,
  accountAroundBlock,
  accountState,
  sequenceStorage,
  sequenceStatus,
  sequenceCommitments,
  proverCapacity,
} from '../lib/state.js';
import { commitmentOf, proofHash } from '../lib/vectors.js';
import { statementOf, SYBIL_URI } from '../lib/context.js';
import {
  units,
  exposureOf,
  assertOk,
  assertFailedWith,
  assertOnlyFeePaid,
  registerProver,
  registerProvers,
  submitSequence,
  checkCommits,
  commit,
  reveal,
  waitForRevealWindow,
  settlement,
} from '../lib/protocol.js';

const sum = (values) => values.reduce((acc, v) => acc + v, 0n);

export default {
  tag: 'S8',
  title: '8. sybil attack: 32 minimum-stake accounts fill a round; a 500K prover displaces the latest; reward share = validated stake share',
  budgetBlocks: (c) => 2 * (c.commitWindow + c.revealWindow) + 60,

  async run(ctx, step, note) {
    const { api, consts, accounts, keyring } = ctx;
    const slots = consts.maxCommitmentsPerSequence;
    const min = consts.minProverStake;
    const statement = statementOf(ctx, 'S8');
    const other = statementOf(ctx, 'S8:second');
    const attackerProof = statement.validProofs[0];
    const whale = { name: 'whale', pair: accounts.whale, stake: units(consts, 500_000), proof: statement.validProofs[1] };
    const sybils = Array.from({ length: slots }, (_, i) => ({
      name: `sybil ${i}`,
      pair: keyring.addFromUri(SYBIL_URI(i)),
      stake: min,
      proof: attackerProof,
    }));
    // The minimum stake, and 1 ZKM for the fees of registering, committing and revealing.
    const funding = min + units(consts, 1);
    const minExposure = exposureOf(consts, { bonded: min, reserved: 0n });
    assert.equal(minExposure.reserved, (min * 20n) / 100n, 'a commitment reserves 20% of its snapshot');

    const [fundings, , [x, y]] = await step(
      `the attacker funds ${slots} fresh accounts with MinProverStake + 1 ZKM each (consecutive nonces); ` +
        `the whale registers 500K; Ferdie submits sequences ${statement.name} and ${other.name} of rollup ${statement.rollup}`,
      () =>
        Promise.all([
          sendAll(
            ctx,
            accounts.funder,
            sybils.map((s) => ({ tx: api.tx.balances.transferKeepAlive(s.pair.address, funding), label: `fund ${s.name}` })),
          ),
          registerProver(ctx, whale.pair, whale.stake, 'register whale'),
          (async () => [
            await submitSequence(ctx, 'sybil: submit the attacked sequence', statement),
            await submitSequence(ctx, 'sybil: submit a second sequence', other),
          ])(),
        ]),
    );
    note(`attacked sequence ${x.id}, second sequence ${y.id}`);

    await step('every transfer arrived; the funder paid amounts and fees per block; issuance explained', async () => {
      const byBlock = new Map();
      for (const [i, receipt] of fundings.entries()) {
        assertOk(receipt);
        const transfer = oneEvent(receipt.events, 'balances', 'Transfer', () => true, `${receipt.label}: `);
        assert.ok(sameAccount(transfer.to, sybils[i].pair.address), `${receipt.label}: to`);
        assert.equal(transfer.amount.toBigInt(), funding, `${receipt.label}: amount`);
        const target = await accountAround(api, receipt, sybils[i].pair.address);
        assert.equal(target.before.free, 0n, `${receipt.label}: a fresh account`);
        assert.equal(target.after.free, funding, `${receipt.label}: funded`);
        byBlock.set(receipt.blockHash, [...(byBlock.get(receipt.blockHash) ?? []), receipt]);
      }
      for (const [hash, receipts] of byBlock) {
        const { before, after } = await accountAroundBlock(api, hash, accounts.funder.address);
        const spent = sum(receipts.map((r) => funding + r.fee));
        assert.equal(after.free, before.free - spent, `the funder's balance in block #${receipts[0].blockNumber}`);
        assert.equal(after.nonce, before.nonce + receipts.length, 'one nonce per transfer');
        await assertIssuanceExplained(api, hash, `funding block #${receipts[0].blockNumber}: `);
      }
      note(`${fundings.length} transfers in ${byBlock.size} block(s)`);
    });

    await step(`the ${slots} sybils register with exactly MinProverStake; the runtime API shows their capacity`, async () => {
      await registerProvers(ctx, sybils);
      assert.deepEqual(await proverCapacity(api, sybils[0].pair.address), {
        bonded: min,
        reserved: 0n,
        free: min,
        active: true,
        next: minExposure,
      });
    });

    // The time-critical part (the commit window is C blocks from the first commitment): the
    // sybils fill the round, then the whale commits, then the displaced sybil tries again;
    // the checks are made afterwards, at the blocks concerned.
    const sybilCommits = await step(`all ${slots} sybils commit to the attacker's proof, each bound to its own account`, () =>
      Promise.all(sybils.map((s) => commit(ctx, s.pair, x.id, s, `${s.name} commits`))),
    );
    // The probe sybil (for the second sequence) must not be the one displaced: the latest.
    const order = sybilCommits
      .map((r, i) => ({ r, i }))
      .sort((a, b) => a.r.blockNumber - b.r.blockNumber || a.r.txIndex - b.r.txIndex);
    const latest = sybils[order.at(-1).i];
    const probe = sybils[order[0].i];
    const [byWhale, byProbe] = await step('the whale commits to the full round; a sybil commits to the second sequence', () =>
      Promise.all([
        commit(ctx, whale.pair, x.id, whale, 'whale commits to the full round'),
        commit(ctx, probe.pair, y.id, { proof: other.validProofs[0] }, `${probe.name} commits to the second sequence`),
      ]),
    );
    assertOk(byWhale);
    const displacedEvent = oneEvent(byWhale.events, 'zkpSubmission', 'CommitmentDisplaced', () => true, 'whale: ');
    const displaced = sybils.find((s) => sameAccount(displacedEvent.displaced, s.pair.address));
    assert.ok(displaced, 'a sybil was displaced');
    const again = await step('the displaced sybil commits again: TooManyCommitments (an equal snapshot does not displace)', async () => {
      const receipt = await commit(ctx, displaced.pair, x.id, displaced, `${displaced.name} commits again`);
      assertFailedWith(receipt, 'zkpSubmission', 'TooManyCommitments');
      return receipt;
    });

    const { windows, snapshots, reservations } = await step(
      `the sybils' commitments: snapshots = MinProverStake, reservations 20%, one RoundStarted; the round is full`,
      () => checkCommits(ctx, x.id, sybils, sybilCommits),
    );
    note(`sequence ${x.id}: T = #${windows.T}, commit_end #${windows.commitEnd}, settle #${windows.settleAt}`);
    await step('no snapshot above the minimum, and the whale came in after the round was full', async () => {
      for (const s of sybils) {
        assert.equal(snapshots[s.pair.address], min, `${s.name}'s snapshot`);
        assert.equal(reservations[s.pair.address], minExposure.reserved, `${s.name}'s reservation`);
      }
      const full = await sequenceCommitments(api, x.id, byWhale.parentHash);
      assert.equal(full.length, slots, 'the round was full before the whale committed');
      assert.ok(sameAccount(full.at(-1).prover, latest.pair.address), 'the latest sybil is last in commit order');
      assert.equal((await sequenceStatus(api, x.id, byWhale.parentHash)).commitments, slots);
    });

    await step('the whale got in: CommitmentDisplaced names the latest sybil and the whale; snapshot 500K, reservation 100K', async () => {
      assert.ok(byWhale.blockNumber <= windows.commitEnd, `in the commit window (#${byWhale.blockNumber})`);
      assert.ok(sameAccount(displacedEvent.displaced, latest.pair.address), 'the latest of the equal smallest snapshots is displaced');
      assert.equal(displacedEvent.sequence.toNumber(), x.id);
      assert.equal(displacedEvent.round.toNumber(), 0);
      assert.equal(displacedEvent.displacedStake.toBigInt(), min);
      assert.ok(sameAccount(displacedEvent.by, whale.pair.address));
      assert.equal(displacedEvent.stake.toBigInt(), whale.stake);
      const committed = oneEvent(byWhale.events, 'zkpSubmission', 'ProofHashCommitted');
      assert.ok(sameAccount(committed.prover, whale.pair.address));
      assert.equal(committed.commitment.toHex(), commitmentOf(whale.proof, whale.pair.address));
      assert.equal(committed.stake.toBigInt(), whale.stake, 'its first open commitment: the whole bonded stake');
      assert.equal(committed.reserved.toBigInt(), (whale.stake * 20n) / 100n);
      snapshots[whale.pair.address] = committed.stake.toBigInt();
      assert.equal(eventsOf(byWhale.events, 'zkpSubmission', 'RoundStarted').length, 0);
      assert.equal(eventsOf(byWhale.events, 'proverRegistry', 'Slashed').length, 0, 'nobody slashed');

      const w = await accountAround(api, byWhale, whale.pair.address);
      assert.equal(w.after.ledger.reserved, w.before.ledger.reserved + committed.reserved.toBigInt());
      assert.equal(w.after.ledger.pendingCommitments, w.before.ledger.pendingCommitments + 1);
      // The displaced sybil: commitment closed, reservation released, nothing slashed or moved.
      const d = await accountAround(api, byWhale, displaced.pair.address);
      assert.deepEqual(
        d.after.ledger,
        { ...d.before.ledger, pendingCommitments: d.before.ledger.pendingCommitments - 1, reserved: d.before.ledger.reserved - minExposure.reserved },
        "the displaced sybil's ledger",
      );
      assert.equal(d.after.ledger.reserved, 0n);
      assert.equal(d.after.ledger.slashed, 0n);
      assert.equal(d.after.held, d.before.held, 'its stake stays bonded');
      assert.equal(d.after.free, d.before.free, 'its free balance is untouched');
      assert.deepEqual(await proverCapacity(api, displaced.pair.address, byWhale.blockHash), {
        bonded: min,
        reserved: 0n,
        free: min,
        active: true,
        next: minExposure,
      });

      const listed = await sequenceCommitments(api, x.id, byWhale.blockHash);
      const before = await sequenceCommitments(api, x.id, byWhale.parentHash);
      assert.equal(listed.length, slots, 'still full');
      assert.deepEqual(listed.slice(0, -1), before.slice(0, -1), 'the other commitments keep their order');
      assert.ok(!listed.some((c) => sameAccount(c.prover, displaced.pair.address)), 'the displaced commitment is gone');
      assert.ok(sameAccount(listed.at(-1).prover, whale.pair.address));
      assert.equal(BigInt(listed.at(-1).stake), whale.stake);
      assert.equal(BigInt(listed.at(-1).reserved), (whale.stake * 20n) / 100n);
    });

    await step('the displaced sybil\'s second try changed nothing but its fee', async () => {
      assert.ok(again.blockNumber <= windows.commitEnd, `still in the commit window (#${again.blockNumber})`);
      await assertOnlyFeePaid(api, again, x.id);
    });

    await step(`a sybil with an open commitment cannot commit to a second open sequence: InsufficientCapacity`, async () => {
      const capacity = await proverCapacity(api, probe.pair.address, byProbe.parentHash);
      assert.deepEqual(capacity, {
        bonded: min,
        reserved: minExposure.reserved,
        free: min - minExposure.reserved,
        active: true,
        next: null,
      });
      assertFailedWith(byProbe, 'zkpSubmission', 'InsufficientCapacity');
      await assertOnlyFeePaid(api, byProbe, y.id);
      assert.equal((await sequenceStatus(api, y.id, byProbe.blockHash)).phase, 'Open', 'the second sequence is still open');
    });

    await step('Ferdie cannot cancel the attacked sequence (RoundLive) and cancels the second one', async () => {
      const live = await send(ctx, accounts.sequencer, api.tx.zkpSubmission.cancelSequence(x.id), 'cancel the live sequence');
      assertFailedWith(live, 'zkpSubmission', 'RoundLive');
      await assertOnlyFeePaid(api, live, x.id);
      const receipt = await send(ctx, accounts.sequencer, api.tx.zkpSubmission.cancelSequence(y.id), 'cancel the second sequence');
      assertOk(receipt);
      const ev = oneEvent(receipt.events, 'zkpSubmission', 'SequenceCancelled');
      assert.equal(eventsOf(receipt.events, 'zkpSubmission', 'FeeRefunded').length, 0, 'no fee, nothing refunded');
      assert.equal(ev.sequence.toNumber(), y.id);
      assert.equal(ev.rollup.toNumber(), other.rollup);
      assert.ok(ev.by.isSome && sameAccount(ev.by.unwrap(), accounts.sequencer.address), 'cancelled by the sequencer');
      const stored = await sequenceStorage(api, receipt.blockHash, y.id);
      assert.equal(stored.sequence, null);
      assert.equal(stored.round, null);
      assert.equal(await sequenceStatus(api, y.id, receipt.blockHash), null);
      const rollup = (await (await api.at(receipt.blockHash)).query.zkpSubmission.rollups(other.rollup)).unwrap();
      assert.ok(!rollup.sequences.some((s) => s.toNumber() === y.id), 'the rollup no longer lists it');
    });

    const remaining = sybils.filter((s) => s !== displaced);
    const lastReveal = await step('in the reveal window everyone reveals: the whale its proof, each sybil the attacker\'s proof', async () => {
      await waitForRevealWindow(ctx, windows);
      const before = (await api.rpc.chain.getHeader()).hash.toHex();
      const [byW, ...bySybils] = await Promise.all([
        reveal(ctx, whale.pair, x.id, whale.proof, 'whale reveals'),
        ...remaining.map((s) => attempt(ctx, s.pair, api.tx.zkpSubmission.submitProof(x.id, attackerProof), `${s.name} reveals`)),
      ]);
      const included = bySybils.filter((o) => o.included).map((o) => o.included);
      for (const r of [byW, ...included]) {
        assert.ok(
          r.blockNumber >= windows.revealStart && r.blockNumber <= windows.revealEnd,
          `${r.label}: in the reveal window (#${r.blockNumber})`,
        );
      }
      assertOk(byW);
      const own = oneEvent(byW.events, 'zkpSubmission', 'CommitmentValidated');
      assert.ok(sameAccount(own.prover, whale.pair.address), "the whale's proof validates the whale's commitment only");
      assert.equal(own.proofHash.toHex(), proofHash(whale.proof));
      // One reveal of the attacker's proof validates every sybil commitment to it; the
      // later ones have nothing left to validate, and no block takes them.
      assert.equal(included.length, 1, `exactly one sybil reveal is included (${included.length})`);
      const [succeeded] = included;
      assertOk(succeeded);
      const validated = eventsOf(succeeded.events, 'zkpSubmission', 'CommitmentValidated');
      assert.equal(validated.length, remaining.length, 'it validates every remaining sybil commitment');
      for (const s of remaining) {
        assert.ok(validated.some((v) => sameAccount(v.prover, s.pair.address)), `${s.name} validated`);
      }
      assert.ok(validated.every((v) => v.proofHash.toHex() === proofHash(attackerProof)));
      const proved = [byW, succeeded].flatMap((r) => eventsOf(r.events, 'zkpSubmission', 'SequenceProved'));
      assert.equal(proved.length, 1, 'exactly one SequenceProved');
      return { byW, succeeded, bySybils, before };
    });

    await step('the other sybil reveals had nothing left to validate: refused by the pool (NothingToValidate, 6), in no block, no fee', async () => {
      const { succeeded, bySybils, before } = lastReveal;
      const others = remaining.filter((_, i) => !bySybils[i].included);
      const outcomes = bySybils.filter((o) => !o.included);
      // Refused at submission (the proof was in already) or admitted before it and dropped
      // when the block builder found them doomed.
      for (const [i, o] of outcomes.entries()) {
        if (o.refused !== undefined) {
          assert.equal(o.code, REVEAL_REFUSAL.NothingToValidate, `${others[i].name}: refused with ${o.refused}`);
        } else {
          assert.ok(o.dropped, `${others[i].name}: ${JSON.stringify(o)}`);
        }
      }
      const now = await ctx.heads.waitBlocks(1, 'a block after the reveals');
      assert.ok(now.number < windows.settleAt, `before settlement (#${now.number})`);
      for (const s of others) {
        // The pool's verdict at the state of the validating reveal's block.
        const signed = await signForValidation(ctx, s.pair, api.tx.zkpSubmission.submitProof(x.id, attackerProof));
        await assertRefusedAt(api, signed, succeeded.blockHash, REVEAL_REFUSAL.NothingToValidate, `${s.name}'s reveal at #${succeeded.blockNumber}`);
        const [was, is] = await Promise.all([accountState(api, before, s.pair.address), accountState(api, now.hash, s.pair.address)]);
        assert.deepEqual(
          { nonce: is.nonce, free: is.free, reserved: is.reserved, held: is.held },
          { nonce: was.nonce, free: was.free, reserved: was.reserved, held: was.held },
          `${s.name}: its reveal is in no block and paid nothing (#${now.number} against before the reveals)`,
        );
        assert.equal((await api.rpc.system.accountNextIndex(s.pair.address)).toNumber(), was.nonce, `${s.name}: nothing left in the pool`);
      }
      const refused = outcomes.filter((o) => o.refused !== undefined).length;
      note(
        `${others.length} sybil reveals had nothing left to validate (${refusalName(REVEAL_REFUSAL.NothingToValidate)}): ` +
          `${refused} refused at submission, ${others.length - refused} dropped from the pool`,
      );
    });

    const validatedStake = await step('before settlement: every commitment is validated; S = the sum of their snapshots (events = runtime API)', async () => {
      // At the block of the last reveal (in the reveal window, before settlement).
      const last = lastReveal.byW.blockNumber > lastReveal.succeeded.blockNumber ? lastReveal.byW : lastReveal.succeeded;
      const listed = await sequenceCommitments(api, x.id, last.blockHash);
      assert.equal(listed.length, slots);
      assert.ok(listed.every((c) => c.validated), 'all validated');
      for (const c of listed) {
        const address = [whale, ...remaining].find((p) => sameAccount(c.prover, p.pair.address))?.pair.address;
        assert.ok(address, 'a committer of this scenario');
        assert.equal(BigInt(c.stake), snapshots[address], 'the runtime API snapshot = ProofHashCommitted.stake');
      }
      const total = sum(listed.map((c) => BigInt(c.stake)));
      assert.equal(total, whale.stake + BigInt(remaining.length) * min);
      return total;
    });

    const everyone = [whale, ...sybils].map((p) => p.pair.address);
    const settled = await step('settlement at T+21', () => settlement(ctx, windows, x.id, everyone));

    await step('the whale\'s reward is exactly floor(R * s / S): its share of the reward = its share of the validated stake', async () => {
      const R = consts.rewardPerSequence;
      const S = validatedStake;
      const paid = eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.equal(paid.length, slots, 'every validated commitment is paid');
      const w = paid.find((e) => sameAccount(e.who, whale.pair.address));
      assert.ok(w, 'RewardPaid for the whale');
      const reward = w.amount.toBigInt();
      assert.equal(reward, (R * whale.stake) / S, 'floor(R * s_whale / S)');
      // reward / R = s / S within one planck: reward * S <= R * s < (reward + 1) * S.
      assert.ok(reward * S <= R * whale.stake && R * whale.stake < (reward + 1n) * S, 'share within one planck');
      for (const s of remaining) {
        const e = paid.find((p) => sameAccount(p.who, s.pair.address));
        assert.ok(e, `RewardPaid for ${s.name}`);
        assert.equal(e.amount.toBigInt(), (R * min) / S, `${s.name}: floor(R * min / S)`);
      }
      const attacker = sum(paid.filter((e) => !sameAccount(e.who, whale.pair.address)).map((e) => e.amount.toBigInt()));
      assert.ok(attacker * S <= R * BigInt(remaining.length) * min, "the sybils' share does not exceed their stake share");
      const fin = oneEvent(settled.ours, 'zkpSubmission', 'SequenceFinalized');
      assert.equal(fin.validated.toNumber(), slots);
      assert.equal(fin.rewarded.toBigInt(), reward + attacker, 'rewarded = the sum of the shares');
      assert.equal(fin.feePaid.toBigInt(), 0n, 'no fee: everything minted');
      assert.ok(paid.every((e) => e.fromFee.toBigInt() === 0n), 'every share minted (RewardPaid.from_fee = 0)');
      assert.ok(R - fin.rewarded.toBigInt() < BigInt(slots), 'dust below one planck per commitment');
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'CommitterSlashed').length, 0, 'nobody slashed');
      assert.equal(eventsOf(settled.ours, 'proverRegistry', 'Slashed').length, 0, 'nothing burned');
      note(`R = ${R}, S = ${S}: whale ${reward} (stake share ${whale.stake}/${S}), the ${remaining.length} sybils ${attacker}, dust ${R - fin.rewarded.toBigInt()}`);

      const { before, after } = await accountAroundBlock(api, settled.hash, whale.pair.address);
      assert.equal(after.free, before.free + reward - feesPaidBy(settled.records, whale.pair.address), "the whale's free balance");
      assert.equal(after.ledger.rewarded, before.ledger.rewarded + reward);
      assert.equal(after.ledger.reserved, 0n, "the whale's reservation released");
      assert.equal(after.ledger.pendingCommitments, 0);
      for (const s of remaining) {
        const state = await accountState(api, settled.hash, s.pair.address);
        assert.equal(state.ledger.reserved, 0n, `${s.name}'s reservation released`);
        assert.equal(state.ledger.pendingCommitments, 0);
        assert.equal(state.ledger.rewarded, (R * min) / S);
      }
    });

    await step('the displaced sybil is not slashed and not paid; its capacity is whole again', async () => {
      assert.equal(
        settled.ours.filter(({ event }) => event.data.who !== undefined && sameAccount(event.data.who, displaced.pair.address)).length,
        0,
        'no event names it at settlement',
      );
      const { before, after } = await accountAroundBlock(api, settled.hash, displaced.pair.address);
      assert.deepEqual(after, before, 'untouched by settlement');
      assert.equal(after.ledger.slashed, 0n);
      assert.equal(after.ledger.rewarded, 0n);
      assert.equal(after.ledger.bonded, min);
      assert.equal(after.held, min);
      assert.deepEqual((await proverCapacity(api, probe.pair.address, settled.hash)).next, minExposure, 'a sybil can commit again after settlement');
    });

    await step('total issuance rises by exactly the minted shares (other effects of the block accounted)', async () => {
      const change = await assertIssuanceExplained(api, settled.hash, 'settlement block: ');
      const ours = sum(eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid').map(mintedBy));
      assert.equal(ours, oneEvent(settled.ours, 'zkpSubmission', 'SequenceFinalized').rewarded.toBigInt(), 'minted: everything rewarded');
      note(`issuance ${change.before} -> ${change.after} (${change.delta}): ours ${ours}, all rewards ${change.minted}, slashes ${change.burnedBySlashes}, fees ${change.fees}`);
    });
  },
};
