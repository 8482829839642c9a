//! `bond_extra` and `unbond`.

use super::*;
use frame_support::{assert_noop, assert_ok};
use zkmine_primitives::{ProverStaking, SlashReason};

#[test]
fn bond_extra_adds_to_the_bonded_stake() {
	ExtBuilder::default().prover(1, 200).build_and_execute(|| {
		assert_ok!(ProverRegistry::bond_extra(origin(1), 50));

		assert_eq!(ledger(1).bonded, 250);
		assert_eq!(held(1), 250);
		assert_eq!(free(1), ENDOWMENT - 250);
		assert_eq!(ProverRegistry::active_stake(&1), 250);
		assert_eq!(events(), vec![Event::Bonded { who: 1, amount: 50, bonded: 250 }]);
	});
}

#[test]
fn bond_extra_reactivates_an_inactive_prover() {
	ExtBuilder::default().prover(1, MIN_STAKE).build_and_execute(|| {
		// 20% of 100 is slashed: 80 bonded, inactive.
		assert_eq!(ProverRegistry::slash(&1, MIN_STAKE, SlashReason::IncorrectProof), 20);
		assert!(!ProverRegistry::is_active(&1));
		events();

		// Still below the minimum: no activation.
		assert_ok!(ProverRegistry::bond_extra(origin(1), 10));
		assert!(!ProverRegistry::is_active(&1));
		assert_eq!(events(), vec![Event::Bonded { who: 1, amount: 10, bonded: 90 }]);

		assert_ok!(ProverRegistry::bond_extra(origin(1), 10));
		assert!(ProverRegistry::is_active(&1));
		assert_eq!(ledger(1).bonded, MIN_STAKE);
		assert_eq!(held(1), MIN_STAKE);
		assert_eq!(
			events(),
			vec![
				Event::Bonded { who: 1, amount: 10, bonded: MIN_STAKE },
				Event::BecameActive { who: 1, bonded: MIN_STAKE },
			]
		);
	});
}

#[test]
fn bond_extra_errors() {
	ExtBuilder::default().prover(1, 200).build_and_execute(|| {
		assert_noop!(ProverRegistry::bond_extra(origin(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(ProverRegistry::bond_extra(origin(2), 50), Error::<Test>::NotRegistered);
		// 800 free, 10 of which must stay.
		assert_noop!(
			ProverRegistry::bond_extra(origin(1), ENDOWMENT - 200 - ED + 1),
			Error::<Test>::InsufficientFreeBalance
		);
		assert_eq!(ledger(1), ProverLedger::new(200));
		assert!(events().is_empty());

		assert_ok!(ProverRegistry::bond_extra(origin(1), ENDOWMENT - 200 - ED));
		assert_eq!(free(1), ED);
		assert_eq!(held(1), ENDOWMENT - ED);
		assert_eq!(
			events(),
			vec![Event::Bonded { who: 1, amount: ENDOWMENT - 200 - ED, bonded: ENDOWMENT - ED }]
		);
	});
}

#[test]
fn unbond_creates_a_chunk_that_stays_on_hold() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		run_to_block(5);
		assert_ok!(ProverRegistry::unbond(origin(1), 100));

		let unlock_at = 5 + UNBONDING_BLOCKS;
		assert_eq!(ledger(1).bonded, 200);
		assert_eq!(chunks(1), vec![chunk(100, unlock_at)]);
		assert_eq!(held(1), 300);
		assert_eq!(free(1), ENDOWMENT - 300);
		assert!(ProverRegistry::is_active(&1));
		assert_eq!(ProverRegistry::active_stake(&1), 200);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted { who: 1, amount: 100, unlock_at, bonded: 200 }]
		);
	});
}

#[test]
fn unbond_down_to_exactly_the_minimum_keeps_the_prover_active() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 300 - MIN_STAKE));
		assert!(ProverRegistry::is_active(&1));
		assert_eq!(ledger(1).bonded, MIN_STAKE);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted {
				who: 1,
				amount: 300 - MIN_STAKE,
				unlock_at: 1 + UNBONDING_BLOCKS,
				bonded: MIN_STAKE,
			}]
		);
	});
}

#[test]
fn unbond_everything_deactivates() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 300));

		assert_eq!(ledger(1).bonded, 0);
		assert_eq!(chunks(1), vec![chunk(300, 1 + UNBONDING_BLOCKS)]);
		assert_eq!(held(1), 300);
		assert!(!ProverRegistry::is_active(&1));
		assert_eq!(ProverRegistry::active_stake(&1), 0);
		assert_eq!(
			events(),
			vec![
				Event::UnbondingStarted {
					who: 1,
					amount: 300,
					unlock_at: 1 + UNBONDING_BLOCKS,
					bonded: 0
				},
				Event::BecameInactive { who: 1, bonded: 0 },
			]
		);
	});
}

