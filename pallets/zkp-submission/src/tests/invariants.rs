//! `try_state` bites: each check fails, with its own message, on storage corrupted the way
//! it guards against (after staking-async's `try_state_assertions`).

use crate::{
	mock::*, Deadlines, NextRollupId, NextSequenceId, ProofExpiries, Proofs, Rollups, Rounds,
	Sequences, SettlementQueue, SlottedRollups, Statements, VerifyingKeys,
};
use frame_support::BoundedVec;

const T: u64 = 3;

/// A rollup with an open sequence (0) and a sequence (1) whose round started at `T` with
/// Alice's and Bob's commitments; the invariants hold.
fn setup() -> sp_io::TestExternalities {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		let rollup = register(2);
		submit(rollup);
		let live = submit(rollup);
		run_to(T);
		commit(ALICE, live, &valid_proof(live, 0));
		commit(BOB, live, &valid_proof(live, 1));
		ZkpSubmission::do_try_state().expect("consistent before the corruption");
	});
	ext
}

/// After `corrupt`, `try_state` fails with exactly `expected`.
fn bites(expected: &'static str, corrupt: impl FnOnce()) {
	bites_after(setup, expected, corrupt)
}

/// After `setup` and `corrupt`, `try_state` fails with exactly `expected`.
fn bites_after(
	setup: fn() -> sp_io::TestExternalities,
	expected: &'static str,
	corrupt: impl FnOnce(),
) {
	setup().execute_with(|| {
		corrupt();
		assert_eq!(ZkpSubmission::do_try_state(), Err(expected.into()));
	});
}

fn mutate_sequence(id: u64, f: impl FnOnce(&mut crate::Sequence<Test>)) {
	Sequences::<Test>::mutate(id, |s| f(s.as_mut().expect("sequence")));
}

fn mutate_round(id: u64, f: impl FnOnce(&mut crate::Round<Test>)) {
	Rounds::<Test>::mutate(id, |r| f(r.as_mut().expect("round")));
}

#[test]
fn ids_must_stay_below_their_counters() {
	bites("rollup id not below the counter", || NextRollupId::<Test>::put(0));
	bites("sequence id not below the counter", || NextSequenceId::<Test>::put(1));
}

#[test]
fn rollups_and_sequences_must_list_each_other() {
	bites("rollup lists a missing sequence", || {
		Rollups::<Test>::mutate(0, |r| {
			r.as_mut().expect("rollup").sequences.try_push(9).expect("room");
		})
	});
	bites("sequence not listed by its rollup", || {
		Rollups::<Test>::mutate(0, |r| r.as_mut().expect("rollup").sequences.retain(|s| *s != 0))
	});
	bites("sequence listed by another rollup", || mutate_sequence(0, |s| s.rollup = 5));
	bites("sequence of a missing rollup", || {
		Rollups::<Test>::remove(0);
		crate::SlottedRollups::<Test>::put(0);
	});
	bites("retiring rollup without live sequences", || {
		Rollups::<Test>::mutate(0, |r| {
			let r = r.as_mut().expect("rollup");
			r.status = crate::RollupStatus::Retiring;
			r.sequences.clear();
		})
	});
	bites("retiring rollup keeps an open sequence", || {
		Rollups::<Test>::mutate(0, |r| {
			r.as_mut().expect("rollup").status = crate::RollupStatus::Retiring
		});
		// The retiring rollup no longer holds its current key.
		VerifyingKeys::<Test>::mutate(0, 0, |k| k.as_mut().expect("key").users -= 1);
	});
}

#[test]
fn verifying_keys_must_be_counted_exactly() {
	bites("verifying key reference count wrong", || {
		VerifyingKeys::<Test>::mutate(0, 0, |k| k.as_mut().expect("key").users += 1)
	});
	bites("unreferenced verifying key kept", || {
		let key = VerifyingKeys::<Test>::get(0, 0).expect("key");
		VerifyingKeys::<Test>::insert(0, 7, key);
	});
	bites("referenced key missing", || VerifyingKeys::<Test>::remove(0, 0));
}

