//! The miner's rules, as pure functions of what it read from the chain: when to start a
//! proof ([`may_start`]), whether committing pays ([`estimate`], [`pays`]) and what to send
//! at a block ([`decide`]). No I/O here: each rule is table-tested below.

use std::time::Duration;
use zkmine_primitives::reward_share;

/// The phase of a sequence's round (the runtime API's `Phase`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundPhase {
	/// No commitment yet in this round.
	Open,
	/// `T ..= T + C`.
	Commit,
	/// `T + C + 1 ..= T + C + R`.
	Reveal,
	/// From `T + C + R + 1`, until settled.
	Settling,
}

/// The window blocks of a started round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowEnds {
	/// `T + C`: the last block of the commit window.
	pub commit_end: u64,
	/// `T + C + 1`: the first block of the reveal window.
	pub reveal_start: u64,
	/// `T + C + R`: the last block of the reveal window.
	pub reveal_end: u64,
}

/// What to do for a sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
	/// Nothing now.
	Wait,
	/// Submit the commitment.
	Commit,
	/// Submit the proof.
	Reveal,
	/// The window for this step (`"commit"` or `"reveal"`) is over or closes before a
	/// transaction could land.
	TooLate(&'static str),
	/// A commitment would be worth sending, but the chain would refuse it: the prover's free
	/// capacity (bonded stake not reserved by its open commitments) is below the minimum.
	/// Nothing is sent; capacity returns when one of its rounds settles.
	NoCapacity,
}

/// The miner's rule, at the followed block `followed` with the chain's best block `best`
/// (`best >= followed`), for a round in `phase` with `windows`, given whether this miner's
/// commitment and reveal of the round are already on chain.
///
/// A transaction lands after the best block. A commitment is sent while the best block is
/// before `T + C`. A proof is sent only once the **followed** block is at or after
/// `T + C + 1` (so it lands at `T + C + 2` or later: never before the reveal window, and
/// with `--follow finalized` never before the window's opening block is final), and while
/// the best block is before `T + C + R`.
pub fn decide(
	phase: RoundPhase,
	windows: Option<WindowEnds>,
	committed: bool,
	revealed: bool,
	can_commit: bool,
	followed: u64,
	best: u64,
) -> Decision {
	let commit = if can_commit { Decision::Commit } else { Decision::NoCapacity };
	match (phase, windows) {
		(RoundPhase::Open, _) if !committed => commit,
		(RoundPhase::Commit, Some(w)) if !committed => {
			if best >= w.commit_end {
				Decision::TooLate("commit")
			} else {
				commit
			}
		},
		(RoundPhase::Reveal, Some(w)) if committed && !revealed => {
			if followed < w.reveal_start {
				Decision::Wait
			} else if best >= w.reveal_end {
				Decision::TooLate("reveal")
			} else {
				Decision::Reveal
			}
		},
		_ => Decision::Wait,
	}
}

/// Whether to start (or keep) proving a sequence whose round is in `phase`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
	/// Prove; `deadline` is the time the proof has before the commit window closes (`None`
	/// while the round has not started: its window opens with the first commitment).
	Go {
		/// Time left for proving.
		deadline: Option<Duration>,
	},
	/// The round's commit window is over, or closes before a commitment sent now could land.
	TooLate,
	/// The proof is expected to take longer than the time left.
	WontFit {
		/// How long proofs of this rollup took last time.
		expected: Duration,
		/// The time left.
		left: Duration,
	},
}

/// The proving rule: a proof is only worth making if its commitment can still land in the
/// commit window. With the best block `best`, a commitment can be sent until the best block
/// is `T + C - 1` ([`decide`]), so the proof has `T + C - 1 - best` more blocks of
/// `block_time`. `expected` is how long the rollup's last proof took (`None`: unknown, start).
pub fn may_start(
	phase: RoundPhase,
	windows: Option<WindowEnds>,
	best: u64,
	block_time: Duration,
	expected: Option<Duration>,
) -> Start {
	let left = match (phase, windows) {
		(RoundPhase::Open, _) => return Start::Go { deadline: None },
		// Not a whole block left: a proof started now cannot be committed in time.
		(RoundPhase::Commit, Some(w)) if best.saturating_add(1) < w.commit_end => {
			let blocks = w.commit_end.saturating_sub(1).saturating_sub(best);
			block_time.saturating_mul(u32::try_from(blocks).unwrap_or(u32::MAX))
		},
		_ => return Start::TooLate,
	};
	match expected {
		Some(expected) if expected > left => Start::WontFit { expected, left },
		_ => Start::Go { deadline: Some(left) },
	}
}

