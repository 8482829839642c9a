//! Rollups: registration, verifying key replacement, deregistration, and the reference
//! counting of verifying key versions.

use crate::{
	Config, Error, Event, KeyVersion, Pallet, Rollup, RollupStatus, Rollups, Sequences,
	VerifyingKeyRecord, VerifyingKeys, WeightInfo,
};
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure, pallet_prelude::*, traits::Get};
use sp_runtime::SaturatedConversion;
use zkmine_primitives::{ProofVerifier, RollupId, SequenceId};

impl<T: Config> Pallet<T> {
	/// Register a rollup (origin already checked).
	pub(crate) fn do_register_rollup(
		sequencer: T::AccountId,
		verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
	) -> DispatchResultWithPostInfo {
		ensure!(Rollups::<T>::count() < T::MaxRollups::get(), Error::<T>::TooManyRollups);
		let key = Self::prepare_key(&verifying_key)?;
		let rollup = crate::NextRollupId::<T>::get();
		let next = rollup.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let (key_hash, public_inputs) = (key.key_hash, key.public_inputs);
		let key_version: KeyVersion = 0;
		VerifyingKeys::<T>::insert(rollup, key_version, key);
		Rollups::<T>::insert(
			rollup,
			Rollup {
				sequencer: sequencer.clone(),
				key_version,
				status: RollupStatus::Active,
				sequences: BoundedVec::new(),
				latest_proved: None,
			},
		);
		crate::NextRollupId::<T>::put(next);

		Self::deposit_event(Event::RollupRegistered {
			rollup,
			sequencer,
			key_version,
			key_hash,
			public_inputs,
		});
		Ok(Some(T::WeightInfo::register_rollup(public_inputs)).into())
	}

	/// Replace the verifying key of an active rollup (origin already checked).
	pub(crate) fn do_update_verifying_key(
		rollup: RollupId,
		verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
	) -> DispatchResultWithPostInfo {
		let mut record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		let key = Self::prepare_key(&verifying_key)?;
		let key_version = record.key_version.checked_add(1).ok_or(Error::<T>::Overflow)?;

		let (key_hash, public_inputs) = (key.key_hash, key.public_inputs);
		VerifyingKeys::<T>::insert(rollup, key_version, key);
		Self::release_key(rollup, record.key_version);
		record.key_version = key_version;
		Rollups::<T>::insert(rollup, record);

		Self::deposit_event(Event::VerifyingKeyUpdated {
			rollup,
			key_version,
			key_hash,
			public_inputs,
		});
		Ok(Some(T::WeightInfo::update_verifying_key(public_inputs)).into())
	}

	/// Deregister a rollup (origin already checked).
	///
	/// Sequences without a started round are dropped at once (nobody committed to them).
	/// Sequences with a live round stay until that round settles; a failed one is then
	/// dropped instead of reopened. The record goes with its last sequence.
	pub(crate) fn do_deregister_rollup(rollup: RollupId) -> DispatchResultWithPostInfo {
		let mut record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		let visited: u32 = record.sequences.len().saturated_into();

		let mut dropped: u32 = 0;
		let mut live = BoundedVec::<SequenceId, T::MaxOpenSequencesPerRollup>::new();
		for id in record.sequences.iter().copied() {
			match Sequences::<T>::get(id) {
				Some(sequence) if sequence.windows.is_some() => {
					// `live` has the same bound as `record.sequences`, which it is a part of.
					live.try_push(id).map_err(|_| Error::<T>::Inconsistent)?;
				},
				Some(sequence) => {
					Self::forget_sequence(id, &sequence);
					dropped = dropped.saturating_add(1);
					Self::deposit_event(Event::SequenceDropped {
						sequence: id,
						rollup,
						round: sequence.round,
					});
				},
				None => {
					frame_support::defensive!("rollup lists a sequence that does not exist");
				},
			}
		}

		// The rollup no longer uses its current key; sequences keep their own references.
		Self::release_key(rollup, record.key_version);
		let live_count: u32 = live.len().saturated_into();
		Self::deposit_event(Event::RollupDeregistered { rollup, dropped, live: live_count });
		if live.is_empty() {
			Rollups::<T>::remove(rollup);
			Self::deposit_event(Event::RollupRemoved {
				rollup,
				latest_proved: record.latest_proved,
			});
		} else {
			record.status = RollupStatus::Retiring;
			record.sequences = live;
			Rollups::<T>::insert(rollup, record);
		}
		Ok(Some(T::WeightInfo::deregister_rollup(visited)).into())
	}

	/// Validate and prepare a wire-format verifying key with the verifier: the record to
	/// store, with one user.
	fn prepare_key(key: &[u8]) -> Result<VerifyingKeyRecord<T>, Error<T>> {
		let max = T::MaxPublicInputs::get();
		let prepared =
			T::Verifier::prepare_verifying_key(key, max).map_err(Error::<T>::from_verifier)?;
		// Do not trust the verifier to apply the bound: sequences could never be submitted.
		ensure!(prepared.public_inputs <= max, Error::<T>::TooManyPublicInputs);
		Ok(VerifyingKeyRecord {
			// Within the bound for any key the verifier accepts (`integrity_test`).
			prepared: BoundedVec::try_from(prepared.bytes)
				.map_err(|_| Error::<T>::MalformedVerifyingKey)?,
			key_hash: zkmine_primitives::verifying_key_hash(key),
			public_inputs: prepared.public_inputs,
			users: 1,
		})
	}

	/// Drop one reference to a verifying key version; remove the version at zero.
	pub(crate) fn release_key(rollup: RollupId, version: KeyVersion) {
		VerifyingKeys::<T>::mutate_exists(rollup, version, |maybe| match maybe {
			Some(record) => {
				record.users = record.users.saturating_sub(1);
				if record.users == 0 {
					*maybe = None;
				}
			},
			None => {
				frame_support::defensive!("released a verifying key that does not exist");
			},
		});
	}

	/// A sequence of `rollup` finished (settled or dropped): unlist it, record it as the
	/// latest proved if `proved`, and remove a retiring rollup with its last sequence.
	pub(crate) fn sequence_finished(rollup: RollupId, sequence: SequenceId, proved: bool) {
		let Some(mut record) = Rollups::<T>::get(rollup) else {
			frame_support::defensive!("a finished sequence has no rollup");
			return;
		};
		record.sequences.retain(|s| *s != sequence);
		if proved {
			record.latest_proved = Some(record.latest_proved.map_or(sequence, |l| l.max(sequence)));
		}
		if record.status == RollupStatus::Retiring && record.sequences.is_empty() {
			Rollups::<T>::remove(rollup);
			Self::deposit_event(Event::RollupRemoved {
				rollup,
				latest_proved: record.latest_proved,
			});
		} else {
			Rollups::<T>::insert(rollup, record);
		}
	}
}
