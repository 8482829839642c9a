//! Cancelling a sequence that no round has started: by its rollup's sequencer (a batch it
//! no longer wants proved), its owner, or `RegisterOrigin`. Nobody committed to it, so
//! nothing is reserved or slashable; its fee is released to its payers and the rollup's
//! place is freed at once.

use crate::{Config, Error, Event, Pallet, Rollups, Sequences, WeightInfo};
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure};
use sp_runtime::SaturatedConversion;
use zkmine_primitives::SequenceId;

impl<T: Config> Pallet<T> {
	/// Cancel `sequence_id` on behalf of `by` (its rollup's sequencer or owner), or of
	/// governance (`None`, origin already checked).
	pub(crate) fn do_cancel_sequence(
		by: Option<T::AccountId>,
		sequence_id: SequenceId,
	) -> DispatchResultWithPostInfo {
		let sequence = Sequences::<T>::get(sequence_id).ok_or(Error::<T>::UnknownSequence)?;
		if let Some(who) = &by {
			let rollup = Rollups::<T>::get(sequence.rollup).ok_or(Error::<T>::Inconsistent)?;
			ensure!(&rollup.sequencer == who || &rollup.owner == who, Error::<T>::NotSequencer);
		}
		ensure!(sequence.windows.is_none(), Error::<T>::RoundLive);

		Self::remove_sequence(sequence_id, &sequence, false);
		Self::refund_fee(sequence_id, &sequence);
		Self::deposit_event(Event::SequenceCancelled {
			sequence: sequence_id,
			rollup: sequence.rollup,
			by,
		});
		let payers: u32 = sequence.fee.len().saturated_into();
		Ok(Some(T::WeightInfo::cancel_sequence(payers)).into())
	}
}
