//! The functions behind the runtime API: the commitment, a sequence's phase and windows,
//! its commitments.

use crate::{mock::*, Commitment, Phase, SequenceStatus, Windows};
use codec::Encode;
use frame_support::assert_ok;
use zkmine_primitives::proof_hash;

#[test]
fn commitment_is_blake2_of_proof_hash_and_scale_account() {
	ExtBuilder::default().build_and_execute(|| {
		let proof = b"some proof bytes".to_vec();
		let mut preimage = sp_io::hashing::blake2_256(&proof).to_vec();
		preimage.extend_from_slice(&ALICE.encode());
		let expected = sp_io::hashing::blake2_256(&preimage);
		assert_eq!(ZkpSubmission::commitment_of(&proof, &ALICE), expected);
		assert_ne!(ZkpSubmission::commitment_of(&proof, &BOB), expected);
		assert_ne!(ZkpSubmission::commitment_of(b"other", &ALICE), expected);

		// A commitment made with it is validated by the proof.
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		assert_ok!(ZkpSubmission::commit_proof_hash(
			RuntimeOrigin::signed(ALICE),
			seq,
			ZkpSubmission::commitment_of(&proof, &ALICE)
		));
		run_to(12);
		assert_ok!(reveal(ALICE, seq, &proof));
		assert!(ZkpSubmission::sequence_commitments(seq)[0].validated);
	});
}

#[test]
fn sequence_status_follows_the_phases_at_each_boundary() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		let open = SequenceStatus {
			rollup,
			round: 0,
			phase: Phase::Open,
			windows: None,
			proved: None,
			commitments: 0,
		};
		assert_eq!(ZkpSubmission::sequence_status(seq), Some(open));

		let t = 4;
		run_to(t);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		let windows = Windows {
			commit_start: t,
			commit_end: t + 10,
			reveal_start: t + 11,
			reveal_end: t + 20,
			settle_at: t + 21,
		};
		let status = |phase, proved| {
			Some(SequenceStatus {
				rollup,
				round: 0,
				phase,
				windows: Some(windows),
				proved,
				commitments: 1,
			})
		};
		assert_eq!(ZkpSubmission::sequence_status(seq), status(Phase::Commit, None));
		run_to(t + 10);
		assert_eq!(ZkpSubmission::sequence_status(seq), status(Phase::Commit, None));
		run_to(t + 11);
		assert_eq!(ZkpSubmission::sequence_status(seq), status(Phase::Reveal, None));
		assert_ok!(reveal(ALICE, seq, &proof));
		let proved = Some(proof_hash(&proof));
		run_to(t + 20);
		assert_eq!(ZkpSubmission::sequence_status(seq), status(Phase::Reveal, proved));
		run_to(t + 21);
		assert_eq!(ZkpSubmission::sequence_status(seq), None);
		assert_eq!(ZkpSubmission::sequence_status(999), None);
	});
}

#[test]
fn status_of_a_reopened_sequence_is_open_in_the_next_round() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		commit(BOB, seq, &valid_proof(seq, 0));
		run_to(22);
		let status = ZkpSubmission::sequence_status(seq).unwrap();
		assert_eq!((status.round, status.phase, status.windows), (1, Phase::Open, None));
		assert!(ZkpSubmission::sequence_commitments(seq).is_empty());
	});
}

#[test]
fn commitments_list_snapshot_and_validation() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		assert!(ZkpSubmission::sequence_commitments(seq).is_empty());
		let (p1, p2) = (valid_proof(seq, 1), valid_proof(seq, 2));
		commit(CHARLIE, seq, &p1);
		commit(ALICE, seq, &p2);
		MockStaking::set_stake(CHARLIE, 1_000_000 * UNIT);
		run_to(12);
		assert_ok!(reveal(ALICE, seq, &p2));
		assert_eq!(
			ZkpSubmission::sequence_commitments(seq),
			vec![
				Commitment {
					prover: CHARLIE,
					commitment: commitment_for(&p1, CHARLIE),
					stake: 300_000 * UNIT,
					reserved: 60_000 * UNIT,
					validated: false,
				},
				Commitment {
					prover: ALICE,
					commitment: commitment_for(&p2, ALICE),
					stake: 200_000 * UNIT,
					reserved: 40_000 * UNIT,
					validated: true,
				},
			]
		);
		assert_eq!(ZkpSubmission::sequence_commitments(777), vec![]);
	});
}
