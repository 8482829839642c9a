//! Open registration with a deposit, the owner's rights, and governed reward slots.

use crate::{mock::*, Error, Event, HoldReason, Rollups, SlottedRollups};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

const T: u64 = 3;

fn deposit_held(who: AccountId) -> Balance {
	held(HoldReason::RollupDeposit, who)
}

fn deposit_for(len: usize) -> Balance {
	DEPOSIT_BASE + len as Balance * DEPOSIT_PER_BYTE
}

#[test]
fn anyone_registers_with_a_deposit_for_the_key_length() {
	ExtBuilder::default().build_and_execute(|| {
		let key = MockVerifier::key_of_len(2, 1, 7);
		assert_eq!(ZkpSubmission::registration_deposit(7), deposit_for(7));
		let before = free(NOBODY);
		assert!(before >= deposit_for(7));
		assert_ok!(ZkpSubmission::register_rollup(
			RuntimeOrigin::signed(NOBODY),
			SEQUENCER,
			bounded(key.clone())
		));
		System::assert_last_event(
			Event::RollupRegistered {
				rollup: 0,
				owner: NOBODY,
				sequencer: SEQUENCER,
				deposit: deposit_for(7),
				slotted: false,
				key_version: 0,
				key_hash: sp_io::hashing::blake2_256(&key),
				public_inputs: 2,
			}
			.into(),
		);
		assert_eq!(deposit_held(NOBODY), deposit_for(7));
		assert_eq!(free(NOBODY), before - deposit_for(7));
		let record = Rollups::<Test>::get(0).unwrap();
		assert_eq!(
			(record.owner, record.deposit, record.slotted),
			(NOBODY, Some(deposit_for(7)), false)
		);
	});
}

#[test]
fn registration_without_the_deposit_is_refused() {
	ExtBuilder::default().build_and_execute(|| {
		// Nobody keeps 5 units, less than the 5.4 of a deposit.
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(NOBODY),
			ALICE,
			SPARE - DEPOSIT_BASE
		));
		assert_noop!(
			ZkpSubmission::register_rollup(
				RuntimeOrigin::signed(NOBODY),
				SEQUENCER,
				bounded(MockVerifier::key(2, 0))
			),
			Error::<Test>::InsufficientFunds
		);
		assert_eq!(crate::NextRollupId::<Test>::get(), 0);
	});
}

#[test]
fn the_deposit_follows_the_key_length_on_update() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		assert_eq!(deposit_held(OWNER), deposit_for(4));
		let longer = MockVerifier::key_of_len(2, 9, 7);
		assert_ok!(ZkpSubmission::update_verifying_key(
			RuntimeOrigin::signed(OWNER),
			rollup,
			bounded(longer.clone())
		));
		System::assert_last_event(
			Event::VerifyingKeyUpdated {
				rollup,
				key_version: 1,
				key_hash: sp_io::hashing::blake2_256(&longer),
				public_inputs: 2,
				deposit: deposit_for(7),
			}
			.into(),
		);
		assert_eq!(deposit_held(OWNER), deposit_for(7));
		// Governance may replace it too; a shorter key releases the difference to the owner.
		let before = free(OWNER);
		assert_ok!(ZkpSubmission::update_verifying_key(
			RuntimeOrigin::root(),
			rollup,
			bounded(MockVerifier::key_of_len(2, 10, 5))
		));
		assert_eq!(deposit_held(OWNER), deposit_for(5));
		assert_eq!(free(OWNER), before + 2 * DEPOSIT_PER_BYTE);
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().deposit, Some(deposit_for(5)));
	});
}

#[test]
fn an_owner_that_cannot_cover_a_longer_key_keeps_the_old_one() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		let spendable = free(OWNER) - 1;
		assert_ok!(Balances::transfer_allow_death(RuntimeOrigin::signed(OWNER), ALICE, spendable));
		assert_noop!(
			ZkpSubmission::update_verifying_key(
				RuntimeOrigin::signed(OWNER),
				rollup,
				bounded(MockVerifier::key_of_len(2, 9, 7))
			),
			Error::<Test>::InsufficientFunds
		);
	});
}

