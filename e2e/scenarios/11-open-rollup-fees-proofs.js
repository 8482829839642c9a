// Scenario 11: an open rollup paid by fees, and the proof that proved its sequence fetched
// back. The rollup is the circom example (examples/circom-rollup): its real snarkjs files
// (test-vectors/snarkjs) converted to the wire format by `zkmine-miner convert` (and checked
// against the rules of docs/WIRE-FORMAT.md in JavaScript). Fresh accounts funded by the
// funder: an owner registers the rollup, signed, and a deposit
// (`RollupDepositBase + RollupDepositPerByte * key length`) is held on it; the rollup has
// no reward slot (and governance has none left to give); a second account cannot rotate
// its sequencer (NotOwner), the owner can. The new sequencer submits batch 1 with a 1 ZKM
// fee, a sponsor adds a 0.5 ZKM subsidy; three provers (stakes 2:5:3) commit to proof 1
// and one reveal validates the three commitments: settlement pays exactly 0.3 / 0.75 /
// 0.45 ZKM, all out of the fee (nothing minted, total issuance moves by the transaction
// fees only). The runtime API returns the revealed proof from the reveal on, with its
// expiry (settlement + ProofRetention) once settled, until it is pruned then. A second
// sequence's fee comes back when it is cancelled, and the deposit when the owner
// deregisters the rollup.

import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex } from '@polkadot/util-crypto';
import { send, sendAll, decodeDispatchError } from '../lib/tx.js';
import { eventsOf, oneEvent, sameAccount, feesPaidBy, assertIssuanceExplained, mintedBy } from '../lib/events.js';
import {
  accountAround,
  accountAroundBlock,
  reasonIs,
  rollupRecord,
  registrationDeposit,
  sequenceFee,
  sequenceFeeStorage,
  sequenceStatus,
  sequenceStorage,
  sequenceCommitments,
  fetchedProof,
} from '../lib/state.js';
import { proofHash } from '../lib/vectors.js';
import { loadCircomRollup, convertToSnarkjs } from '../lib/snarkjs.js';
import {
  units,
  assertOk,
  assertFailedWith,
  assertOnlyFeePaid,
  registerProvers,
  submitSequence,
  commitAll,
  reveal,
  waitForRevealWindow,
  settlement,
} from '../lib/protocol.js';

const sum = (values) => values.reduce((acc, v) => acc + v, 0n);

/** The `balances` events of `records` about hold `reason` of the submission pallet. */
function holdEvents(records, method, reason) {
  return eventsOf(records, 'balances', method, (e) => reasonIs(e.reason, 'zkpSubmission', reason));
}

