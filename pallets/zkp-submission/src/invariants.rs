//! Sanity of the configuration (`integrity_test`) and the invariants of PROTOCOL.md checked
//! by `try_state` (and after every unit test).

use crate::{Config, Pallet, WeightInfo};
use frame_support::traits::Get;

#[cfg(any(feature = "try-runtime", test))]
use {
	crate::{
		Deadlines, MaxLiveSequences, NextRollupId, NextSequenceId, RollupStatus, Rollups, Rounds,
		Sequences, SettlementQueue, VerifyingKeys,
	},
	alloc::{collections::btree_map::BTreeMap, vec::Vec},
	frame_support::ensure,
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::{SaturatedConversion, TryRuntimeError},
	zkmine_primitives::{commitment, SequenceId},
};

impl<T: Config> Pallet<T> {
	/// Panics if the configuration cannot work (run by `integrity_test`).
	pub(crate) fn check_config() {
		assert!(T::CommitWindow::get() > 0, "CommitWindow must be positive");
		assert!(T::RevealWindow::get() > 0, "RevealWindow must be positive");
		assert!(T::MaxRollups::get() > 0, "MaxRollups must be positive");
		assert!(
			T::MaxOpenSequencesPerRollup::get() > 0,
			"MaxOpenSequencesPerRollup must be positive"
		);
		assert!(
			T::MaxCommitmentsPerSequence::get() > 0,
			"MaxCommitmentsPerSequence must be positive"
		);
		assert!(T::MaxProofLen::get() > 0, "MaxProofLen must be positive");
		assert!(T::MaxVerifyingKeyLen::get() > 0, "MaxVerifyingKeyLen must be positive");
		assert!(
			T::MaxRollups::get().checked_mul(T::MaxOpenSequencesPerRollup::get()).is_some(),
			"MaxRollups * MaxOpenSequencesPerRollup must fit in a u32"
		);
		let one_round = T::WeightInfo::settle_base()
			.saturating_add(Self::settle_weight(T::MaxCommitmentsPerSequence::get()));
		assert!(
			one_round.all_lte(T::MaxSettlementWeight::get()),
			"MaxSettlementWeight must cover the settlement of one full round"
		);
	}

	/// Check the invariants of the pallet's storage.
	///
	/// * Rollups: at most `MaxRollups`, ids below `NextRollupId`, their sequence lists match
	///   the sequences, retiring ones only keep sequences with a live round.
	/// * Verifying keys: every version is referenced exactly `users` times.
	/// * Sequences: ids below `NextSequenceId`; a round exists exactly when `T` is set; its
	///   commitments are one per prover; validated ones match a remembered valid proof.
	/// * Settlement: every round with a `T` is due at `T + C + R + 1` and is scheduled exactly
	///   once, in the deadline index (due in the future) or the carry-over queue (due now or
	///   before); nothing else is scheduled, and nothing was left behind.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();

		// Rollups and key references.
		let rollups: u32 = Rollups::<T>::iter().count().saturated_into();
		ensure!(rollups == Rollups::<T>::count(), "rollup counter out of sync");
		ensure!(rollups <= T::MaxRollups::get(), "too many rollups");
		let mut key_users: BTreeMap<(u32, u32), u32> = BTreeMap::new();
		for (id, rollup) in Rollups::<T>::iter() {
			ensure!(id < NextRollupId::<T>::get(), "rollup id not below the counter");
			if rollup.status == RollupStatus::Active {
				let entry = key_users.entry((id, rollup.key_version)).or_default();
				*entry = entry.saturating_add(1);
			} else {
				ensure!(!rollup.sequences.is_empty(), "retiring rollup without live sequences");
			}
			for s in rollup.sequences.iter() {
				let sequence = Sequences::<T>::get(s).ok_or("rollup lists a missing sequence")?;
				ensure!(sequence.rollup == id, "sequence listed by another rollup");
				if rollup.status == RollupStatus::Retiring {
					ensure!(
						sequence.started_at.is_some(),
						"retiring rollup keeps an open sequence"
					);
				}
			}
		}

		// Sequences and rounds.
		let mut scheduled_due: BTreeMap<SequenceId, BlockNumberFor<T>> = BTreeMap::new();
		for (id, sequence) in Sequences::<T>::iter() {
			ensure!(id < NextSequenceId::<T>::get(), "sequence id not below the counter");
			let rollup =
				Rollups::<T>::get(sequence.rollup).ok_or("sequence of a missing rollup")?;
			ensure!(rollup.sequences.contains(&id), "sequence not listed by its rollup");
			let entry = key_users.entry((sequence.rollup, sequence.key_version)).or_default();
			*entry = entry.saturating_add(1);

			match sequence.started_at {
				None => {
					ensure!(!Rounds::<T>::contains_key(id), "open sequence with a round");
					ensure!(sequence.proved.is_none(), "open sequence marked proved");
				},
				Some(t) => {
					let round = Rounds::<T>::get(id).ok_or("started round without data")?;
					let mut provers = Vec::new();
					for c in round.commitments.iter() {
						ensure!(!provers.contains(&c.prover), "two commitments of one prover");
						provers.push(c.prover.clone());
						if c.validated {
							ensure!(sequence.proved.is_some(), "validated but not proved");
							ensure!(
								round
									.valid_proofs
									.iter()
									.any(|h| commitment(h, &c.prover) == c.commitment),
								"validated commitment matches no valid proof"
							);
						}
					}
					let validated = round.commitments.iter().filter(|c| c.validated).count();
					ensure!(
						round.valid_proofs.len() <= validated,
						"valid proofs validated nothing"
					);
					scheduled_due.insert(id, Self::windows(t).settle_at);
				},
			}
		}
		for ((rollup, version), users) in key_users.iter() {
			let key = VerifyingKeys::<T>::get(rollup, version).ok_or("referenced key missing")?;
			ensure!(key.users == *users, "verifying key reference count wrong");
		}
		ensure!(
			VerifyingKeys::<T>::iter_keys().all(|k| key_users.contains_key(&k)),
			"unreferenced verifying key kept"
		);

		// Settlement: each started round scheduled exactly once, none left behind.
		let mut seen: BTreeMap<SequenceId, ()> = BTreeMap::new();
		for (block, due) in Deadlines::<T>::iter() {
			ensure!(block > now, "deadline index entry left behind");
			ensure!(!due.is_empty(), "empty deadline entry kept");
			for id in due.iter() {
				ensure!(seen.insert(*id, ()).is_none(), "sequence scheduled twice");
				ensure!(scheduled_due.get(id) == Some(&block), "scheduled at the wrong block");
			}
		}
		let queue = SettlementQueue::<T>::get();
		let bound: usize = MaxLiveSequences::<T>::get().saturated_into();
		ensure!(queue.len() <= bound, "queue too long");
		for id in queue.iter() {
			ensure!(seen.insert(*id, ()).is_none(), "sequence scheduled twice");
			let due = scheduled_due.get(id).ok_or("queued sequence has no live round")?;
			ensure!(*due <= now, "queued before its settlement block");
		}
		ensure!(
			scheduled_due.keys().all(|id| seen.contains_key(id)),
			"started round not scheduled"
		);
		Ok(())
	}
}