#[test]
fn the_owner_rotates_the_sequencer() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		assert_noop!(
			ZkpSubmission::set_sequencer(RuntimeOrigin::signed(SEQUENCER), rollup, NOBODY),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			ZkpSubmission::set_sequencer(RuntimeOrigin::signed(OWNER), 9, NOBODY),
			Error::<Test>::UnknownRollup
		);
		assert_ok!(ZkpSubmission::set_sequencer(RuntimeOrigin::signed(OWNER), rollup, NOBODY));
		System::assert_last_event(Event::SequencerChanged { rollup, sequencer: NOBODY }.into());
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().sequencer, NOBODY);
		// The old sequencer can no longer submit; the new one can.
		assert_noop!(
			ZkpSubmission::submit_sequence(
				RuntimeOrigin::signed(SEQUENCER),
				rollup,
				inputs(2, 1),
				bounded(vec![1; 4]),
				0
			),
			Error::<Test>::NotSequencer
		);
		assert_ok!(ZkpSubmission::submit_sequence(
			RuntimeOrigin::signed(NOBODY),
			rollup,
			inputs(2, 1),
			bounded(vec![1; 4]),
			0
		));
		// Governance may rotate it as well; not once the rollup is retiring.
		assert_ok!(ZkpSubmission::set_sequencer(RuntimeOrigin::root(), rollup, SEQUENCER));
		run_to(T);
		commit(ALICE, 0, &valid_proof(0, 0));
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), rollup));
		assert_noop!(
			ZkpSubmission::set_sequencer(RuntimeOrigin::signed(OWNER), rollup, NOBODY),
			Error::<Test>::RollupRetiring
		);
	});
}

#[test]
fn the_owner_may_cancel_an_open_sequence() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		let seq = submit(rollup);
		assert_noop!(
			ZkpSubmission::cancel_sequence(RuntimeOrigin::signed(NOBODY), seq),
			Error::<Test>::NotSequencer
		);
		assert_ok!(ZkpSubmission::cancel_sequence(RuntimeOrigin::signed(OWNER), seq));
		System::assert_last_event(
			Event::SequenceCancelled { sequence: seq, rollup, by: Some(OWNER) }.into(),
		);
	});
}

#[test]
fn the_deposit_returns_once_the_live_rounds_have_settled() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		let seq = submit(rollup);
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		let before = free(OWNER);
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), rollup));
		System::assert_last_event(Event::RollupDeregistered { rollup, dropped: 0, live: 1 }.into());
		assert_eq!(deposit_held(OWNER), MOCK_DEPOSIT, "held while a round is live");
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));
		run_to(T + 20);
		assert_eq!(deposit_held(OWNER), MOCK_DEPOSIT);
		run_to(T + 21);
		System::assert_last_event(
			Event::RollupRemoved {
				rollup,
				latest_proved: Some(seq),
				deposit_returned: MOCK_DEPOSIT,
			}
			.into(),
		);
		assert_eq!(deposit_held(OWNER), 0);
		assert_eq!(free(OWNER), before + MOCK_DEPOSIT);
	});
}

