//! Sequences: submission by the rollup's sequencer, the windows of their rounds, and their
//! removal when they finish.

use crate::{
	BalanceOf, Config, Error, Event, MaxLiveSequences, Pallet, RollupStatus, Rollups, Rounds,
	Sequence, Sequences, Statements, VerifyingKeys, Windows,
};
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;
use sp_runtime::{traits::Zero, SaturatedConversion};
use zkmine_primitives::{
	batch_data_hash, statement_hash, FieldElement, ProofVerifier, RollupId, SequenceId,
};

impl<T: Config> Pallet<T> {
	/// Submit a sequence of `rollup` on behalf of `who`, with its batch data `batch` (only
	/// its hash and length are stored).
	pub(crate) fn do_submit_sequence(
		who: T::AccountId,
		rollup: RollupId,
		public_inputs: BoundedVec<FieldElement, T::MaxPublicInputs>,
		batch: &[u8],
		fee: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!batch.is_empty(), Error::<T>::EmptyBatch);
		let mut record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		ensure!(record.sequencer == who, Error::<T>::NotSequencer);
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		let mut key =
			VerifyingKeys::<T>::get(rollup, record.key_version).ok_or(Error::<T>::Inconsistent)?;
		T::Verifier::validate_public_inputs(&key.prepared, &public_inputs)
			.map_err(Error::<T>::from_verifier)?;
		let statement = statement_hash(rollup, record.key_version, &public_inputs);
		ensure!(!Statements::<T>::contains_key(statement), Error::<T>::DuplicateSequence);

		let sequence = crate::NextSequenceId::<T>::get();
		let next = sequence.checked_add(1).ok_or(Error::<T>::Overflow)?;
		record
			.sequences
			.try_push(sequence)
			.map_err(|_| Error::<T>::TooManyOpenSequences)?;
		key.users = key.users.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let inputs: u32 = public_inputs.len().saturated_into();
		let data_hash = H256(batch_data_hash(batch));
		let data_len: u32 = batch.len().saturated_into();
		let key_version = record.key_version;
		let mut stored = Sequence {
			rollup,
			key_version,
			public_inputs,
			data_hash,
			data_len,
			submitted_at: frame_system::Pallet::<T>::block_number(),
			round: 0,
			windows: None,
			proved: None,
			fee: BoundedVec::new(),
		};
		// Events in order: the sequence, then its fee.
		Self::deposit_event(Event::SequenceSubmitted {
			sequence,
			rollup,
			key_version,
			data_hash,
			data_len,
			public_inputs: inputs,
			fee,
		});
		if !fee.is_zero() {
			Self::add_fee(sequence, &mut stored, &who, fee)?;
		}
		Sequences::<T>::insert(sequence, stored);
		Statements::<T>::insert(statement, sequence);
		VerifyingKeys::<T>::insert(rollup, key_version, key);
		Rollups::<T>::insert(rollup, record);
		crate::NextSequenceId::<T>::put(next);
		Ok(())
	}

	/// The windows of a round that starts at `t` now, with the window lengths in force.
	/// The round keeps them (`Sequence::windows`) whatever the configuration does later.
	pub fn new_windows(t: BlockNumberFor<T>) -> Windows<BlockNumberFor<T>> {
		Windows::new(t, T::CommitWindow::get(), T::RevealWindow::get())
	}

	/// The longest a round can take from `T` to its settlement, in blocks, with the window
	/// lengths in force: `C + R + 1` plus the carry-over of the worst backlog, in which
	/// every unfinished sequence is due at once and one round settles per block. The
	/// registry's `SlashableWindow` must cover it (checked by the runtime's tests).
	pub fn max_round_lifetime() -> u32 {
		zkmine_primitives::slashable_window(
			T::CommitWindow::get(),
			T::RevealWindow::get(),
			MaxLiveSequences::<T>::get(),
		)
	}

	/// Remove a finished sequence from active storage (all of its maps) and release what it
	/// held: its verifying key reference and its place in its rollup.
	pub(crate) fn remove_sequence(id: SequenceId, sequence: &Sequence<T>, proved: bool) {
		Self::forget_sequence(id, sequence);
		Self::sequence_finished(sequence.rollup, id, proved);
	}

	/// Remove a sequence's own records (sequence, round, statement) and its verifying key
	/// reference; the caller updates the rollup's list.
	pub(crate) fn forget_sequence(id: SequenceId, sequence: &Sequence<T>) {
		Sequences::<T>::remove(id);
		Rounds::<T>::remove(id);
		Statements::<T>::remove(statement_hash(
			sequence.rollup,
			sequence.key_version,
			&sequence.public_inputs,
		));
		Self::release_key(sequence.rollup, sequence.key_version);
	}
}
