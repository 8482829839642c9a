//! Rollups and sequences: registration, key versions, deregistration, id counters.

use crate::{
	mock::*, Error, Event, HoldReason, NextRollupId, RollupStatus, Rollups, Rounds, Sequences,
	VerifyingKeys,
};
use frame_support::{assert_noop, assert_ok};
use sp_core::H256;
use zkmine_primitives::{proof_hash, SlashReason};

#[test]
fn register_assigns_ids_and_stores_the_validated_key() {
	ExtBuilder::default().build_and_execute(|| {
		let key = MockVerifier::key(3, 7);
		assert_ok!(ZkpSubmission::register_rollup(
			RuntimeOrigin::signed(OWNER),
			SEQUENCER,
			bounded(key.clone())
		));
		System::assert_last_event(
			Event::RollupRegistered {
				rollup: 0,
				owner: OWNER,
				sequencer: SEQUENCER,
				deposit: MOCK_DEPOSIT,
				slotted: false,
				key_version: 0,
				key_hash: sp_io::hashing::blake2_256(&key),
				public_inputs: 3,
			}
			.into(),
		);
		assert_eq!(register(1), 1);
		assert_eq!(NextRollupId::<Test>::get(), 2);
		let record = Rollups::<Test>::get(0).unwrap();
		assert_eq!(
			(record.sequencer, record.key_version, record.status, record.latest_proved),
			(SEQUENCER, 0, RollupStatus::Active, None)
		);
		let stored = VerifyingKeys::<Test>::get(0, 0).unwrap();
		// Stored prepared, recognisable by the hash of the key that was registered.
		assert_eq!(
			(stored.prepared.into_inner(), stored.key_hash, stored.public_inputs, stored.users),
			(MockVerifier::prepared(&key), zkmine_primitives::verifying_key_hash(&key), 3, 1)
		);
		assert_eq!(Rollups::<Test>::count(), 2);
	});
}

#[test]
fn sequences_get_global_ids_and_are_listed_by_their_rollup() {
	ExtBuilder::default().build_and_execute(|| {
		let (r0, r1) = (register(2), register(1));
		let inputs = inputs(2, 9);
		assert_ok!(ZkpSubmission::submit_sequence(
			RuntimeOrigin::signed(SEQUENCER),
			r0,
			inputs.clone(),
			bounded(vec![1; 4]),
			0
		));
		System::assert_last_event(
			Event::SequenceSubmitted {
				sequence: 0,
				rollup: r0,
				key_version: 0,
				data_hash: H256(sp_io::hashing::blake2_256(&[1; 4])),
				data_len: 4,
				public_inputs: 2,
				fee: 0,
			}
			.into(),
		);
		assert_eq!(submit(r1), 1);
		assert_eq!(submit(r0), 2);
		let s = Sequences::<Test>::get(0).unwrap();
		assert_eq!((s.rollup, s.round, s.windows, s.public_inputs), (r0, 0, None, inputs));
		// Only the hash and length of the batch are stored.
		assert_eq!((s.data_hash, s.data_len), (H256(sp_io::hashing::blake2_256(&[1; 4])), 4));
		assert_eq!(Rollups::<Test>::get(r0).unwrap().sequences.into_inner(), vec![0, 2]);
		assert_eq!(Rollups::<Test>::get(r1).unwrap().sequences.into_inner(), vec![1]);

		// A finished sequence's id is not reused.
		run_to(3);
		let proof = valid_proof(1, 0);
		commit(ALICE, 1, &proof);
		run_to(14);
		assert_ok!(reveal(ALICE, 1, &proof));
		run_to(24);
		assert!(!Sequences::<Test>::contains_key(1));
		assert_eq!(submit(r1), 3);
	});
}

#[test]
fn key_update_leaves_existing_sequences_on_their_key() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let old = submit(rollup);
		let new_key = MockVerifier::key(3, 0x42);
		assert_ok!(ZkpSubmission::update_verifying_key(
			RuntimeOrigin::root(),
			rollup,
			bounded(new_key.clone())
		));
		System::assert_last_event(
			Event::VerifyingKeyUpdated {
				rollup,
				key_version: 1,
				key_hash: sp_io::hashing::blake2_256(&new_key),
				public_inputs: 3,
				deposit: MOCK_DEPOSIT,
			}
			.into(),
		);
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().key_version, 1);
		// Version 0 lives on for the old sequence only.
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 0).unwrap().users, 1);
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 1).unwrap().users, 1);
		assert_eq!(Sequences::<Test>::get(old).unwrap().key_version, 0);

		// New sequences follow the new key.
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs(2, 1),
				bounded(vec![0; 4]),
				0
			),
			Error::<Test>::PublicInputCountMismatch
		);
		let new = submit(rollup);
		assert_eq!(Sequences::<Test>::get(new).unwrap().key_version, 1);

		// A proof under the old key still proves the old sequence.
		run_to(2);
		let proof = valid_proof(old, 0);
		commit(ALICE, old, &proof);
		run_to(13);
		assert_ok!(reveal(ALICE, old, &proof));
		run_to(23);
		assert!(!Sequences::<Test>::contains_key(old));
		// The old version went with its last user.
		assert!(!VerifyingKeys::<Test>::contains_key(rollup, 0));
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 1).unwrap().users, 2);
	});
}

