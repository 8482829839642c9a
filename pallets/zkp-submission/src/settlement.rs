//! Settlement of rounds at `T + C + R + 1`, driven by `on_initialize`.
//!
//! Work per block is bounded by `MaxSettlementWeight`: the carry-over queue is consumed
//! first (oldest first), then the sequences due in this block; whatever does not fit is put
//! at the end of the carry-over queue, never dropped. At least one round is settled per
//! block whatever the budget, so the queue always drains.
//!
//! * Proved round: the reward (a slotted rollup's, at settlement) and the fee are paid to
//!   the validated committers pro rata by stake snapshot (rounded down; [`crate::fees`]);
//!   the other committers are slashed `IncorrectHash`; the sequence is removed, its
//!   rollup's latest proved updated, and its proof kept for `ProofRetention` blocks.
//! * Failed round: every committer is slashed `NoValidProof`; the sequence reopens (the
//!   next round, no `T`, fee kept), or is dropped if its rollup is retiring, or is
//!   abandoned after `MaxFailedRounds` failed rounds in a row (fee released).
//!
//! Every settled or removed commitment releases its reservation in the registry.

use crate::{
	CommitmentOf, Config, Deadlines, Event, MaxLiveSequences, Pallet, ProvedBy, RollupStatus,
	Rollups, Round, Rounds, Sequence, Sequences, SettlementQueue, WeightInfo, LOG_TARGET,
};
use frame_support::{
	pallet_prelude::*,
	weights::{Weight, WeightMeter},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, SaturatedConversion, Saturating};
use zkmine_primitives::{ProverStaking, SequenceId, SlashReason};

#[cfg(test)]
pub use zkmine_primitives::reward_share;

impl<T: Config> Pallet<T> {
	/// Settle the rounds carried over and those due at `now` within `budget`; returns the
	/// weight used.
	///
	/// Each round is charged what it does ([`Pallet::settle_cost`]: rewards and slashes by
	/// kind), measured against the budget with a [`WeightMeter`]. The first round of a block
	/// settles even if it does not fit (so the queue always drains; `integrity_test` makes
	/// sure one full round fits a budget anyway).
	pub(crate) fn settle_due(now: BlockNumberFor<T>, budget: Weight) -> Weight {
		let carried = SettlementQueue::<T>::take();
		let due = Deadlines::<T>::take(now);
		if carried.is_empty() && due.is_empty() {
			return T::WeightInfo::settle_idle();
		}

		let mut meter = WeightMeter::with_limit(budget);
		// What was used beyond the budget: the fixed part or the first round when the
		// budget is too small for them (benchmarks, misconfiguration).
		let mut beyond = Weight::zero();
		let mut charge = |meter: &mut WeightMeter, w: Weight| {
			if meter.try_consume(w).is_err() {
				beyond.saturating_accrue(w);
			}
		};
		charge(&mut meter, T::WeightInfo::settle_base());
		let mut waiting = BoundedVec::<SequenceId, MaxLiveSequences<T>>::new();
		let mut settled: u32 = 0;
		// The cheapest round there is: once even that does not fit, the rest waits unread.
		let cheapest = T::WeightInfo::settle_failed(0, 0).min(T::WeightInfo::settle_proved(0, 0));
		for id in carried.into_iter().chain(due) {
			if waiting.is_empty() && (settled == 0 || meter.can_consume(cheapest)) {
				let Some(sequence) = Sequences::<T>::get(id) else {
					frame_support::defensive!("a scheduled sequence does not exist");
					charge(&mut meter, T::DbWeight::get().reads(1));
					continue;
				};
				let round = Rounds::<T>::get(id).unwrap_or_default();
				let cost = Self::settle_cost(&sequence, &round);
				if settled == 0 || meter.can_consume(cost) {
					charge(&mut meter, cost);
					Self::settle_round(id, sequence, round);
					settled.saturating_inc();
					continue;
				}
				// Read to price it and left for the next block: `settle_base` covers reading
				// one round that is not settled.
			}
			if waiting.try_push(id).is_err() {
				// Unreachable: every unfinished sequence is queued at most once and there
				// are at most `MaxLiveSequences` of them. Keep it for the next block anyway.
				frame_support::defensive!("settlement carry-over queue full");
				let next = now.saturating_add(One::one());
				if Deadlines::<T>::try_mutate(next, |d| d.try_push(id)).is_err() {
					log::error!(target: LOG_TARGET, "sequence {id} could not be rescheduled");
				}
			}
		}
		if !waiting.is_empty() {
			let pending: u32 = waiting.len().saturated_into();
			log::debug!(target: LOG_TARGET, "{settled} rounds settled, {pending} carried over");
			Self::deposit_event(Event::SettlementDeferred { pending });
			SettlementQueue::<T>::put(waiting);
		}
		meter.consumed().saturating_add(beyond)
	}

	/// The weight of settling `round` of `sequence`, by what settlement will do: a proved
	/// round pays `v` validated commitments and slashes the other `u`
	/// (`settle_proved(v)` plus the slash part of `settle_failed(u)`); a failed round slashes
	/// all of them (`settle_failed(c)`, measured with the sequence abandoned, the heavier end).
	pub(crate) fn settle_cost(sequence: &Sequence<T>, round: &Round<T>) -> Weight {
		let all: u32 = round.commitments.len().saturated_into();
		let payers: u32 = sequence.fee.len().saturated_into();
		if sequence.proved.is_some() {
			let validated: u32 =
				round.commitments.iter().filter(|c| c.validated).count().saturated_into();
			let slashed = all.saturating_sub(validated);
			let slashes = T::WeightInfo::settle_failed(slashed, 0)
				.saturating_sub(T::WeightInfo::settle_failed(0, 0));
			T::WeightInfo::settle_proved(validated, payers).saturating_add(slashes)
		} else {
			T::WeightInfo::settle_failed(all, payers)
		}
	}

