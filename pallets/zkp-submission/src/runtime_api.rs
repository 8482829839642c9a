//! The runtime API of the pallet, so that clients never recompute protocol rules, and the
//! `Pallet` functions the runtime's implementation calls.
//!
//! ```ignore
//! impl pallet_zkp_submission::runtime_api::ZkpSubmissionApi<Block, AccountId, Balance, BlockNumber>
//!     for Runtime
//! {
//!     fn commitment(proof: Vec<u8>, who: AccountId) -> [u8; 32] {
//!         ZkpSubmission::commitment_of(&proof, &who)
//!     }
//!     fn sequence_status(sequence: u64) -> Option<SequenceStatus<BlockNumber>> {
//!         ZkpSubmission::sequence_status(sequence)
//!     }
//!     fn commitments(sequence: u64) -> Vec<Commitment<AccountId, Balance>> {
//!         ZkpSubmission::sequence_commitments(sequence)
//!     }
//!     fn prover_capacity(who: AccountId) -> ProverCapacity<Balance> {
//!         ZkpSubmission::prover_capacity(&who)
//!     }
//!     fn batch_data_hash(batch: Vec<u8>) -> [u8; 32] {
//!         zkmine_primitives::batch_data_hash(&batch)
//!     }
//!     fn registration_deposit(key_len: u32) -> Balance {
//!         ZkpSubmission::registration_deposit(key_len)
//!     }
//!     fn sequence_fee(sequence: u64) -> Option<Balance> {
//!         ZkpSubmission::sequence_fee(sequence)
//!     }
//!     fn proof(sequence: u64) -> Option<FetchedProof<AccountId, BlockNumber>> {
//!         ZkpSubmission::fetch_proof(sequence)
//!     }
//! }
//! ```

use crate::{BalanceOf, CommitmentOf, Config, Pallet, Rounds, Sequences};
use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::SaturatedConversion;
use zkmine_primitives::{
	commitment, proof_hash, Hash32, ProverCapacity, ProverStaking, SequenceId,
};

pub use crate::{
	proofs::FetchedProof,
	types::{Commitment, Phase, ProofRecord, SequenceStatus, Windows},
};

sp_api::decl_runtime_apis! {
	/// Queries of the two-step submission of validity proofs.
	///
	/// Version 2 added `prover_capacity` and `batch_data_hash` (Protocol v2: exposure);
	/// version 3 `registration_deposit`, `sequence_fee` and `proof` (open rollups, fees,
	/// proof retrieval).
	#[api_version(3)]
	pub trait ZkpSubmissionApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// The commitment `who` must submit for `proof`:
		/// `blake2_256(blake2_256(proof) ++ SCALE(who))`.
		fn commitment(proof: Vec<u8>, who: AccountId) -> Hash32;

		/// The phase of a sequence at the current block with its round and window blocks;
		/// `None` if no such unfinished sequence exists.
		fn sequence_status(sequence: SequenceId) -> Option<SequenceStatus<BlockNumber>>;

		/// The commitments of the current round of a sequence (prover, commitment, stake
		/// snapshot, reservation, validated), in commit order.
		fn commitments(sequence: SequenceId) -> Vec<Commitment<AccountId, Balance>>;

		/// A prover's bonded stake, the part reserved by its open commitments, its free
		/// capacity, and the exposure (stake snapshot and reservation) a commitment made now
		/// would get, `None` if it would be refused.
		fn prover_capacity(who: AccountId) -> ProverCapacity<Balance>;

		/// `blake2_256(batch)`: the data hash `SequenceSubmitted` reports for a batch.
		fn batch_data_hash(batch: Vec<u8>) -> Hash32;

		/// The deposit `register_rollup` holds for a verifying key of `key_len` bytes (and
		/// that a rollup holds after `update_verifying_key` to a key of that length).
		fn registration_deposit(key_len: u32) -> Balance;

		/// The whole proving fee of an unfinished sequence; `None` if there is no such
		/// sequence.
		fn sequence_fee(sequence: SequenceId) -> Option<Balance>;

		/// The first valid proof of a sequence, from the reveal that proved it until
		/// `ProofRetention` blocks after its settlement (wire format, with its rollup, key
		/// version, round, hash, revealer, block, and expiry); `None` otherwise.
		fn proof(sequence: SequenceId) -> Option<FetchedProof<AccountId, BlockNumber>>;
	}
}

impl<T: Config> Pallet<T> {
	/// The commitment `who` must submit for `proof` (runtime API).
	pub fn commitment_of(proof: &[u8], who: &T::AccountId) -> Hash32 {
		commitment(&proof_hash(proof), who)
	}

	/// The status of an unfinished sequence at the current block (runtime API).
	pub fn sequence_status(id: SequenceId) -> Option<SequenceStatus<BlockNumberFor<T>>> {
		let sequence = Sequences::<T>::get(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		let windows = sequence.windows;
		let phase = windows.map_or(Phase::Open, |w| w.phase(now));
		let commitments = Rounds::<T>::get(id).map_or(0, |r| r.commitments.len().saturated_into());
		Some(SequenceStatus {
			rollup: sequence.rollup,
			round: sequence.round,
			phase,
			windows,
			proved: sequence.proved.map(|p| p.proof_hash),
			commitments,
		})
	}

	/// The stake, reservations and free capacity of `who`, with the exposure a commitment
	/// made now would get (runtime API).
	pub fn prover_capacity(who: &T::AccountId) -> ProverCapacity<BalanceOf<T>> {
		T::Staking::capacity(who)
	}

	/// The whole proving fee of an unfinished sequence (runtime API).
	pub fn sequence_fee(id: SequenceId) -> Option<BalanceOf<T>> {
		Sequences::<T>::get(id).map(|s| s.fee_total())
	}

	/// The commitments of the current round of a sequence, in commit order (runtime API).
	pub fn sequence_commitments(id: SequenceId) -> Vec<CommitmentOf<T>> {
		Rounds::<T>::get(id).map(|r| r.commitments.into_inner()).unwrap_or_default()
	}
}
