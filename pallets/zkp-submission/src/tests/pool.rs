//! The transaction pool's check of reveals (`CheckReveal`): each doomed kind refused with its
//! code and refused by the call with the matching error (one rule, two places that agree),
//! matching reveals ranked first, longevity ending with the window at its exact block.

use crate::{
	mock::*, CheckReveal, Error, Event, RevealRefusal, Rounds, Sequences, WeightInfo,
	MATCHING_REVEAL_PRIORITY,
};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::{DispatchInfo, GetDispatchInfo},
	pallet_prelude::{TransactionSource, TransactionValidityError, ValidTransaction},
	weights::Weight,
};
use sp_runtime::traits::{DispatchTransaction, TransactionExtension, TxBaseImplication};

const T: u64 = 5;

fn reveal_call(sequence: u64, proof: &[u8]) -> RuntimeCall {
	RuntimeCall::ZkpSubmission(crate::Call::submit_proof {
		sequence,
		proof: bounded(proof.to_vec()),
	})
}

/// What the pool says about `call` signed by `who` at the current block.
fn pool(who: AccountId, call: &RuntimeCall) -> Result<ValidTransaction, TransactionValidityError> {
	let info: DispatchInfo = call.get_dispatch_info();
	CheckReveal::<Test>::new()
		.validate_only(RuntimeOrigin::signed(who), call, &info, 0, TransactionSource::External, 0)
		.map(|(valid, _, _)| valid)
}

fn refused(refusal: RevealRefusal) -> Result<ValidTransaction, TransactionValidityError> {
	Err(TransactionValidityError::Invalid(refusal.invalid()))
}

/// A sequence with ALICE and BOB committed at T to proofs 0 and 1, at block T.
fn round() -> u64 {
	let seq = submit(register(2));
	run_to(T);
	commit(ALICE, seq, &valid_proof(seq, 0));
	commit(BOB, seq, &valid_proof(seq, 1));
	seq
}

#[test]
fn unknown_sequences_and_unstarted_rounds_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		assert_eq!(
			pool(ALICE, &reveal_call(seq + 1, &proof)),
			refused(RevealRefusal::UnknownSequence)
		);
		assert_noop!(reveal(ALICE, seq + 1, &proof), Error::<Test>::UnknownSequence);
		assert_eq!(pool(ALICE, &reveal_call(seq, &proof)), refused(RevealRefusal::RoundNotStarted));
		assert_noop!(reveal(ALICE, seq, &proof), Error::<Test>::RoundNotStarted);
		assert_eq!(Sequences::<Test>::get(seq).map(|s| s.windows), Some(None));
	});
}

#[test]
fn reveals_are_admitted_exactly_inside_the_window() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = round();
		let proof = valid_proof(seq, 0);
		// T + 10: still the commit window.
		run_to(T + 10);
		assert_eq!(pool(ALICE, &reveal_call(seq, &proof)), refused(RevealRefusal::RevealNotOpen));
		assert_noop!(reveal(ALICE, seq, &proof), Error::<Test>::RevealNotOpen);
		// T + 11: the first reveal block; it lives until T + 20, ten blocks.
		run_to(T + 11);
		let valid = pool(ALICE, &reveal_call(seq, &proof)).expect("admitted");
		assert_eq!((valid.priority, valid.longevity), (MATCHING_REVEAL_PRIORITY, 10));
		// T + 20: the last reveal block, one block to live.
		run_to(T + 20);
		assert_eq!(pool(ALICE, &reveal_call(seq, &proof)).map(|v| v.longevity), Ok(1));
		run_to(T + 21);
		// Settled at T + 21: nobody revealed, the round failed and the sequence waits for a
		// new one.
		assert_eq!(pool(ALICE, &reveal_call(seq, &proof)), refused(RevealRefusal::RoundNotStarted));
	});
}

#[test]
fn the_window_closes_at_t_plus_21_while_the_round_is_still_stored() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = round();
		// At T + 21 before settlement runs (the hook has not run for this block yet).
		frame_system::Pallet::<Test>::set_block_number(T + 21);
		assert!(Rounds::<Test>::get(seq).is_some());
		let proof = valid_proof(seq, 0);
		assert_eq!(
			pool(ALICE, &reveal_call(seq, &proof)),
			refused(RevealRefusal::RevealWindowClosed)
		);
		assert_noop!(reveal(ALICE, seq, &proof), Error::<Test>::RevealWindowClosed);
		// Let settlement run for that block.
		frame_system::Pallet::<Test>::set_block_number(T + 20);
		run_to(T + 21);
		assert!(Rounds::<Test>::get(seq).is_none());
	});
}

#[test]
fn strangers_are_refused_and_committers_below_the_minimum_admitted() {
	const SMALL: AccountId = 7;
	ExtBuilder::default().prover(SMALL, 2_500 * UNIT).build_and_execute(|| {
		let seq = round();
		commit(SMALL, seq, &valid_proof(seq, 3));
		run_to(T + 11);
		let proof = valid_proof(seq, 5);
		assert_eq!(
			pool(NOBODY, &reveal_call(seq, &proof)),
			refused(RevealRefusal::NotActiveProver)
		);
		assert_noop!(reveal(NOBODY, seq, &proof), Error::<Test>::NotActiveProver);
		assert_eq!(pool(POOR, &reveal_call(seq, &proof)), refused(RevealRefusal::NotActiveProver));
		// SMALL committed; below the minimum now (still holding its reservation), its reveal
		// is still admitted, and matches.
		MockStaking::set_stake(SMALL, MIN_STAKE - UNIT);
		assert!(!ZkpSubmission::prover_capacity(&SMALL).active);
		let valid = pool(SMALL, &reveal_call(seq, &valid_proof(seq, 3))).expect("admitted");
		assert_eq!(valid.priority, MATCHING_REVEAL_PRIORITY);
		assert_ok!(reveal(SMALL, seq, &valid_proof(seq, 3)));
	});
}