#[test]
fn deregistering_a_rollup_without_live_rounds_removes_it_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let (a, b) = (submit(rollup), submit(rollup));
		let mark = events().len();
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), rollup));
		assert_eq!(
			events_since(mark),
			vec![
				Event::SequenceDropped { sequence: a, rollup, round: 0 },
				Event::SequenceDropped { sequence: b, rollup, round: 0 },
				Event::RollupDeregistered { rollup, dropped: 2, live: 0 },
				Event::RollupRemoved {
					rollup,
					latest_proved: None,
					deposit_returned: MOCK_DEPOSIT
				},
			]
		);
		assert!(!Rollups::<Test>::contains_key(rollup));
		assert_eq!(Rollups::<Test>::count(), 0);
		assert_eq!(Sequences::<Test>::iter().count(), 0);
		assert_eq!(VerifyingKeys::<Test>::iter().count(), 0);
		// The sequencer keeps submitting: refused.
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs(2, 0),
				bounded(vec![0; 4]),
				0
			),
			Error::<Test>::UnknownRollup
		);
	});
}

#[test]
fn deregistering_lets_live_rounds_settle_and_removes_the_rollup_with_the_last() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let (proved, open, failing) = (submit(rollup), submit(rollup), submit(rollup));
		run_to(3);
		let proof = valid_proof(proved, 0);
		commit(ALICE, proved, &proof);
		commit(BOB, failing, &valid_proof(failing, 0));

		run_to(5);
		let mark = events().len();
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), rollup));
		assert_eq!(
			events_since(mark),
			vec![
				Event::SequenceDropped { sequence: open, rollup, round: 0 },
				Event::RollupDeregistered { rollup, dropped: 1, live: 2 },
			]
		);
		let record = Rollups::<Test>::get(rollup).unwrap();
		assert_eq!(record.status, RollupStatus::Retiring);
		assert_eq!(record.sequences.into_inner(), vec![proved, failing]);
		assert!(!Sequences::<Test>::contains_key(open));

		// Nothing new for a retiring rollup, whoever asks.
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs(2, 0),
				bounded(vec![0; 4]),
				0
			),
			Error::<Test>::RollupRetiring
		);
		assert_noop!(
			ZkpSubmission::update_verifying_key(
				RuntimeOrigin::root(),
				rollup,
				bounded(MockVerifier::key(2, 1))
			),
			Error::<Test>::RollupRetiring
		);
		assert_noop!(
			ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), rollup),
			Error::<Test>::RollupRetiring
		);

		// The live rounds run on under the normal rules: commit window, reveal.
		commit(CHARLIE, proved, &proof);
		run_to(14);
		assert_ok!(reveal(ALICE, proved, &proof));

		run_to(24);
		// The proved sequence is rewarded; the failed one is slashed and dropped, not
		// reopened; the record goes with the last sequence.
		System::assert_has_event(
			Event::SequenceFinalized {
				sequence: proved,
				rollup,
				round: 0,
				proof_hash: proof_hash(&proof),
				validated: 2,
				rewarded: 2 * UNIT,
				fee_paid: 0,
			}
			.into(),
		);
		System::assert_has_event(
			Event::CommitterSlashed {
				sequence: failing,
				round: 0,
				who: BOB,
				reason: SlashReason::NoValidProof,
				amount: 25_000 * UNIT,
			}
			.into(),
		);
		assert_eq!(
			events()[events().len() - 3..],
			[
				Event::RoundFailed { sequence: failing, round: 0, committers: 1 },
				Event::SequenceDropped { sequence: failing, rollup, round: 0 },
				Event::RollupRemoved {
					rollup,
					latest_proved: Some(proved),
					deposit_returned: MOCK_DEPOSIT,
				},
			]
		);
		assert!(!Rollups::<Test>::contains_key(rollup));
		assert_eq!(Sequences::<Test>::iter().count(), 0);
		assert_eq!(Rounds::<Test>::iter().count(), 0);
		assert_eq!(VerifyingKeys::<Test>::iter().count(), 0);
		assert_eq!(MockStaking::all_pending().len(), 0);
	});
}

