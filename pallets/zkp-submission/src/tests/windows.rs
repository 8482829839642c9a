//! Every window boundary at its exact block (C = R = 10): commit at T and T+10 accepted,
//! T+11 rejected; proof at T+10 rejected, T+11 and T+20 accepted, T+21 rejected; settlement
//! at T+21 and not at T+20.

use crate::{mock::*, Error, Event, Phase, Rounds, Sequences};
use frame_support::{assert_noop, assert_ok};

const T: u64 = 5;

#[test]
fn first_commitment_sets_t_and_schedules_settlement() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		assert_eq!(Sequences::<Test>::get(seq).unwrap().windows, None);
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);

		let sequence = Sequences::<Test>::get(seq).unwrap();
		assert_eq!(sequence.windows.map(|w| w.commit_start), Some(T));
		assert_eq!(crate::Deadlines::<Test>::get(T + 21).into_inner(), vec![seq]);
		assert_eq!(
			events()[events().len() - 2..],
			[
				Event::RoundStarted {
					sequence: seq,
					round: 0,
					started_at: T,
					commit_end: T + 10,
					reveal_end: T + 20,
					settle_at: T + 21,
				},
				Event::ProofHashCommitted {
					sequence: seq,
					round: 0,
					prover: ALICE,
					commitment: commitment_for(&proof, ALICE),
					stake: 200_000 * UNIT,
					reserved: 40_000 * UNIT,
				},
			]
		);
		assert_eq!(MockStaking::pending(ALICE), 1);
	});
}

#[test]
fn commit_accepted_at_t_and_t_plus_10_rejected_at_t_plus_11() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));
		run_to(T + 10);
		commit(BOB, seq, &valid_proof(seq, 1));
		System::assert_last_event(
			Event::ProofHashCommitted {
				sequence: seq,
				round: 0,
				prover: BOB,
				commitment: commitment_for(&valid_proof(seq, 1), BOB),
				stake: 500_000 * UNIT,
				reserved: 100_000 * UNIT,
			}
			.into(),
		);
		// T is not moved by later commitments.
		assert_eq!(Sequences::<Test>::get(seq).unwrap().windows.map(|w| w.commit_start), Some(T));

		run_to(T + 11);
		assert_noop!(
			ZkpSubmission::commit_proof_hash(
				RuntimeOrigin::signed(CHARLIE),
				seq,
				commitment_for(&valid_proof(seq, 2), CHARLIE)
			),
			Error::<Test>::CommitWindowClosed
		);
		let round = Rounds::<Test>::get(seq).unwrap();
		assert_eq!(
			round.commitments.iter().map(|c| c.prover).collect::<Vec<_>>(),
			vec![ALICE, BOB]
		);
		assert_eq!(MockStaking::pending(CHARLIE), 0);
	});
}

#[test]
fn proof_rejected_at_t_plus_10_accepted_at_t_plus_11_and_t_plus_20() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let (p_alice, p_bob) = (valid_proof(seq, 1), valid_proof(seq, 2));
		commit(ALICE, seq, &p_alice);
		commit(BOB, seq, &p_bob);

		run_to(T + 10);
		assert_noop!(reveal(ALICE, seq, &p_alice), Error::<Test>::RevealNotOpen);

		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &p_alice));
		System::assert_has_event(
			Event::SequenceProved {
				sequence: seq,
				rollup: 0,
				round: 0,
				proof_hash: zkmine_primitives::proof_hash(&p_alice),
				by: ALICE,
			}
			.into(),
		);

		run_to(T + 20);
		assert_ok!(reveal(BOB, seq, &p_bob));
		System::assert_last_event(
			Event::CommitmentValidated {
				sequence: seq,
				round: 0,
				prover: BOB,
				proof_hash: zkmine_primitives::proof_hash(&p_bob),
			}
			.into(),
		);
		let round = Rounds::<Test>::get(seq).unwrap();
		assert!(round.commitments.iter().all(|c| c.validated));
	});
}

#[test]
fn proof_rejected_at_t_plus_21_while_settlement_is_carried_over() {
	ExtBuilder::default().build_and_execute(|| {
		// Two rounds due at T + 21 but a budget for one: the second is still unsettled
		// (carried over) during block T + 21, and its windows are closed.
		MaxSettlementWeight::set(budget_for_single_rounds(1));
		let rollup = register(2);
		let (first, second) = (submit(rollup), submit(rollup));
		run_to(T);
		let proof = valid_proof(second, 0);
		commit(ALICE, first, &valid_proof(first, 0));
		commit(ALICE, second, &proof);

		run_to(T + 21);
		assert_eq!(Sequences::<Test>::get(first).unwrap().round, 1);
		assert_eq!(crate::SettlementQueue::<Test>::get().into_inner(), vec![second]);
		assert_eq!(
			ZkpSubmission::sequence_status(second).unwrap().phase,
			Phase::AwaitingSettlement
		);
		assert_noop!(reveal(ALICE, second, &proof), Error::<Test>::RevealWindowClosed);
		assert_noop!(
			ZkpSubmission::commit_proof_hash(
				RuntimeOrigin::signed(BOB),
				second,
				commitment_for(&proof, BOB)
			),
			Error::<Test>::CommitWindowClosed
		);
		System::assert_last_event(Event::SettlementDeferred { pending: 1 }.into());

		run_to(T + 22);
		assert!(crate::SettlementQueue::<Test>::get().is_empty());
		assert_eq!(Sequences::<Test>::get(second).unwrap().round, 1);
	});
}

#[test]
fn settlement_at_t_plus_21_not_at_t_plus_20() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));

		run_to(T + 20);
		assert!(Sequences::<Test>::contains_key(seq));
		assert!(!events().iter().any(|e| matches!(e, Event::SequenceFinalized { .. })));
		assert_eq!(free(ALICE), 200_000 * UNIT + SPARE);
		assert_eq!(MockStaking::pending(ALICE), 1);

		run_to(T + 21);
		assert!(!Sequences::<Test>::contains_key(seq));
		System::assert_last_event(
			Event::SequenceFinalized {
				sequence: seq,
				rollup: 0,
				round: 0,
				proof_hash: zkmine_primitives::proof_hash(&proof),
				validated: 1,
				rewarded: 2 * UNIT,
				fee_paid: 0,
			}
			.into(),
		);
		assert_eq!(free(ALICE), 200_000 * UNIT + SPARE + 2 * UNIT);
		assert_eq!(MockStaking::pending(ALICE), 0);
	});
}

#[test]
fn failed_round_settles_at_t_plus_21_not_at_t_plus_20() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));

		run_to(T + 20);
		assert_eq!(Sequences::<Test>::get(seq).unwrap().windows.map(|w| w.commit_start), Some(T));
		assert!(MockStaking::slashes().is_empty());

		run_to(T + 21);
		let sequence = Sequences::<Test>::get(seq).unwrap();
		assert_eq!((sequence.round, sequence.windows), (1, None));
		assert_eq!(MockStaking::slashes().len(), 1);
		System::assert_last_event(Event::SequenceReopened { sequence: seq, new_round: 1 }.into());
	});
}
