//! Rollups: open registration with a deposit, governed reward slots, the owner's sequencer
//! rotation, verifying key replacement and deregistration, and the reference counting of
//! verifying key versions.

use crate::{
	BalanceOf, Config, Error, Event, HoldReason, KeyVersion, Pallet, Rollup, RollupStatus, Rollups,
	Sequences, SlottedRollups, VerifyingKeyRecord, VerifyingKeys, WeightInfo,
};
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	ensure,
	pallet_prelude::*,
	traits::{EnsureOrigin, Get},
};
use frame_system::ensure_signed;
use sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};
use zkmine_primitives::{ProofVerifier, RollupId, SequenceId};

impl<T: Config> Pallet<T> {
	/// The deposit a rollup with a verifying key of `key_len` bytes holds:
	/// `RollupDepositBase + RollupDepositPerByte * key_len` (saturating). The one place of
	/// the rule; clients ask the runtime API.
	pub fn registration_deposit(key_len: u32) -> BalanceOf<T> {
		T::RollupDepositPerByte::get()
			.saturating_mul(key_len.into())
			.saturating_add(T::RollupDepositBase::get())
	}

	/// The rollup `rollup`, if `origin` is its owner or `RegisterOrigin`.
	pub(crate) fn ensure_owner_or_governance(
		origin: T::RuntimeOrigin,
		rollup: RollupId,
	) -> Result<Rollup<T>, DispatchError> {
		let signer = match T::RegisterOrigin::try_origin(origin) {
			Ok(_) => None,
			Err(origin) => Some(ensure_signed(origin)?),
		};
		let record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		if let Some(who) = signer {
			ensure!(record.owner == who, Error::<T>::NotOwner);
		}
		Ok(record)
	}

	/// Register a rollup owned by `owner`, holding its deposit (origin already checked).
	pub(crate) fn do_register_rollup(
		owner: T::AccountId,
		sequencer: T::AccountId,
		verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
	) -> DispatchResultWithPostInfo {
		let deposit = Self::registration_deposit(verifying_key.len().saturated_into());
		Self::insert_rollup(owner, sequencer, &verifying_key, Some(deposit), false)
	}

	/// Register a rollup of the genesis config: owned by its sequencer, no deposit, with a
	/// reward slot.
	pub(crate) fn do_register_genesis_rollup(
		sequencer: T::AccountId,
		verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
	) -> DispatchResultWithPostInfo {
		Self::insert_rollup(sequencer.clone(), sequencer, &verifying_key, None, true)
	}

	/// Register a rollup for governance (origin already checked): no deposit, a reward slot.
	pub(crate) fn do_force_register_rollup(
		owner: T::AccountId,
		sequencer: T::AccountId,
		verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
	) -> DispatchResultWithPostInfo {
		Self::insert_rollup(owner, sequencer, &verifying_key, None, true)
	}

	fn insert_rollup(
		owner: T::AccountId,
		sequencer: T::AccountId,
		verifying_key: &[u8],
		deposit: Option<BalanceOf<T>>,
		slotted: bool,
	) -> DispatchResultWithPostInfo {
		let rollups = Rollups::<T>::count();
		ensure!(rollups < T::MaxRollups::get(), Error::<T>::TooManyRollups);
		let slots = SlottedRollups::<T>::get();
		if slotted {
			ensure!(slots < T::RewardSlots::get(), Error::<T>::NoFreeSlot);
		} else {
			let open_places = T::MaxRollups::get().saturating_sub(T::RewardSlots::get());
			ensure!(rollups.saturating_sub(slots) < open_places, Error::<T>::NoOpenPlace);
		}
		let key = Self::prepare_key(verifying_key)?;
		let rollup = crate::NextRollupId::<T>::get();
		let next = rollup.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let held = deposit.unwrap_or_else(Zero::zero);
		Self::hold(HoldReason::RollupDeposit, &owner, held)?;

		let (key_hash, public_inputs) = (key.key_hash, key.public_inputs);
		let key_version: KeyVersion = 0;
		VerifyingKeys::<T>::insert(rollup, key_version, key);
		Rollups::<T>::insert(
			rollup,
			Rollup {
				owner: owner.clone(),
				sequencer: sequencer.clone(),
				deposit,
				slotted,
				key_version,
				status: RollupStatus::Active,
				sequences: BoundedVec::new(),
				latest_proved: None,
			},
		);
		if slotted {
			SlottedRollups::<T>::put(slots.saturating_add(1));
		}
		crate::NextRollupId::<T>::put(next);

		Self::deposit_event(Event::RollupRegistered {
			rollup,
			owner,
			sequencer,
			deposit: held,
			slotted,
			key_version,
			key_hash,
			public_inputs,
		});
		Ok(Some(T::WeightInfo::register_rollup(public_inputs)).into())
	}

