//! The registry as the submission pallet sees it: [`ProverStaking`], the pending
//! commitment counter behind `commitment_opened` / `commitment_closed`, and the lifetime
//! rewards behind `reward_paid`.

use crate::{BalanceOf, Config, Pallet, ProverLedger, Provers, LOG_TARGET};
use sp_runtime::Saturating;
use zkmine_primitives::{ProverStaking, SlashReason};

impl<T: Config> Pallet<T> {
	/// Count one more outstanding commitment of `who` (saturating). Unknown accounts are
	/// ignored with a warning: the submission pallet only lets active provers commit.
	pub(crate) fn do_commitment_opened(who: &T::AccountId) {
		Self::mutate_ledger(who, "commitment opened", |ledger| {
			ledger.pending_commitments = ledger.pending_commitments.saturating_add(1);
		});
	}

	/// Count one outstanding commitment of `who` less (saturating at zero). Unknown accounts
	/// are ignored with a warning.
	pub(crate) fn do_commitment_closed(who: &T::AccountId) {
		Self::mutate_ledger(who, "commitment closed", |ledger| {
			if ledger.pending_commitments == 0 {
				log::warn!(target: LOG_TARGET, "commitment closed for {who:?} with none pending");
			}
			ledger.pending_commitments = ledger.pending_commitments.saturating_sub(1);
		});
	}

	/// Add `amount` to the lifetime rewards of `who` (saturating). Unknown accounts are
	/// ignored with a warning: rewards go to provers that committed, which cannot
	/// deregister while a commitment is pending.
	pub(crate) fn do_reward_paid(who: &T::AccountId, amount: BalanceOf<T>) {
		Self::mutate_ledger(who, "reward paid", |ledger| {
			ledger.rewarded = ledger.rewarded.saturating_add(amount);
		});
	}

	/// Apply `f` to the ledger of `who` if `who` is registered; otherwise log that `what`
	/// was ignored. Bookkeeping only: callers never move funds here.
	fn mutate_ledger(who: &T::AccountId, what: &str, f: impl FnOnce(&mut ProverLedger<T>)) {
		let known = Provers::<T>::mutate_exists(who, |maybe_ledger| maybe_ledger.as_mut().map(f));
		if known.is_none() {
			log::warn!(target: LOG_TARGET, "{what} for unregistered {who:?} ignored");
		}
	}

	/// Make `who` an active prover with at least `stake` bonded, minting what it lacks.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn do_benchmark_make_active(who: &T::AccountId, stake: BalanceOf<T>) {
		use crate::asset;
		use frame_support::{defensive, traits::Get};
		use sp_runtime::{traits::Zero, Saturating};

		let stake = stake.max(T::MinProverStake::get());
		let missing = stake.saturating_sub(Self::active_stake(who));
		if missing.is_zero() {
			return;
		}
		let result =
			asset::mint::<T>(who, missing.saturating_add(asset::existential_deposit::<T>()))
				.and_then(|()| {
					if Provers::<T>::contains_key(who) {
						Self::do_bond_extra(who, missing)
					} else {
						Self::do_register(who, missing)
					}
				});
		if let Err(e) = result {
			defensive!("benchmark_make_active failed", e);
		}
	}
}

impl<T: Config> ProverStaking<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn is_active(who: &T::AccountId) -> bool {
		Pallet::<T>::is_active(who)
	}

	fn active_stake(who: &T::AccountId) -> BalanceOf<T> {
		Pallet::<T>::active_stake(who)
	}

	fn slash(
		who: &T::AccountId,
		stake_snapshot: BalanceOf<T>,
		reason: SlashReason,
	) -> BalanceOf<T> {
		Pallet::<T>::do_slash(who, stake_snapshot, reason)
	}

	fn commitment_opened(who: &T::AccountId) {
		Pallet::<T>::do_commitment_opened(who)
	}

	fn commitment_closed(who: &T::AccountId) {
		Pallet::<T>::do_commitment_closed(who)
	}

	fn reward_paid(who: &T::AccountId, amount: BalanceOf<T>) {
		Pallet::<T>::do_reward_paid(who, amount)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_make_active(who: &T::AccountId, stake: BalanceOf<T>) {
		Pallet::<T>::do_benchmark_make_active(who, stake)
	}
}
