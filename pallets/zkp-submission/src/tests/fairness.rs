//! Fair under attack (PROTOCOL.md, Protocol v2): stake-ranked slots against a crowd of
//! minimum-stake accounts, exposure bounded by stake, no slash cascade, and no slash for the
//! verifier's own refusals. Each test fails on the first milestone's rules.

use crate::{mock::*, settlement::reward_share, Error, Event, Rounds, Sequences};
use frame_support::{assert_noop, assert_ok, traits::Get};
use zkmine_primitives::{proof_hash, VerifierError};

const T: u64 = 3;
/// The attacker's accounts, each at the minimum stake.
const SYBIL: u64 = 1000;

fn sybils(builder: ExtBuilder, n: u64) -> ExtBuilder {
	(SYBIL..SYBIL + n).fold(builder, |b, who| b.prover(who, MIN_STAKE))
}

#[test]
fn a_crowd_of_minimum_stakes_cannot_lock_out_a_larger_prover() {
	let max = u64::from(<<Test as crate::Config>::MaxCommitmentsPerSequence as Get<u32>>::get());
	sybils(ExtBuilder::default(), max + 1).build_and_execute(|| {
		let rollup = register(2);
		let (seq, other) = (submit(rollup), submit(rollup));
		let (p_sybil, p_bob) = (valid_proof(seq, 0), valid_proof(seq, 1));
		run_to(T);
		// The attacker fills every slot in block T.
		for who in SYBIL..SYBIL + max {
			commit(who, seq, &p_sybil);
		}
		// ... and the same stake cannot be spent on a second sequence at once.
		assert_noop!(
			try_commit(SYBIL, other, &valid_proof(other, 0)),
			Error::<Test>::InsufficientCapacity
		);

		// Bob (500K) still gets in: the latest of the equal smallest snapshots leaves.
		let last = SYBIL + max - 1;
		commit(BOB, seq, &p_bob);
		let n = events().len();
		assert_eq!(
			events()[n - 2..],
			[
				Event::CommitmentDisplaced {
					sequence: seq,
					round: 0,
					displaced: last,
					displaced_stake: MIN_STAKE,
					by: BOB,
					stake: 500_000 * UNIT,
				},
				Event::ProofHashCommitted {
					sequence: seq,
					round: 0,
					prover: BOB,
					commitment: commitment_for(&p_bob, BOB),
					stake: 500_000 * UNIT,
					reserved: 100_000 * UNIT,
				},
			]
		);
		// Displaced, not slashed: its reservation is released and it can work elsewhere.
		assert_eq!(MockStaking::pending(last), 0);
		assert_eq!(MockStaking::stake(last).reserved, 0);
		assert!(MockStaking::slashes().is_empty());
		let round = Rounds::<Test>::get(seq).unwrap();
		assert_eq!(round.commitments.len() as u64, max);
		assert!(!round.commitments.iter().any(|c| c.prover == last));

		// Equal snapshots keep the earlier commitments: neither the displaced account nor a
		// fresh one at the minimum gets back in.
		for who in [last, SYBIL + max] {
			assert_noop!(try_commit(who, seq, &p_sybil), Error::<Test>::TooManyCommitments);
		}

		// Everybody proves; rewards follow the validated stake exactly.
		run_to(T + 11);
		assert_ok!(reveal(SYBIL, seq, &p_sybil));
		assert_ok!(reveal(BOB, seq, &p_bob));
		let free_before: Vec<Balance> = (SYBIL..SYBIL + max).map(free).collect();
		let bob_before = free(BOB);
		run_to(T + 21);
		let total = 500_000 * UNIT + (max as Balance - 1) * MIN_STAKE;
		let bob_share = reward_share(2 * UNIT, 500_000 * UNIT, total);
		let sybil_share = reward_share(2 * UNIT, MIN_STAKE, total);
		assert_eq!(free(BOB) - bob_before, bob_share);
		assert_eq!(bob_share, 1_883_239_171_374);
		for (i, who) in (SYBIL..SYBIL + max - 1).enumerate() {
			assert_eq!(free(who) - free_before[i], sybil_share);
		}
		assert_eq!(free(last), free_before[(max - 1) as usize]);
		// The attacker's 31 accounts earn what their 31K of stake is worth, no more.
		assert_eq!(sybil_share * (max as Balance - 1), 116_760_828_602);
		System::assert_has_event(
			Event::SequenceFinalized {
				sequence: seq,
				rollup,
				round: 0,
				// The first valid proof revealed proved the sequence.
				proof_hash: proof_hash(&p_sybil),
				validated: max as u32,
				rewarded: bob_share + sybil_share * (max as Balance - 1),
				fee_paid: 0,
			}
			.into(),
		);
	});
}

