//! Every error path: a named error and no state change.

use crate::{mock::*, Call, Config, Error, Rounds};
use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, PalletInfoAccess},
};
use sp_runtime::DispatchError;

#[test]
fn wrong_origins_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		let key = || bounded(MockVerifier::key(2, 3));
		assert_noop!(
			ZkpSubmission::register_rollup(RuntimeOrigin::root(), SEQUENCER, key()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ZkpSubmission::update_verifying_key(RuntimeOrigin::signed(SEQUENCER), rollup, key()),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			ZkpSubmission::update_verifying_key(RuntimeOrigin::none(), rollup, key()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(ALICE), rollup),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::root(),
				rollup,
				inputs(2, 0),
				bounded(vec![0; 4]),
				0
			),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ZkpSubmission::commit_proof_hash(RuntimeOrigin::none(), seq, [0; 32]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ZkpSubmission::submit_proof(RuntimeOrigin::root(), seq, bounded(vec![1])),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn unknown_rollups_and_sequences_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		register(2);
		assert_noop!(
			ZkpSubmission::update_verifying_key(
				RuntimeOrigin::root(),
				7,
				bounded(MockVerifier::key(2, 0))
			),
			Error::<Test>::UnknownRollup
		);
		assert_noop!(
			ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), 7),
			Error::<Test>::UnknownRollup
		);
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				7,
				inputs(2, 0),
				bounded(vec![0; 4]),
				0
			),
			Error::<Test>::UnknownRollup
		);
		assert_noop!(
			ZkpSubmission::commit_proof_hash(RuntimeOrigin::signed(ALICE), 42, [1; 32]),
			Error::<Test>::UnknownSequence
		);
		assert_noop!(reveal(ALICE, 42, &[1, 2, 3]), Error::<Test>::UnknownSequence);
	});
}

#[test]
fn only_the_sequencer_submits_sequences() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(ALICE),
				rollup,
				inputs(2, 0),
				bounded(vec![0; 4]),
				0
			),
			Error::<Test>::NotSequencer
		);
	});
}

#[test]
fn sequences_without_batch_data_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs(2, 0),
				bounded(vec![]),
				0
			),
			Error::<Test>::EmptyBatch
		);
	});
}

#[test]
fn bad_verifying_keys_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		for (key, error) in [
			(vec![], Error::<Test>::MalformedVerifyingKey),
			(vec![0xFF, 1, 2], Error::<Test>::MalformedVerifyingKey),
			(MockVerifier::key(17, 0), Error::<Test>::TooManyPublicInputs),
			// Accepted by the verifier, but prepared to more than `MaxPreparedKeyLen` bytes.
			(MockVerifier::key_of_len(2, 0, 8), Error::<Test>::MalformedVerifyingKey),
		] {
			let error: DispatchError = error.into();
			assert_noop!(
				ZkpSubmission::register_rollup(
					RuntimeOrigin::signed(OWNER),
					SEQUENCER,
					bounded(key.clone())
				),
				error
			);
			assert_noop!(
				ZkpSubmission::update_verifying_key(RuntimeOrigin::root(), rollup, bounded(key)),
				error
			);
		}
		// The bound itself is accepted.
		assert_ok!(ZkpSubmission::register_rollup(
			RuntimeOrigin::signed(OWNER),
			SEQUENCER,
			bounded(MockVerifier::key(16, 0))
		));
	});
}

#[test]
fn bad_public_inputs_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let submit_with = |inputs| {
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs,
				bounded(vec![0; 4]),
				0,
			)
		};
		assert_noop!(submit_with(inputs(1, 0)), Error::<Test>::PublicInputCountMismatch);
		assert_noop!(submit_with(inputs(3, 0)), Error::<Test>::PublicInputCountMismatch);
		let mut non_canonical = inputs(2, 0).into_inner();
		non_canonical[1][31] = 0xF0;
		assert_noop!(submit_with(bounded(non_canonical)), Error::<Test>::NonCanonicalPublicInput);
	});
}

#[test]
fn oversized_inputs_do_not_decode() {
	ExtBuilder::default().build_and_execute(oversized_inputs_do_not_decode_inner);
}

