//! Slashing: incorrect hashes, incorrect proofs at once, rounds without a valid proof, and
//! stake that is unbonded after committing.

use crate::{mock::*, Error, Event, Rounds, Sequences};
use frame_support::{assert_noop, assert_ok};
use zkmine_primitives::{proof_hash, SlashReason};

const T: u64 = 4;

fn slash_record(
	who: AccountId,
	snapshot: Balance,
	reason: SlashReason,
	burned: Balance,
) -> SlashRecord {
	SlashRecord { who, snapshot, reason, burned }
}

#[test]
fn one_proof_validates_identical_commitments_others_validate_their_own() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let (p1, p2, p3) = (valid_proof(seq, 1), valid_proof(seq, 2), valid_proof(seq, 3));
		commit(ALICE, seq, &p1);
		commit(BOB, seq, &p1);
		commit(CHARLIE, seq, &p2);
		// Dave commits to a valid proof he never reveals; Eve to garbage.
		commit(DAVE, seq, &p3);
		assert_ok!(ZkpSubmission::commit_proof_hash(RuntimeOrigin::signed(EVE), seq, [9u8; 32]));

		run_to(T + 11);
		let mark = events().len();
		assert_ok!(reveal(BOB, seq, &p1));
		assert_eq!(
			events_since(mark),
			vec![
				Event::SequenceProved {
					sequence: seq,
					rollup: 0,
					round: 0,
					proof_hash: proof_hash(&p1),
					by: BOB,
				},
				Event::CommitmentValidated {
					sequence: seq,
					round: 0,
					prover: ALICE,
					proof_hash: proof_hash(&p1),
				},
				Event::CommitmentValidated {
					sequence: seq,
					round: 0,
					prover: BOB,
					proof_hash: proof_hash(&p1),
				},
			]
		);
		let mark = events().len();
		assert_ok!(reveal(CHARLIE, seq, &p2));
		assert_eq!(
			events_since(mark),
			vec![Event::CommitmentValidated {
				sequence: seq,
				round: 0,
				prover: CHARLIE,
				proof_hash: proof_hash(&p2),
			}]
		);
		// The first proof stays the one that proved the sequence.
		assert_eq!(
			Sequences::<Test>::get(seq).unwrap().proved.unwrap().proof_hash,
			proof_hash(&p1)
		);
		let validated: Vec<_> = Rounds::<Test>::get(seq)
			.unwrap()
			.commitments
			.iter()
			.map(|c| (c.prover, c.validated))
			.collect();
		assert_eq!(
			validated,
			vec![(ALICE, true), (BOB, true), (CHARLIE, true), (DAVE, false), (EVE, false)]
		);

		let issuance = Balances::total_issuance();
		run_to(T + 21);
		// Dave and Eve: IncorrectHash, 10% of 100K each, burned.
		assert_eq!(
			MockStaking::slashes(),
			vec![
				slash_record(DAVE, 100_000 * UNIT, SlashReason::IncorrectHash, 10_000 * UNIT),
				slash_record(EVE, 100_000 * UNIT, SlashReason::IncorrectHash, 10_000 * UNIT),
			]
		);
		for who in [DAVE, EVE] {
			System::assert_has_event(
				Event::CommitterSlashed {
					sequence: seq,
					round: 0,
					who,
					reason: SlashReason::IncorrectHash,
					amount: 10_000 * UNIT,
				}
				.into(),
			);
			assert_eq!(MockStaking::stake(who).bonded, 90_000 * UNIT);
		}
		// Alice, Bob and Charlie share the reward as in the worked example.
		for (who, amount) in
			[(ALICE, 400_000_000_000), (BOB, 1_000_000_000_000), (CHARLIE, 600_000_000_000)]
		{
			System::assert_has_event(
				Event::RewardPaid { sequence: seq, round: 0, who, amount, from_fee: 0 }.into(),
			);
		}
		assert_eq!(Balances::total_issuance(), issuance + 2 * UNIT - 20_000 * UNIT);
	});
}