	/// An upper bound of the weight of settling one round with `commitments` commitments,
	/// whatever its outcome (configuration checks): a failed round, or a proved one with any
	/// split of validated and slashed commitments (linear in the split, so the worst is at
	/// one end: all validated, or none).
	/// Each with the most fee payers.
	pub(crate) fn settle_weight(commitments: u32) -> Weight {
		let p = T::MaxFeePayers::get();
		let slashes = T::WeightInfo::settle_failed(commitments, 0)
			.saturating_sub(T::WeightInfo::settle_failed(0, 0));
		T::WeightInfo::settle_proved(commitments, p)
			.max(T::WeightInfo::settle_proved(0, p).saturating_add(slashes))
			.max(T::WeightInfo::settle_failed(commitments, p))
	}

	/// Settle the round of sequence `id` (benchmarks); returns its cost.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn settle_sequence(id: SequenceId) -> Weight {
		let Some(sequence) = Sequences::<T>::get(id) else {
			frame_support::defensive!("a scheduled sequence does not exist");
			return T::DbWeight::get().reads(1);
		};
		let round = Rounds::<T>::get(id).unwrap_or_default();
		let cost = Self::settle_cost(&sequence, &round);
		Self::settle_round(id, sequence, round);
		cost
	}

	/// Settle `round` of sequence `id` by its outcome.
	fn settle_round(id: SequenceId, sequence: Sequence<T>, round: Round<T>) {
		Rounds::<T>::remove(id);
		match sequence.proved.clone() {
			Some(proved) => Self::settle_proved(id, sequence, round, proved),
			None => Self::settle_failed(id, sequence, round),
		}
	}

	/// A proved round: pay the validated, slash the others, finish the sequence.
	fn settle_proved(
		id: SequenceId,
		sequence: Sequence<T>,
		round: Round<T>,
		proved: ProvedBy<T::AccountId, BlockNumberFor<T>>,
	) {
		let slotted = Rollups::<T>::get(sequence.rollup).is_some_and(|r| r.slotted);
		let reward = if slotted { T::RewardPerSequence::get() } else { Zero::zero() };
		let payout = Self::pay_out(id, &sequence, &round, reward);
		let mut validated: u32 = 0;
		for entry in round.commitments.iter() {
			if entry.validated {
				validated.saturating_inc();
			} else {
				Self::slash_committer(id, &sequence, entry, SlashReason::IncorrectHash);
			}
			T::Staking::close_commitment(&entry.prover, entry.reserved);
		}
		Self::keep_proof(id);
		Self::deposit_event(Event::SequenceFinalized {
			sequence: id,
			rollup: sequence.rollup,
			round: sequence.round,
			proof_hash: proved.proof_hash,
			validated,
			rewarded: payout.rewarded,
			fee_paid: payout.fee_paid,
		});
		Self::remove_sequence(id, &sequence, true);
	}

	/// A round without a valid proof: slash every committer, then reopen the sequence, or
	/// drop it (retiring rollup), or abandon it (`MaxFailedRounds` failed in a row).
	fn settle_failed(id: SequenceId, mut sequence: Sequence<T>, round: Round<T>) {
		for entry in round.commitments.iter() {
			Self::slash_committer(id, &sequence, entry, SlashReason::NoValidProof);
			T::Staking::close_commitment(&entry.prover, entry.reserved);
		}
		Self::deposit_event(Event::RoundFailed {
			sequence: id,
			round: sequence.round,
			committers: round.commitments.len().saturated_into(),
		});

		let retiring =
			Rollups::<T>::get(sequence.rollup).is_none_or(|r| r.status == RollupStatus::Retiring);
		if retiring {
			Self::refund_fee(id, &sequence);
			Self::deposit_event(Event::SequenceDropped {
				sequence: id,
				rollup: sequence.rollup,
				round: sequence.round,
			});
			Self::remove_sequence(id, &sequence, false);
			return;
		}
		let failed_rounds = sequence.round.saturating_add(1);
		if failed_rounds >= T::MaxFailedRounds::get() {
			Self::refund_fee(id, &sequence);
			Self::deposit_event(Event::SequenceAbandoned {
				sequence: id,
				rollup: sequence.rollup,
				failed_rounds,
			});
			Self::remove_sequence(id, &sequence, false);
		} else {
			sequence.round = failed_rounds;
			sequence.windows = None;
			sequence.proved = None;
			let new_round = sequence.round;
			Sequences::<T>::insert(id, sequence);
			Self::deposit_event(Event::SequenceReopened { sequence: id, new_round });
		}
	}

	/// Slash one committer for `reason` on its stake snapshot; the backend burns it.
	fn slash_committer(
		id: SequenceId,
		sequence: &Sequence<T>,
		entry: &CommitmentOf<T>,
		reason: SlashReason,
	) {
		let amount = T::Staking::slash(&entry.prover, entry.stake, reason);
		Self::deposit_event(Event::CommitterSlashed {
			sequence: id,
			round: sequence.round,
			who: entry.prover.clone(),
			reason,
			amount,
		});
	}
}
