//! Calls charge the worst case up front and refund to the benchmarked weight of what they did.

use crate::{mock::*, WeightInfo};
use frame_support::{assert_ok, dispatch::GetDispatchInfo, weights::Weight};

type W = ();

fn proof_weight(p: u32, c: u32, valid: bool) -> Weight {
	if valid {
		W::submit_proof(p, c)
	} else {
		W::submit_proof_incorrect(p, c)
	}
}

#[test]
fn commit_refunds_to_the_path_taken() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		let call = crate::Call::<Test>::commit_proof_hash { sequence: seq, commitment: [0; 32] };
		let charged = call.get_dispatch_info().call_weight;
		assert_eq!(
			charged,
			W::commit_opening().max(W::commit_proof_hash(31)).max(W::commit_displacing())
		);

		let opening = ZkpSubmission::commit_proof_hash(RuntimeOrigin::signed(ALICE), seq, [1; 32]);
		assert_eq!(opening.unwrap().actual_weight, Some(W::commit_opening()));
		let join = ZkpSubmission::commit_proof_hash(RuntimeOrigin::signed(BOB), seq, [2; 32]);
		assert_eq!(join.unwrap().actual_weight, Some(W::commit_proof_hash(1)));
		assert!(W::commit_proof_hash(1).all_lte(charged));
		assert_eq!(crate::Rounds::<Test>::get(seq).unwrap().commitments.len(), 2);
		System::assert_last_event(
			crate::Event::ProofHashCommitted {
				sequence: seq,
				round: 0,
				prover: BOB,
				commitment: [2; 32],
				stake: 500_000 * UNIT,
				reserved: 100_000 * UNIT,
			}
			.into(),
		);
	});
}

#[test]
fn submit_proof_refunds_to_inputs_and_commitments() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		let bad = invalid_proof(0);
		commit(ALICE, seq, &proof);
		commit(BOB, seq, &proof);
		commit(CHARLIE, seq, &bad);
		let call =
			crate::Call::<Test>::submit_proof { sequence: seq, proof: bounded(proof.clone()) };
		let charged = call.get_dispatch_info().call_weight;
		assert_eq!(charged, proof_weight(16, 32, true).max(proof_weight(16, 32, false)));

		run_to(12);
		let valid = reveal(ALICE, seq, &proof).unwrap();
		assert_eq!(valid.actual_weight, Some(proof_weight(2, 3, true)));
		let incorrect = reveal(CHARLIE, seq, &bad).unwrap();
		assert_eq!(incorrect.actual_weight, Some(proof_weight(2, 3, false)));
		assert!(proof_weight(2, 3, true).all_lte(charged));
		assert_eq!(MockStaking::slashes().len(), 1);
		System::assert_last_event(
			crate::Event::IncorrectProofSlashed {
				sequence: seq,
				round: 0,
				prover: CHARLIE,
				proof_hash: zkmine_primitives::proof_hash(&bad),
				malformed: false,
				slashed: 60_000 * UNIT,
			}
			.into(),
		);
	});
}

#[test]
fn governance_calls_refund_to_what_they_touched() {
	ExtBuilder::default().build_and_execute(|| {
		let info = ZkpSubmission::register_rollup(
			RuntimeOrigin::signed(OWNER),
			SEQUENCER,
			bounded(MockVerifier::key(3, 0)),
		)
		.unwrap();
		assert_eq!(info.actual_weight, Some(W::register_rollup(3)));
		submit(0);
		submit(0);
		let info = ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), 0).unwrap();
		assert_eq!(info.actual_weight, Some(W::deregister_rollup(2)));
		assert_ok!(ZkpSubmission::register_rollup(
			RuntimeOrigin::signed(OWNER),
			SEQUENCER,
			bounded(MockVerifier::key(1, 0)),
		));
		let info = ZkpSubmission::update_verifying_key(
			RuntimeOrigin::root(),
			1,
			bounded(MockVerifier::key(0, 1)),
		)
		.unwrap();
		assert_eq!(info.actual_weight, Some(W::update_verifying_key(0)));
		assert_eq!(crate::Rollups::<Test>::count(), 1);
		System::assert_last_event(
			crate::Event::VerifyingKeyUpdated {
				rollup: 1,
				key_version: 1,
				key_hash: sp_io::hashing::blake2_256(&MockVerifier::key(0, 1)),
				public_inputs: 0,
				deposit: MOCK_DEPOSIT,
			}
			.into(),
		);
	});
}
