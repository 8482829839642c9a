//! Cancelling a sequence that no round has started: by its rollup's sequencer (a batch it
//! no longer wants proved) or by `RegisterOrigin`. Nobody committed to it, so nothing is
//! reserved or slashable; the rollup's place is freed at once.

use crate::{Config, Error, Event, Pallet, Rollups, Sequences};
use frame_support::{dispatch::DispatchResult, ensure};
use zkmine_primitives::SequenceId;

impl<T: Config> Pallet<T> {
	/// Cancel `sequence_id` on behalf of `by` (its rollup's sequencer), or of governance
	/// (`None`, origin already checked).
	pub(crate) fn do_cancel_sequence(
		by: Option<T::AccountId>,
		sequence_id: SequenceId,
	) -> DispatchResult {
		let sequence = Sequences::<T>::get(sequence_id).ok_or(Error::<T>::UnknownSequence)?;
		if let Some(who) = &by {
			let rollup = Rollups::<T>::get(sequence.rollup).ok_or(Error::<T>::Inconsistent)?;
			ensure!(&rollup.sequencer == who, Error::<T>::NotSequencer);
		}
		ensure!(sequence.windows.is_none(), Error::<T>::RoundLive);

		Self::remove_sequence(sequence_id, &sequence, false);
		Self::deposit_event(Event::SequenceCancelled {
			sequence: sequence_id,
			rollup: sequence.rollup,
			by,
		});
		Ok(())
	}
}
