//! Proving fees and subsidies: held on the payers, paid with the reward pro rata by stake
//! snapshot (fee first, the rest minted), kept over a failed round, returned when the
//! sequence goes unproved; never a change of issuance.

use crate::{mock::*, Error, Event, HoldReason, Sequences};
use frame_support::{assert_noop, assert_ok};
use zkmine_primitives::proof_hash;

const T: u64 = 3;

/// The worked example's round on `seq`, from block `T`.
fn prove_with_worked_example(seq: u64) -> Vec<u8> {
	prove_worked_example(seq, T)
}

fn fee_held(who: AccountId) -> Balance {
	held(HoldReason::SequenceFee, who)
}

fn subsidise(who: AccountId, seq: u64, amount: Balance) -> frame_support::dispatch::DispatchResult {
	ZkpSubmission::add_subsidy(RuntimeOrigin::signed(who), seq, amount)
}

#[test]
fn worked_example_with_a_fee_pays_fee_first_then_mints_exactly_the_reward() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let sequencer_before = free(SEQUENCER);
		let seq = submit_with_fee(rollup, UNIT);
		assert_eq!(fee_held(SEQUENCER), UNIT);
		assert_eq!(free(SEQUENCER), sequencer_before - UNIT);
		assert_eq!(ZkpSubmission::sequence_fee(seq), Some(UNIT));
		let proof = prove_with_worked_example(seq);

		let issuance = Balances::total_issuance();
		let before = [free(ALICE), free(BOB), free(CHARLIE)];
		let mark = events().len();
		run_to(T + 21);

		// (2 + 1) units by 2:5:3: 0.6 (all fee), 1.5 (0.4 fee, 1.1 minted), 0.9 (minted).
		let expected = [600_000_000_000u128, 1_500_000_000_000, 900_000_000_000];
		let from_fee = [600_000_000_000u128, 400_000_000_000, 0];
		for (i, who) in [ALICE, BOB, CHARLIE].into_iter().enumerate() {
			assert_eq!(free(who), before[i] + expected[i]);
		}
		assert_eq!(Balances::total_issuance(), issuance + 2 * UNIT, "only the reward is minted");
		assert_eq!(fee_held(SEQUENCER), 0);
		assert_eq!(free(SEQUENCER), sequencer_before - UNIT);
		let mut wanted: Vec<Event<Test>> = [ALICE, BOB, CHARLIE]
			.into_iter()
			.enumerate()
			.map(|(i, who)| Event::RewardPaid {
				sequence: seq,
				round: 0,
				who,
				amount: expected[i],
				from_fee: from_fee[i],
			})
			.collect();
		wanted.push(Event::SequenceFinalized {
			sequence: seq,
			rollup,
			round: 0,
			proof_hash: proof_hash(&proof),
			validated: 3,
			rewarded: 3 * UNIT,
			fee_paid: UNIT,
		});
		assert_eq!(events_since(mark), wanted);
		assert_eq!(
			MockStaking::rewards().into_iter().collect::<Vec<_>>(),
			vec![(ALICE, expected[0]), (BOB, expected[1]), (CHARLIE, expected[2])]
		);
	});
}

#[test]
fn subsidies_are_paid_in_the_order_they_were_made() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit_with_fee(rollup, UNIT / 2);
		let mark = events().len();
		assert_ok!(subsidise(NOBODY, seq, UNIT / 2));
		assert_eq!(
			events_since(mark),
			vec![Event::FeeAdded { sequence: seq, payer: NOBODY, amount: UNIT / 2, fee: UNIT }]
		);
		let nobody_before = free(NOBODY);
		prove_with_worked_example(seq);
		let issuance = Balances::total_issuance();
		let alice = free(ALICE);
		run_to(T + 21);

		// Alice's 0.6: the sequencer's 0.5 and 0.1 of Nobody's; Bob's 1.5: Nobody's other 0.4
		// and 1.1 minted. Both holds are used up.
		assert_eq!(free(ALICE), alice + 600_000_000_000);
		assert_eq!((fee_held(SEQUENCER), fee_held(NOBODY)), (0, 0));
		assert_eq!(free(NOBODY), nobody_before);
		assert_eq!(Balances::total_issuance(), issuance + 2 * UNIT);
		System::assert_has_event(
			Event::RewardPaid {
				sequence: seq,
				round: 0,
				who: BOB,
				amount: 1_500_000_000_000,
				from_fee: 400_000_000_000,
			}
			.into(),
		);
	});
}

