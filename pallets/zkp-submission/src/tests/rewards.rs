//! Rewards: pro rata by stake snapshot, exact, minted, dust not minted.

use crate::{mock::*, settlement::reward_share, Event, Rollups, Rounds, Sequences};
use frame_support::assert_ok;
use zkmine_primitives::proof_hash;

const T: u64 = 3;

#[test]
fn worked_example_splits_two_units_exactly() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		// One reveal validates all three identical commitments.
		let proof = prove_worked_example(seq, T);
		assert!(Rounds::<Test>::get(seq).unwrap().commitments.iter().all(|c| c.validated));

		let issuance = Balances::total_issuance();
		let before = [free(ALICE), free(BOB), free(CHARLIE)];
		let mark = events().len();
		run_to(T + 21);

		let expected = [400_000_000_000u128, 1_000_000_000_000, 600_000_000_000];
		assert_eq!(expected.iter().sum::<u128>(), 2 * UNIT);
		for (i, who) in [ALICE, BOB, CHARLIE].into_iter().enumerate() {
			assert_eq!(free(who), before[i] + expected[i]);
		}
		assert_eq!(Balances::total_issuance(), issuance + 2 * UNIT);
		assert_eq!(
			events_since(mark),
			vec![
				Event::RewardPaid {
					sequence: seq,
					round: 0,
					who: ALICE,
					amount: expected[0],
					from_fee: 0
				},
				Event::RewardPaid {
					sequence: seq,
					round: 0,
					who: BOB,
					amount: expected[1],
					from_fee: 0
				},
				Event::RewardPaid {
					sequence: seq,
					round: 0,
					who: CHARLIE,
					amount: expected[2],
					from_fee: 0
				},
				Event::SequenceFinalized {
					sequence: seq,
					rollup,
					round: 0,
					proof_hash: proof_hash(&proof),
					validated: 3,
					rewarded: 2 * UNIT,
					fee_paid: 0,
				},
			]
		);
		assert!(MockStaking::slashes().is_empty());
		// The staking backend was told each reward (lifetime statistics).
		assert_eq!(
			MockStaking::rewards().into_iter().collect::<Vec<_>>(),
			vec![(ALICE, expected[0]), (BOB, expected[1]), (CHARLIE, expected[2])]
		);
		assert!(!Sequences::<Test>::contains_key(seq));
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().latest_proved, Some(seq));
		for who in [ALICE, BOB, CHARLIE] {
			assert_eq!(MockStaking::pending(who), 0);
		}
	});
}

#[test]
fn rounding_dust_is_not_minted() {
	ExtBuilder::default()
		.prover(ALICE, 100_000 * UNIT)
		.prover(BOB, 100_000 * UNIT)
		.prover(CHARLIE, 100_000 * UNIT)
		.build_and_execute(|| {
			RewardPerSequence::set(10);
			let seq = submit(register(1));
			run_to(T);
			let proof = valid_proof(seq, 0);
			for who in [ALICE, BOB, CHARLIE] {
				commit(who, seq, &proof);
			}
			run_to(T + 11);
			assert_ok!(reveal(ALICE, seq, &proof));
			let issuance = Balances::total_issuance();
			run_to(T + 21);

			// floor(10 / 3) = 3 each; the remaining 1 is not minted.
			assert_eq!(Balances::total_issuance(), issuance + 9);
			for who in [ALICE, BOB, CHARLIE] {
				System::assert_has_event(
					Event::RewardPaid { sequence: seq, round: 0, who, amount: 3, from_fee: 0 }
						.into(),
				);
			}
			System::assert_last_event(
				Event::SequenceFinalized {
					sequence: seq,
					rollup: 0,
					round: 0,
					proof_hash: proof_hash(&proof),
					validated: 3,
					rewarded: 9,
					fee_paid: 0,
				}
				.into(),
			);
		});
}

