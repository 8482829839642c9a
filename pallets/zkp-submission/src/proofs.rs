//! The proof that proved a sequence, kept for clients (PROTOCOL.md, "The proof that proved a
//! sequence can be fetched").
//!
//! The reveal that proves a sequence stores its proof bytes in [`Proofs`]; settlement gives
//! the record an expiry `ProofRetention` blocks later and lists it in [`ProofExpiries`]; the
//! hook prunes the entries of each block before it settles anything. The rounds settled in
//! one block are at most `MaxLiveSequences`, and pruning one costs less than settling it,
//! so a block's pruning is bounded (`integrity_test` checks the bound against
//! `MaxSettlementWeight`).

use crate::{
	Config, Pallet, ProofExpiries, ProofRecord, Proofs, Sequence, StoredProof, WeightInfo,
	LOG_TARGET,
};
use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, weights::Weight};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{SaturatedConversion, Saturating};
use zkmine_primitives::{Hash32, SequenceId};

/// A kept proof as the runtime API returns it.
pub type FetchedProof<AccountId, BlockNumber> = ProofRecord<AccountId, BlockNumber, Vec<u8>>;

impl<T: Config> Pallet<T> {
	/// Keep `proof`, the first valid proof of `sequence` (`id`), until settlement sets its
	/// expiry.
	pub(crate) fn record_proof(
		id: SequenceId,
		sequence: &Sequence<T>,
		proof: BoundedVec<u8, T::MaxProofLen>,
		proof_hash: Hash32,
		by: T::AccountId,
		now: BlockNumberFor<T>,
	) {
		Proofs::<T>::insert(
			id,
			StoredProof::<T> {
				rollup: sequence.rollup,
				key_version: sequence.key_version,
				round: sequence.round,
				proof_hash,
				proof,
				by,
				proved_at: now,
				expires_at: None,
			},
		);
	}

	/// The sequence `id` was settled proved: its proof expires `ProofRetention` blocks from
	/// now.
	pub(crate) fn keep_proof(id: SequenceId) {
		let Some(mut record) = Proofs::<T>::get(id) else {
			frame_support::defensive!("a proved sequence has no kept proof");
			return;
		};
		let now = frame_system::Pallet::<T>::block_number();
		let expires = now.saturating_add(T::ProofRetention::get().into());
		if ProofExpiries::<T>::try_mutate(expires, |ids| ids.try_push(id)).is_ok() {
			record.expires_at = Some(expires);
			Proofs::<T>::insert(id, record);
		} else {
			// Unreachable: a block settles at most `MaxLiveSequences` rounds.
			frame_support::defensive!("proof expiry index full");
			log::error!(target: LOG_TARGET, "proof of sequence {id} not kept");
			Proofs::<T>::remove(id);
		}
	}

	/// Prune the proofs whose retention ends at `now`; the weight used.
	pub(crate) fn prune_expired_proofs(now: BlockNumberFor<T>) -> Weight {
		let expired = ProofExpiries::<T>::take(now);
		for id in expired.iter() {
			Proofs::<T>::remove(id);
		}
		T::WeightInfo::prune_proofs(expired.len().saturated_into())
	}

	/// The kept proof of sequence `id` (runtime API).
	pub fn fetch_proof(id: SequenceId) -> Option<FetchedProof<T::AccountId, BlockNumberFor<T>>> {
		Proofs::<T>::get(id).map(|r| ProofRecord {
			rollup: r.rollup,
			key_version: r.key_version,
			round: r.round,
			proof_hash: r.proof_hash,
			proof: r.proof.into_inner(),
			by: r.by,
			proved_at: r.proved_at,
			expires_at: r.expires_at,
		})
	}
}