	/// Replace the verifying key of an active rollup (origin already checked); the deposit
	/// follows the new key's length.
	pub(crate) fn do_update_verifying_key(
		rollup: RollupId,
		mut record: Rollup<T>,
		verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
	) -> DispatchResultWithPostInfo {
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		let key = Self::prepare_key(&verifying_key)?;
		let key_version = record.key_version.checked_add(1).ok_or(Error::<T>::Overflow)?;
		if let Some(old) = record.deposit {
			let new = Self::registration_deposit(verifying_key.len().saturated_into());
			if new > old {
				Self::hold(HoldReason::RollupDeposit, &record.owner, new.saturating_sub(old))?;
			} else {
				Self::release(HoldReason::RollupDeposit, &record.owner, old.saturating_sub(new));
			}
			record.deposit = Some(new);
		}

		let (key_hash, public_inputs) = (key.key_hash, key.public_inputs);
		VerifyingKeys::<T>::insert(rollup, key_version, key);
		Self::release_key(rollup, record.key_version);
		record.key_version = key_version;
		let deposit = record.deposit.unwrap_or_else(Zero::zero);
		Rollups::<T>::insert(rollup, record);

		Self::deposit_event(Event::VerifyingKeyUpdated {
			rollup,
			key_version,
			key_hash,
			public_inputs,
			deposit,
		});
		Ok(Some(T::WeightInfo::update_verifying_key(public_inputs)).into())
	}

	/// Rotate the sequencer of an active rollup (origin already checked).
	pub(crate) fn do_set_sequencer(
		rollup: RollupId,
		mut record: Rollup<T>,
		sequencer: T::AccountId,
	) -> DispatchResult {
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		record.sequencer = sequencer.clone();
		Rollups::<T>::insert(rollup, record);
		Self::deposit_event(Event::SequencerChanged { rollup, sequencer });
		Ok(())
	}

	/// Give an active rollup a reward slot (origin already checked).
	pub(crate) fn do_assign_slot(rollup: RollupId) -> DispatchResult {
		let mut record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		ensure!(record.status == RollupStatus::Active, Error::<T>::RollupRetiring);
		ensure!(!record.slotted, Error::<T>::AlreadySlotted);
		let slots = SlottedRollups::<T>::get();
		ensure!(slots < T::RewardSlots::get(), Error::<T>::NoFreeSlot);
		record.slotted = true;
		Rollups::<T>::insert(rollup, record);
		SlottedRollups::<T>::put(slots.saturating_add(1));
		Self::deposit_event(Event::SlotAssigned { rollup });
		Ok(())
	}

	/// Take a rollup's reward slot (origin already checked).
	pub(crate) fn do_revoke_slot(rollup: RollupId) -> DispatchResult {
		let mut record = Rollups::<T>::get(rollup).ok_or(Error::<T>::UnknownRollup)?;
		ensure!(record.slotted, Error::<T>::NotSlotted);
		record.slotted = false;
		Rollups::<T>::insert(rollup, record);
		SlottedRollups::<T>::mutate(|n| *n = n.saturating_sub(1));
		Self::deposit_event(Event::SlotRevoked { rollup });
		Ok(())
	}

	/// Deregister a rollup (origin already checked).
	///
	/// Sequences without a started round are dropped at once (nobody committed to them;
	/// their fees are released). Sequences with a live round stay until that round settles;
	/// a failed one is then dropped instead of reopened. The record (and its deposit) goes
	/// with its last sequence.
	pub(crate) fn do_deregister_rollup(
		rollup: RollupId,
		mut record: Rollup<T>,
	) -> DispatchResultWithPostInfo {
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
					Self::refund_fee(id, &sequence);
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
			Self::remove_rollup(rollup, &record);
		} else {
			record.status = RollupStatus::Retiring;
			record.sequences = live;
			Rollups::<T>::insert(rollup, record);
		}
		Ok(Some(T::WeightInfo::deregister_rollup(visited)).into())
	}

	/// Remove a rollup's record: free its slot, release its deposit.
	fn remove_rollup(rollup: RollupId, record: &Rollup<T>) {
		Rollups::<T>::remove(rollup);
		if record.slotted {
			SlottedRollups::<T>::mutate(|n| *n = n.saturating_sub(1));
		}
		let deposit = record.deposit.unwrap_or_else(Zero::zero);
		let deposit_returned = Self::release(HoldReason::RollupDeposit, &record.owner, deposit);
		Self::deposit_event(Event::RollupRemoved {
			rollup,
			latest_proved: record.latest_proved,
			deposit_returned,
		});
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
			Self::remove_rollup(rollup, &record);
		} else {
			Rollups::<T>::insert(rollup, record);
		}
	}
}