#[test]
fn a_payer_adds_to_its_own_contribution() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit_with_fee(rollup, MIN_FEE);
		assert_ok!(subsidise(SEQUENCER, seq, MIN_FEE));
		assert_ok!(subsidise(NOBODY, seq, MIN_FEE));
		let fee = Sequences::<Test>::get(seq).unwrap().fee;
		assert_eq!(
			fee.iter().map(|f| (f.payer, f.amount)).collect::<Vec<_>>(),
			vec![(SEQUENCER, 2 * MIN_FEE), (NOBODY, MIN_FEE)]
		);
		System::assert_last_event(
			Event::FeeAdded { sequence: seq, payer: NOBODY, amount: MIN_FEE, fee: 3 * MIN_FEE }
				.into(),
		);
		assert_eq!(fee_held(SEQUENCER), 2 * MIN_FEE);
	});
}

#[test]
fn an_unslotted_rollup_is_paid_by_its_fee_alone() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		let seq = submit_with_fee(rollup, UNIT);
		prove_with_worked_example(seq);
		let issuance = Balances::total_issuance();
		let before = [free(ALICE), free(BOB), free(CHARLIE)];
		run_to(T + 21);

		for (i, (who, share)) in
			[(ALICE, 200_000_000_000u128), (BOB, 500_000_000_000), (CHARLIE, 300_000_000_000)]
				.into_iter()
				.enumerate()
		{
			assert_eq!(free(who), before[i] + share);
			System::assert_has_event(
				Event::RewardPaid { sequence: seq, round: 0, who, amount: share, from_fee: share }
					.into(),
			);
		}
		assert_eq!(Balances::total_issuance(), issuance, "nothing minted");
		assert_eq!(fee_held(SEQUENCER), 0);
	});
}

#[test]
fn an_unslotted_rollup_without_fee_mints_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register_open(2);
		let seq = submit(rollup);
		let proof = prove_with_worked_example(seq);
		let issuance = Balances::total_issuance();
		let mark = events().len();
		run_to(T + 21);
		assert_eq!(
			events_since(mark),
			vec![Event::SequenceFinalized {
				sequence: seq,
				rollup,
				round: 0,
				proof_hash: proof_hash(&proof),
				validated: 3,
				rewarded: 0,
				fee_paid: 0,
			}]
		);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn rounding_dust_of_the_fee_returns_to_the_payer() {
	ExtBuilder::default()
		.prover(ALICE, 100_000 * UNIT)
		.prover(BOB, 100_000 * UNIT)
		.prover(CHARLIE, 100_000 * UNIT)
		.build_and_execute(|| {
			let rollup = register_open(2);
			let fee = MIN_FEE + 1;
			let seq = submit_with_fee(rollup, fee);
			prove_with_worked_example(seq);
			let sequencer = free(SEQUENCER);
			let issuance = Balances::total_issuance();
			run_to(T + 21);
			// Three equal stakes: floor(fee / 3) each, 2 planck of dust back to the sequencer.
			let share = fee / 3;
			assert_eq!(fee - 3 * share, 2);
			for who in [ALICE, BOB, CHARLIE] {
				System::assert_has_event(
					Event::RewardPaid {
						sequence: seq,
						round: 0,
						who,
						amount: share,
						from_fee: share,
					}
					.into(),
				);
			}
			System::assert_has_event(
				Event::FeeRefunded { sequence: seq, payer: SEQUENCER, amount: 2 }.into(),
			);
			assert_eq!(free(SEQUENCER), sequencer + 2);
			assert_eq!(fee_held(SEQUENCER), 0);
			assert_eq!(Balances::total_issuance(), issuance);
		});
}

