//! Sequences: submission by the rollup's sequencer, the windows of their rounds, and their
//! removal when they finish.

use crate::{
	Config, Error, Event, Pallet, RollupStatus, Rollups, Rounds, Sequence, Sequences,
	VerifyingKeys, Windows,
};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::SaturatedConversion;
use zkmine_primitives::{FieldElement, ProofVerifier, RollupId, SequenceId};

impl<T: Config> Pallet<T> {
	/// Submit a sequence of `rollup` on behalf of `who`, with its batch data `batch` (only
	/// its hash and length are stored).
	pub(crate) fn do_submit_sequence(
		who: T::AccountId,
		rollup: RollupId,
		public_inputs: BoundedVec<FieldElement, T::MaxPublicInputs>,
		batch: &[u8],
	) -> DispatchResult {
		ensure!(!batch.is_empty(), Error::<T>::EmptyBatch);
		let mut record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		ensure!(record.sequencer == who, Error::<T>::NotSequencer);
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		let mut key =
			VerifyingKeys::<T>::get(rollup, record.key_version).ok_or(Error::<T>::Inconsistent)?;
		T::Verifier::validate_public_inputs(&key.key, &public_inputs)
			.map_err(Error::<T>::from_verifier)?;

		let sequence = crate::NextSequenceId::<T>::get();
		let next = sequence.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record
			.sequences
			.try_push(sequence)
			.map_err(|_| Error::<T>::TooManyOpenSequences)?;
		key.users = key.users.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let inputs: u32 = public_inputs.len().saturated_into();
		let data_hash = H256(sp_io::hashing::blake2_256(batch));
		let data_len: u32 = batch.len().saturated_into();
		let key_version = record.key_version;
		Sequences::<T>::insert(
			sequence,
			Sequence {
				rollup,
				key_version,
				public_inputs,
				data_hash,
				data_len,
				submitted_at: frame_system::Pallet::<T>::block_number(),
				round: 0,
				started_at: None,
				proved: None,
			},
		);
		VerifyingKeys::<T>::insert(rollup, key_version, key);
		Rollups::<T>::insert(rollup, record);
		crate::NextSequenceId::<T>::put(next);

		Self::deposit_event(Event::SequenceSubmitted {
			sequence,
			rollup,
			key_version,
			data_hash,
			data_len,
			public_inputs: inputs,
		});
		Ok(())
	}

	/// The windows of a round that started at `t`.
	pub fn windows(t: BlockNumberFor<T>) -> Windows<BlockNumberFor<T>> {
		Windows::new(t, T::CommitWindow::get(), T::RevealWindow::get())
	}

	/// Remove a finished sequence from active storage (all of its maps) and release what it
	/// held: its verifying key reference and its place in its rollup.
	pub(crate) fn remove_sequence(id: SequenceId, sequence: &Sequence<T>, proved: bool) {
		Sequences::<T>::remove(id);
		Rounds::<T>::remove(id);
		Self::release_key(sequence.rollup, sequence.key_version);
		Self::sequence_finished(sequence.rollup, id, proved);
	}
}