#[test]
fn invalid_proof_matching_own_commitment_is_slashed_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let bad = invalid_proof(1);
		commit(ALICE, seq, &bad);
		commit(BOB, seq, &valid_proof(seq, 0));
		run_to(T + 11);
		let issuance = Balances::total_issuance();

		assert_ok!(reveal(ALICE, seq, &bad));
		// IncorrectProof: 20% of 200K, at once.
		let burned = 40_000 * UNIT;
		System::assert_last_event(
			Event::IncorrectProofSlashed {
				sequence: seq,
				round: 0,
				prover: ALICE,
				proof_hash: proof_hash(&bad),
				malformed: false,
				slashed: burned,
			}
			.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance - burned);
		assert_eq!(MockStaking::stake(ALICE).bonded, 160_000 * UNIT);
		assert_eq!(MockStaking::pending(ALICE), 0);
		let provers: Vec<_> =
			Rounds::<Test>::get(seq).unwrap().commitments.iter().map(|c| c.prover).collect();
		assert_eq!(provers, vec![BOB]);
		// Revealing it again no longer matches a commitment of hers.
		assert_noop!(reveal(ALICE, seq, &bad), Error::<Test>::InvalidProof);

		// At settlement she is not punished twice: only Bob (no valid proof revealed).
		run_to(T + 21);
		assert_eq!(
			MockStaking::slashes(),
			vec![
				slash_record(ALICE, 200_000 * UNIT, SlashReason::IncorrectProof, burned),
				slash_record(BOB, 500_000 * UNIT, SlashReason::NoValidProof, 25_000 * UNIT),
			]
		);
		System::assert_has_event(
			Event::RoundFailed { sequence: seq, round: 0, committers: 1 }.into(),
		);
	});
}

#[test]
fn malformed_proof_matching_own_commitment_is_slashed_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let bad = malformed_proof(1);
		commit(CHARLIE, seq, &bad);
		run_to(T + 20);
		let issuance = Balances::total_issuance();

		assert_ok!(reveal(CHARLIE, seq, &bad));
		System::assert_last_event(
			Event::IncorrectProofSlashed {
				sequence: seq,
				round: 0,
				prover: CHARLIE,
				proof_hash: proof_hash(&bad),
				malformed: true,
				slashed: 60_000 * UNIT,
			}
			.into(),
		);
		assert_eq!(Balances::total_issuance(), issuance - 60_000 * UNIT);
		assert!(Rounds::<Test>::get(seq).unwrap().commitments.is_empty());

		// The round ends with no committer left: it reopens without further slashes.
		run_to(T + 21);
		assert_eq!(MockStaking::slashes().len(), 1);
		System::assert_has_event(
			Event::RoundFailed { sequence: seq, round: 0, committers: 0 }.into(),
		);
		System::assert_last_event(Event::SequenceReopened { sequence: seq, new_round: 1 }.into());
	});
}

#[test]
fn incorrect_proof_of_someone_else_fails_and_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let (bad, broken) = (invalid_proof(1), malformed_proof(2));
		// Bob committed to the invalid proof, Alice to a valid one, Charlie to nothing.
		commit(BOB, seq, &bad);
		commit(ALICE, seq, &valid_proof(seq, 0));
		run_to(T + 11);

		assert_noop!(reveal(ALICE, seq, &bad), Error::<Test>::InvalidProof);
		assert_noop!(reveal(ALICE, seq, &broken), Error::<Test>::MalformedProof);
		assert_noop!(reveal(CHARLIE, seq, &bad), Error::<Test>::InvalidProof);
		assert!(MockStaking::slashes().is_empty());
		assert_eq!(Rounds::<Test>::get(seq).unwrap().commitments.len(), 2);
		assert_eq!(MockStaking::pending(BOB), 1);
	});
}

