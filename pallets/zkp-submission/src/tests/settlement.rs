//! Settlement in `on_initialize`: weight-bounded, carried over in order, never dropped, and
//! pruning everything a finished sequence held.

use crate::{
	mock::*, Deadlines, Event, Rollups, Rounds, Sequences, SettlementQueue, VerifyingKeys,
	WeightInfo,
};
use frame_support::{assert_ok, traits::Hooks, weights::Weight};

const T: u64 = 2;

/// Five sequences of one rollup, all with a round started at `T` by Alice.
fn five_rounds_due_together() -> Vec<u64> {
	let rollup = register(1);
	let ids: Vec<u64> = (0..5).map(|_| submit(rollup)).collect();
	run_to(T);
	for id in ids.iter() {
		commit(ALICE, *id, &valid_proof(*id, 0));
	}
	ids
}

fn settled(ids: &[u64]) -> Vec<u64> {
	ids.iter()
		.copied()
		.filter(|id| Sequences::<Test>::get(id).unwrap().round == 1)
		.collect()
}

#[test]
fn rounds_beyond_the_budget_are_carried_over_and_all_settle() {
	ExtBuilder::default().build_and_execute(|| {
		// Rounds are charged what they do: this budget fits two failed rounds of one
		// commitment each, so two rounds per block.
		let budget = budget_for_single_rounds(2);
		MaxSettlementWeight::set(budget);
		let ids = five_rounds_due_together();
		assert_eq!(Deadlines::<Test>::get(T + 21).into_inner(), ids);
		run_to(T + 20);

		let mark = events().len();
		let used = initialize_block(T + 21);
		assert!(used.all_lte(budget), "the hook stays within its budget");
		let per_round = <() as WeightInfo>::settle_failed(1, 0);
		assert_eq!(
			used,
			prune_nothing() + <() as WeightInfo>::settle_base() + per_round + per_round
		);
		assert_eq!(used, budget);
		assert_eq!(settled(&ids), ids[..2].to_vec());
		assert_eq!(SettlementQueue::<Test>::get().into_inner(), ids[2..].to_vec());
		assert!(!Deadlines::<Test>::contains_key(T + 21));
		assert_eq!(events_since(mark).last(), Some(&Event::SettlementDeferred { pending: 3 }));
		check_invariants();

		// Oldest first: the carried-over rounds go before anything due later.
		initialize_block(T + 22);
		assert_eq!(settled(&ids), ids[..4].to_vec());
		assert_eq!(SettlementQueue::<Test>::get().into_inner(), vec![ids[4]]);
		check_invariants();

		initialize_block(T + 23);
		assert_eq!(settled(&ids), ids);
		assert!(SettlementQueue::<Test>::get().is_empty());
		// Each round was settled exactly once: one NoValidProof slash per sequence.
		assert_eq!(MockStaking::slashes().len(), 5);
		let reopened =
			events().iter().filter(|e| matches!(e, Event::SequenceReopened { .. })).count();
		assert_eq!(reopened, 5);
		assert_eq!(MockStaking::pending(ALICE), 0);
	});
}

#[test]
fn at_least_one_round_is_settled_per_block_whatever_the_budget() {
	ExtBuilder::default().build_and_execute(|| {
		MaxSettlementWeight::set(Weight::zero());
		let ids = five_rounds_due_together();
		for (i, block) in (T + 21..T + 26).enumerate() {
			run_to(block);
			assert_eq!(settled(&ids), ids[..=i].to_vec());
		}
		assert!(SettlementQueue::<Test>::get().is_empty());
	});
}

#[test]
fn carried_over_rounds_go_before_those_due_now() {
	ExtBuilder::default().build_and_execute(|| {
		MaxSettlementWeight::set(budget_for_single_rounds(1));
		let rollup = register(1);
		let (a, b, c) = (submit(rollup), submit(rollup), submit(rollup));
		run_to(T);
		commit(ALICE, a, &valid_proof(a, 0));
		commit(ALICE, b, &valid_proof(b, 0));
		run_to(T + 1);
		commit(ALICE, c, &valid_proof(c, 0));

		run_to(T + 21);
		assert_eq!(settled(&[a, b, c]), vec![a]);
		// At T + 22, `b` (carried) goes first; `c` (due now) waits.
		run_to(T + 22);
		assert_eq!(settled(&[a, b, c]), vec![a, b]);
		assert_eq!(SettlementQueue::<Test>::get().into_inner(), vec![c]);
		run_to(T + 23);
		assert_eq!(settled(&[a, b, c]), vec![a, b, c]);
	});
}

#[test]
fn idle_hook_only_reads() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(initialize_block(2), prune_nothing() + <() as WeightInfo>::settle_idle());
		assert!(events().is_empty());
	});
}

#[test]
fn a_finished_sequence_is_pruned_from_every_map() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 0).unwrap().users, 2);
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		commit(BOB, seq, &valid_proof(seq, 1));
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));
		assert_ok!(reveal(BOB, seq, &valid_proof(seq, 1)));
		run_to(T + 21);

		assert!(!Sequences::<Test>::contains_key(seq));
		assert!(!Rounds::<Test>::contains_key(seq));
		assert_eq!(Deadlines::<Test>::iter().count(), 0);
		assert!(SettlementQueue::<Test>::get().is_empty());
		let record = Rollups::<Test>::get(rollup).unwrap();
		assert!(record.sequences.is_empty());
		assert_eq!(record.latest_proved, Some(seq));
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 0).unwrap().users, 1);
		assert_eq!((MockStaking::pending(ALICE), MockStaking::pending(BOB)), (0, 0));
		System::assert_last_event(
			Event::SequenceFinalized {
				sequence: seq,
				rollup,
				round: 0,
				proof_hash: zkmine_primitives::proof_hash(&proof),
				validated: 2,
				rewarded: 2 * UNIT - 1,
				fee_paid: 0,
			}
			.into(),
		);
	});
}

#[test]
fn integrity_test_accepts_the_defaults() {
	ExtBuilder::default().build_and_execute(|| {
		MaxSettlementWeight::set(budget_for_full_rounds(1));
		<ZkpSubmission as Hooks<u64>>::integrity_test();
	});
}

#[test]
#[should_panic(expected = "MaxSettlementWeight must cover the settlement of one full round")]
fn integrity_test_rejects_a_budget_below_one_round() {
	ExtBuilder::default().build().execute_with(|| {
		MaxSettlementWeight::set(budget_for_full_rounds(1) - Weight::from_parts(1, 0));
		<ZkpSubmission as Hooks<u64>>::integrity_test();
	});
}