export default {
  tag: 'S11',
  title: '11. open rollup (circom example from snarkjs files): deposit, owner and sequencer, fee + subsidy pay the provers 0.3 / 0.75 / 0.45 (nothing minted), the proof fetched and pruned, a cancelled fee and the deposit come back',
  // Setup and one round, then the proof's retention after settlement.
  budgetBlocks: (c) => c.proofRetention + 2 * (c.commitWindow + c.revealWindow) + 60,

  async run(ctx, step, note) {
    const { api, consts, accounts, heads } = ctx;
    const { openOwner: owner, openSequencer: sequencer, openSponsor: sponsor } = accounts;
    const provers = [
      { name: 'P1', pair: accounts.openProver1, stake: units(consts, 20_000) },
      { name: 'P2', pair: accounts.openProver2, stake: units(consts, 50_000) },
      { name: 'P3', pair: accounts.openProver3, stake: units(consts, 30_000) },
    ];
    const fee = units(consts, 1);
    const subsidy = units(consts, '0.5');
    const cancelledFee = units(consts, '0.2');

    const circom = await step('the circom rollup in the wire format: zkmine-miner convert key|proof|inputs agrees with WIRE-FORMAT.md in JavaScript', () =>
      loadCircomRollup(),
    );
    const [batch1, batch2] = circom.batches;
    for (const p of provers) p.proof = batch1.proof;
    note(`key ${circom.keyLength} bytes, proofs ${proofHash(batch1.proof)} / ${proofHash(batch2.proof)}`);

    const fundings = [
      { pair: owner, name: 'owner', amount: units(consts, 1_000) },
      { pair: sequencer, name: 'sequencer', amount: units(consts, 100) },
      { pair: sponsor, name: 'sponsor', amount: units(consts, 100) },
      ...provers.map((p) => ({ pair: p.pair, name: p.name, amount: p.stake + units(consts, 10) })),
    ];
    await step(`the funder funds ${fundings.length} fresh accounts (consecutive nonces): owner 1K, sequencer and sponsor 100, provers stake + 10 ZKM`, async () => {
      const receipts = await sendAll(
        ctx,
        accounts.funder,
        fundings.map((f) => ({ tx: api.tx.balances.transferKeepAlive(f.pair.address, f.amount), label: `fund the ${f.name}` })),
      );
      const byBlock = new Map();
      for (const [i, receipt] of receipts.entries()) {
        assertOk(receipt);
        const { pair, amount } = fundings[i];
        const transfer = oneEvent(receipt.events, 'balances', 'Transfer', () => true, `${receipt.label}: `);
        assert.ok(sameAccount(transfer.to, pair.address), `${receipt.label}: to`);
        assert.equal(transfer.amount.toBigInt(), amount, `${receipt.label}: amount`);
        const target = await accountAround(api, receipt, pair.address);
        assert.equal(target.before.free, 0n, `${receipt.label}: a fresh account`);
        assert.equal(target.after.free, amount, `${receipt.label}: funded`);
        byBlock.set(receipt.blockHash, [...(byBlock.get(receipt.blockHash) ?? []), { receipt, amount }]);
      }
      for (const [hash, entries] of byBlock) {
        const { before, after } = await accountAroundBlock(api, hash, accounts.funder.address);
        assert.equal(after.free, before.free - sum(entries.map((e) => e.amount + e.receipt.fee)), "the funder's balance per block");
        await assertIssuanceExplained(api, hash, `funding block #${entries[0].receipt.blockNumber}: `);
      }
    });

    const deposit = consts.rollupDepositBase + consts.rollupDepositPerByte * BigInt(circom.keyLength);
    const [registered] = await step(
      `the owner (not root) registers the rollup with itself as sequencer: a deposit of ${consts.rollupDepositBase} + ${consts.rollupDepositPerByte} * ${circom.keyLength} held, not slotted; the provers register (2:5:3)`,
      () =>
        Promise.all([
          (async () => {
            const receipt = await send(ctx, owner, api.tx.zkpSubmission.registerRollup(owner.address, circom.key), 'the owner registers the circom rollup');
            assertOk(receipt);
            const quoted = await registrationDeposit(api, circom.keyLength, receipt.parentHash);
            assert.equal(quoted, deposit, `runtime API registrationDeposit(${circom.keyLength}) = base + per byte * length`);
            assert.equal(deposit, units(consts, '103.6'), 'a 360-byte key: 103.6 ZKM');
            const ev = oneEvent(receipt.events, 'zkpSubmission', 'RollupRegistered');
            const id = ev.rollup.toNumber();
            assert.ok(sameAccount(ev.owner, owner.address), 'RollupRegistered.owner: the signer');
            assert.ok(sameAccount(ev.sequencer, owner.address), 'RollupRegistered.sequencer');
            assert.equal(ev.deposit.toBigInt(), deposit, 'RollupRegistered.deposit');
            assert.equal(ev.slotted.isTrue, false, 'RollupRegistered.slotted: an open registration has no reward slot');
            assert.equal(ev.keyVersion.toNumber(), 0);
            assert.equal(ev.keyHash.toHex(), blake2AsHex(circom.key, 256), 'key_hash = blake2_256(the wire key)');
            assert.equal(ev.publicInputs.toNumber(), 3, 'old_root, new_root, batch_hash');
            const held = oneEvent(receipt.events, 'balances', 'Held');
            assert.ok(reasonIs(held.reason, 'zkpSubmission', 'RollupDeposit'), `Held.reason ${held.reason.toString()}`);
            assert.ok(sameAccount(held.who, owner.address));
            assert.equal(held.amount.toBigInt(), deposit);
            assert.deepEqual(
              await rollupRecord(api, receipt.blockHash, id),
              {
                owner: owner.address,
                sequencer: owner.address,
                deposit,
                slotted: false,
                keyVersion: 0,
                status: 'Active',
                sequences: [],
                latestProved: null,
              },
              `Rollups(${id})`,
            );
            const key = (await (await api.at(receipt.blockHash)).query.zkpSubmission.verifyingKeys(id, 0)).unwrap();
            assert.equal(key.keyHash.toHex(), blake2AsHex(circom.key, 256));
            assert.equal(key.publicInputs.toNumber(), 3);
            const { before, after } = await accountAround(api, receipt, owner.address);
            assert.equal(before.depositHeld, 0n);
            assert.equal(after.depositHeld, deposit, 'the deposit is held on the owner (ZkpSubmission.RollupDeposit)');
            assert.equal(after.free, before.free - deposit - receipt.fee, "the owner's free balance less deposit and fee");
            return { id, receipt };
          })(),
          registerProvers(ctx, provers),
        ]),
    );
    const rollup = registered.id;
    note(`rollup ${rollup}, deposit ${deposit}`);

    await step('a second account cannot rotate the sequencer: NotOwner; governance has no reward slot left to give it: NoFreeSlot', async () => {
      const slotted = (await api.query.zkpSubmission.slottedRollups()).toNumber();
      const [byStranger, bySudo] = await Promise.all([
        send(ctx, sponsor, api.tx.zkpSubmission.setSequencer(rollup, sponsor.address), 'the sponsor sets the sequencer'),
        slotted >= consts.rewardSlots
          ? send(ctx, accounts.funder, api.tx.sudo.sudo(api.tx.zkpSubmission.assignSlot(rollup)), 'root assigns a slot to the open rollup')
          : null,
      ]);
      assertFailedWith(byStranger, 'zkpSubmission', 'NotOwner');
      await assertOnlyFeePaid(api, byStranger);
      assert.ok(sameAccount((await rollupRecord(api, byStranger.blockHash, rollup)).sequencer, owner.address), 'the sequencer is unchanged');
      if (bySudo) {
        assertOk(bySudo);
        const sudid = oneEvent(bySudo.events, 'sudo', 'Sudid');
        assert.ok(sudid.sudoResult.isErr, 'the slot is refused');
        assert.equal(decodeDispatchError(api, sudid.sudoResult.asErr).text, 'zkpSubmission.NoFreeSlot');
        assert.equal(eventsOf(bySudo.events, 'zkpSubmission', 'SlotAssigned').length, 0);
        assert.equal((await rollupRecord(api, bySudo.blockHash, rollup)).slotted, false, 'still unslotted');
      } else {
        note(`${slotted} of ${consts.rewardSlots} reward slots taken: NoFreeSlot not probed`);
      }
    });

    await step('every place is taken (4 slotted, this open one): another registration fails TooManyRollups', async () => {
      assert.equal((await api.query.zkpSubmission.rollups.entries()).length, consts.maxRollups);
      const receipt = await send(ctx, sponsor, api.tx.zkpSubmission.registerRollup(sponsor.address, circom.key), 'the sponsor registers another rollup');
      assertFailedWith(receipt, 'zkpSubmission', 'TooManyRollups');
      await assertOnlyFeePaid(api, receipt);
    });

    await step('the owner rotates the sequencer to a fresh account: SequencerChanged', async () => {
      const receipt = await send(ctx, owner, api.tx.zkpSubmission.setSequencer(rollup, sequencer.address), 'the owner sets the sequencer');
      assertOk(receipt);
      const ev = oneEvent(receipt.events, 'zkpSubmission', 'SequencerChanged');
      assert.equal(ev.rollup.toNumber(), rollup);
      assert.ok(sameAccount(ev.sequencer, sequencer.address));
      const [was, is] = await Promise.all([rollupRecord(api, receipt.parentHash, rollup), rollupRecord(api, receipt.blockHash, rollup)]);
      assert.deepEqual(is, { ...was, sequencer: sequencer.address }, `Rollups(${rollup}): only the sequencer changed`);
    });

    const statement = (batch) => ({ rollup, publicInputs: batch.publicInputs, batch: batch.batch });
    await step('the old sequencer (the owner) can no longer submit: NotSequencer; a fee below MinFeeContribution: FeeBelowMinimum', async () => {
      const submit = (batch, amount) => api.tx.zkpSubmission.submitSequence(rollup, batch.publicInputs, u8aToHex(batch.batch), amount);
      const [byOld, tooSmall] = await Promise.all([
        send(ctx, owner, submit(batch1, fee), 'the old sequencer submits'),
        send(ctx, sequencer, submit(batch2, consts.minFeeContribution - 1n), 'a fee of MinFeeContribution - 1'),
      ]);
      assertFailedWith(byOld, 'zkpSubmission', 'NotSequencer');
      assertFailedWith(tooSmall, 'zkpSubmission', 'FeeBelowMinimum');
      await assertOnlyFeePaid(api, byOld);
      await assertOnlyFeePaid(api, tooSmall);
    });

    const { id } = await step(`the sequencer submits batch 1 (public_1.json) with a fee of ${fee}: held on it`, () =>
      submitSequence(ctx, 'open rollup: submit batch 1 with a fee', statement(batch1), { fee, sequencer }),
    );
    note(`sequence ${id}`);

    const [, commits] = await step(`a sponsor subsidises it with ${subsidy} (held on the sponsor: the fee is 1.5 ZKM); the provers commit to proof_1.json`, () =>
      Promise.all([
        (async () => {
          const receipt = await send(ctx, sponsor, api.tx.zkpSubmission.addSubsidy(id, subsidy), 'the sponsor subsidises the sequence');
          assertOk(receipt);
          const ev = oneEvent(receipt.events, 'zkpSubmission', 'FeeAdded');
          assert.equal(ev.sequence.toNumber(), id);
          assert.ok(sameAccount(ev.payer, sponsor.address), 'FeeAdded.payer');
          assert.equal(ev.amount.toBigInt(), subsidy, 'FeeAdded.amount');
          assert.equal(ev.fee.toBigInt(), fee + subsidy, 'FeeAdded.fee: the whole fee now');
          const held = oneEvent(receipt.events, 'balances', 'Held');
          assert.ok(reasonIs(held.reason, 'zkpSubmission', 'SequenceFee'));
          assert.equal(held.amount.toBigInt(), subsidy);
          const { before, after } = await accountAround(api, receipt, sponsor.address);
          assert.equal(after.feeHeld, before.feeHeld + subsidy, 'held on the sponsor (ZkpSubmission.SequenceFee)');
          assert.equal(after.free, before.free - subsidy - receipt.fee);
          const contributions = await sequenceFeeStorage(api, receipt.blockHash, id);
          assert.equal(contributions.length, 2, 'two payers, in the order they paid');
          assert.ok(sameAccount(contributions[0].payer, sequencer.address));
          assert.equal(contributions[0].amount, fee);
          assert.ok(sameAccount(contributions[1].payer, sponsor.address));
          assert.equal(contributions[1].amount, subsidy);
          assert.equal(await sequenceFee(api, id, receipt.blockHash), units(consts, '1.5'), 'runtime API sequenceFee = 1.5 ZKM');
          const seq = await accountAround(api, receipt, sequencer.address);
          assert.equal(seq.after.feeHeld, fee, "the sequencer's fee is held");
        })(),
        commitAll(ctx, id, provers),
      ]),
    );
    const { windows, snapshots } = commits;
    note(`T = #${windows.T}, reveal #${windows.revealStart}..#${windows.revealEnd}, settle #${windows.settleAt}`);
    for (const p of provers) assert.equal(snapshots[p.pair.address], p.stake, `${p.name}'s snapshot is its stake`);

    await step(`meanwhile the sequencer submits batch 2 with a fee of ${cancelledFee} and cancels it: FeeRefunded, the hold released`, async () => {
      const { id: second } = await submitSequence(ctx, 'open rollup: submit batch 2 with a fee', statement(batch2), { fee: cancelledFee, sequencer });
      const receipt = await send(ctx, sequencer, api.tx.zkpSubmission.cancelSequence(second), 'the sequencer cancels batch 2');
      assertOk(receipt);
      const names = receipt.events.map(({ event }) => `${event.section}.${event.method}`);
      const refunded = oneEvent(receipt.events, 'zkpSubmission', 'FeeRefunded');
      assert.equal(refunded.sequence.toNumber(), second);
      assert.ok(sameAccount(refunded.payer, sequencer.address));
      assert.equal(refunded.amount.toBigInt(), cancelledFee, 'the whole contribution');
      const cancelled = oneEvent(receipt.events, 'zkpSubmission', 'SequenceCancelled');
      assert.equal(cancelled.sequence.toNumber(), second);
      assert.equal(cancelled.rollup.toNumber(), rollup);
      assert.ok(cancelled.by.isSome && sameAccount(cancelled.by.unwrap(), sequencer.address), 'cancelled by the sequencer');
      assert.ok(names.indexOf('zkpSubmission.FeeRefunded') < names.indexOf('zkpSubmission.SequenceCancelled'), 'FeeRefunded before SequenceCancelled');
      const released = oneEvent(receipt.events, 'balances', 'Released');
      assert.ok(reasonIs(released.reason, 'zkpSubmission', 'SequenceFee'));
      assert.equal(released.amount.toBigInt(), cancelledFee);
      const { before, after } = await accountAround(api, receipt, sequencer.address);
      assert.equal(after.feeHeld, before.feeHeld - cancelledFee, 'the hold released');
      assert.equal(after.feeHeld, fee, "what stays held is batch 1's fee");
      assert.equal(after.free, before.free + cancelledFee - receipt.fee);
      assert.equal(await sequenceFee(api, second, receipt.blockHash), null, 'no such sequence any more');
      assert.equal((await sequenceStorage(api, receipt.blockHash, second)).sequence, null);
      assert.deepEqual((await rollupRecord(api, receipt.blockHash, rollup)).sequences, [id], 'the rollup lists batch 1 only');
    });

    const [revealer] = provers;
    const revealed = await step(`in the reveal window ${revealer.name} reveals proof_1: it validates the three commitments; the runtime API returns the proof (no expiry yet)`, async () => {
      await waitForRevealWindow(ctx, windows);
      const receipt = await reveal(ctx, revealer.pair, id, batch1.proof, `${revealer.name} reveals proof_1`);
      assertOk(receipt);
      assert.ok(receipt.blockNumber >= windows.revealStart && receipt.blockNumber <= windows.revealEnd, `in the window (#${receipt.blockNumber})`);
      const validated = eventsOf(receipt.events, 'zkpSubmission', 'CommitmentValidated');
      assert.equal(validated.length, 3, "one reveal validates every commitment to the proof (each bound to its prover's account)");
      for (const p of provers) {
        assert.ok(validated.some((v) => sameAccount(v.prover, p.pair.address) && v.proofHash.toHex() === proofHash(batch1.proof)), `${p.name} validated`);
      }
      const proved = oneEvent(receipt.events, 'zkpSubmission', 'SequenceProved');
      assert.ok(sameAccount(proved.by, revealer.pair.address));
      assert.equal(proved.rollup.toNumber(), rollup);
      assert.equal(proved.proofHash.toHex(), proofHash(batch1.proof));
      assert.equal(await fetchedProof(api, id, receipt.parentHash), null, 'no proof before the reveal');
      const kept = await fetchedProof(api, id, receipt.blockHash);
      assert.ok(kept, 'the proof is kept from the reveal');
      assert.ok(sameAccount(kept.by, revealer.pair.address));
      const expected = {
        rollup,
        keyVersion: 0,
        round: 0,
        proofHash: proofHash(batch1.proof),
        proof: batch1.proof,
        by: kept.by,
        provedAt: receipt.blockNumber,
        expiresAt: null,
      };
      assert.deepEqual(kept, expected, 'runtime API proof: the revealed wire bytes, not settled yet');
      assert.equal((await sequenceStatus(api, id, receipt.blockHash)).proved, proofHash(batch1.proof));
      return { receipt, expected };
    });

    await step('a subsidy after the proof: AlreadyProved, nothing changed but the fee', async () => {
      const receipt = await send(ctx, sponsor, api.tx.zkpSubmission.addSubsidy(id, subsidy), 'the sponsor subsidises the proved sequence');
      assertFailedWith(receipt, 'zkpSubmission', 'AlreadyProved');
      await assertOnlyFeePaid(api, receipt, id);
      assert.equal(await sequenceFee(api, id, receipt.blockHash), fee + subsidy, 'the fee is still 1.5 ZKM');
    });

    const committers = provers.map((p) => p.pair.address);
    const settled = await step(`settlement at T+${consts.commitWindow + consts.revealWindow + 1}`, () => settlement(ctx, windows, id, committers));

    const expected = { P1: units(consts, '0.3'), P2: units(consts, '0.75'), P3: units(consts, '0.45') };
    await step('fee-only payout: exactly 0.3 / 0.75 / 0.45 ZKM, all from the fee (sequencer first, then the sponsor, in commitment order); nothing minted, nothing refunded', async () => {
      const pot = fee + subsidy;
      const total = sum(provers.map((p) => p.stake));
      const paid = eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid');
      assert.equal(paid.length, 3, 'three RewardPaid events');
      for (const p of provers) {
        assert.equal((pot * p.stake) / total, expected[p.name], `floor(fee * s / S) for ${p.name}`);
        const ev = paid.find((e) => sameAccount(e.who, p.pair.address));
        assert.ok(ev, `RewardPaid for ${p.name}`);
        assert.equal(ev.amount.toBigInt(), expected[p.name], `${p.name}'s share`);
        assert.equal(ev.fromFee.toBigInt(), expected[p.name], `${p.name}'s share is all from the fee (an unslotted rollup mints nothing)`);
        assert.equal(mintedBy(ev), 0n);
        assert.equal(ev.round.toNumber(), 0);
        const { before, after } = await accountAroundBlock(api, settled.hash, p.pair.address);
        assert.equal(after.free, before.free + expected[p.name] - feesPaidBy(settled.records, p.pair.address), `${p.name}'s free balance`);
        assert.equal(after.held, before.held, `${p.name}'s stake is untouched`);
        assert.equal(after.ledger.rewarded, before.ledger.rewarded + expected[p.name], `${p.name}: ledger.rewarded`);
        assert.equal(after.ledger.reserved, 0n, `${p.name}: reservation released`);
        assert.equal(after.ledger.pendingCommitments, 0, `${p.name}: commitment closed`);
      }
      // Who paid whom: commitment order, each share out of the payers in the order they paid.
      const order = await sequenceCommitments(api, id, (await api.rpc.chain.getHeader(settled.hash)).parentHash.toHex());
      assert.equal(order.length, 3);
      const left = [
        { payer: sequencer.address, amount: fee },
        { payer: sponsor.address, amount: subsidy },
      ];
      const transfers = [];
      for (const c of order) {
        let need = expected[provers.find((p) => sameAccount(c.prover, p.pair.address)).name];
        for (const l of left) {
          const take = need < l.amount ? need : l.amount;
          if (take === 0n) continue;
          transfers.push({ source: l.payer, dest: c.prover, amount: take });
          l.amount -= take;
          need -= take;
        }
      }
      const onHold = holdEvents(settled.records, 'TransferOnHold', 'SequenceFee').filter((e) =>
        [sequencer.address, sponsor.address].some((a) => sameAccount(e.source, a)),
      );
      assert.deepEqual(
        onHold.map((e) => ({ source: e.source.toString(), dest: e.dest.toString(), amount: e.amount.toBigInt() })),
        transfers.map((t) => ({ source: api.createType('AccountId', t.source).toString(), dest: api.createType('AccountId', t.dest).toString(), amount: t.amount })),
        'balances.TransferOnHold: the fee paid out of the holds, in order',
      );
      for (const [who, amount] of [[sequencer, fee], [sponsor, subsidy]]) {
        const { before, after } = await accountAroundBlock(api, settled.hash, who.address);
        assert.equal(before.feeHeld, amount, 'held until settlement');
        assert.equal(after.feeHeld, 0n, 'paid out entirely');
        assert.equal(after.free, before.free - feesPaidBy(settled.records, who.address), "the payer's free balance does not move");
      }
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'FeeRefunded').length, 0, 'no dust: nothing refunded');
      assert.equal(eventsOf(settled.ours, 'zkpSubmission', 'CommitterSlashed').length, 0, 'nobody slashed');
      const fin = oneEvent(settled.ours, 'zkpSubmission', 'SequenceFinalized');
      assert.equal(fin.rollup.toNumber(), rollup);
      assert.equal(fin.round.toNumber(), 0);
      assert.equal(fin.validated.toNumber(), 3);
      assert.equal(fin.rewarded.toBigInt(), pot, 'rewarded: the whole fee');
      assert.equal(fin.feePaid.toBigInt(), pot, 'fee_paid: all of it (rewarded - fee_paid = 0 minted)');
      assert.equal(fin.proofHash.toHex(), proofHash(batch1.proof));
    });

    await step('total issuance does not move by the payout: only by the transaction fees and what other sequences minted or burned', async () => {
      const change = await assertIssuanceExplained(api, settled.hash, 'settlement block: ');
      const ours = sum(eventsOf(settled.ours, 'zkpSubmission', 'RewardPaid').map(mintedBy));
      assert.equal(ours, 0n, 'our payout minted nothing');
      const others = sum(eventsOf(settled.records, 'zkpSubmission', 'RewardPaid', (e) => e.sequence.toNumber() !== id).map(mintedBy));
      assert.equal(change.delta, others - change.burnedBySlashes - change.fees, 'the payout is no change of issuance');
      if (others === 0n && change.burnedBySlashes === 0n && change.fees === 0n) assert.equal(change.delta, 0n);
      note(`issuance ${change.before} -> ${change.after} (${change.delta}): ours minted 0, others ${others}, slashes ${change.burnedBySlashes}, fees ${change.fees}`);
    });

    const expiresAt = settled.number + consts.proofRetention;
    await step(`the proof after settlement: the same wire bytes, blake2_256 = proofHash, expiresAt = settlement #${settled.number} + ${consts.proofRetention}; back to snarkjs it is proof_1.json`, async () => {
      const kept = await fetchedProof(api, id, settled.hash);
      assert.deepEqual(kept, { ...revealed.expected, expiresAt }, 'runtime API proof at settlement');
      assert.equal(proofHash(kept.proof), kept.proofHash, 'blake2_256(proof) = proofHash');
      assert.equal(kept.proof, batch1.proof, 'the revealed bytes');
      assert.equal(await sequenceStatus(api, id, settled.hash), null, 'the sequence is finished');
      const back = convertToSnarkjs('proof', kept.proof);
      for (const field of ['pi_a', 'pi_b', 'pi_c', 'protocol', 'curve']) {
        assert.deepEqual(back[field], batch1.snarkjsProof[field], `zkmine-miner convert proof --to-snarkjs: ${field} of proof_1.json`);
      }
      const record = await rollupRecord(api, settled.hash, rollup);
      assert.equal(record.latestProved, id, 'latest proved');
      assert.deepEqual(record.sequences, []);
    });

    await step('the owner deregisters the rollup: RollupRemoved gives the deposit back', async () => {
      const receipt = await send(ctx, owner, api.tx.zkpSubmission.deregisterRollup(rollup), 'the owner deregisters the rollup');
      assertOk(receipt);
      const dereg = oneEvent(receipt.events, 'zkpSubmission', 'RollupDeregistered');
      assert.equal(dereg.rollup.toNumber(), rollup);
      assert.equal(dereg.dropped.toNumber(), 0);
      assert.equal(dereg.live.toNumber(), 0);
      const removed = oneEvent(receipt.events, 'zkpSubmission', 'RollupRemoved');
      assert.equal(removed.rollup.toNumber(), rollup);
      assert.ok(removed.latestProved.isSome && removed.latestProved.unwrap().toNumber() === id, 'RollupRemoved.latest_proved');
      assert.equal(removed.depositReturned.toBigInt(), deposit, 'RollupRemoved.deposit_returned');
      const released = oneEvent(receipt.events, 'balances', 'Released');
      assert.ok(reasonIs(released.reason, 'zkpSubmission', 'RollupDeposit'));
      assert.equal(released.amount.toBigInt(), deposit);
      const { before, after } = await accountAround(api, receipt, owner.address);
      assert.equal(before.depositHeld, deposit);
      assert.equal(after.depositHeld, 0n, 'nothing held any more');
      assert.equal(after.free, before.free + deposit - receipt.fee, "the owner's free balance: the deposit back, less the fee");
      assert.equal(await rollupRecord(api, receipt.blockHash, rollup), null, 'Rollups entry removed');
      const key = await (await api.at(receipt.blockHash)).query.zkpSubmission.verifyingKeys(rollup, 0);
      assert.ok(key.isNone, 'its verifying key removed');
      assert.ok(await fetchedProof(api, id, receipt.blockHash), 'the proof is still kept (by sequence)');
    });

    await step(`the proof is pruned at #${expiresAt}: present at #${expiresAt - 1}, gone from #${expiresAt}`, async () => {
      await heads.waitFor(expiresAt, `the proof's expiry #${expiresAt}`, 10);
      const [last, gone] = await Promise.all([heads.hashOf(expiresAt - 1), heads.hashOf(expiresAt)]);
      assert.deepEqual(await fetchedProof(api, id, last), { ...revealed.expected, expiresAt }, `kept at #${expiresAt - 1}`);
      assert.equal(await fetchedProof(api, id, gone), null, `pruned at #${expiresAt}`);
      const stored = await (await api.at(gone)).query.zkpSubmission.proofs(id);
      assert.ok(stored.isNone, 'Proofs entry removed');
    });
  },
};