/// Whether the followed block is close enough to the best one for a commitment made now to
/// be revealed: a reveal needs the followed block at `T + C + 1` or later while the best
/// block is before `T + C + R` ([`decide`]), so a lag of `R - 1` blocks or more (a
/// finality stall under `--follow finalized`) makes every reveal impossible. Commitments
/// are made only while the lag is under half the reveal window.
pub fn lag_allows_commit(followed: u64, best: u64, reveal_window: u32) -> bool {
	best.saturating_sub(followed).saturating_mul(2) < u64::from(reveal_window)
}

/// What committing to a sequence now puts in and gets out, in planck, as read from the chain.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Economics {
	/// The minted reward a proved sequence of this rollup pays (`RewardPerSequence` if the
	/// rollup has a reward slot, else 0).
	pub reward: u128,
	/// The fee held for the sequence (runtime API `sequence_fee`).
	pub fee: u128,
	/// The stake snapshot a commitment made now would get (the exposure rule, runtime API
	/// `prover_capacity`): the prover's free capacity.
	pub own_stake: u128,
	/// The stake snapshots of the round's other commitments (runtime API `commitments`).
	pub others: Vec<u128>,
	/// `MaxCommitmentsPerSequence`: a full round takes a new commitment only in place of its
	/// smallest snapshot, if the new one is larger.
	pub max_commitments: u32,
	/// The fee of the commitment transaction (`query_info`).
	pub commit_cost: u128,
	/// The fee of the reveal transaction (`query_info`).
	pub reveal_cost: u128,
}

/// The expected payout and cost of committing, in planck.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Estimate {
	/// The share of `reward + fee` this prover gets if the round is proved with the
	/// commitments made so far (`reward_share`, the chain's formula): later commitments can
	/// only lower it.
	pub payout: u128,
	/// The commit and reveal fees.
	pub cost: u128,
	/// `false` if the chain would not take the commitment: the round is full and this
	/// prover's snapshot is not larger than its smallest.
	pub admitted: bool,
}

impl Estimate {
	/// `payout - cost` (negative when it does not pay).
	pub fn profit(&self) -> i128 {
		i128::try_from(self.payout)
			.unwrap_or(i128::MAX)
			.saturating_sub(i128::try_from(self.cost).unwrap_or(i128::MAX))
	}
}

/// The expected payout and cost of committing with `economics` (Protocol v2: commitment
/// slots ranked by stake; rewards `floor((R + F) * s_i / S)`).
pub fn estimate(economics: &Economics) -> Estimate {
	let cost = economics.commit_cost.saturating_add(economics.reveal_cost);
	let mut total: u128 = economics.others.iter().fold(0u128, |sum, s| sum.saturating_add(*s));
	let full = economics.others.len() >= economics.max_commitments as usize;
	if full {
		match economics.others.iter().min() {
			Some(smallest) if economics.own_stake > *smallest => {
				total = total.saturating_sub(*smallest);
			},
			_ => return Estimate { payout: 0, cost, admitted: false },
		}
	}
	let pot = economics.reward.saturating_add(economics.fee);
	let payout = reward_share(pot, economics.own_stake, total.saturating_add(economics.own_stake));
	Estimate { payout, cost, admitted: true }
}

