//! The pallet's data types: rollups, verifying keys, sequences, rounds, commitments, and the
//! phase/window view shared with the runtime API.

use crate::{Config, Error};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::*, traits::fungible, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::traits::{AtLeast32BitUnsigned, Saturating, Zero};
use zkmine_primitives::{FieldElement, Hash32, RollupId, RoundIndex, SequenceId, VerifierError};

/// The balance type of the reward currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Version of a rollup's verifying key: 0 at registration, +1 per update, never reused.
pub type KeyVersion = u32;

/// Upper bound of the number of unfinished sequences on chain:
/// `MaxRollups * MaxOpenSequencesPerRollup`. Bounds the deadline index and the carry-over
/// queue, in which every sequence appears at most once.
pub struct MaxLiveSequences<T>(PhantomData<T>);

impl<T: Config> Get<u32> for MaxLiveSequences<T> {
	fn get() -> u32 {
		T::MaxRollups::get().saturating_mul(T::MaxOpenSequencesPerRollup::get())
	}
}

/// Lifecycle of a rollup.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum RollupStatus {
	/// Takes new sequences.
	Active,
	/// Deregistered: takes nothing new; the record is removed when its last live round
	/// has settled.
	Retiring,
}

/// A registered rollup.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Rollup<T: Config> {
	/// Who registered it: rotates its sequencer, updates its key, deregisters it, and gets
	/// the deposit back. For a rollup of the genesis config, its sequencer.
	pub owner: T::AccountId,
	/// The only account allowed to submit sequences.
	pub sequencer: T::AccountId,
	/// The deposit held on the owner under [`crate::HoldReason::RollupDeposit`]
	/// ([`crate::Pallet::registration_deposit`] of the current key's length); `None` for a
	/// rollup of the genesis config, which never holds one.
	pub deposit: Option<BalanceOf<T>>,
	/// Whether governance gave it one of the `RewardSlots`: only a slotted rollup's proved
	/// sequences mint `RewardPerSequence` (checked at settlement).
	pub slotted: bool,
	/// Version of the current verifying key (in [`crate::VerifyingKeys`]).
	pub key_version: KeyVersion,
	/// Active or retiring.
	pub status: RollupStatus,
	/// Its unfinished sequences, oldest first.
	pub sequences: BoundedVec<SequenceId, T::MaxOpenSequencesPerRollup>,
	/// The highest sequence id of this rollup that was proved and settled.
	pub latest_proved: Option<SequenceId>,
}

/// A verifying key of a rollup.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct VerifyingKeyRecord<T: Config> {
	/// The key as the verifier prepared it at registration (validated once; every reveal
	/// uses it as it is).
	pub prepared: BoundedVec<u8, T::MaxPreparedKeyLen>,
	/// `blake2_256` of the wire-format key that was registered (how clients recognise it).
	pub key_hash: Hash32,
	/// Number of public inputs the key expects.
	pub public_inputs: u32,
	/// References: 1 while it is its rollup's current key (of an active rollup), plus one
	/// per unfinished sequence submitted under it. Removed at zero.
	pub users: u32,
}

/// The first valid proof of a round.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ProvedBy<AccountId, BlockNumber> {
	/// `blake2_256` of the proof bytes.
	pub proof_hash: Hash32,
	/// Who revealed it.
	pub by: AccountId,
	/// In which block.
	pub at: BlockNumber,
}

/// One contribution to a sequence's proving fee, held on its payer under
/// [`crate::HoldReason::SequenceFee`] until settlement pays it out or the sequence is removed
/// unproved (then it is released to the payer).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct FeePayment<AccountId, Balance> {
	/// Who paid it (the sequencer at submission, anyone by `add_subsidy`).
	pub payer: AccountId,
	/// How much is held; a payer's later contributions are added to its entry.
	pub amount: Balance,
}

/// A fee contribution of this runtime.
pub type FeePaymentOf<T> = FeePayment<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// The first valid proof of a sequence, kept for clients (runtime API `proof`): from the
/// reveal that proved the sequence until `ProofRetention` blocks after its settlement.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ProofRecord<AccountId, BlockNumber, Proof> {
	/// The sequence's rollup.
	pub rollup: RollupId,
	/// The verifying key version it verified against.
	pub key_version: KeyVersion,
	/// The round that proved it.
	pub round: RoundIndex,
	/// `blake2_256` of the proof bytes.
	pub proof_hash: Hash32,
	/// The proof, in the chain's wire format (what `submit_proof` took).
	pub proof: Proof,
	/// Who revealed it.
	pub by: AccountId,
	/// The block of the reveal.
	pub proved_at: BlockNumber,
	/// The block from which it is no longer kept: `ProofRetention` blocks after settlement;
	/// `None` until the round settles.
	pub expires_at: Option<BlockNumber>,
}

/// A kept proof of this runtime, as stored.
pub type StoredProof<T> = ProofRecord<
	<T as frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	BoundedVec<u8, <T as Config>::MaxProofLen>,
>;