#[test]
fn a_prover_over_its_capacity_is_refused() {
	const SMALL: u64 = 2000;
	ExtBuilder::default().prover(SMALL, 5_000 * UNIT).build_and_execute(|| {
		let rollup = register(2);
		let ids: Vec<u64> = (0..9).map(|_| submit(rollup)).collect();
		run_to(T);
		// Each snapshot is the free capacity; each reserves 20% (the worst level) of it.
		let snapshots = [
			5_000_000, 4_000_000, 3_200_000, 2_560_000, 2_048_000, 1_638_400, 1_310_720, 1_048_576,
		];
		for (id, milli) in ids.iter().zip(snapshots) {
			let stake = milli * UNIT / 1_000;
			commit(SMALL, *id, &valid_proof(*id, 0));
			System::assert_last_event(
				Event::ProofHashCommitted {
					sequence: *id,
					round: 0,
					prover: SMALL,
					commitment: commitment_for(&valid_proof(*id, 0), SMALL),
					stake,
					reserved: stake / 5,
				}
				.into(),
			);
		}
		// 838.86 units left free, below the 1 000 minimum.
		assert_eq!(MockStaking::stake(SMALL).reserved, 5_000 * UNIT - 838_860_800_000_000);
		assert_noop!(
			try_commit(SMALL, ids[8], &valid_proof(ids[8], 0)),
			Error::<Test>::InsufficientCapacity
		);
		assert_eq!(ZkpSubmission::prover_capacity(&SMALL).next, None);
		assert_eq!(ZkpSubmission::prover_capacity(&SMALL).free, 838_860_800_000_000);

		// The slashes of all open commitments stay within what it holds.
		run_to(T + 21);
		assert_eq!(MockStaking::slashes().len(), 8);
		assert!(MockStaking::burned() <= 5_000 * UNIT - 838_860_800_000_000);
		// Settled: every reservation is released and it can commit again.
		assert_eq!(MockStaking::stake(SMALL).reserved, 0);
		assert_eq!(MockStaking::pending(SMALL), 0);
		commit(SMALL, ids[8], &valid_proof(ids[8], 0));
	});
}

#[test]
fn a_prover_slashed_below_the_minimum_reveals_its_other_commitment() {
	const X: u64 = 3000;
	ExtBuilder::default().prover(X, 2_500 * UNIT).build_and_execute(|| {
		let rollup = register(2);
		let (a, b) = (submit(rollup), submit(rollup));
		run_to(T);
		let bad = invalid_proof(1);
		let good = valid_proof(b, 0);
		commit(X, a, &bad);
		commit(X, b, &good);
		// It unbonds what is not reserved: 1 000 bonded (the minimum), 900 reserved.
		MockStaking::unbond(X, 1_500 * UNIT);
		assert_eq!(MockStaking::stake(X).reserved, 900 * UNIT);

		run_to(T + 11);
		// The incorrect proof costs 20% of its 2 500 snapshot: below the minimum now.
		assert_ok!(reveal(X, a, &bad));
		assert_eq!(MockStaking::stake(X).bonded, 500 * UNIT);
		assert!(!ZkpSubmission::prover_capacity(&X).active);
		// Still allowed to reveal for its own commitment of another round.
		assert_ok!(reveal(X, b, &good));
		System::assert_last_event(
			Event::CommitmentValidated {
				sequence: b,
				round: 0,
				prover: X,
				proof_hash: proof_hash(&good),
			}
			.into(),
		);
		// But not to make new commitments.
		let c = submit(rollup);
		assert_noop!(try_commit(X, c, &valid_proof(c, 0)), Error::<Test>::NotActiveProver);

		let before = free(X);
		run_to(T + 21);
		assert_eq!(free(X) - before, 2 * UNIT);
		System::assert_has_event(
			Event::RewardPaid { sequence: b, round: 0, who: X, amount: 2 * UNIT, from_fee: 0 }
				.into(),
		);
		// One slash only: no cascade.
		assert_eq!(MockStaking::slashes().len(), 1);
	});
}

#[test]
fn verifier_refusals_other_than_a_malformed_proof_slash_nobody() {
	ExtBuilder::default().build_and_execute(|| {
		let seq = submit(register(2));
		let proof = valid_proof(seq, 0);
		run_to(T);
		commit(ALICE, seq, &proof);
		run_to(T + 11);
		let refusals: [(VerifierError, fn() -> Error<Test>); 4] = [
			(VerifierError::MalformedVerifyingKey, || Error::<Test>::MalformedVerifyingKey),
			(VerifierError::TooManyPublicInputs, || Error::<Test>::TooManyPublicInputs),
			(VerifierError::NonCanonicalPublicInput, || Error::<Test>::NonCanonicalPublicInput),
			(VerifierError::PublicInputCountMismatch, || Error::<Test>::PublicInputCountMismatch),
		];
		for (refusal, error) in refusals {
			MockVerifier::refuse_with(Some(refusal));
			// Both for the committer's own proof and for an invalid one it committed to.
			assert_noop!(reveal(ALICE, seq, &proof), error());
			assert_noop!(reveal(ALICE, seq, &invalid_proof(0)), error());
		}
		assert!(MockStaking::slashes().is_empty());
		assert_eq!(Sequences::<Test>::get(seq).unwrap().proved, None);

		MockVerifier::refuse_with(None);
		assert_ok!(reveal(ALICE, seq, &proof));
		run_to(T + 21);
		System::assert_has_event(
			Event::RewardPaid {
				sequence: seq,
				round: 0,
				who: ALICE,
				amount: 2 * UNIT,
				from_fee: 0,
			}
			.into(),
		);
		assert!(MockStaking::slashes().is_empty());
	});
}
