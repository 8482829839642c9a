//! Every interaction with [`Config::Currency`]: the rest of the pallet moves funds only
//! through these functions, always under [`HoldReason::ProverStake`].

use crate::{BalanceOf, Config, HoldReason};
use frame_support::traits::{
	fungible::{Inspect, MutateHold},
	tokens::{Fortitude, Precision, Preservation},
};
use sp_runtime::{DispatchError, DispatchResult};

/// The balance of `who` held as prover stake.
#[cfg(any(feature = "try-runtime", feature = "runtime-benchmarks", test))]
pub fn staked<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	use frame_support::traits::fungible::InspectHold;
	T::Currency::balance_on_hold(&HoldReason::ProverStake.into(), who)
}

/// How much more of `who`'s balance can be put on hold as stake: its free balance less the
/// existential deposit it must keep. Frozen funds may be staked (as in `pallet-staking`),
/// so freezes are ignored, exactly as `MutateHold::hold` does.
pub fn free_to_stake<T: Config>(who: &T::AccountId) -> BalanceOf<T> {
	T::Currency::reducible_balance(who, Preservation::Protect, Fortitude::Force)
}

/// Put `amount` of `who`'s free balance on hold as stake.
pub fn hold<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	T::Currency::hold(&HoldReason::ProverStake.into(), who, amount)
}

/// Release exactly `amount` of `who`'s stake back to its free balance.
pub fn release<T: Config>(
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> Result<BalanceOf<T>, DispatchError> {
	T::Currency::release(&HoldReason::ProverStake.into(), who, amount, Precision::Exact)
}

/// Burn exactly `amount` of `who`'s stake: the held balance and the total issuance both
/// fall by `amount`. Forced, so that freezes on the account cannot shield it from a slash.
pub fn burn<T: Config>(
	who: &T::AccountId,
	amount: BalanceOf<T>,
) -> Result<BalanceOf<T>, DispatchError> {
	T::Currency::burn_held(
		&HoldReason::ProverStake.into(),
		who,
		amount,
		Precision::Exact,
		Fortitude::Force,
	)
}

/// The existential deposit of the currency.
pub fn existential_deposit<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance()
}

/// Fund `who` with `amount` newly minted free balance (benchmarks only).
#[cfg(feature = "runtime-benchmarks")]
pub fn mint<T: Config>(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
	use frame_support::traits::fungible::Mutate;
	T::Currency::mint_into(who, amount).map(|_| ())
}
