//! The `ProverStaking` view of the registry: activity, stake and the pending counter.

use super::*;
use frame_support::assert_ok;
use zkmine_primitives::ProverStaking;

type Staking = crate::Pallet<Test>;

#[test]
fn activity_and_stake_through_the_trait() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert!(<Staking as ProverStaking<_, _>>::is_active(&1));
		assert_eq!(<Staking as ProverStaking<_, _>>::active_stake(&1), 300);
		// Unknown accounts are inactive with no stake.
		assert!(!<Staking as ProverStaking<_, _>>::is_active(&2));
		assert_eq!(<Staking as ProverStaking<_, _>>::active_stake(&2), 0);

		// Unbonding stake does not count.
		assert_ok!(ProverRegistry::unbond(origin(1), 200));
		assert!(<Staking as ProverStaking<_, _>>::is_active(&1));
		assert_eq!(<Staking as ProverStaking<_, _>>::active_stake(&1), MIN_STAKE);
		assert_eq!(held(1), 300);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted {
				who: 1,
				amount: 200,
				unlock_at: 1 + UNBONDING_BLOCKS,
				bonded: MIN_STAKE,
			}]
		);
	});
}

#[test]
fn pending_commitments_are_counted() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		for _ in 0..3 {
			ProverRegistry::commitment_opened(&1);
		}
		assert_eq!(ledger(1).pending_commitments, 3);
		ProverRegistry::commitment_closed(&1);
		assert_eq!(ledger(1).pending_commitments, 2);
		// The counter is bookkeeping only: it changes neither stake nor events.
		assert_eq!(ledger(1).bonded, 300);
		assert_eq!(held(1), 300);
		assert!(events().is_empty());
	});
}

#[test]
fn pending_counter_saturates_at_both_ends() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		ProverRegistry::commitment_closed(&1);
		assert_eq!(ledger(1).pending_commitments, 0);

		Provers::<Test>::mutate(1, |ledger| {
			if let Some(ledger) = ledger {
				ledger.pending_commitments = u32::MAX;
			}
		});
		ProverRegistry::commitment_opened(&1);
		assert_eq!(ledger(1).pending_commitments, u32::MAX);
		assert!(events().is_empty());
	});
}

#[test]
fn rewards_are_recorded_in_the_lifetime_statistics() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		let total = issuance();
		ProverRegistry::reward_paid(&1, 7);
		ProverRegistry::reward_paid(&1, 5);
		assert_eq!(ledger(1).rewarded, 12);
		// Bookkeeping only: the reward is minted by the submission pallet, not here.
		assert_eq!(ledger(1).bonded, 300);
		assert_eq!(held(1), 300);
		assert_eq!(issuance(), total);
		assert!(events().is_empty());

		// Saturating, never wrapping.
		ProverRegistry::reward_paid(&1, Balance::MAX);
		assert_eq!(ledger(1).rewarded, Balance::MAX);

		// Unknown accounts are ignored.
		ProverRegistry::reward_paid(&2, 7);
		assert!(Provers::<Test>::get(2).is_none());
	});
}

#[test]
fn commitments_of_unknown_accounts_are_ignored() {
	ExtBuilder::default().build_and_execute(|| {
		ProverRegistry::commitment_opened(&7);
		ProverRegistry::commitment_closed(&7);
		assert!(Provers::<Test>::get(7).is_none());
		assert_eq!(Provers::<Test>::count(), 0);
		assert!(events().is_empty());
	});
}

#[test]
fn slashing_keeps_the_pending_counter() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		ProverRegistry::commitment_opened(&1);
		assert_eq!(
			ProverRegistry::slash(&1, 300, zkmine_primitives::SlashReason::IncorrectHash),
			30
		);
		assert_eq!(ledger(1).pending_commitments, 1);
		assert_eq!(ledger(1).bonded, 270);
		assert_eq!(
			events(),
			vec![Event::Slashed {
				who: 1,
				amount: 30,
				reason: zkmine_primitives::SlashReason::IncorrectHash
			}]
		);
	});
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_make_active_registers_or_tops_up() {
	ExtBuilder::default().build_and_execute(|| {
		// A fresh account is funded and registered.
		<Staking as ProverStaking<_, _>>::benchmark_make_active(&50, 5_000);
		assert!(ProverRegistry::is_active(&50));
		assert_eq!(ledger(50).bonded, 5_000);
		assert_eq!(held(50), 5_000);
		assert_eq!(events(), vec![Event::Registered { who: 50, stake: 5_000 }]);

		// Below the minimum, the minimum is used.
		<Staking as ProverStaking<_, _>>::benchmark_make_active(&51, 1);
		assert_eq!(ledger(51).bonded, MIN_STAKE);
		assert_eq!(events(), vec![Event::Registered { who: 51, stake: MIN_STAKE }]);

		// A registered prover is topped up.
		<Staking as ProverStaking<_, _>>::benchmark_make_active(&50, 6_000);
		assert_eq!(ledger(50).bonded, 6_000);
		assert_eq!(events(), vec![Event::Bonded { who: 50, amount: 1_000, bonded: 6_000 }]);

		// Already enough: nothing happens.
		<Staking as ProverStaking<_, _>>::benchmark_make_active(&50, 100);
		assert_eq!(ledger(50).bonded, 6_000);
		assert!(events().is_empty());
	});
}