#[test]
fn rounds_must_match_their_sequences() {
	bites("open sequence with a round", || {
		Rounds::<Test>::insert(0, crate::Round::<Test>::default())
	});
	bites("started round without data", || Rounds::<Test>::remove(1));
	bites("open sequence marked proved", || {
		mutate_sequence(0, |s| {
			s.proved = Some(crate::ProvedBy { proof_hash: [0; 32], by: ALICE, at: T })
		})
	});
	bites("two commitments of one prover", || {
		mutate_round(1, |r| {
			let first = r.commitments[0].clone();
			r.commitments[1] = first;
		})
	});
	bites("validated but not proved", || mutate_round(1, |r| r.commitments[0].validated = true));
	bites("validated commitment matches no valid proof", || {
		mutate_sequence(1, |s| {
			s.proved = Some(crate::ProvedBy { proof_hash: [0; 32], by: ALICE, at: T })
		});
		mutate_round(1, |r| r.commitments[0].validated = true);
	});
	bites("valid proofs validated nothing", || {
		mutate_round(1, |r| r.valid_proofs.try_push([3; 32]).expect("room"))
	});
	bites("sequence outlived its rounds", || mutate_sequence(0, |s| s.round = 3));
}

#[test]
fn statements_must_index_exactly_the_unfinished_sequences() {
	let statement = |id: u64| {
		let s = Sequences::<Test>::get(id).expect("sequence");
		zkmine_primitives::statement_hash(s.rollup, s.key_version, &s.public_inputs)
	};
	bites("statement not indexed", || Statements::<Test>::remove(statement(0)));
	bites("statement not indexed", || Statements::<Test>::insert(statement(0), 1));
	bites("statement kept for no sequence", || Statements::<Test>::insert([5; 32], 0));
}

#[test]
fn reservations_must_match_the_open_commitments() {
	bites("commitment reserves more than its stake", || {
		mutate_round(1, |r| r.commitments[0].reserved = r.commitments[0].stake + 1)
	});
	bites("registry reservation differs from the open commitments", || {
		mutate_round(1, |r| r.commitments[0].reserved -= 1)
	});
}

#[test]
fn every_started_round_must_be_scheduled_once_at_its_block() {
	let settle_at = T + 21;
	bites("started round not scheduled", || Deadlines::<Test>::remove(settle_at));
	bites("scheduled at the wrong block", || {
		Deadlines::<Test>::remove(settle_at);
		Deadlines::<Test>::insert(settle_at + 1, BoundedVec::truncate_from(vec![1]));
	});
	bites("sequence scheduled twice", || {
		Deadlines::<Test>::insert(settle_at, BoundedVec::truncate_from(vec![1, 1]));
	});
	bites("empty deadline entry kept", || {
		Deadlines::<Test>::insert(settle_at + 5, BoundedVec::truncate_from(vec![]));
	});
	bites("deadline index entry left behind", || {
		Deadlines::<Test>::insert(1, BoundedVec::truncate_from(vec![1]));
	});
	bites("queued sequence has no live round", || {
		SettlementQueue::<Test>::put(BoundedVec::truncate_from(vec![0]));
	});
	bites("queued before its settlement block", || {
		Deadlines::<Test>::remove(settle_at);
		SettlementQueue::<Test>::put(BoundedVec::truncate_from(vec![1]));
	});
}

