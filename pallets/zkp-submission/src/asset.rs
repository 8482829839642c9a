//! Every balance operation of the pallet. Rewards are minted here; slashes are burned by
//! the staking backend (`ProverStaking::slash`), which holds the stake.

use crate::{BalanceOf, Config, Pallet, LOG_TARGET};
use frame_support::traits::fungible::Mutate;

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
}
