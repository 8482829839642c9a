//! Every balance operation of the pallet: rewards minted, deposits and fees held, released
//! and paid out of the hold. Slashes are burned by the staking backend
//! (`ProverStaking::slash`), which holds the stake.

use crate::{BalanceOf, Config, Error, HoldReason, Pallet, LOG_TARGET};
use frame_support::traits::{
	fungible::{Mutate, MutateHold},
	tokens::{Fortitude, Precision, Restriction},
};
use sp_runtime::traits::Zero;

impl<T: Config> Pallet<T> {
	/// Mint `amount` into `who`'s free balance (new issuance). Returns whether it was
	/// minted; a failure (e.g. total issuance overflow) is logged and the reward is not
	/// paid, without stopping settlement.
	pub(crate) fn pay_reward(who: &T::AccountId, amount: BalanceOf<T>) -> bool {
		match T::Currency::mint_into(who, amount) {
			Ok(_) => true,
			Err(e) => {
				log::warn!(target: LOG_TARGET, "reward of {amount:?} to {who:?} not minted: {e:?}");
				false
			},
		}
	}

	/// Hold `amount` of `who`'s free balance for `reason`; `InsufficientFunds` if it cannot.
	pub(crate) fn hold(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<(), Error<T>> {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&reason.into(), who, amount).map_err(|_| Error::<T>::InsufficientFunds)
	}

	/// Release `amount` held on `who` for `reason` to its free balance; what was released.
	/// Less than asked is logged (it cannot happen while the invariants hold).
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> BalanceOf<T> {
		if amount.is_zero() {
			return amount;
		}
		match T::Currency::release(&reason.into(), who, amount, Precision::BestEffort) {
			Ok(released) => {
				if released < amount {
					log::error!(
						target: LOG_TARGET,
						"released {released:?} of {amount:?} held on {who:?} for {reason:?}"
					);
				}
				released
			},
			Err(e) => {
				log::error!(target: LOG_TARGET, "hold of {who:?} for {reason:?} not released: {e:?}");
				Zero::zero()
			},
		}
	}

	/// Pay `amount` of the fee held on `payer` to `to`'s free balance. Returns whether it
	/// moved; a failure is logged and the amount stays held (released with the rest).
	pub(crate) fn pay_from_fee(
		payer: &T::AccountId,
		to: &T::AccountId,
		amount: BalanceOf<T>,
	) -> bool {
		if amount.is_zero() {
			return true;
		}
		match T::Currency::transfer_on_hold(
			&HoldReason::SequenceFee.into(),
			payer,
			to,
			amount,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		) {
			Ok(_) => true,
			Err(e) => {
				log::warn!(
					target: LOG_TARGET,
					"fee of {amount:?} from {payer:?} to {to:?} not paid: {e:?}"
				);
				false
			},
		}
	}
}
