//! Slashing through `ProverStaking::slash`: levels, order, cap, burning, inactivity.

use super::*;
use frame_support::assert_ok;
use sp_runtime::Perbill;
use zkmine_primitives::{ProverStaking, SlashReason};

#[test]
fn each_reason_slashes_its_configured_level_of_the_snapshot() {
	ExtBuilder::default().prover(1, 900).build_and_execute(|| {
		let total = issuance();
		// Mock levels: IncorrectHash 10%, IncorrectProof 20%, NoValidProof 5%.
		assert_eq!(ProverRegistry::slash(&1, 400, SlashReason::IncorrectHash), 40);
		assert_eq!(ProverRegistry::slash(&1, 400, SlashReason::IncorrectProof), 80);
		assert_eq!(ProverRegistry::slash(&1, 400, SlashReason::NoValidProof), 20);

		assert_eq!(ledger(1).bonded, 900 - 140);
		// Lifetime statistics: everything burned so far.
		assert_eq!(ledger(1).slashed, 140);
		assert_eq!(held(1), 900 - 140);
		assert_eq!(issuance(), total - 140);
		assert_eq!(
			events(),
			vec![
				Event::Slashed { who: 1, amount: 40, reason: SlashReason::IncorrectHash },
				Event::Slashed { who: 1, amount: 80, reason: SlashReason::IncorrectProof },
				Event::Slashed { who: 1, amount: 20, reason: SlashReason::NoValidProof },
			]
		);
	});
}

#[test]
fn slash_levels_come_from_the_config() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(
			ProverRegistry::slash_level(SlashReason::IncorrectHash),
			Perbill::from_percent(10)
		);
		assert_eq!(
			ProverRegistry::slash_level(SlashReason::IncorrectProof),
			Perbill::from_percent(20)
		);
		assert_eq!(
			ProverRegistry::slash_level(SlashReason::NoValidProof),
			Perbill::from_percent(5)
		);
		// No state was touched.
		assert_eq!(Provers::<Test>::count(), 0);
		assert!(events().is_empty());
	});
}

#[test]
fn slash_rounds_down() {
	ExtBuilder::default().prover(1, 500).build_and_execute(|| {
		// 10% of 109 is 10.9: 10 is slashed.
		assert_eq!(ProverRegistry::slash(&1, 109, SlashReason::IncorrectHash), 10);
		// 5% of 19 is 0.95: nothing is slashed, and no event.
		assert_eq!(ProverRegistry::slash(&1, 19, SlashReason::NoValidProof), 0);
		assert_eq!(ledger(1).bonded, 490);
		assert_eq!(held(1), 490);
		assert_eq!(
			events(),
			vec![Event::Slashed { who: 1, amount: 10, reason: SlashReason::IncorrectHash }]
		);
	});
}

#[test]
fn total_issuance_falls_by_exactly_the_slash() {
	ExtBuilder::default().prover(1, 500).prover(2, 300).build_and_execute(|| {
		let total = issuance();
		let free_before = free(1);
		let burned = ProverRegistry::slash(&1, 500, SlashReason::IncorrectProof);
		assert_eq!(burned, 100);
		assert_eq!(issuance(), total - burned);
		// Only the held balance of the slashed prover changed.
		assert_eq!(held(1), 400);
		assert_eq!(free(1), free_before);
		assert_eq!(held(2), 300);
		assert_eq!(Balances::total_balance(&1), ENDOWMENT - burned);
		assert_eq!(
			events(),
			vec![Event::Slashed { who: 1, amount: 100, reason: SlashReason::IncorrectProof }]
		);
	});
}

#[test]
fn slash_takes_bonded_first_then_unbonding_chunks_newest_first() {
	ExtBuilder::default().prover(1, 600).build_and_execute(|| {
		// Chunks (oldest first): 100 @ block 2, 100 @ block 3, 100 @ block 4; 300 bonded.
		for block in 2..=4 {
			run_to_block(block);
			assert_ok!(ProverRegistry::unbond(origin(1), 100));
		}
		events();
		let total = issuance();

		// 20% of 2_000 = 400: 300 bonded, then all of the newest chunk.
		assert_eq!(ProverRegistry::slash(&1, 2_000, SlashReason::IncorrectProof), 400);
		assert_eq!(ledger(1).bonded, 0);
		assert_eq!(
			chunks(1),
			vec![chunk(100, 2 + UNBONDING_BLOCKS), chunk(100, 3 + UNBONDING_BLOCKS)]
		);
		assert_eq!(held(1), 200);
		assert_eq!(issuance(), total - 400);
		assert!(!ProverRegistry::is_active(&1));
		assert_eq!(
			events(),
			vec![
				Event::Slashed { who: 1, amount: 400, reason: SlashReason::IncorrectProof },
				Event::BecameInactive { who: 1, bonded: 0 },
			]
		);

		// 10% of 1_500 = 150: the newest remaining chunk (block 3), then 50 of the oldest.
		assert_eq!(ProverRegistry::slash(&1, 1_500, SlashReason::IncorrectHash), 150);
		assert_eq!(chunks(1), vec![chunk(50, 2 + UNBONDING_BLOCKS)]);
		assert_eq!(held(1), 50);
		assert_eq!(issuance(), total - 550);
		assert_eq!(
			events(),
			vec![Event::Slashed { who: 1, amount: 150, reason: SlashReason::IncorrectHash }]
		);

		// What is left is withdrawn at its own time.
		run_to_block(2 + UNBONDING_BLOCKS);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		assert_eq!(free(1), ENDOWMENT - 600 + 50);
		assert_eq!(events(), vec![Event::Withdrawn { who: 1, amount: 50 }]);
	});
}

