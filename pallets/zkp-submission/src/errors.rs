//! The pallet's errors (a section of the pallet module, see `lib.rs`).

use frame_support::pallet_macros::pallet_section;

/// The errors; each is documented with what to do about it.
#[pallet_section]
mod errors {
	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No rollup with this id.
		UnknownRollup,
		/// No unfinished sequence with this id.
		UnknownSequence,
		/// Only the rollup's sequencer may submit its sequences (and only it, its owner or
		/// governance may cancel them).
		NotSequencer,
		/// `MaxRollups` rollups are registered already.
		TooManyRollups,
		/// The rollup has `MaxOpenSequencesPerRollup` unfinished sequences already.
		TooManyOpenSequences,
		/// The rollup is deregistered and waits for its live rounds to settle.
		RollupRetiring,
		/// The verifying key does not decode.
		MalformedVerifyingKey,
		/// The verifying key expects more than `MaxPublicInputs` public inputs.
		TooManyPublicInputs,
		/// The number of public inputs differs from what the verifying key expects.
		PublicInputCountMismatch,
		/// A public input is not a canonical field element.
		NonCanonicalPublicInput,
		/// The caller is not an active prover (new commitments, and reveals by a caller without
		/// a commitment in the round, need one).
		NotActiveProver,
		/// The caller's free capacity (bonded stake not reserved by its open commitments) is
		/// below the minimum stake: wait for a round of it to settle, or bond more.
		InsufficientCapacity,
		/// The commit window of the round is over (from `T + C + 1`).
		CommitWindowClosed,
		/// The caller has a commitment in this round already.
		AlreadyCommitted,
		/// The round has `MaxCommitmentsPerSequence` commitments already, none with a smaller
		/// stake snapshot than the caller's.
		TooManyCommitments,
		/// No round of the sequence has started (no commitment yet): nothing to reveal.
		RoundNotStarted,
		/// The reveal window has not opened yet (it opens at `T + C + 1`).
		RevealNotOpen,
		/// The reveal window is over (it closed at `T + C + R`).
		RevealWindowClosed,
		/// The proof does not verify and matches no commitment of the caller.
		InvalidProof,
		/// The proof does not decode and matches no commitment of the caller.
		MalformedProof,
		/// The proof is valid but the sequence is proved already and the proof validates
		/// no further commitment.
		NothingToValidate,
		/// A sequence must carry batch data: the batch is empty.
		EmptyBatch,
		/// An unfinished sequence of the rollup has the same key version and public inputs:
		/// a proof of one would prove the other. Rollups make statements unique (the demo
		/// rollup chains state roots).
		DuplicateSequence,
		/// The sequence has a live round: it can be cancelled only while open.
		RoundLive,
		/// An id or version counter is exhausted.
		Overflow,
		/// Storage is inconsistent (defensive: never expected).
		Inconsistent,
		/// Only the rollup's owner (or governance) may do this.
		NotOwner,
		/// The `MaxRollups - RewardSlots` places for rollups without a reward slot are all
		/// taken (the other places are kept for slotted rollups): wait for one to leave or
		/// get a slot.
		NoOpenPlace,
		/// All `RewardSlots` reward slots are assigned.
		NoFreeSlot,
		/// The rollup has a reward slot already.
		AlreadySlotted,
		/// The rollup has no reward slot.
		NotSlotted,
		/// A fee contribution must be zero (no fee) or at least `MinFeeContribution`.
		FeeBelowMinimum,
		/// The sequence's fee has `MaxFeePayers` payers already (a payer already among them
		/// can still add to its contribution).
		TooManyFeePayers,
		/// The sequence is proved already: its fee can no longer change.
		AlreadyProved,
		/// The caller's free balance cannot cover the deposit or fee to be held.
		InsufficientFunds,
	}
}
