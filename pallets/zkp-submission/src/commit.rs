//! Step one of the two-step submission: committing to a proof hash.
//!
//! The first commitment of a round sets `T`, records the round's windows (with the window
//! lengths in force then) and schedules its settlement at `T + C + R + 1` in the deadline
//! index; commitments are accepted in `T ..= T + C`.
//!
//! * Exposure: the staking backend gives the commitment its stake snapshot (the prover's free
//!   capacity) and reserves its largest slash ([`zkmine_primitives::commitment_exposure`]).
//! * Stake-ranked slots: a full round admits a commitment whose snapshot is larger than the
//!   smallest one in the round, which is displaced (not slashed, its reservation released);
//!   among equal smallest snapshots the latest is displaced, so equals keep the earlier.

use crate::{
	Commitment, CommitmentOf, Config, Deadlines, Error, Event, Pallet, Round, Rounds, Sequences,
	WeightInfo,
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
		let mut sequence = Sequences::<T>::get(sequence_id).ok_or(Error::<T>::UnknownSequence)?;
		let now = frame_system::Pallet::<T>::block_number();

		let (mut round, opening) = match sequence.windows {
			None => (Round::<T>::default(), true),
			Some(windows) => {
				ensure!(now <= windows.commit_end, Error::<T>::CommitWindowClosed);
				(Rounds::<T>::get(sequence_id).ok_or(Error::<T>::Inconsistent)?, false)
			},
		};
		ensure!(!round.commitments.iter().any(|c| c.prover == who), Error::<T>::AlreadyCommitted);
		// Every check before the registry is touched: the exposure it would give now.
		let capacity = T::Staking::capacity(&who);
		ensure!(capacity.active, Error::<T>::NotActiveProver);
		let preview = capacity.next.ok_or(Error::<T>::InsufficientCapacity)?;
		let existing: u32 = round.commitments.len().saturated_into();
		let displaced = if round.commitments.is_full() {
			let smallest =
				Self::smallest_commitment(&round.commitments).ok_or(Error::<T>::Inconsistent)?;
			ensure!(preview.stake > smallest.stake, Error::<T>::TooManyCommitments);
			Some(smallest)
		} else {
			None
		};

		let exposure = T::Staking::open_commitment(&who).map_err(Error::<T>::from_refusal)?;
		if let Some(smallest) = &displaced {
			round.commitments.retain(|c| c.prover != smallest.prover);
			T::Staking::close_commitment(&smallest.prover, smallest.reserved);
		}
		round
			.commitments
			.try_push(Commitment {
				prover: who.clone(),
				commitment,
				stake: exposure.stake,
				reserved: exposure.reserved,
				validated: false,
			})
			.map_err(|_| Error::<T>::Inconsistent)?;

		if opening {
			let windows = Self::new_windows(now);
			Deadlines::<T>::try_mutate(windows.settle_at, |due| due.try_push(sequence_id))
				.map_err(|_| Error::<T>::Inconsistent)?;
			sequence.windows = Some(windows);
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

		let actual = if opening {
			T::WeightInfo::commit_opening()
		} else if displaced.is_some() {
			T::WeightInfo::commit_displacing()
		} else {
			T::WeightInfo::commit_proof_hash(existing)
		};
		if let Some(d) = displaced {
			Self::deposit_event(Event::CommitmentDisplaced {
				sequence: sequence_id,
				round: sequence.round,
				displaced: d.prover,
				displaced_stake: d.stake,
				by: who.clone(),
				stake: exposure.stake,
			});
		}
		Self::deposit_event(Event::ProofHashCommitted {
			sequence: sequence_id,
			round: sequence.round,
			prover: who,
			commitment,
			stake: exposure.stake,
			reserved: exposure.reserved,
		});
		Ok(Some(actual).into())
	}

	/// The commitment a better-staked newcomer displaces from a full round: the smallest
	/// stake snapshot, and among equal ones the latest (so equals keep the earlier).
	pub(crate) fn smallest_commitment(commitments: &[CommitmentOf<T>]) -> Option<CommitmentOf<T>> {
		// An equal stake replaces the candidate: the latest of equal minima is chosen.
		commitments
			.iter()
			.fold(None::<&CommitmentOf<T>>, |s, c| match s {
				Some(s) if s.stake < c.stake => Some(s),
				_ => Some(c),
			})
			.cloned()
	}

	/// The weight charged up front for `commit_proof_hash`: the largest of opening a round,
	/// joining an almost full one and displacing from a full one.
	pub(crate) fn commit_weight_bound() -> Weight {
		T::WeightInfo::commit_opening()
			.max(T::WeightInfo::commit_proof_hash(
				T::MaxCommitmentsPerSequence::get().saturating_sub(1),
			))
			.max(T::WeightInfo::commit_displacing())
	}
}