#[test]
fn slash_is_capped_by_what_the_prover_holds() {
	ExtBuilder::default().prover(1, 200).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 100));
		events();
		let total = issuance();

		// 20% of 10_000 = 2_000, but only 200 are held.
		assert_eq!(ProverRegistry::slash(&1, 10_000, SlashReason::IncorrectProof), 200);
		assert_eq!(ledger(1).bonded, 0);
		assert!(chunks(1).is_empty());
		assert_eq!(held(1), 0);
		assert_eq!(issuance(), total - 200);
		// The account keeps its free balance.
		assert_eq!(free(1), ENDOWMENT - 200);
		assert_eq!(
			events(),
			vec![
				Event::Slashed { who: 1, amount: 200, reason: SlashReason::IncorrectProof },
				Event::BecameInactive { who: 1, bonded: 0 },
			]
		);

		// Nothing left: a further slash burns nothing and emits nothing.
		assert_eq!(ProverRegistry::slash(&1, 10_000, SlashReason::IncorrectProof), 0);
		assert_eq!(issuance(), total - 200);
		assert_eq!(ledger(1).slashed, 200);
		assert!(events().is_empty());

		// The emptied prover may leave.
		assert_ok!(ProverRegistry::deregister(origin(1)));
		assert_eq!(events(), vec![Event::Deregistered { who: 1 }]);
	});
}

#[test]
fn slash_reaches_chunks_that_matured_but_were_not_withdrawn() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 300));
		run_to_block(1 + UNBONDING_BLOCKS + 5);
		events();

		assert_eq!(ProverRegistry::slash(&1, 300, SlashReason::IncorrectProof), 60);
		assert_eq!(chunks(1), vec![chunk(240, 1 + UNBONDING_BLOCKS)]);
		assert_eq!(held(1), 240);
		assert_eq!(
			events(),
			vec![Event::Slashed { who: 1, amount: 60, reason: SlashReason::IncorrectProof }]
		);
	});
}

#[test]
fn slash_below_the_minimum_deactivates_once() {
	ExtBuilder::default().prover(1, 110).build_and_execute(|| {
		// 10% of 100 = 10: exactly the minimum remains, still active.
		assert_eq!(ProverRegistry::slash(&1, 100, SlashReason::IncorrectHash), 10);
		assert!(ProverRegistry::is_active(&1));
		assert_eq!(
			events(),
			vec![Event::Slashed { who: 1, amount: 10, reason: SlashReason::IncorrectHash }]
		);

		assert_eq!(ProverRegistry::slash(&1, 100, SlashReason::NoValidProof), 5);
		assert!(!ProverRegistry::is_active(&1));
		assert_eq!(ProverRegistry::active_stake(&1), 95);
		assert_eq!(
			events(),
			vec![
				Event::Slashed { who: 1, amount: 5, reason: SlashReason::NoValidProof },
				Event::BecameInactive { who: 1, bonded: 95 },
			]
		);

		// Already inactive: only the slash is reported.
		assert_eq!(ProverRegistry::slash(&1, 100, SlashReason::NoValidProof), 5);
		assert_eq!(ledger(1).bonded, 90);
		assert_eq!(held(1), 90);
		assert_eq!(
			events(),
			vec![Event::Slashed { who: 1, amount: 5, reason: SlashReason::NoValidProof }]
		);
	});
}

#[test]
fn slash_of_an_unknown_account_burns_nothing() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		let total = issuance();
		assert_eq!(ProverRegistry::slash(&2, 300, SlashReason::IncorrectProof), 0);
		assert_eq!(issuance(), total);
		assert_eq!(free(2), ENDOWMENT);
		assert!(Provers::<Test>::get(2).is_none());
		assert_eq!(ledger(1), ProverLedger::new(300));
		assert!(events().is_empty());
	});
}

#[test]
fn a_zero_level_slashes_nothing() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		IncorrectHashSlash::set(Perbill::zero());
		let total = issuance();
		assert_eq!(ProverRegistry::slash(&1, 300, SlashReason::IncorrectHash), 0);
		assert_eq!(ledger(1), ProverLedger::new(300));
		assert_eq!(issuance(), total);
		assert!(events().is_empty());
	});
}

#[test]
fn a_full_level_slashes_the_whole_snapshot() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		IncorrectProofSlash::set(Perbill::one());
		let total = issuance();
		assert_eq!(ProverRegistry::slash(&1, 250, SlashReason::IncorrectProof), 250);
		assert_eq!(ledger(1).bonded, 50);
		assert_eq!(issuance(), total - 250);
		assert_eq!(
			events(),
			vec![
				Event::Slashed { who: 1, amount: 250, reason: SlashReason::IncorrectProof },
				Event::BecameInactive { who: 1, bonded: 50 },
			]
		);
	});
}

#[test]
fn slash_weight_covers_the_largest_ledger() {
	use crate::weights::WeightInfo;
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(ProverRegistry::slash_weight(), <() as WeightInfo>::slash(MAX_CHUNKS));
		assert!(ProverRegistry::slash_weight().all_gte(<() as WeightInfo>::slash(0)));
		assert!(events().is_empty());
	});
}