/// An unfinished sequence.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Sequence<T: Config> {
	/// Its rollup.
	pub rollup: RollupId,
	/// The verifying key version proofs are checked against (fixed at submission).
	pub key_version: KeyVersion,
	/// The public inputs proofs are checked against.
	pub public_inputs: BoundedVec<FieldElement, T::MaxPublicInputs>,
	/// `blake2_256` of the batch data carried by the `submit_sequence` extrinsic.
	pub data_hash: H256,
	/// Length of the batch data in bytes.
	pub data_len: u32,
	/// Block of submission.
	pub submitted_at: BlockNumberFor<T>,
	/// The current round (0 first, +1 after each failed round). Since a proved round ends
	/// the sequence, it is also the number of rounds that failed in a row.
	pub round: RoundIndex,
	/// The windows of the current round, fixed when its first commitment set `T` with the
	/// window lengths in force then; `None` while open.
	pub windows: Option<Windows<BlockNumberFor<T>>>,
	/// The first valid proof of the current round, if any.
	pub proved: Option<ProvedBy<T::AccountId, BlockNumberFor<T>>>,
	/// The proving fee, per payer in the order they paid (at most `MaxFeePayers`).
	pub fee: BoundedVec<FeePaymentOf<T>, T::MaxFeePayers>,
}

impl<T: Config> Sequence<T> {
	/// The whole proving fee held for this sequence.
	pub fn fee_total(&self) -> BalanceOf<T> {
		self.fee
			.iter()
			.fold(BalanceOf::<T>::zero(), |acc, f| acc.saturating_add(f.amount))
	}
}

/// One prover's commitment in a round.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Commitment<AccountId, Balance> {
	/// The committing prover.
	pub prover: AccountId,
	/// `blake2_256(proof_hash ++ SCALE(prover))`.
	pub commitment: Hash32,
	/// The stake snapshot: the prover's free capacity at commit time (exposure rule). It
	/// weighs the reward share and is the base of slashes.
	pub stake: Balance,
	/// The stake it reserves in the registry until it is settled, displaced or removed:
	/// the largest slash it can incur.
	pub reserved: Balance,
	/// Whether a valid proof matching it was revealed.
	pub validated: bool,
}

/// A commitment of a round of this runtime.
pub type CommitmentOf<T> = Commitment<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// The live round of a sequence.
#[derive(
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Round<T: Config> {
	/// Commitments in commit order, one per prover.
	pub commitments: BoundedVec<CommitmentOf<T>, T::MaxCommitmentsPerSequence>,
	/// Hashes of proofs verified valid that validated at least one commitment (identical
	/// proofs are verified once). Each validated a distinct commitment, so the commitment
	/// bound holds.
	pub valid_proofs: BoundedVec<Hash32, T::MaxCommitmentsPerSequence>,
}

/// Where a sequence is in its round.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Phase {
	/// No commitment yet in this round: the next commitment sets `T`.
	Open,
	/// `T ..= T + C`: commitments accepted.
	Commit,
	/// `T + C + 1 ..= T + C + R`: proofs accepted.
	Reveal,
	/// From `T + C + R + 1`: waiting for settlement (in the deadline index or carry-over).
	AwaitingSettlement,
}

/// The blocks of a round, all derived from `T`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct Windows<BlockNumber> {
	/// `T`: first block of the commit window.
	pub commit_start: BlockNumber,
	/// `T + C`: last block of the commit window.
	pub commit_end: BlockNumber,
	/// `T + C + 1`: first block of the reveal window.
	pub reveal_start: BlockNumber,
	/// `T + C + R`: last block of the reveal window.
	pub reveal_end: BlockNumber,
	/// `T + C + R + 1`: block of settlement.
	pub settle_at: BlockNumber,
}

impl<B: AtLeast32BitUnsigned + Copy> Windows<B> {
	/// The windows of a round started at `t` with windows of `commit` and `reveal` blocks.
	pub fn new(t: B, commit: u32, reveal: u32) -> Self {
		let commit_end = t.saturating_add(commit.into());
		let reveal_start = commit_end.saturating_add(B::one());
		let reveal_end = commit_end.saturating_add(reveal.into());
		let settle_at = reveal_end.saturating_add(B::one());
		Self { commit_start: t, commit_end, reveal_start, reveal_end, settle_at }
	}

	/// The phase at block `now` (`now >= T`).
	pub fn phase(&self, now: B) -> Phase {
		if now <= self.commit_end {
			Phase::Commit
		} else if now <= self.reveal_end {
			Phase::Reveal
		} else {
			Phase::AwaitingSettlement
		}
	}
}

/// The state of a sequence, for clients (runtime API).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct SequenceStatus<BlockNumber> {
	/// Its rollup.
	pub rollup: RollupId,
	/// The current round.
	pub round: RoundIndex,
	/// The phase at the queried block.
	pub phase: Phase,
	/// The windows of the current round; `None` while open.
	pub windows: Option<Windows<BlockNumber>>,
	/// Hash of the first valid proof of the round, if proved.
	pub proved: Option<Hash32>,
	/// Number of commitments in the round.
	pub commitments: u32,
}

impl<T: Config> Error<T> {
	/// The pallet error for a verifier's refusal.
	pub(crate) fn from_verifier(e: VerifierError) -> Self {
		match e {
			VerifierError::MalformedVerifyingKey => Error::<T>::MalformedVerifyingKey,
			VerifierError::TooManyPublicInputs => Error::<T>::TooManyPublicInputs,
			VerifierError::MalformedProof => Error::<T>::MalformedProof,
			VerifierError::NonCanonicalPublicInput => Error::<T>::NonCanonicalPublicInput,
			VerifierError::PublicInputCountMismatch => Error::<T>::PublicInputCountMismatch,
		}
	}

	/// The pallet error for the staking backend's refusal of a new commitment.
	pub(crate) fn from_refusal(r: zkmine_primitives::CommitRefusal) -> Self {
		match r {
			zkmine_primitives::CommitRefusal::NotActive => Error::<T>::NotActiveProver,
			zkmine_primitives::CommitRefusal::InsufficientCapacity => {
				Error::<T>::InsufficientCapacity
			},
		}
	}
}