#[test]
fn no_valid_proof_slashes_every_committer_and_reopens() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 1));
		commit(BOB, seq, &invalid_proof(2));
		run_to(T + 11);
		let issuance = Balances::total_issuance();
		let mark = events().len();
		run_to(T + 21);

		// NoValidProof: 5% of the snapshots.
		let (a, b) = (10_000 * UNIT, 25_000 * UNIT);
		assert_eq!(
			events_since(mark),
			vec![
				Event::CommitterSlashed {
					sequence: seq,
					round: 0,
					who: ALICE,
					reason: SlashReason::NoValidProof,
					amount: a,
				},
				Event::CommitterSlashed {
					sequence: seq,
					round: 0,
					who: BOB,
					reason: SlashReason::NoValidProof,
					amount: b,
				},
				Event::RoundFailed { sequence: seq, round: 0, committers: 2 },
				Event::SequenceReopened { sequence: seq, new_round: 1 },
			]
		);
		assert_eq!(Balances::total_issuance(), issuance - a - b);
		let sequence = Sequences::<Test>::get(seq).unwrap();
		assert_eq!((sequence.round, sequence.windows, sequence.proved), (1, None, None));
		assert!(!Rounds::<Test>::contains_key(seq));
		assert_eq!(MockStaking::pending(ALICE) + MockStaking::pending(BOB), 0);

		// A new first commitment starts round 1 with a new T.
		let t2 = T + 30;
		run_to(t2);
		let proof = valid_proof(seq, 3);
		commit(CHARLIE, seq, &proof);
		System::assert_has_event(
			Event::RoundStarted {
				sequence: seq,
				round: 1,
				started_at: t2,
				commit_end: t2 + 10,
				reveal_end: t2 + 20,
				settle_at: t2 + 21,
			}
			.into(),
		);
		assert_eq!(crate::Deadlines::<Test>::get(t2 + 21).into_inner(), vec![seq]);
		// Alice may commit again in the new round, with her stake after the slash.
		commit(ALICE, seq, &proof);
		run_to(t2 + 11);
		assert_ok!(reveal(CHARLIE, seq, &proof));
		run_to(t2 + 21);
		// 2 units * 300K / 490K and * 190K / 490K, rounded down.
		let (c, a) = (1_224_489_795_918, 775_510_204_081);
		assert_eq!(
			events()[events().len() - 3..],
			[
				Event::RewardPaid { sequence: seq, round: 1, who: CHARLIE, amount: c, from_fee: 0 },
				Event::RewardPaid { sequence: seq, round: 1, who: ALICE, amount: a, from_fee: 0 },
				Event::SequenceFinalized {
					sequence: seq,
					rollup,
					round: 1,
					proof_hash: proof_hash(&proof),
					validated: 2,
					rewarded: c + a,
					fee_paid: 0,
				},
			]
		);
	});
}

#[test]
fn unbonding_after_committing_cannot_take_the_reserved_stake() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));
		commit(BOB, seq, &invalid_proof(0));
		// Both unbond all they may right after committing: what is not reserved (the
		// registry refuses the rest with `StakeReserved`).
		MockStaking::unbond(ALICE, 160_000 * UNIT);
		MockStaking::unbond(BOB, 400_000 * UNIT);
		assert_eq!(MockStaking::stake(ALICE).bonded, 40_000 * UNIT);
		assert_eq!(ZkpSubmission::prover_capacity(&ALICE).free, 0);

		run_to(T + 11);
		let issuance = Balances::total_issuance();
		run_to(T + 21);

		// The snapshots are slashed, and the reserved bonded stake covers the slashes.
		assert_eq!(
			MockStaking::slashes(),
			vec![
				slash_record(ALICE, 200_000 * UNIT, SlashReason::NoValidProof, 10_000 * UNIT),
				slash_record(BOB, 500_000 * UNIT, SlashReason::NoValidProof, 25_000 * UNIT),
			]
		);
		assert_eq!(MockStaking::stake(ALICE).bonded, 30_000 * UNIT);
		assert_eq!(MockStaking::stake(BOB).bonded, 75_000 * UNIT);
		assert_eq!(MockStaking::stake(ALICE).unbonding, 160_000 * UNIT);
		assert_eq!(Balances::total_issuance(), issuance - 35_000 * UNIT);
		assert_eq!(MockStaking::stake(ALICE).reserved + MockStaking::stake(BOB).reserved, 0);
		System::assert_has_event(
			Event::RoundFailed { sequence: seq, round: 0, committers: 2 }.into(),
		);
	});
}

