//! `integrity_test` and `try_state`: they pass on the mock and fail on broken setups.

use super::*;
use crate::{ProverLedger, UnbondingChunk};
use codec::Encode;
use frame_support::{
	assert_ok,
	traits::{fungible::MutateHold, Hooks},
};

#[test]
fn integrity_test_passes_on_the_mock() {
	ExtBuilder::default().build_and_execute(|| {
		<ProverRegistry as Hooks<u64>>::integrity_test();
		assert!(UnbondingPeriod::get() > SlashableWindow::get());
		assert!(MinProverStake::get() > ED);
	});
}

#[test]
#[should_panic(expected = "UnbondingPeriod must exceed SlashableWindow")]
fn integrity_test_rejects_an_unbonding_period_inside_the_slashable_window() {
	ExtBuilder::default().build().execute_with(|| {
		UnbondingPeriod::set(SLASHABLE_BLOCKS);
		<ProverRegistry as Hooks<u64>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "MinProverStake must exceed the existential deposit")]
fn integrity_test_rejects_a_minimum_stake_at_the_existential_deposit() {
	ExtBuilder::default().build().execute_with(|| {
		MinProverStake::set(ED);
		<ProverRegistry as Hooks<u64>>::integrity_test();
	});
}

#[test]
fn try_state_passes_through_a_busy_history() {
	ExtBuilder::default().prover(1, 500).prover(2, 300).build_and_execute(|| {
		assert_ok!(ProverRegistry::register(origin(3), 400));
		assert_ok!(ProverRegistry::unbond(origin(1), 100));
		run_to_block(2);
		assert_ok!(ProverRegistry::unbond(origin(1), 100));
		assert_ok!(ProverRegistry::bond_extra(origin(2), 50));
		use zkmine_primitives::ProverStaking;
		assert_eq!(
			ProverRegistry::slash(&1, 2_000, zkmine_primitives::SlashReason::IncorrectProof),
			400
		);
		assert_ok!(ProverRegistry::do_try_state());
		run_to_block(1 + UNBONDING_BLOCKS);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		assert_ok!(ProverRegistry::do_try_state());
		assert_eq!(held(1), 0);
		assert_eq!(Provers::<Test>::count(), 3);
		assert_eq!(events().len(), 7);
	});
}

#[test]
fn try_state_detects_a_hold_changed_behind_the_registry() {
	ExtBuilder::default().prover(1, 300).build().execute_with(|| {
		assert_ok!(ProverRegistry::do_try_state());
		assert_ok!(<Balances as MutateHold<_>>::hold(&HoldReason::ProverStake.into(), &1, 5));
		assert_eq!(
			ProverRegistry::do_try_state(),
			Err("held stake differs from bonded + unbonding".into())
		);
	});
}

#[test]
fn try_state_detects_a_chunk_list_over_its_bound() {
	ExtBuilder::default().prover(1, 300).build().execute_with(|| {
		// A ledger as it would look after `MaxUnbondingChunks` was lowered below its length.
		let too_many: Vec<UnbondingChunk<Balance, u64>> =
			(0..=MAX_CHUNKS as u64).map(|i| chunk(1, 100 + i)).collect();
		let raw = (0u64, too_many, 0u32).encode();
		frame_support::storage::unhashed::put_raw(&Provers::<Test>::hashed_key_for(1), &raw);
		assert_eq!(
			ProverRegistry::do_try_state(),
			Err("a ledger does not decode (chunk list over its bound?)".into())
		);
	});
}

#[test]
fn try_state_detects_an_empty_chunk() {
	ExtBuilder::default().prover(1, 300).build().execute_with(|| {
		let mut ledger: ProverLedger<Test> = ledger(1);
		ledger.unbonding.try_push(chunk(0, 50)).expect("room for a chunk");
		Provers::<Test>::insert(1, ledger);
		assert_eq!(ProverRegistry::do_try_state(), Err("empty unbonding chunk".into()));
	});
}

#[test]
fn try_state_detects_a_ledger_missing_from_the_counter() {
	ExtBuilder::default().prover(1, 300).build().execute_with(|| {
		// A ledger written around the counted map (its hold of zero matches).
		let raw = ProverLedger::<Test>::new(0).encode();
		frame_support::storage::unhashed::put_raw(&Provers::<Test>::hashed_key_for(2), &raw);
		assert_eq!(
			ProverRegistry::do_try_state(),
			Err("prover counter differs from the number of ledgers".into())
		);
	});
}

#[test]
fn try_state_detects_a_reservation_above_the_bonded_stake() {
	ExtBuilder::default().prover(1, 300).build().execute_with(|| {
		use zkmine_primitives::ProverStaking;
		ProverRegistry::open_commitment(&1).expect("capacity");
		assert_ok!(ProverRegistry::do_try_state());
		Provers::<Test>::mutate(1, |l| {
			if let Some(l) = l {
				l.reserved = 301;
			}
		});
		assert_eq!(
			ProverRegistry::do_try_state(),
			Err("reserved stake exceeds bonded stake".into())
		);
	});
}

#[test]
fn try_state_detects_a_reservation_without_a_commitment() {
	ExtBuilder::default().prover(1, 300).build().execute_with(|| {
		Provers::<Test>::mutate(1, |l| {
			if let Some(l) = l {
				l.reserved = 10;
			}
		});
		assert_eq!(
			ProverRegistry::do_try_state(),
			Err("stake reserved without an outstanding commitment".into())
		);
	});
}
