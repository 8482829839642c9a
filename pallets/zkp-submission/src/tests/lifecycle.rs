//! No stuck or replayed sequences, and rounds that keep their windows: cancellation,
//! abandonment after `MaxFailedRounds`, refusal of duplicate statements, window lengths
//! changed while a round is live.

use crate::{mock::*, Error, Event, Phase, Rollups, Sequences, Statements, VerifyingKeys};
use frame_support::{assert_noop, assert_ok, traits::Get};
use zkmine_primitives::statement_hash;

const T: u64 = 4;

/// Submit a sequence of `rollup` with the inputs `inputs(2, seed)`.
fn submit_with(rollup: u32, seed: u8) -> frame_support::dispatch::DispatchResult {
	ZkpSubmission::submit_sequence(
		RuntimeOrigin::signed(SEQUENCER),
		rollup,
		inputs(2, seed),
		bounded(vec![seed; 4]),
		0,
	)
}

#[test]
fn a_round_keeps_the_windows_it_started_with() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		run_to(T);
		let (pa, pb) = (valid_proof(seq, 0), valid_proof(seq, 1));
		commit(ALICE, seq, &pa);
		// A runtime upgrade shortens both windows while the round is live.
		CommitWindow::set(2);
		RevealWindow::set(3);

		// The live round still takes commitments until T + 10 and proofs until T + 20.
		run_to(T + 10);
		commit(BOB, seq, &pb);
		let status = ZkpSubmission::sequence_status(seq).unwrap();
		assert_eq!(status.phase, Phase::Commit);
		assert_eq!(status.windows.map(|w| (w.commit_end, w.reveal_end)), Some((T + 10, T + 20)));
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &pa));
		run_to(T + 20);
		assert_ok!(reveal(BOB, seq, &pb));
		run_to(T + 21);
		assert!(!Sequences::<Test>::contains_key(seq));
		System::assert_has_event(
			Event::RewardPaid {
				sequence: seq,
				round: 0,
				who: BOB,
				amount: 1_428_571_428_571,
				from_fee: 0,
			}
			.into(),
		);

		// A round that starts after the change uses the new lengths.
		let next = submit(rollup);
		let t2 = T + 21;
		commit(ALICE, next, &valid_proof(next, 0));
		System::assert_has_event(
			Event::RoundStarted {
				sequence: next,
				round: 0,
				started_at: t2,
				commit_end: t2 + 2,
				reveal_end: t2 + 5,
				settle_at: t2 + 6,
			}
			.into(),
		);
		run_to(t2 + 3);
		assert_noop!(
			try_commit(BOB, next, &valid_proof(next, 1)),
			Error::<Test>::CommitWindowClosed
		);
		assert_ok!(reveal(ALICE, next, &valid_proof(next, 0)));
		run_to(t2 + 6);
		assert!(!Sequences::<Test>::contains_key(next));
	});
}

#[test]
fn the_sequencer_or_governance_cancels_an_open_sequence() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let (a, b, live) = (submit(rollup), submit(rollup), submit(rollup));
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 0).unwrap().users, 4);
		let statement_a = {
			let s = Sequences::<Test>::get(a).unwrap();
			statement_hash(rollup, 0, &s.public_inputs)
		};

		assert_noop!(
			ZkpSubmission::cancel_sequence(RuntimeOrigin::signed(NOBODY), a),
			Error::<Test>::NotSequencer
		);
		assert_noop!(
			ZkpSubmission::cancel_sequence(RuntimeOrigin::signed(SEQUENCER), 77),
			Error::<Test>::UnknownSequence
		);
		assert_noop!(
			ZkpSubmission::cancel_sequence(RuntimeOrigin::none(), a),
			sp_runtime::DispatchError::BadOrigin
		);

		assert_ok!(ZkpSubmission::cancel_sequence(RuntimeOrigin::signed(SEQUENCER), a));
		System::assert_last_event(
			Event::SequenceCancelled { sequence: a, rollup, by: Some(SEQUENCER) }.into(),
		);
		assert_ok!(ZkpSubmission::cancel_sequence(RuntimeOrigin::root(), b));
		System::assert_last_event(
			Event::SequenceCancelled { sequence: b, rollup, by: None }.into(),
		);
		assert!(!Sequences::<Test>::contains_key(a) && !Sequences::<Test>::contains_key(b));
		assert!(!Statements::<Test>::contains_key(statement_a));
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().sequences.into_inner(), vec![live]);
		assert_eq!(VerifyingKeys::<Test>::get(rollup, 0).unwrap().users, 2);
		// Its statement is free again.
		assert_ok!(submit_with(rollup, a as u8));

		// A sequence with a live round stays, whoever asks.
		run_to(T);
		commit(ALICE, live, &valid_proof(live, 0));
		for origin in [RuntimeOrigin::signed(SEQUENCER), RuntimeOrigin::root()] {
			assert_noop!(ZkpSubmission::cancel_sequence(origin, live), Error::<Test>::RoundLive);
		}
	});
}