#[test]
fn places_are_bounded_and_some_kept_for_slotted_rollups() {
	ExtBuilder::default().build_and_execute(|| {
		let open_places = MAX_ROLLUPS - REWARD_SLOTS;
		let open: Vec<u32> = (0..open_places).map(|_| register_open(1)).collect();
		assert_eq!(open, (0..open_places).collect::<Vec<_>>());
		let open_registration = || {
			ZkpSubmission::register_rollup(
				RuntimeOrigin::signed(OWNER),
				SEQUENCER,
				bounded(MockVerifier::key(1, 0)),
			)
		};
		assert_noop!(open_registration(), Error::<Test>::NoOpenPlace);
		// Governance still registers into the places kept for slotted rollups.
		for _ in 0..REWARD_SLOTS {
			assert_ok!(ZkpSubmission::force_register_rollup(
				RuntimeOrigin::root(),
				NOBODY,
				SEQUENCER,
				bounded(MockVerifier::key(1, 0))
			));
		}
		assert_eq!(Rollups::<Test>::count(), MAX_ROLLUPS);
		assert_noop!(
			ZkpSubmission::force_register_rollup(
				RuntimeOrigin::root(),
				NOBODY,
				SEQUENCER,
				bounded(MockVerifier::key(1, 0))
			),
			Error::<Test>::TooManyRollups
		);
		// A place is free again after a deregistration; ids are never reused.
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::root(), open[1]));
		assert_eq!(register_open(1), MAX_ROLLUPS);
		assert!(!Rollups::<Test>::contains_key(open[1]));
		assert_eq!(held(HoldReason::RollupDeposit, OWNER), open_places as Balance * MOCK_DEPOSIT);
	});
}

#[test]
fn governance_registers_slotted_rollups_without_a_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		let key = MockVerifier::key(2, 4);
		assert_noop!(
			ZkpSubmission::force_register_rollup(
				RuntimeOrigin::signed(OWNER),
				NOBODY,
				SEQUENCER,
				bounded(key.clone())
			),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(ZkpSubmission::force_register_rollup(
			RuntimeOrigin::root(),
			NOBODY,
			SEQUENCER,
			bounded(key.clone())
		));
		System::assert_last_event(
			Event::RollupRegistered {
				rollup: 0,
				owner: NOBODY,
				sequencer: SEQUENCER,
				deposit: 0,
				slotted: true,
				key_version: 0,
				key_hash: sp_io::hashing::blake2_256(&key),
				public_inputs: 2,
			}
			.into(),
		);
		let record = Rollups::<Test>::get(0).unwrap();
		assert_eq!((record.owner, record.deposit, record.slotted), (NOBODY, None, true));
		assert_eq!(crate::SlottedRollups::<Test>::get(), 1);
		assert_eq!(held(HoldReason::RollupDeposit, NOBODY), 0);
		// Slots are bounded on this path too.
		for _ in 1..REWARD_SLOTS {
			assert_ok!(ZkpSubmission::force_register_rollup(
				RuntimeOrigin::root(),
				NOBODY,
				SEQUENCER,
				bounded(key.clone())
			));
		}
		assert_noop!(
			ZkpSubmission::force_register_rollup(
				RuntimeOrigin::root(),
				NOBODY,
				SEQUENCER,
				bounded(key.clone())
			),
			Error::<Test>::NoFreeSlot
		);
		// The owner it names has the owner's rights.
		assert_ok!(ZkpSubmission::set_sequencer(RuntimeOrigin::signed(NOBODY), 0, ALICE));
	});
}

#[test]
fn genesis_registers_rollups_with_validated_keys() {
	let first = MockVerifier::key(3, 1);
	let second = MockVerifier::key(2, 2);
	ExtBuilder::default()
		.genesis_rollup(SEQUENCER, first.clone())
		.genesis_rollup(ALICE, second.clone())
		.build_and_execute(|| {
			assert_eq!(NextRollupId::<Test>::get(), 2);
			assert_eq!(Rollups::<Test>::count(), 2);
			let rollup = Rollups::<Test>::get(0).expect("rollup 0 from genesis");
			assert_eq!(rollup.sequencer, SEQUENCER);
			assert_eq!(rollup.status, RollupStatus::Active);
			let key = VerifyingKeys::<Test>::get(0, rollup.key_version).expect("its key");
			assert_eq!(key.prepared.to_vec(), MockVerifier::prepared(&first));
			assert_eq!(key.public_inputs, 3);
			assert_eq!(Rollups::<Test>::get(1).map(|r| r.sequencer), Some(ALICE));
			// The genesis rollup takes sequences like any other.
			assert_ok!(ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				0,
				inputs(3, 1),
				bounded(vec![1; 4]),
				0
			));
			assert!(Sequences::<Test>::contains_key(0));
		});
}

#[test]
#[should_panic(expected = "genesis rollup could not be registered")]
fn genesis_refuses_a_malformed_verifying_key() {
	ExtBuilder::default().genesis_rollup(SEQUENCER, vec![0xFF, 0, 0]).build();
}