#[test]
fn matching_reveals_rank_above_others_and_replays_after_proof_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = round();
		run_to(T + 11);
		// An active prover's proof that matches no commitment: admitted (it could still prove
		// the sequence first), at no extra priority.
		let stranger = valid_proof(seq, 7);
		assert_eq!(pool(CHARLIE, &reveal_call(seq, &stranger)).map(|v| v.priority), Ok(0));
		// Anyone may reveal ALICE's proof: it matches her commitment, so it ranks first.
		let alice = valid_proof(seq, 0);
		assert_eq!(
			pool(CHARLIE, &reveal_call(seq, &alice)).map(|v| v.priority),
			Ok(MATCHING_REVEAL_PRIORITY)
		);
		// A junk proof from a committer that is not its own commitment: no priority.
		assert_eq!(pool(BOB, &reveal_call(seq, &invalid_proof(9))).map(|v| v.priority), Ok(0));

		assert_ok!(reveal(ALICE, seq, &alice));
		System::assert_last_event(
			Event::CommitmentValidated {
				sequence: seq,
				round: 0,
				prover: ALICE,
				proof_hash: zkmine_primitives::proof_hash(&alice),
			}
			.into(),
		);
		// Proved now: the same proof again, or one matching nothing, cannot succeed.
		assert_eq!(
			pool(ALICE, &reveal_call(seq, &alice)),
			refused(RevealRefusal::NothingToValidate)
		);
		assert_noop!(reveal(ALICE, seq, &alice), Error::<Test>::NothingToValidate);
		assert_eq!(
			pool(CHARLIE, &reveal_call(seq, &stranger)),
			refused(RevealRefusal::NothingToValidate)
		);
		assert_noop!(reveal(CHARLIE, seq, &stranger), Error::<Test>::NothingToValidate);
		// BOB's own proof still validates his commitment: admitted, ranked first.
		let bob = valid_proof(seq, 1);
		assert_eq!(
			pool(BOB, &reveal_call(seq, &bob)).map(|v| v.priority),
			Ok(MATCHING_REVEAL_PRIORITY)
		);
		assert_ok!(reveal(BOB, seq, &bob));
		assert!(Rounds::<Test>::get(seq).is_some_and(|r| r.commitments.iter().all(|c| c.validated)));
		assert_eq!(pool(BOB, &reveal_call(seq, &bob)), refused(RevealRefusal::NothingToValidate));
	});
}

#[test]
fn other_calls_pass_and_only_reveals_carry_the_check_weight() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = round();
		let commit = RuntimeCall::ZkpSubmission(crate::Call::commit_proof_hash {
			sequence: seq,
			commitment: [1; 32],
		});
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
		for call in [&commit, &remark] {
			assert_eq!(pool(NOBODY, call), Ok(ValidTransaction::default()));
			assert_eq!(CheckReveal::<Test>::new().weight(call), Weight::zero());
		}
		let reveal = reveal_call(seq, &valid_proof(seq, 0));
		assert_eq!(CheckReveal::<Test>::new().weight(&reveal), <() as WeightInfo>::check_reveal());
		assert!(<() as WeightInfo>::check_reveal().ref_time() > 0);
		// Unsigned reveals are left to the call's origin check.
		let info = reveal.get_dispatch_info();
		let unsigned = CheckReveal::<Test>::new().validate(
			RuntimeOrigin::none(),
			&reveal,
			&info,
			0,
			(),
			&TxBaseImplication(&reveal),
			TransactionSource::External,
		);
		assert_eq!(unsigned.map(|(v, _, _)| v), Ok(ValidTransaction::default()));
	});
}

#[test]
fn a_round_missing_from_storage_is_refused_as_inconsistent() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = round();
		run_to(T + 11);
		let proof = valid_proof(seq, 0);
		// Corrupt: the sequence has windows but its round is gone (never expected).
		let stored = Rounds::<Test>::take(seq).expect("round");
		assert_eq!(pool(ALICE, &reveal_call(seq, &proof)), refused(RevealRefusal::Inconsistent));
		assert_noop!(reveal(ALICE, seq, &proof), Error::<Test>::Inconsistent);
		// Restored, the same reveal is admitted and ranked first.
		Rounds::<Test>::insert(seq, stored);
		assert_eq!(
			pool(ALICE, &reveal_call(seq, &proof)).map(|v| v.priority),
			Ok(MATCHING_REVEAL_PRIORITY)
		);
	});
}

#[test]
fn refusal_codes_are_stable_and_map_back() {
	use RevealRefusal::*;
	let all = [
		(UnknownSequence, 1u8),
		(RoundNotStarted, 2),
		(RevealNotOpen, 3),
		(RevealWindowClosed, 4),
		(NotActiveProver, 5),
		(NothingToValidate, 6),
		(Inconsistent, 7),
	];
	for (refusal, code) in all {
		assert_eq!(refusal as u8, code, "{refusal:?}: the code is part of the client interface");
		assert_eq!(RevealRefusal::from_code(code), Some(refusal));
	}
	assert_eq!(RevealRefusal::from_code(0), None);
	assert_eq!(RevealRefusal::from_code(8), None);
}