/// Whether an estimate pays at least `min_profit` over its cost.
pub fn pays(estimate: &Estimate, min_profit: u128) -> bool {
	estimate.admitted && estimate.payout.checked_sub(estimate.cost).is_some_and(|p| p >= min_profit)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A round started at T = 100 with C = R = 10.
	const W: WindowEnds = WindowEnds { commit_end: 110, reveal_start: 111, reveal_end: 120 };

	fn at(
		phase: RoundPhase,
		committed: bool,
		revealed: bool,
		followed: u64,
		best: u64,
	) -> Decision {
		decide(phase, Some(W), committed, revealed, true, followed, best)
	}

	#[test]
	fn commits_while_a_commitment_can_still_land_in_the_window() {
		assert_eq!(decide(RoundPhase::Open, None, false, false, true, 50, 53), Decision::Commit);
		assert_eq!(at(RoundPhase::Commit, false, false, 105, 109), Decision::Commit);
		// From the best block T + C on, a commitment would land at T + C + 1 or later.
		assert_eq!(at(RoundPhase::Commit, false, false, 105, 110), Decision::TooLate("commit"));
		// Once is enough.
		assert_eq!(at(RoundPhase::Commit, true, false, 105, 109), Decision::Wait);
		assert_eq!(decide(RoundPhase::Open, None, true, false, true, 50, 53), Decision::Wait);
	}

	#[test]
	fn does_not_commit_without_free_capacity() {
		assert_eq!(
			decide(RoundPhase::Open, None, false, false, false, 50, 53),
			Decision::NoCapacity
		);
		assert_eq!(
			decide(RoundPhase::Commit, Some(W), false, false, false, 105, 109),
			Decision::NoCapacity
		);
		// Too late is too late, capacity or not.
		assert_eq!(
			decide(RoundPhase::Commit, Some(W), false, false, false, 105, 110),
			Decision::TooLate("commit")
		);
		// A commitment already made is revealed whatever the capacity.
		assert_eq!(
			decide(RoundPhase::Reveal, Some(W), true, false, false, 111, 111),
			Decision::Reveal
		);
	}

	#[test]
	fn never_reveals_before_the_reveal_window() {
		// The followed block is T + C: no reveal, even if the best block is past it.
		assert_eq!(at(RoundPhase::Reveal, true, false, 110, 111), Decision::Wait);
		assert_eq!(at(RoundPhase::Commit, true, false, 110, 110), Decision::Wait);
		// The followed block is T + C + 1: the reveal lands at T + C + 2 or later.
		assert_eq!(at(RoundPhase::Reveal, true, false, 111, 111), Decision::Reveal);
		assert_eq!(at(RoundPhase::Reveal, true, false, 111, 115), Decision::Reveal);
		// The last useful best block is T + C + R - 1.
		assert_eq!(at(RoundPhase::Reveal, true, false, 116, 119), Decision::Reveal);
		assert_eq!(at(RoundPhase::Reveal, true, false, 116, 120), Decision::TooLate("reveal"));
	}

	#[test]
	fn reveals_only_its_own_commitment_once() {
		assert_eq!(at(RoundPhase::Reveal, false, false, 112, 113), Decision::Wait);
		assert_eq!(at(RoundPhase::Reveal, true, true, 112, 113), Decision::Wait);
		assert_eq!(at(RoundPhase::Settling, true, false, 121, 121), Decision::Wait);
		// A reveal phase without windows cannot happen; nothing is sent.
		assert_eq!(decide(RoundPhase::Reveal, None, true, false, true, 112, 113), Decision::Wait);
	}

	const SECOND: Duration = Duration::from_secs(1);

	#[test]
	fn a_proof_is_started_only_if_its_commitment_can_land() {
		let start =
			|phase, windows, best, expected| may_start(phase, windows, best, SECOND, expected);
		// Before the round starts there is no deadline.
		assert_eq!(
			start(RoundPhase::Open, None, 50, Some(SECOND * 99)),
			Start::Go { deadline: None }
		);
		// In the commit window: until the best block T + C - 1 = 109.
		assert_eq!(
			start(RoundPhase::Commit, Some(W), 100, None),
			Start::Go { deadline: Some(SECOND * 9) }
		);
		assert_eq!(
			start(RoundPhase::Commit, Some(W), 108, Some(SECOND)),
			Start::Go { deadline: Some(SECOND) }
		);
		assert_eq!(
			start(RoundPhase::Commit, Some(W), 108, Some(SECOND * 2)),
			Start::WontFit { expected: SECOND * 2, left: SECOND }
		);
		// At the best block 109 a commitment can still be sent, but no proof made for it.
		assert_eq!(start(RoundPhase::Commit, Some(W), 109, None), Start::TooLate);
		assert_eq!(start(RoundPhase::Commit, Some(W), 110, None), Start::TooLate);
		assert_eq!(start(RoundPhase::Reveal, Some(W), 111, None), Start::TooLate);
		assert_eq!(start(RoundPhase::Settling, Some(W), 121, None), Start::TooLate);
		assert_eq!(start(RoundPhase::Commit, None, 100, None), Start::TooLate);
	}

	#[test]
	fn no_commitment_while_the_followed_block_lags_too_far_to_reveal() {
		// (followed, best, R) -> may commit
		let table: &[(u64, u64, u32, bool)] = &[
			(100, 100, 10, true),
			(100, 102, 10, true),
			(100, 104, 10, true),
			(100, 105, 10, false),
			(100, 109, 10, false),
			(100, 130, 10, false),
			(100, 100, 1, true),
			(100, 101, 1, false),
		];
		for &(followed, best, window, expected) in table {
			assert_eq!(
				lag_allows_commit(followed, best, window),
				expected,
				"{followed} {best} {window}"
			);
		}
	}

	const UNIT: u128 = 1_000_000_000_000;

	fn economics(others: &[u128], own: u128) -> Economics {
		Economics {
			reward: 2 * UNIT,
			fee: 0,
			own_stake: own * UNIT,
			others: others.iter().map(|s| s * UNIT).collect(),
			max_commitments: 4,
			commit_cost: UNIT / 100,
			reveal_cost: UNIT / 50,
		}
	}

	#[test]
	fn the_payout_is_the_chains_share_of_reward_and_fee() {
		// Alone: the whole pot, less the two transaction fees.
		let alone = estimate(&economics(&[], 200_000));
		assert_eq!(alone, Estimate { payout: 2 * UNIT, cost: 3 * UNIT / 100, admitted: true });
		assert_eq!(alone.profit(), 197 * UNIT as i128 / 100);
		// The worked example: A (200K) after B (500K) and C (300K) gets 0.4 of 2.
		let worked = estimate(&economics(&[500_000, 300_000], 200_000));
		assert_eq!(worked.payout, 4 * UNIT / 10);
		// A fee adds to the pot: 2 + 1 at 2:5:3 is 0.6.
		let with_fee = Economics { fee: UNIT, ..economics(&[500_000, 300_000], 200_000) };
		assert_eq!(estimate(&with_fee).payout, 6 * UNIT / 10);
		// An unslotted rollup without a fee pays nothing.
		let nothing = Economics { reward: 0, ..economics(&[], 200_000) };
		assert_eq!(estimate(&nothing).payout, 0);
	}

	#[test]
	fn a_full_round_admits_only_a_larger_stake_in_place_of_the_smallest() {
		// Full (4 of 4): 300K replaces the 100K commitment, so S = 500 + 200 + 400 + 300.
		let replaces = estimate(&economics(&[500_000, 100_000, 200_000, 400_000], 300_000));
		assert!(replaces.admitted);
		assert_eq!(replaces.payout, 2 * UNIT * 300 / 1_400);
		// Equal to the smallest: the earlier commitment keeps its place.
		let refused = estimate(&economics(&[500_000, 100_000, 200_000, 400_000], 100_000));
		assert_eq!(refused, Estimate { payout: 0, cost: 3 * UNIT / 100, admitted: false });
		assert!(!pays(&refused, 0));
	}

	#[test]
	fn a_commitment_is_made_only_when_it_pays_the_minimum_profit() {
		// (payout, cost, min_profit) -> pays
		let table: &[(u128, u128, u128, bool)] = &[
			(100, 30, 0, true),
			(100, 100, 0, true),
			(99, 100, 0, false),
			(100, 30, 70, true),
			(100, 30, 71, false),
			(0, 0, 0, true),
			(0, 1, 0, false),
			(u128::MAX, u128::MAX, 1, false),
		];
		for &(payout, cost, min_profit, expected) in table {
			let e = Estimate { payout, cost, admitted: true };
			assert_eq!(pays(&e, min_profit), expected, "{payout} - {cost} >= {min_profit}");
		}
		// A fee-only sequence whose fee is below the transaction costs is declined.
		let tiny_fee = Economics { reward: 0, fee: UNIT / 100, ..economics(&[], 200_000) };
		let e = estimate(&tiny_fee);
		assert_eq!((e.payout, e.profit()), (UNIT / 100, -(2 * UNIT as i128) / 100));
		assert!(!pays(&e, 0));
	}
}