fn oversized_inputs_do_not_decode_inner() {
	// Bounded call arguments: one element over the bound and the call cannot be decoded.
	let pallet = ZkpSubmission::index() as u8;
	let decode = |bytes: Vec<u8>| RuntimeCall::decode(&mut &bytes[..]);
	let bound = |b: u32| b as usize;
	let max_key = bound(<Test as Config>::MaxVerifyingKeyLen::get());
	let max_proof = bound(<Test as Config>::MaxProofLen::get());
	let max_inputs = bound(<Test as Config>::MaxPublicInputs::get());
	let max_batch = bound(<Test as Config>::MaxBatchLen::get());

	// register_rollup(sequencer, key)
	let call = |len: usize| (pallet, 0u8, SEQUENCER, vec![1u8; len]).encode();
	assert!(decode(call(max_key)).is_ok());
	assert!(decode(call(max_key + 1)).is_err());
	// update_verifying_key(rollup, key)
	let call = |len: usize| (pallet, 1u8, 0u32, vec![1u8; len]).encode();
	assert!(decode(call(max_key)).is_ok());
	assert!(decode(call(max_key + 1)).is_err());
	// submit_sequence(rollup, inputs, batch, fee)
	let call = |inputs: usize, batch: usize| {
		(pallet, 3u8, 0u32, vec![[0u8; 32]; inputs], vec![1u8; batch], 0u128).encode()
	};
	assert!(decode(call(max_inputs, max_batch)).is_ok());
	assert!(decode(call(max_inputs + 1, 1)).is_err());
	assert!(decode(call(1, max_batch + 1)).is_err());
	// submit_proof(sequence, proof)
	let call = |len: usize| (pallet, 5u8, 0u64, vec![1u8; len]).encode();
	let decoded = decode(call(max_proof)).expect("at the bound");
	assert!(matches!(
		decoded,
		RuntimeCall::ZkpSubmission(Call::submit_proof { sequence: 0, ref proof }) if proof.len() == max_proof
	));
	assert!(decode(call(max_proof + 1)).is_err());
}

#[test]
fn inactive_provers_can_neither_commit_nor_reveal() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		for who in [POOR, NOBODY] {
			assert_noop!(
				ZkpSubmission::commit_proof_hash(
					RuntimeOrigin::signed(who),
					seq,
					commitment_for(&proof, who)
				),
				Error::<Test>::NotActiveProver
			);
		}
		commit(ALICE, seq, &proof);
		run_to(13);
		assert_noop!(reveal(NOBODY, seq, &proof), Error::<Test>::NotActiveProver);
		assert_noop!(reveal(POOR, seq, &proof), Error::<Test>::NotActiveProver);
	});
}

#[test]
fn second_commitment_of_a_prover_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		commit(ALICE, seq, &valid_proof(seq, 0));
		for other in [commitment_for(&valid_proof(seq, 0), ALICE), [7u8; 32]] {
			assert_noop!(
				ZkpSubmission::commit_proof_hash(RuntimeOrigin::signed(ALICE), seq, other),
				Error::<Test>::AlreadyCommitted
			);
		}
		assert_eq!(Rounds::<Test>::get(seq).unwrap().commitments.len(), 1);
		assert_eq!(MockStaking::pending(ALICE), 1);
	});
}

#[test]
fn commitments_per_round_are_bounded() {
	let max: u32 = <Test as Config>::MaxCommitmentsPerSequence::get();
	let max = u64::from(max);
	let mut builder = ExtBuilder::default();
	for who in 1000..=1000 + max {
		builder = builder.prover(who, MIN_STAKE);
	}
	builder.build_and_execute(|| {
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		for who in 1000..1000 + max {
			commit(who, seq, &proof);
		}
		let last = 1000 + max;
		assert_noop!(
			ZkpSubmission::commit_proof_hash(
				RuntimeOrigin::signed(last),
				seq,
				commitment_for(&proof, last)
			),
			Error::<Test>::TooManyCommitments
		);
		assert_eq!(Rounds::<Test>::get(seq).unwrap().commitments.len() as u64, max);
	});
}

#[test]
fn open_sequences_per_rollup_are_bounded() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let max = <Test as Config>::MaxOpenSequencesPerRollup::get();
		for _ in 0..max {
			submit(rollup);
		}
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs(2, 200),
				bounded(vec![0; 4]),
				0
			),
			Error::<Test>::TooManyOpenSequences
		);
		// Another rollup is not affected.
		let other = register(2);
		submit(other);
	});
}

#[test]
fn wrong_phases_are_refused() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		// Open: nothing to reveal yet.
		assert_noop!(reveal(ALICE, seq, &proof), Error::<Test>::RoundNotStarted);
		commit(ALICE, seq, &proof);
		// Commit window: too early to reveal.
		assert_noop!(reveal(ALICE, seq, &proof), Error::<Test>::RevealNotOpen);
		run_to(12);
		// Reveal window: too late to commit.
		assert_noop!(
			ZkpSubmission::commit_proof_hash(
				RuntimeOrigin::signed(BOB),
				seq,
				commitment_for(&proof, BOB)
			),
			Error::<Test>::CommitWindowClosed
		);
		assert_ok!(reveal(ALICE, seq, &proof));
		// Once proved, a valid proof that validates nothing is refused.
		assert_noop!(reveal(BOB, seq, &valid_proof(seq, 5)), Error::<Test>::NothingToValidate);
	});
}