#[test]
fn a_proved_round_that_validated_nobody_returns_the_whole_fee() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit_with_fee(rollup, UNIT);
		run_to(T);
		// Alice commits to a proof she never reveals; Dave reveals another without a
		// commitment: the sequence is proved, nobody's commitment is validated.
		commit(ALICE, seq, &valid_proof(seq, 1));
		run_to(T + 11);
		assert_ok!(reveal(DAVE, seq, &valid_proof(seq, 2)));
		let issuance = Balances::total_issuance();
		let sequencer = free(SEQUENCER);
		run_to(T + 21);
		System::assert_has_event(
			Event::FeeRefunded { sequence: seq, payer: SEQUENCER, amount: UNIT }.into(),
		);
		assert_eq!(free(SEQUENCER), sequencer + UNIT);
		assert!(!events().iter().any(|e| matches!(e, Event::RewardPaid { .. })));
		// Only Alice's slash moved issuance.
		assert_eq!(Balances::total_issuance(), issuance - MockStaking::burned());
	});
}

#[test]
fn a_failed_round_keeps_the_fee_for_the_next() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit_with_fee(rollup, UNIT);
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));
		run_to(T + 21);
		System::assert_has_event(Event::SequenceReopened { sequence: seq, new_round: 1 }.into());
		assert_eq!(ZkpSubmission::sequence_fee(seq), Some(UNIT));
		assert_eq!(fee_held(SEQUENCER), UNIT);
		assert!(!events().iter().any(|e| matches!(e, Event::FeeRefunded { .. })));

		// Round 1: Bob proves it alone and gets the reward and the fee.
		let t1 = T + 22;
		run_to(t1);
		let proof = valid_proof(seq, 3);
		commit(BOB, seq, &proof);
		run_to(t1 + 11);
		assert_ok!(reveal(BOB, seq, &proof));
		let bob = free(BOB);
		run_to(t1 + 21);
		assert_eq!(free(BOB), bob + 3 * UNIT);
		assert_eq!(fee_held(SEQUENCER), 0);
	});
}

#[test]
fn an_abandoned_sequence_returns_every_contribution() {
	ExtBuilder::default().build_and_execute(|| {
		MaxFailedRounds::set(1);
		let rollup = register(2);
		let seq = submit_with_fee(rollup, UNIT);
		assert_ok!(subsidise(NOBODY, seq, MIN_FEE));
		let (sequencer, nobody) = (free(SEQUENCER), free(NOBODY));
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));
		let mark = events().len();
		run_to(T + 21);
		let tail: Vec<_> = events_since(mark).into_iter().rev().take(3).collect();
		assert_eq!(
			tail,
			vec![
				Event::SequenceAbandoned { sequence: seq, rollup, failed_rounds: 1 },
				Event::FeeRefunded { sequence: seq, payer: NOBODY, amount: MIN_FEE },
				Event::FeeRefunded { sequence: seq, payer: SEQUENCER, amount: UNIT },
			]
		);
		assert_eq!((free(SEQUENCER), free(NOBODY)), (sequencer + UNIT, nobody + MIN_FEE));
		assert_eq!((fee_held(SEQUENCER), fee_held(NOBODY)), (0, 0));
	});
}