#[test]
fn front_runner_can_neither_commit_nor_profit_after_a_reveal() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		// Eve copies Alice's commitment during the commit window.
		let copied = commitment_for(&proof, ALICE);
		assert_ok!(ZkpSubmission::commit_proof_hash(RuntimeOrigin::signed(EVE), seq, copied));

		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));
		let calls = MockVerifier::verify_calls();

		// Dave saw the proof: too late to commit.
		assert_noop!(
			ZkpSubmission::commit_proof_hash(
				RuntimeOrigin::signed(DAVE),
				seq,
				commitment_for(&proof, DAVE)
			),
			Error::<Test>::CommitWindowClosed
		);
		// Replaying it, or a re-randomised variant, validates nothing of his.
		assert_noop!(reveal(DAVE, seq, &proof), Error::<Test>::NothingToValidate);
		assert_eq!(MockVerifier::verify_calls(), calls, "a known valid proof is not re-verified");
		assert_noop!(reveal(DAVE, seq, &valid_proof(seq, 9)), Error::<Test>::NothingToValidate);
		// Eve's copied commitment is bound to Alice's account: not validated.
		let round = Rounds::<Test>::get(seq).unwrap();
		assert_eq!(
			round.commitments.iter().map(|c| (c.prover, c.validated)).collect::<Vec<_>>(),
			vec![(ALICE, true), (EVE, false)]
		);

		let (dave, alice) = (free(DAVE), free(ALICE));
		run_to(T + 21);
		assert_eq!(free(DAVE), dave);
		assert_eq!(free(ALICE), alice + 2 * UNIT);
		assert!(!events()
			.iter()
			.any(|e| matches!(e, Event::RewardPaid { who, .. } if *who == DAVE || *who == EVE)));
		assert_eq!(
			MockStaking::slashes(),
			vec![slash_record(EVE, 100_000 * UNIT, SlashReason::IncorrectHash, 10_000 * UNIT)]
		);
	});
}

#[test]
fn identical_proofs_are_verified_once() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let (p1, p2) = (valid_proof(seq, 1), valid_proof(seq, 2));
		commit(ALICE, seq, &p1);
		commit(BOB, seq, &p1);
		commit(CHARLIE, seq, &p2);
		run_to(T + 11);
		assert_eq!(MockVerifier::verify_calls(), 0);

		assert_ok!(reveal(ALICE, seq, &p1));
		assert_eq!(MockVerifier::verify_calls(), 1);
		// Bob's identical proof: his commitment was validated by Alice's reveal already.
		assert_noop!(reveal(BOB, seq, &p1), Error::<Test>::NothingToValidate);
		assert_eq!(MockVerifier::verify_calls(), 1);
		// A distinct proof is verified.
		assert_ok!(reveal(CHARLIE, seq, &p2));
		assert_eq!(MockVerifier::verify_calls(), 2);
		let round = Rounds::<Test>::get(seq).unwrap();
		assert_eq!(round.valid_proofs.into_inner(), vec![proof_hash(&p1), proof_hash(&p2)]);
		System::assert_last_event(
			Event::CommitmentValidated {
				sequence: seq,
				round: 0,
				prover: CHARLIE,
				proof_hash: proof_hash(&p2),
			}
			.into(),
		);
	});
}