#[test]
fn unbond_everything_when_already_inactive_emits_no_second_inactivity() {
	ExtBuilder::default().prover(1, MIN_STAKE).build_and_execute(|| {
		assert_eq!(ProverRegistry::slash(&1, MIN_STAKE, SlashReason::IncorrectHash), 10);
		assert_eq!(
			events(),
			vec![
				Event::Slashed { who: 1, amount: 10, reason: SlashReason::IncorrectHash },
				Event::BecameInactive { who: 1, bonded: 90 },
			]
		);
		// 90 bonded, below the minimum: a partial unbond is refused, all of it is fine.
		assert_noop!(ProverRegistry::unbond(origin(1), 50), Error::<Test>::BondedBelowMinimum);
		assert_ok!(ProverRegistry::unbond(origin(1), 90));
		assert_eq!(chunks(1), vec![chunk(90, 1 + UNBONDING_BLOCKS)]);
		assert_eq!(held(1), 90);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted {
				who: 1,
				amount: 90,
				unlock_at: 1 + UNBONDING_BLOCKS,
				bonded: 0
			}]
		);
	});
}

#[test]
fn unbonds_in_the_same_block_share_a_chunk() {
	ExtBuilder::default().prover(1, 500).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 100));
		assert_ok!(ProverRegistry::unbond(origin(1), 50));
		run_to_block(2);
		assert_ok!(ProverRegistry::unbond(origin(1), 25));

		assert_eq!(
			chunks(1),
			vec![chunk(150, 1 + UNBONDING_BLOCKS), chunk(25, 2 + UNBONDING_BLOCKS)]
		);
		assert_eq!(ledger(1).bonded, 325);
		assert_eq!(held(1), 500);
		assert_eq!(
			events(),
			vec![
				Event::UnbondingStarted {
					who: 1,
					amount: 100,
					unlock_at: 1 + UNBONDING_BLOCKS,
					bonded: 400
				},
				Event::UnbondingStarted {
					who: 1,
					amount: 50,
					unlock_at: 1 + UNBONDING_BLOCKS,
					bonded: 350
				},
				Event::UnbondingStarted {
					who: 1,
					amount: 25,
					unlock_at: 2 + UNBONDING_BLOCKS,
					bonded: 325
				},
			]
		);
	});
}

#[test]
fn unbond_may_not_leave_a_stake_between_zero_and_the_minimum() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_noop!(
			ProverRegistry::unbond(origin(1), 300 - MIN_STAKE + 1),
			Error::<Test>::BondedBelowMinimum
		);
		assert_noop!(ProverRegistry::unbond(origin(1), 299), Error::<Test>::BondedBelowMinimum);
		assert_eq!(ledger(1), ProverLedger::new(300));
		assert!(events().is_empty());
	});
}

#[test]
fn unbond_errors() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_noop!(ProverRegistry::unbond(origin(1), 0), Error::<Test>::ZeroAmount);
		assert_noop!(ProverRegistry::unbond(origin(2), 100), Error::<Test>::NotRegistered);
		assert_noop!(ProverRegistry::unbond(origin(1), 301), Error::<Test>::InsufficientBonded);
		assert_eq!(ledger(1), ProverLedger::new(300));
		assert!(events().is_empty());
	});
}

#[test]
fn unbond_refuses_more_than_the_maximum_chunks() {
	ExtBuilder::default().prover(1, 1_000 - ED).build_and_execute(|| {
		for block in 1..=u64::from(MAX_CHUNKS) {
			run_to_block(block);
			assert_ok!(ProverRegistry::unbond(origin(1), 10));
		}
		assert_eq!(chunks(1).len(), MAX_CHUNKS as usize);
		events();

		run_to_block(u64::from(MAX_CHUNKS) + 1);
		assert_noop!(ProverRegistry::unbond(origin(1), 10), Error::<Test>::TooManyUnbondingChunks);
		// Joining the last chunk is still possible in its own block.
		run_to_block(u64::from(MAX_CHUNKS));
		assert_ok!(ProverRegistry::unbond(origin(1), 10));
		assert_eq!(chunks(1).last(), Some(&chunk(20, u64::from(MAX_CHUNKS) + UNBONDING_BLOCKS)));
		assert_eq!(ledger(1).bonded, 1_000 - ED - 10 * u64::from(MAX_CHUNKS) - 10);
		assert_eq!(held(1), 1_000 - ED);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted {
				who: 1,
				amount: 10,
				unlock_at: u64::from(MAX_CHUNKS) + UNBONDING_BLOCKS,
				bonded: 1_000 - ED - 10 * u64::from(MAX_CHUNKS) - 10,
			}]
		);
	});
}