#[test]
fn a_cancelled_sequence_returns_every_contribution() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit_with_fee(rollup, UNIT);
		assert_ok!(subsidise(NOBODY, seq, MIN_FEE));
		let (sequencer, nobody) = (free(SEQUENCER), free(NOBODY));
		let mark = events().len();
		assert_ok!(ZkpSubmission::cancel_sequence(RuntimeOrigin::signed(SEQUENCER), seq));
		assert_eq!(
			events_since(mark),
			vec![
				Event::FeeRefunded { sequence: seq, payer: SEQUENCER, amount: UNIT },
				Event::FeeRefunded { sequence: seq, payer: NOBODY, amount: MIN_FEE },
				Event::SequenceCancelled { sequence: seq, rollup, by: Some(SEQUENCER) },
			]
		);
		assert_eq!((free(SEQUENCER), free(NOBODY)), (sequencer + UNIT, nobody + MIN_FEE));
	});
}

#[test]
fn dropped_sequences_return_their_fees() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let open = submit_with_fee(rollup, UNIT);
		let live = submit_with_fee(rollup, 2 * UNIT);
		run_to(T);
		commit(ALICE, live, &valid_proof(live, 0));
		let mark = events().len();
		assert_ok!(ZkpSubmission::deregister_rollup(RuntimeOrigin::signed(OWNER), rollup));
		// The open sequence is dropped at once, its fee released; the live one keeps its fee.
		assert_eq!(
			events_since(mark)[..2].to_vec(),
			vec![
				Event::FeeRefunded { sequence: open, payer: SEQUENCER, amount: UNIT },
				Event::SequenceDropped { sequence: open, rollup, round: 0 },
			]
		);
		assert_eq!(fee_held(SEQUENCER), 2 * UNIT);
		// The live round fails (nobody reveals): dropped, not reopened, fee released.
		run_to(T + 21);
		System::assert_has_event(
			Event::FeeRefunded { sequence: live, payer: SEQUENCER, amount: 2 * UNIT }.into(),
		);
		System::assert_has_event(
			Event::SequenceDropped { sequence: live, rollup, round: 0 }.into(),
		);
		assert_eq!(fee_held(SEQUENCER), 0);
	});
}

#[test]
fn fee_contributions_are_checked() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		// At submission: below the minimum, or more than the sequencer has.
		for (fee, error) in [
			(MIN_FEE - 1, Error::<Test>::FeeBelowMinimum),
			(FUNDS + 1, Error::<Test>::InsufficientFunds),
		] {
			assert_noop!(
				ZkpSubmission::submit_sequence(
					RuntimeOrigin::signed(SEQUENCER),
					rollup,
					inputs(2, 1),
					bounded(vec![1; 4]),
					fee
				),
				error
			);
		}
		let seq = submit(rollup);
		assert_noop!(subsidise(NOBODY, 77, MIN_FEE), Error::<Test>::UnknownSequence);
		assert_noop!(subsidise(NOBODY, seq, 0), Error::<Test>::FeeBelowMinimum);
		assert_noop!(subsidise(NOBODY, seq, MIN_FEE - 1), Error::<Test>::FeeBelowMinimum);
		assert_noop!(subsidise(NOBODY, seq, SPARE + 1), Error::<Test>::InsufficientFunds);
		// `MaxFeePayers` distinct payers; a fifth is refused, a payer among them is not.
		for who in [SEQUENCER, NOBODY, DAVE, EVE] {
			assert_ok!(subsidise(who, seq, MIN_FEE));
		}
		assert_eq!(Sequences::<Test>::get(seq).unwrap().fee.len() as u32, MAX_FEE_PAYERS);
		assert_noop!(subsidise(ALICE, seq, MIN_FEE), Error::<Test>::TooManyFeePayers);
		assert_ok!(subsidise(DAVE, seq, MIN_FEE));
		assert_noop!(
			ZkpSubmission::add_subsidy(RuntimeOrigin::root(), seq, MIN_FEE),
			sp_runtime::DispatchError::BadOrigin
		);

		// Once proved, the fee is final.
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		assert_ok!(subsidise(NOBODY, seq, MIN_FEE));
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));
		assert_noop!(subsidise(NOBODY, seq, MIN_FEE), Error::<Test>::AlreadyProved);
	});
}
