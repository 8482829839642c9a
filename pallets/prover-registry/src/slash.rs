//! Slashing: a share of a stake snapshot, taken from bonded stake first, then from the
//! unbonding chunks newest first, and burned.

use crate::{
	asset, weights::WeightInfo, BalanceOf, Config, Event, Pallet, ProverLedger, Provers, LOG_TARGET,
};
use frame_support::{defensive, traits::Get, weights::Weight};
use sp_runtime::{traits::Zero, Perbill, Saturating};
use zkmine_primitives::SlashReason;

impl<T: Config> Pallet<T> {
	/// The configured slash level for `reason`.
	pub fn slash_level(reason: SlashReason) -> Perbill {
		match reason {
			SlashReason::IncorrectHash => T::IncorrectHashSlash::get(),
			SlashReason::IncorrectProof => T::IncorrectProofSlash::get(),
			SlashReason::NoValidProof => T::NoValidProofSlash::get(),
		}
	}

	/// The amount a slash for `reason` of `stake_snapshot` aims at, before the cap by what
	/// the prover holds: the level applied to the snapshot, rounded down.
	pub fn slash_target(stake_snapshot: BalanceOf<T>, reason: SlashReason) -> BalanceOf<T> {
		Self::slash_level(reason).mul_floor(stake_snapshot)
	}

	/// An upper bound of the weight of one `ProverStaking::slash` call: the benchmarked
	/// slash path with the ledger at `MaxUnbondingChunks`.
	pub fn slash_weight() -> Weight {
		T::WeightInfo::slash(T::MaxUnbondingChunks::get())
	}

	/// Slash `who` for `reason`: see [`zkmine_primitives::ProverStaking::slash`].
	///
	/// Returns the amount burned. Unknown accounts and zero targets burn nothing and emit
	/// nothing.
	pub(crate) fn do_slash(
		who: &T::AccountId,
		stake_snapshot: BalanceOf<T>,
		reason: SlashReason,
	) -> BalanceOf<T> {
		let Some(mut ledger) = Provers::<T>::get(who) else {
			log::warn!(target: LOG_TARGET, "slash of unregistered account {who:?} ignored");
			return Zero::zero();
		};
		let target = Self::slash_target(stake_snapshot, reason);
		if target.is_zero() {
			return Zero::zero();
		}

		let was_active = ledger.is_active();
		let amount = Self::take_from_ledger(&mut ledger, target);
		if amount.is_zero() {
			return Zero::zero();
		}

		// The ledger is written only after the burn succeeded, so that it keeps matching
		// the held balance whatever happens.
		match asset::burn::<T>(who, amount) {
			Ok(burned) if burned == amount => {},
			result => {
				defensive!("burning a slash covered by the ledger failed", result);
				return Zero::zero();
			},
		}
		ledger.slashed = ledger.slashed.saturating_add(amount);
		let bonded = ledger.bonded;
		let now_active = ledger.is_active();
		Provers::<T>::insert(who, ledger);

		Self::deposit_event(Event::Slashed { who: who.clone(), amount, reason });
		if was_active && !now_active {
			Self::deposit_event(Event::BecameInactive { who: who.clone(), bonded });
		}
		amount
	}

	/// Reduce `ledger` by up to `target`: bonded stake first, then unbonding chunks from the
	/// newest (last created) to the oldest; emptied chunks are removed. Returns the amount
	/// taken, which is less than `target` only when the ledger held less.
	pub(crate) fn take_from_ledger(
		ledger: &mut ProverLedger<T>,
		target: BalanceOf<T>,
	) -> BalanceOf<T> {
		let from_bonded = target.min(ledger.bonded);
		ledger.bonded = ledger.bonded.saturating_sub(from_bonded);
		let mut left = target.saturating_sub(from_bonded);

		for chunk in ledger.unbonding.iter_mut().rev() {
			if left.is_zero() {
				break;
			}
			let from_chunk = left.min(chunk.value);
			chunk.value = chunk.value.saturating_sub(from_chunk);
			left = left.saturating_sub(from_chunk);
		}
		ledger.unbonding.retain(|chunk| !chunk.value.is_zero());

		target.saturating_sub(left)
	}
}
