//! `register` and the genesis provers.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::DispatchError;

#[test]
fn register_holds_the_stake_and_activates() {
	ExtBuilder::default().build_and_execute(|| {
		let total = issuance();
		assert_ok!(ProverRegistry::register(origin(1), 300));

		assert_eq!(ledger(1), ProverLedger::new(300));
		assert_eq!(held(1), 300);
		assert_eq!(free(1), ENDOWMENT - 300);
		assert_eq!(issuance(), total);
		assert_eq!(Provers::<Test>::count(), 1);
		assert!(ProverRegistry::is_active(&1));
		assert_eq!(ProverRegistry::active_stake(&1), 300);
		assert_eq!(events(), vec![Event::Registered { who: 1, stake: 300 }]);
	});
}

#[test]
fn register_with_exactly_the_minimum_and_all_but_the_existential_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ProverRegistry::register(origin(1), MIN_STAKE));
		assert_ok!(ProverRegistry::register(origin(2), ENDOWMENT - ED));

		assert_eq!(ledger(1).bonded, MIN_STAKE);
		assert_eq!(free(2), ED);
		assert_eq!(held(2), ENDOWMENT - ED);
		assert_eq!(Provers::<Test>::count(), 2);
		assert_eq!(
			events(),
			vec![
				Event::Registered { who: 1, stake: MIN_STAKE },
				Event::Registered { who: 2, stake: ENDOWMENT - ED },
			]
		);
	});
}

#[test]
fn register_twice_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(ProverRegistry::register(origin(1), 200));
		events();
		assert_noop!(ProverRegistry::register(origin(1), 200), Error::<Test>::AlreadyRegistered);
		assert_eq!(ledger(1).bonded, 200);
		assert_eq!(held(1), 200);
		assert!(events().is_empty());
	});
}

#[test]
fn register_below_the_minimum_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			ProverRegistry::register(origin(1), MIN_STAKE - 1),
			Error::<Test>::BelowMinimumStake
		);
		assert_noop!(ProverRegistry::register(origin(1), 0), Error::<Test>::BelowMinimumStake);
		assert!(Provers::<Test>::get(1).is_none());
		assert_eq!(held(1), 0);
		assert!(events().is_empty());
	});
}

#[test]
fn register_must_leave_the_existential_deposit_free() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			ProverRegistry::register(origin(1), ENDOWMENT - ED + 1),
			Error::<Test>::InsufficientFreeBalance
		);
		// Account 9 owns exactly the minimum: it cannot stake it and keep the deposit.
		assert_noop!(
			ProverRegistry::register(origin(9), MIN_STAKE),
			Error::<Test>::InsufficientFreeBalance
		);
		// An account without any balance.
		assert_noop!(
			ProverRegistry::register(origin(42), MIN_STAKE),
			Error::<Test>::InsufficientFreeBalance
		);
		assert_eq!(Provers::<Test>::count(), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert!(events().is_empty());
	});
}

#[test]
fn register_needs_a_signed_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			ProverRegistry::register(RuntimeOrigin::root(), 200),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ProverRegistry::register(RuntimeOrigin::none(), 200),
			DispatchError::BadOrigin
		);
		assert_eq!(Provers::<Test>::count(), 0);
		assert!(events().is_empty());
	});
}

#[test]
fn genesis_provers_are_registered() {
	ExtBuilder::default().prover(1, 500).prover(2, MIN_STAKE).build_and_execute(|| {
		assert_eq!(ledger(1), ProverLedger::new(500));
		assert_eq!(ledger(2), ProverLedger::new(MIN_STAKE));
		assert_eq!(held(1), 500);
		assert_eq!(free(1), ENDOWMENT - 500);
		assert_eq!(Provers::<Test>::count(), 2);
		assert!(ProverRegistry::is_active(&1) && ProverRegistry::is_active(&2));
		// Genesis emits no events (block 0).
		assert!(events().is_empty());
	});
}

#[test]
#[should_panic(expected = "cannot register")]
fn genesis_prover_below_the_minimum_panics() {
	let _ = ExtBuilder::default().prover(1, MIN_STAKE - 1).build();
}

#[test]
#[should_panic(expected = "cannot register")]
fn genesis_prover_without_funds_panics() {
	let _ = ExtBuilder::default().prover(9, MIN_STAKE).build();
}
