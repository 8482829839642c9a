//! Step one of the two-step submission: committing to a proof hash.
//!
//! The first commitment of a round sets `T` and schedules the round's settlement at
//! `T + C + R + 1` in the deadline index; commitments are accepted in `T ..= T + C`.

use crate::{
	Commitment, Config, Deadlines, Error, Event, Pallet, Round, Rounds, Sequences, WeightInfo,
};
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure, traits::Get, weights::Weight};
use sp_runtime::SaturatedConversion;
use zkmine_primitives::{Hash32, ProverStaking, SequenceId};

impl<T: Config> Pallet<T> {
	/// Commit `commitment` for `who` to the current round of `sequence_id`.
	pub(crate) fn do_commit_proof_hash(
		who: T::AccountId,
		sequence_id: SequenceId,
		commitment: Hash32,
	) -> DispatchResultWithPostInfo {
		ensure!(T::Staking::is_active(&who), Error::<T>::NotActiveProver);
		let mut sequence = Sequences::<T>::get(sequence_id).ok_or(Error::<T>::UnknownSequence)?;
		let now = frame_system::Pallet::<T>::block_number();

		let (mut round, opening) = match sequence.started_at {
			None => (Round::<T>::default(), true),
			Some(t) => {
				ensure!(now <= Self::windows(t).commit_end, Error::<T>::CommitWindowClosed);
				(Rounds::<T>::get(sequence_id).ok_or(Error::<T>::Inconsistent)?, false)
			},
		};
		ensure!(!round.commitments.iter().any(|c| c.prover == who), Error::<T>::AlreadyCommitted);
		let existing: u32 = round.commitments.len().saturated_into();
		let stake = T::Staking::active_stake(&who);
		round
			.commitments
			.try_push(Commitment { prover: who.clone(), commitment, stake, validated: false })
			.map_err(|_| Error::<T>::TooManyCommitments)?;

		if opening {
			let windows = Self::windows(now);
			Deadlines::<T>::try_mutate(windows.settle_at, |due| due.try_push(sequence_id))
				.map_err(|_| Error::<T>::Inconsistent)?;
			sequence.started_at = Some(now);
			Sequences::<T>::insert(sequence_id, &sequence);
			Self::deposit_event(Event::RoundStarted {
				sequence: sequence_id,
				round: sequence.round,
				started_at: now,
				commit_end: windows.commit_end,
				reveal_end: windows.reveal_end,
				settle_at: windows.settle_at,
			});
		}
		Rounds::<T>::insert(sequence_id, round);
		T::Staking::commitment_opened(&who);

		Self::deposit_event(Event::ProofHashCommitted {
			sequence: sequence_id,
			round: sequence.round,
			prover: who,
			commitment,
			stake,
		});
		let actual = if opening {
			T::WeightInfo::commit_opening()
		} else {
			T::WeightInfo::commit_proof_hash(existing)
		};
		Ok(Some(actual).into())
	}

	/// The weight charged up front for `commit_proof_hash`: the larger of opening a round
	/// and joining a full one.
	pub(crate) fn commit_weight_bound() -> Weight {
		T::WeightInfo::commit_opening().max(T::WeightInfo::commit_proof_hash(
			T::MaxCommitmentsPerSequence::get().saturating_sub(1),
		))
	}
}