#[test]
fn governance_assigns_and_revokes_the_reward_slots() {
	ExtBuilder::default().build_and_execute(|| {
		// As many open rollups as there are slots (the open places allow it), all slotted.
		let ids: Vec<u32> = (0..REWARD_SLOTS).map(|_| register_open(2)).collect();
		assert_noop!(
			ZkpSubmission::assign_slot(RuntimeOrigin::signed(OWNER), ids[0]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ZkpSubmission::assign_slot(RuntimeOrigin::root(), 99),
			Error::<Test>::UnknownRollup
		);
		for id in &ids {
			assert_ok!(ZkpSubmission::assign_slot(RuntimeOrigin::root(), *id));
			System::assert_last_event(Event::SlotAssigned { rollup: *id }.into());
		}
		assert_eq!(SlottedRollups::<Test>::get(), REWARD_SLOTS);
		let last = register_open(2);
		assert_noop!(
			ZkpSubmission::assign_slot(RuntimeOrigin::root(), last),
			Error::<Test>::NoFreeSlot
		);
		assert_noop!(
			ZkpSubmission::assign_slot(RuntimeOrigin::root(), ids[0]),
			Error::<Test>::AlreadySlotted
		);
		// Revoking frees a slot.
		assert_noop!(
			ZkpSubmission::revoke_slot(RuntimeOrigin::signed(OWNER), ids[0]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ZkpSubmission::revoke_slot(RuntimeOrigin::root(), last),
			Error::<Test>::NotSlotted
		);
		assert_noop!(
			ZkpSubmission::revoke_slot(RuntimeOrigin::root(), 99),
			Error::<Test>::UnknownRollup
		);
		assert_ok!(ZkpSubmission::revoke_slot(RuntimeOrigin::root(), ids[0]));
		System::assert_last_event(Event::SlotRevoked { rollup: ids[0] }.into());
		assert!(!Rollups::<Test>::get(ids[0]).unwrap().slotted);
		assert_ok!(ZkpSubmission::assign_slot(RuntimeOrigin::root(), last));
		// Removing a slotted rollup frees its slot too.
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::root(), ids[1]));
		assert_eq!(SlottedRollups::<Test>::get(), REWARD_SLOTS - 1);
		assert_ok!(ZkpSubmission::assign_slot(RuntimeOrigin::root(), ids[0]));
		// A retiring rollup cannot get one.
		assert_ok!(ZkpSubmission::revoke_slot(RuntimeOrigin::root(), ids[0]));
		let seq = submit(ids[0]);
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), ids[0]));
		assert_noop!(
			ZkpSubmission::assign_slot(RuntimeOrigin::root(), ids[0]),
			Error::<Test>::RollupRetiring
		);
	});
}

#[test]
fn the_slot_at_settlement_decides_the_mint() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));
		// Revoked before settlement: nothing is minted.
		assert_ok!(ZkpSubmission::revoke_slot(RuntimeOrigin::root(), rollup));
		let issuance = Balances::total_issuance();
		run_to(T + 21);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(!events().iter().any(|e| matches!(e, Event::RewardPaid { .. })));
	});
}

#[test]
fn genesis_rollups_are_slotted_without_a_deposit() {
	ExtBuilder::default()
		.genesis_rollup(SEQUENCER, MockVerifier::key(2, 0))
		.build_and_execute(|| {
			let record = Rollups::<Test>::get(0).unwrap();
			assert_eq!(
				(record.owner, record.sequencer, record.deposit, record.slotted),
				(SEQUENCER, SEQUENCER, None, true)
			);
			assert_eq!(SlottedRollups::<Test>::get(), 1);
			assert_eq!(deposit_held(SEQUENCER), 0);
			// A key update asks no deposit of it.
			assert_ok!(ZkpSubmission::update_verifying_key(
				RuntimeOrigin::signed(SEQUENCER),
				0,
				bounded(MockVerifier::key_of_len(2, 1, 7))
			));
			assert_eq!(deposit_held(SEQUENCER), 0);
			assert_eq!(Rollups::<Test>::get(0).unwrap().deposit, None);
		});
}

#[test]
#[should_panic(expected = "genesis rollup could not be registered: Module")]
fn genesis_rollups_beyond_the_reward_slots_are_refused() {
	let mut builder = ExtBuilder::default();
	for i in 0..=REWARD_SLOTS {
		builder = builder.genesis_rollup(SEQUENCER, MockVerifier::key(1, i as u8));
	}
	builder.build();
}
