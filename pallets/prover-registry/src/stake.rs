//! Registering, bonding, unbonding, withdrawing and deregistering: the rules behind the calls.

use crate::{
	asset, BalanceOf, Config, Error, Event, Pallet, ProverLedger, Provers, UnbondingChunk,
};
use frame_support::{ensure, traits::Get};
use sp_runtime::{
	traits::{CheckedAdd, CheckedSub, Zero},
	ArithmeticError, DispatchError, DispatchResult, Saturating,
};

impl<T: Config> Pallet<T> {
	/// Register `who` with `stake` bonded. See [`Pallet::register`].
	pub(crate) fn do_register(who: &T::AccountId, stake: BalanceOf<T>) -> DispatchResult {
		ensure!(!Provers::<T>::contains_key(who), Error::<T>::AlreadyRegistered);
		ensure!(stake >= T::MinProverStake::get(), Error::<T>::BelowMinimumStake);
		ensure!(stake <= asset::free_to_stake::<T>(who), Error::<T>::InsufficientFreeBalance);

		asset::hold::<T>(who, stake)?;
		Provers::<T>::insert(who, ProverLedger::<T>::new(stake));

		Self::deposit_event(Event::Registered { who: who.clone(), stake });
		Ok(())
	}

	/// Register every `(account, stake)` of the genesis configuration.
	///
	/// Panics on an entry that cannot register: a chain must not start from an invalid
	/// genesis.
	pub(crate) fn do_genesis_register(provers: &[(T::AccountId, BalanceOf<T>)]) {
		for (who, stake) in provers {
			if let Err(e) = Self::do_register(who, *stake) {
				panic!("genesis prover {who:?} with stake {stake:?} cannot register: {e:?}");
			}
		}
	}

	/// Add `amount` to the bonded stake of `who`. See [`Pallet::bond_extra`].
	pub(crate) fn do_bond_extra(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Provers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(amount <= asset::free_to_stake::<T>(who), Error::<T>::InsufficientFreeBalance);

		let was_active = ledger.is_active();
		ledger.bonded = ledger.bonded.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
		asset::hold::<T>(who, amount)?;
		let bonded = ledger.bonded;
		let now_active = ledger.is_active();
		Provers::<T>::insert(who, ledger);

		Self::deposit_event(Event::Bonded { who: who.clone(), amount, bonded });
		if now_active && !was_active {
			Self::deposit_event(Event::BecameActive { who: who.clone(), bonded });
		}
		Ok(())
	}

	/// Move `amount` of `who`'s bonded stake into an unbonding chunk. See [`Pallet::unbond`].
	pub(crate) fn do_unbond(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let mut ledger = Provers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		let remaining = ledger.bonded.checked_sub(&amount).ok_or(Error::<T>::InsufficientBonded)?;
		ensure!(remaining >= ledger.reserved, Error::<T>::StakeReserved);
		ensure!(
			remaining.is_zero() || remaining >= T::MinProverStake::get(),
			Error::<T>::BondedBelowMinimum
		);

		let was_active = ledger.is_active();
		let unlock_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		match ledger.unbonding.last_mut() {
			// A second unbond in the same block joins the chunk of the first one.
			Some(last) if last.unlock_at == unlock_at => {
				last.value = last.value.checked_add(&amount).ok_or(ArithmeticError::Overflow)?;
			},
			_ => ledger
				.unbonding
				.try_push(UnbondingChunk { value: amount, unlock_at })
				.map_err(|_| Error::<T>::TooManyUnbondingChunks)?,
		}
		ledger.bonded = remaining;
		let now_active = ledger.is_active();
		Provers::<T>::insert(who, ledger);

		Self::deposit_event(Event::UnbondingStarted {
			who: who.clone(),
			amount,
			unlock_at,
			bonded: remaining,
		});
		if was_active && !now_active {
			Self::deposit_event(Event::BecameInactive { who: who.clone(), bonded: remaining });
		}
		Ok(())
	}

	/// Release every matured unbonding chunk of `who`. See [`Pallet::withdraw_unbonded`].
	///
	/// Returns how many chunks the ledger held before the call (the weight component).
	pub(crate) fn do_withdraw_unbonded(who: &T::AccountId) -> Result<u32, DispatchError> {
		let mut ledger = Provers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		let chunks = u32::try_from(ledger.unbonding.len()).unwrap_or(u32::MAX);
		let now = frame_system::Pallet::<T>::block_number();

		let mut amount: BalanceOf<T> = Zero::zero();
		ledger.unbonding.retain(|chunk| {
			if chunk.unlock_at <= now {
				amount = amount.saturating_add(chunk.value);
				false
			} else {
				true
			}
		});
		ensure!(!amount.is_zero(), Error::<T>::NothingToWithdraw);

		asset::release::<T>(who, amount)?;
		Provers::<T>::insert(who, ledger);

		Self::deposit_event(Event::Withdrawn { who: who.clone(), amount });
		Ok(chunks)
	}

	/// Remove `who` from the registry. See [`Pallet::deregister`].
	pub(crate) fn do_deregister(who: &T::AccountId) -> DispatchResult {
		let ledger = Provers::<T>::get(who).ok_or(Error::<T>::NotRegistered)?;
		ensure!(ledger.bonded.is_zero(), Error::<T>::StillBonded);
		ensure!(ledger.unbonding.is_empty(), Error::<T>::StillUnbonding);
		ensure!(ledger.pending_commitments == 0, Error::<T>::CommitmentsPending);

		Provers::<T>::remove(who);

		Self::deposit_event(Event::Deregistered { who: who.clone() });
		Ok(())
	}

	/// Whether `who` is a registered prover with bonded stake of at least `MinProverStake`.
	pub fn is_active(who: &T::AccountId) -> bool {
		Provers::<T>::get(who).is_some_and(|ledger| ledger.is_active())
	}

	/// The bonded (not unbonding) stake of `who`; zero for an unknown account.
	pub fn active_stake(who: &T::AccountId) -> BalanceOf<T> {
		Provers::<T>::get(who).map(|ledger| ledger.bonded).unwrap_or_else(Zero::zero)
	}
}