#[test]
fn share_uses_the_stake_snapshot_not_the_current_stake() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		let proof = valid_proof(seq, 0);
		commit(ALICE, seq, &proof);
		commit(BOB, seq, &proof);
		// Alice bonds much more after committing: her share does not change.
		MockStaking::set_stake(ALICE, 5_000_000 * UNIT);
		run_to(T + 11);
		assert_ok!(reveal(ALICE, seq, &proof));
		let (alice, bob) = (free(ALICE), free(BOB));
		run_to(T + 21);

		// 2 units * 200K / 700K and * 500K / 700K, rounded down.
		assert_eq!(free(ALICE) - alice, 571_428_571_428);
		assert_eq!(free(BOB) - bob, 1_428_571_428_571);
		System::assert_last_event(
			Event::SequenceFinalized {
				sequence: seq,
				rollup: 0,
				round: 0,
				proof_hash: proof_hash(&proof),
				validated: 2,
				rewarded: 1_999_999_999_999,
				fee_paid: 0,
			}
			.into(),
		);
	});
}

#[test]
fn proved_round_without_validated_commitment_mints_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		run_to(T);
		// Alice commits to a proof she never reveals; Bob reveals another valid proof
		// without having committed: the sequence is proved, nobody is rewarded.
		commit(ALICE, seq, &valid_proof(seq, 1));
		run_to(T + 11);
		let proof = valid_proof(seq, 2);
		assert_ok!(reveal(BOB, seq, &proof));
		let issuance = Balances::total_issuance();
		let mark = events().len();
		run_to(T + 21);

		let burned = 20_000 * UNIT; // IncorrectHash: 10% of 200K
		assert_eq!(Balances::total_issuance(), issuance - burned);
		assert_eq!(
			events_since(mark),
			vec![
				Event::CommitterSlashed {
					sequence: seq,
					round: 0,
					who: ALICE,
					reason: zkmine_primitives::SlashReason::IncorrectHash,
					amount: burned,
				},
				Event::SequenceFinalized {
					sequence: seq,
					rollup: 0,
					round: 0,
					proof_hash: proof_hash(&proof),
					validated: 0,
					rewarded: 0,
					fee_paid: 0,
				},
			]
		);
		assert_eq!(Rollups::<Test>::get(0).unwrap().latest_proved, Some(seq));
	});
}

#[test]
fn reward_share_is_floor_of_exact_ratio() {
	// The worked example in base units.
	assert_eq!(reward_share(2 * UNIT, 200_000 * UNIT, 1_000_000 * UNIT), 400_000_000_000);
	assert_eq!(reward_share(2 * UNIT, 500_000 * UNIT, 1_000_000 * UNIT), UNIT);
	assert_eq!(reward_share(2 * UNIT, 300_000 * UNIT, 1_000_000 * UNIT), 600_000_000_000);
	// Rounds down.
	assert_eq!(reward_share(10, 1, 3), 3);
	assert_eq!(reward_share(2, 2, 3), 1);
	// No overflow where reward * stake exceeds 128 bits.
	assert_eq!(reward_share(u128::MAX, u128::MAX / 2, u128::MAX), u128::MAX / 2);
	assert_eq!(reward_share(u128::MAX - 1, 3, 4), 3 * (1u128 << 126) - 2);
	// Degenerate total stake.
	assert_eq!(reward_share(2 * UNIT, 0, 0), 0);
}

#[test]
fn latest_proved_keeps_the_highest_sequence() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let (first, second) = (submit(rollup), submit(rollup));
		// The second sequence is proved first.
		run_to(T);
		let p2 = valid_proof(second, 0);
		commit(ALICE, second, &p2);
		run_to(T + 11);
		assert_ok!(reveal(ALICE, second, &p2));
		let p1 = valid_proof(first, 0);
		commit(BOB, first, &p1);
		run_to(T + 21);
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().latest_proved, Some(second));

		run_to(T + 22);
		assert_ok!(reveal(BOB, first, &p1));
		run_to(T + 11 + 21);
		assert!(!Sequences::<Test>::contains_key(first));
		System::assert_has_event(
			Event::SequenceFinalized {
				sequence: first,
				rollup,
				round: 0,
				proof_hash: proof_hash(&p1),
				validated: 1,
				rewarded: 2 * UNIT,
				fee_paid: 0,
			}
			.into(),
		);
		assert_eq!(Rollups::<Test>::get(rollup).unwrap().latest_proved, Some(second));
		assert!(Rollups::<Test>::get(rollup).unwrap().sequences.is_empty());
	});
}
