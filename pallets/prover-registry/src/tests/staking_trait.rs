//! The `ProverStaking` view of the registry: activity, capacity, reservations and the
//! pending counter.

use super::*;
use frame_support::{assert_noop, assert_ok};
use zkmine_primitives::{CommitRefusal, Exposure, ProverCapacity, ProverStaking};

type Staking = crate::Pallet<Test>;

#[test]
fn activity_and_capacity_through_the_trait() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert!(<Staking as ProverStaking<_, _>>::is_active(&1));
		assert_eq!(
			<Staking as ProverStaking<_, _>>::capacity(&1),
			ProverCapacity {
				bonded: 300,
				reserved: 0,
				free: 300,
				active: true,
				next: Some(Exposure { stake: 300, reserved: 60 }),
			}
		);
		// Unknown accounts are inactive with no stake.
		assert!(!<Staking as ProverStaking<_, _>>::is_active(&2));
		assert_eq!(<Staking as ProverStaking<_, _>>::capacity(&2), ProverCapacity::default());

		// Unbonding stake does not count.
		assert_ok!(ProverRegistry::unbond(origin(1), 200));
		assert!(<Staking as ProverStaking<_, _>>::is_active(&1));
		assert_eq!(<Staking as ProverStaking<_, _>>::capacity(&1).free, MIN_STAKE);
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
fn open_commitments_reserve_the_worst_slash_of_the_free_capacity() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		// The worst level of the mock is 20%; each snapshot is what is not reserved yet.
		let expected = [(300, 60), (240, 48), (192, 39), (153, 31), (122, 25)];
		let mut reserved = 0;
		for (stake, reservation) in expected {
			assert_eq!(
				ProverRegistry::open_commitment(&1),
				Ok(Exposure { stake, reserved: reservation })
			);
			reserved += reservation;
			assert_eq!(ledger(1).reserved, reserved);
		}
		// Free capacity 97 < MIN_STAKE 100: refused, nothing changes.
		assert_eq!(ledger(1).free(), 97);
		assert_eq!(ProverRegistry::open_commitment(&1), Err(CommitRefusal::InsufficientCapacity));
		assert_eq!(ledger(1).pending_commitments, 5);
		assert_eq!(ledger(1).reserved, 203);
		// Bookkeeping only: stake, hold and events are untouched.
		assert_eq!(ledger(1).bonded, 300);
		assert_eq!(held(1), 300);
		assert!(events().is_empty());

		// Closing one frees its reservation, and capacity returns.
		ProverRegistry::close_commitment(&1, 60);
		assert_eq!((ledger(1).pending_commitments, ledger(1).reserved), (4, 143));
		assert_eq!(ProverRegistry::open_commitment(&1), Ok(Exposure { stake: 157, reserved: 32 }));
	});
}

#[test]
fn open_commitment_refuses_inactive_and_unknown_provers() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_eq!(ProverRegistry::open_commitment(&7), Err(CommitRefusal::NotActive));
		assert_ok!(ProverRegistry::unbond(origin(1), 300));
		events();
		assert_eq!(ProverRegistry::open_commitment(&1), Err(CommitRefusal::NotActive));
		assert_eq!(ledger(1).pending_commitments, 0);
		assert_eq!(ledger(1).reserved, 0);
		assert_eq!(ProverRegistry::capacity(&1).next, None);
		assert!(Provers::<Test>::get(7).is_none());
	});
}

#[test]
fn reserved_stake_cannot_be_unbonded() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		let exposure = ProverRegistry::open_commitment(&1).expect("capacity");
		assert_eq!(exposure.reserved, 60);
		assert_noop!(ProverRegistry::unbond(origin(1), 300), Error::<Test>::StakeReserved);
		assert_noop!(ProverRegistry::unbond(origin(1), 241), Error::<Test>::StakeReserved);
		// Down to the reservation is fine (60 < MIN_STAKE makes it refused for another reason).
		assert_noop!(ProverRegistry::unbond(origin(1), 240), Error::<Test>::BondedBelowMinimum);
		assert_ok!(ProverRegistry::unbond(origin(1), 200));
		assert_eq!(ledger(1).bonded, 100);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted {
				who: 1,
				amount: 200,
				unlock_at: 1 + UNBONDING_BLOCKS,
				bonded: 100,
			}]
		);
		// Released at settlement: everything can go.
		ProverRegistry::close_commitment(&1, exposure.reserved);
		assert_ok!(ProverRegistry::unbond(origin(1), 100));
		assert_eq!(ledger(1).bonded, 0);
	});
}

#[test]
fn close_saturates_at_zero() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		ProverRegistry::close_commitment(&1, 5);
		assert_eq!(ledger(1).pending_commitments, 0);
		assert_eq!(ledger(1).reserved, 0);

		let exposure = ProverRegistry::open_commitment(&1).expect("capacity");
		ProverRegistry::close_commitment(&1, exposure.reserved + 1);
		assert_eq!((ledger(1).pending_commitments, ledger(1).reserved), (0, 0));
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
		assert_eq!(ProverRegistry::open_commitment(&7), Err(CommitRefusal::NotActive));
		ProverRegistry::close_commitment(&7, 10);
		assert!(Provers::<Test>::get(7).is_none());
		assert_eq!(Provers::<Test>::count(), 0);
		assert!(events().is_empty());
	});
}

#[test]
fn slashing_keeps_the_pending_counter_and_the_reservation() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_eq!(ProverRegistry::open_commitment(&1).map(|e| e.reserved), Ok(60));
		assert_eq!(
			ProverRegistry::slash(&1, 300, zkmine_primitives::SlashReason::IncorrectHash),
			30
		);
		assert_eq!(ledger(1).pending_commitments, 1);
		assert_eq!(ledger(1).bonded, 270);
		// The slash (30) stays within the reservation (60) that is released with it.
		assert_eq!(ledger(1).reserved, 60);
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
		// With a full ledger of unbonding chunks of the minimum stake each.
		assert_eq!(ledger(50).unbonding.len(), MAX_CHUNKS as usize);
		assert_eq!(ledger(50).unbonding_total(), MIN_STAKE * MAX_CHUNKS as Balance);
		assert_eq!(held(50), 5_000 + MIN_STAKE * MAX_CHUNKS as Balance);
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
