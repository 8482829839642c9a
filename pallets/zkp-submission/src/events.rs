//! The pallet's events (a section of the pallet module, see `lib.rs`).

use frame_support::pallet_macros::pallet_section;

/// The events; every field is named and documented.
#[pallet_section]
mod events {
	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A rollup was registered.
		RollupRegistered {
			/// The new rollup's id.
			rollup: RollupId,
			/// Its owner (who registered it).
			owner: T::AccountId,
			/// The only account allowed to submit its sequences.
			sequencer: T::AccountId,
			/// The deposit held on the owner (zero for a rollup of the genesis config).
			deposit: BalanceOf<T>,
			/// Whether it has a reward slot (only rollups of the genesis config start with one).
			slotted: bool,
			/// Version of its verifying key (0 at registration).
			key_version: KeyVersion,
			/// `blake2_256` of the verifying key bytes.
			key_hash: Hash32,
			/// Number of public inputs the key expects.
			public_inputs: u32,
		},
		/// A rollup's verifying key was replaced. Sequences submitted before keep the key
		/// they were submitted under.
		VerifyingKeyUpdated {
			/// The rollup.
			rollup: RollupId,
			/// The new key's version.
			key_version: KeyVersion,
			/// `blake2_256` of the new verifying key bytes.
			key_hash: Hash32,
			/// Number of public inputs the new key expects.
			public_inputs: u32,
			/// The deposit held for the rollup from now on (zero for a rollup of the genesis
			/// config).
			deposit: BalanceOf<T>,
		},
		/// A rollup's owner (or governance) rotated its sequencer.
		SequencerChanged {
			/// The rollup.
			rollup: RollupId,
			/// The new sequencer; the old one can no longer submit or cancel.
			sequencer: T::AccountId,
		},
		/// Governance gave a rollup a reward slot: its proved sequences mint
		/// `RewardPerSequence` from now on.
		SlotAssigned {
			/// The rollup.
			rollup: RollupId,
		},
		/// Governance took a rollup's reward slot: its sequences settled from now on are
		/// paid by their fees only.
		SlotRevoked {
			/// The rollup.
			rollup: RollupId,
		},
		/// A rollup was deregistered: it takes no new sequences, its sequences without a
		/// round were dropped, and its live rounds settle normally.
		RollupDeregistered {
			/// The rollup.
			rollup: RollupId,
			/// Sequences dropped because no round had started.
			dropped: u32,
			/// Sequences whose live round still settles before the record is removed.
			live: u32,
		},
		/// A rollup's record was removed (at deregistration, or when its last live
		/// sequence finished).
		RollupRemoved {
			/// The rollup.
			rollup: RollupId,
			/// Its latest proved sequence, if any.
			latest_proved: Option<SequenceId>,
			/// The deposit released to its owner.
			deposit_returned: BalanceOf<T>,
		},
		/// A sequence was submitted and is open for commitments.
		SequenceSubmitted {
			/// The new sequence's id.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// Version of the rollup's verifying key its proofs are checked against.
			key_version: KeyVersion,
			/// `blake2_256` of the batch data carried by the extrinsic. Provers read the batch
			/// from the block that included this event's extrinsic and check it against
			/// this hash.
			data_hash: H256,
			/// Length of the batch data in bytes.
			data_len: u32,
			/// Number of public inputs.
			public_inputs: u32,
			/// The proving fee held from the sequencer (zero for none).
			fee: BalanceOf<T>,
		},
		/// A contribution was added to a sequence's proving fee and held on its payer (the
		/// sequencer's fee at submission, or a subsidy).
		FeeAdded {
			/// The sequence.
			sequence: SequenceId,
			/// Who paid it.
			payer: T::AccountId,
			/// The amount held.
			amount: BalanceOf<T>,
			/// The sequence's whole fee now.
			fee: BalanceOf<T>,
		},
		/// A fee contribution, or what settlement did not pay out of it, was released to its
		/// payer (the sequence was cancelled, abandoned or dropped, or paid less than its fee).
		FeeRefunded {
			/// The sequence.
			sequence: SequenceId,
			/// The payer.
			payer: T::AccountId,
			/// The amount released.
			amount: BalanceOf<T>,
		},
		/// A sequence without a live round was cancelled by its sequencer or by governance.
		SequenceCancelled {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// The rollup's sequencer or owner that cancelled it; `None` for `RegisterOrigin`.
			by: Option<T::AccountId>,
		},
		/// A sequence whose rounds failed `MaxFailedRounds` times in a row was removed.
		SequenceAbandoned {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// How many rounds failed.
			failed_rounds: u32,
		},
		/// A sequence was removed without being proved (deregistration of its rollup).
		SequenceDropped {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// Its round when dropped.
			round: RoundIndex,
		},
		/// The first commitment of a round was made: the windows are fixed from `T`.
		RoundStarted {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// `T`, the block of the first commitment.
			started_at: BlockNumberFor<T>,
			/// Last block of the commit window, `T + C`.
			commit_end: BlockNumberFor<T>,
			/// Last block of the reveal window, `T + C + R`.
			reveal_end: BlockNumberFor<T>,
			/// Block in which the round is settled, `T + C + R + 1`.
			settle_at: BlockNumberFor<T>,
		},
		/// A prover committed to a proof hash.
		ProofHashCommitted {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The committing prover.
			prover: T::AccountId,
			/// `blake2_256(proof_hash ++ SCALE(prover))`.
			commitment: Hash32,
			/// The stake snapshot: the prover's free capacity at commit time.
			stake: BalanceOf<T>,
			/// The stake it reserves until settlement (its largest possible slash).
			reserved: BalanceOf<T>,
		},
		/// The round was full and a commitment with a larger stake snapshot took the place of
		/// the one with the smallest (the latest of equals). The displaced prover is not
		/// slashed; its reservation is released.
		CommitmentDisplaced {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The prover whose commitment was removed.
			displaced: T::AccountId,
			/// Its stake snapshot.
			displaced_stake: BalanceOf<T>,
			/// The prover whose commitment took the place.
			by: T::AccountId,
			/// Its stake snapshot.
			stake: BalanceOf<T>,
		},
		/// The first valid proof of the round: the sequence is proved (rollup finality).
		SequenceProved {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// The round.
			round: RoundIndex,
			/// `blake2_256` of the proof bytes.
			proof_hash: Hash32,
			/// Who submitted the proof.
			by: T::AccountId,
		},
		/// A commitment was validated by a valid proof that matches it.
		CommitmentValidated {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The prover whose commitment was validated.
			prover: T::AccountId,
			/// The hash of the proof that validated it.
			proof_hash: Hash32,
		},
		/// A prover revealed a proof that matches its own commitment and failed
		/// verification: it was slashed at once and its commitment removed.
		IncorrectProofSlashed {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The slashed prover.
			prover: T::AccountId,
			/// `blake2_256` of the revealed proof.
			proof_hash: Hash32,
			/// Whether the proof did not even decode (otherwise it decoded and did not
			/// verify).
			malformed: bool,
			/// The amount burned.
			slashed: BalanceOf<T>,
		},
		/// A validated committer was paid its share `floor((reward + fee) * stake / S)`: out
		/// of the fee first, the rest minted.
		RewardPaid {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The rewarded prover.
			who: T::AccountId,
			/// The whole share paid (`amount - from_fee` was minted).
			amount: BalanceOf<T>,
			/// The part of it that came out of the sequence's fee.
			from_fee: BalanceOf<T>,
		},
		/// A committer was slashed at settlement.
		CommitterSlashed {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The slashed prover.
			who: T::AccountId,
			/// `IncorrectHash` (proved round, commitment not validated) or `NoValidProof`.
			reason: SlashReason,
			/// The amount burned.
			amount: BalanceOf<T>,
		},
		/// A proved sequence was settled and removed from active storage.
		SequenceFinalized {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// The round that proved it.
			round: RoundIndex,
			/// Hash of the first valid proof.
			proof_hash: Hash32,
			/// Number of validated commitments.
			validated: u32,
			/// Total paid to validated committers, fee included (the reward and fee less
			/// the rounding dust).
			rewarded: BalanceOf<T>,
			/// The part of `rewarded` paid out of the fee (`rewarded - fee_paid` was minted).
			fee_paid: BalanceOf<T>,
		},
		/// A round ended without a valid proof; every committer was slashed.
		RoundFailed {
			/// The sequence.
			sequence: SequenceId,
			/// The failed round.
			round: RoundIndex,
			/// Number of committers slashed.
			committers: u32,
		},
		/// A sequence whose round failed is open again for commitments.
		SequenceReopened {
			/// The sequence.
			sequence: SequenceId,
			/// The new round.
			new_round: RoundIndex,
		},
		/// Settlement work did not fit in this block's budget and waits in the carry-over
		/// queue.
		SettlementDeferred {
			/// Number of sequences waiting.
			pending: u32,
		},
	}
}
