//! `withdraw_unbonded`.

use super::*;
use crate::weights::WeightInfo;
use frame_support::{assert_noop, assert_ok, dispatch::PostDispatchInfo};

#[test]
fn withdraw_exactly_at_the_end_of_the_unbonding_period_and_not_one_block_earlier() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		run_to_block(10);
		assert_ok!(ProverRegistry::unbond(origin(1), 100));
		events();

		run_to_block(10 + UNBONDING_BLOCKS - 1);
		assert_noop!(
			ProverRegistry::withdraw_unbonded(origin(1)),
			Error::<Test>::NothingToWithdraw
		);
		assert_eq!(held(1), 300);

		run_to_block(10 + UNBONDING_BLOCKS);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		assert!(chunks(1).is_empty());
		assert_eq!(ledger(1).bonded, 200);
		assert_eq!(held(1), 200);
		assert_eq!(free(1), ENDOWMENT - 200);
		assert_eq!(events(), vec![Event::Withdrawn { who: 1, amount: 100 }]);
	});
}

#[test]
fn withdraw_releases_only_matured_chunks() {
	ExtBuilder::default().prover(1, 500).build_and_execute(|| {
		for (block, amount) in [(1, 10), (2, 20), (3, 30)] {
			run_to_block(block);
			assert_ok!(ProverRegistry::unbond(origin(1), amount));
		}
		events();
		run_to_block(2 + UNBONDING_BLOCKS);
		let total = issuance();

		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		assert_eq!(chunks(1), vec![chunk(30, 3 + UNBONDING_BLOCKS)]);
		assert_eq!(held(1), 440 + 30);
		assert_eq!(free(1), ENDOWMENT - 470);
		assert_eq!(issuance(), total);
		assert_eq!(events(), vec![Event::Withdrawn { who: 1, amount: 30 }]);

		run_to_block(100);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		assert!(chunks(1).is_empty());
		assert_eq!(held(1), 440);
		assert_eq!(events(), vec![Event::Withdrawn { who: 1, amount: 30 }]);
	});
}

#[test]
fn withdraw_frees_chunk_slots() {
	ExtBuilder::default().prover(1, 500).build_and_execute(|| {
		for block in 1..=u64::from(MAX_CHUNKS) {
			run_to_block(block);
			assert_ok!(ProverRegistry::unbond(origin(1), 10));
		}
		run_to_block(1 + UNBONDING_BLOCKS);
		assert_noop!(ProverRegistry::unbond(origin(1), 10), Error::<Test>::TooManyUnbondingChunks);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		events();

		assert_ok!(ProverRegistry::unbond(origin(1), 10));
		assert_eq!(chunks(1).len(), MAX_CHUNKS as usize);
		assert_eq!(chunks(1).last(), Some(&chunk(10, 1 + 2 * UNBONDING_BLOCKS)));
		assert_eq!(held(1), 490);
		assert_eq!(
			events(),
			vec![Event::UnbondingStarted {
				who: 1,
				amount: 10,
				unlock_at: 1 + 2 * UNBONDING_BLOCKS,
				bonded: 450,
			}]
		);
	});
}

#[test]
fn withdraw_refunds_weight_down_to_the_chunks_held() {
	ExtBuilder::default().prover(1, 500).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 10));
		run_to_block(2);
		assert_ok!(ProverRegistry::unbond(origin(1), 10));
		run_to_block(2 + UNBONDING_BLOCKS);
		events();

		let post = ProverRegistry::withdraw_unbonded(origin(1)).expect("withdraws");
		assert_eq!(
			post,
			PostDispatchInfo {
				actual_weight: Some(<() as WeightInfo>::withdraw_unbonded(2)),
				pays_fee: Default::default(),
			}
		);
		assert!(
			<() as WeightInfo>::withdraw_unbonded(2).ref_time()
				< <() as WeightInfo>::withdraw_unbonded(MAX_CHUNKS).ref_time()
		);
		assert!(chunks(1).is_empty());
		assert_eq!(held(1), 480);
		assert_eq!(events(), vec![Event::Withdrawn { who: 1, amount: 20 }]);
	});
}

#[test]
fn withdraw_errors() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_noop!(ProverRegistry::withdraw_unbonded(origin(2)), Error::<Test>::NotRegistered);
		assert_noop!(
			ProverRegistry::withdraw_unbonded(origin(1)),
			Error::<Test>::NothingToWithdraw
		);
		assert_eq!(ledger(1), ProverLedger::new(300));
		assert!(events().is_empty());
	});
}