/// Money and proofs: rollup 0 (slotted, `OWNER`'s deposit); sequence 0 open with a fee of
/// the sequencer and a subsidy of `NOBODY`; sequence 1 (fee) proved at `T + 23`, not
/// settled; sequence 2 proved and settled at `T + 21`, its proof kept until `T + 121`. At
/// `T + 23`.
fn setup_money() -> sp_io::TestExternalities {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		let rollup = register(2);
		let open = submit_with_fee(rollup, UNIT);
		frame_support::assert_ok!(ZkpSubmission::add_subsidy(
			RuntimeOrigin::signed(NOBODY),
			open,
			MIN_FEE
		));
		let live = submit_with_fee(rollup, UNIT);
		let settled = submit(rollup);
		run_to(T);
		commit(ALICE, settled, &valid_proof(settled, 0));
		run_to(T + 11);
		frame_support::assert_ok!(reveal(ALICE, settled, &valid_proof(settled, 0)));
		run_to(T + 12);
		commit(BOB, live, &valid_proof(live, 0));
		run_to(T + 23);
		frame_support::assert_ok!(reveal(BOB, live, &valid_proof(live, 0)));
		assert_eq!(Proofs::<Test>::get(2).and_then(|p| p.expires_at), Some(T + 121));
		ZkpSubmission::do_try_state().expect("consistent before the corruption");
	});
	ext
}

#[test]
fn slots_must_be_counted() {
	bites_after(setup_money, "slot counter out of sync", || SlottedRollups::<Test>::put(0));
	bites_after(setup_money, "more slotted rollups than reward slots", || {
		for _ in 0..REWARD_SLOTS {
			let id = register_open(2);
			Rollups::<Test>::mutate(id, |r| r.as_mut().expect("rollup").slotted = true);
		}
		SlottedRollups::<Test>::put(REWARD_SLOTS + 1);
	});
}

#[test]
fn deposits_must_be_held() {
	bites_after(setup_money, "deposit held differs from the owner's rollups", || {
		Rollups::<Test>::mutate(0, |r| {
			let r = r.as_mut().expect("rollup");
			r.deposit = r.deposit.map(|d| d + 1);
		})
	});
}

#[test]
fn fees_must_be_held_once_per_payer() {
	bites_after(setup_money, "fee held differs from the payer's contributions", || {
		mutate_sequence(0, |s| s.fee[1].amount += 1)
	});
	bites_after(setup_money, "fee contribution below the minimum", || {
		mutate_sequence(0, |s| s.fee[1].amount = MIN_FEE - 1)
	});
	bites_after(setup_money, "two fee entries of one payer", || {
		mutate_sequence(0, |s| s.fee[1].payer = SEQUENCER)
	});
}

#[test]
fn kept_proofs_must_match_the_proved_sequences() {
	bites_after(setup_money, "proved sequence without its proof kept", || {
		Proofs::<Test>::remove(1)
	});
	bites_after(setup_money, "proof kept for an unproved sequence", || {
		let kept = Proofs::<Test>::get(1).expect("proof");
		Proofs::<Test>::insert(0, kept);
	});
	bites_after(setup_money, "kept proof differs from the proved one", || {
		Proofs::<Test>::mutate(1, |p| p.as_mut().expect("proof").proof_hash = [9; 32])
	});
	bites_after(setup_money, "kept proof differs from the proved one", || {
		Proofs::<Test>::mutate(1, |p| p.as_mut().expect("proof").expires_at = Some(T + 200))
	});
}

#[test]
fn kept_proofs_must_expire_once_in_the_future() {
	bites_after(setup_money, "proof kept past its expiry", || {
		Proofs::<Test>::mutate(2, |p| p.as_mut().expect("proof").expires_at = Some(T + 23));
		ProofExpiries::<Test>::remove(T + 121);
		ProofExpiries::<Test>::insert(T + 23, BoundedVec::truncate_from(vec![2]));
	});
	bites_after(setup_money, "proof expiry index out of sync", || {
		ProofExpiries::<Test>::remove(T + 121)
	});
	bites_after(setup_money, "proof expiry index out of sync", || {
		ProofExpiries::<Test>::insert(T + 121, BoundedVec::truncate_from(vec![2, 2]))
	});
	bites_after(setup_money, "proof expiry index out of sync", || {
		ProofExpiries::<Test>::insert(T + 130, BoundedVec::truncate_from(vec![2]))
	});
	bites_after(setup_money, "empty proof expiry entry kept", || {
		ProofExpiries::<Test>::insert(T + 130, BoundedVec::truncate_from(vec![]))
	});
}