#[test]
fn a_sequence_whose_rounds_keep_failing_is_abandoned_and_frees_its_place() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let max = <<Test as crate::Config>::MaxOpenSequencesPerRollup as Get<u32>>::get();
		let stuck = submit(rollup);
		for _ in 1..max {
			submit(rollup);
		}
		assert_noop!(submit_with(rollup, 200), Error::<Test>::TooManyOpenSequences);

		// Rounds 0 and 1 fail and the sequence reopens; round 2 is its last.
		let mut t = T;
		for round in 0..3u32 {
			run_to(t);
			commit(ALICE, stuck, &invalid_proof(round as u8));
			run_to(t + 20);
			assert_eq!(Sequences::<Test>::get(stuck).unwrap().round, round);
			run_to(t + 21);
			t += 21;
			if round < 2 {
				System::assert_last_event(
					Event::SequenceReopened { sequence: stuck, new_round: round + 1 }.into(),
				);
			}
		}
		System::assert_last_event(
			Event::SequenceAbandoned { sequence: stuck, rollup, failed_rounds: 3 }.into(),
		);
		System::assert_has_event(
			Event::RoundFailed { sequence: stuck, round: 2, committers: 1 }.into(),
		);
		assert!(!Sequences::<Test>::contains_key(stuck));
		assert!(!Rollups::<Test>::get(rollup).unwrap().sequences.contains(&stuck));
		assert_eq!(MockStaking::slashes().len(), 3);
		assert_eq!(MockStaking::pending(ALICE), 0);
		// Its place in the rollup is free.
		assert_ok!(submit_with(rollup, 200));
	});
}

#[test]
fn a_duplicate_statement_is_refused_while_the_first_is_unfinished() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		assert_ok!(submit_with(rollup, 9));
		let first = crate::NextSequenceId::<Test>::get() - 1;
		let mark = events().len();
		assert_noop!(submit_with(rollup, 9), Error::<Test>::DuplicateSequence);
		assert_eq!(events().len(), mark);

		// Another rollup, or another key version, is another statement.
		let other = register(2);
		assert_ok!(submit_with(other, 9));
		assert_ok!(ZkpSubmission::update_verifying_key(
			RuntimeOrigin::root(),
			rollup,
			bounded(MockVerifier::key(2, 0x77)),
		));
		assert_ok!(submit_with(rollup, 9));
		let second = crate::NextSequenceId::<Test>::get() - 1;
		assert_eq!(Sequences::<Test>::get(second).unwrap().key_version, 1);

		// Once a sequence is finished, its statement may come again (the rollup's own
		// chaining of state roots keeps real batches unique).
		let on_other = first + 1;
		run_to(T);
		let proof = valid_proof(on_other, 0);
		commit(ALICE, on_other, &proof);
		run_to(T + 11);
		assert_ok!(reveal(ALICE, on_other, &proof));
		run_to(T + 21);
		assert!(!Sequences::<Test>::contains_key(on_other));
		assert_ok!(submit_with(other, 9));
	});
}
