//! The registry as the submission pallet sees it: [`ProverStaking`], the exposure rule and
//! the reservations behind `open_commitment` / `close_commitment`, and the lifetime rewards
//! behind `reward_paid`.

use crate::{BalanceOf, Config, Pallet, ProverLedger, Provers, LOG_TARGET};
use frame_support::traits::Get;
use sp_runtime::{Perbill, Saturating};
use zkmine_primitives::{
	commitment_exposure, CommitRefusal, Exposure, ProverCapacity, ProverStaking, SlashReason,
};

impl<T: Config> Pallet<T> {
	/// The largest configured slash level: what a commitment reserves of its snapshot.
	pub fn max_slash_level() -> Perbill {
		Self::slash_level(SlashReason::IncorrectHash)
			.max(Self::slash_level(SlashReason::IncorrectProof))
			.max(Self::slash_level(SlashReason::NoValidProof))
	}

	/// The capacity of `who` (see [`ProverStaking::capacity`]).
	pub fn capacity(who: &T::AccountId) -> ProverCapacity<BalanceOf<T>> {
		let Some(ledger) = Provers::<T>::get(who) else { return ProverCapacity::default() };
		ProverCapacity {
			bonded: ledger.bonded,
			reserved: ledger.reserved,
			free: ledger.free(),
			active: ledger.is_active(),
			next: Self::exposure_of(&ledger),
		}
	}

	/// The exposure a new commitment of `ledger`'s prover would get, by the protocol's rule.
	fn exposure_of(ledger: &ProverLedger<T>) -> Option<Exposure<BalanceOf<T>>> {
		if !ledger.is_active() {
			return None;
		}
		commitment_exposure(
			ledger.bonded,
			ledger.reserved,
			T::MinProverStake::get(),
			Self::max_slash_level(),
		)
	}

	/// Open a commitment of `who`: reserve its exposure and count it as outstanding.
	pub(crate) fn do_open_commitment(
		who: &T::AccountId,
	) -> Result<Exposure<BalanceOf<T>>, CommitRefusal> {
		Provers::<T>::try_mutate(who, |maybe_ledger| {
			let ledger = maybe_ledger.as_mut().ok_or(CommitRefusal::NotActive)?;
			if !ledger.is_active() {
				return Err(CommitRefusal::NotActive);
			}
			let exposure = Self::exposure_of(ledger).ok_or(CommitRefusal::InsufficientCapacity)?;
			ledger.reserved = ledger.reserved.saturating_add(exposure.reserved);
			ledger.pending_commitments = ledger.pending_commitments.saturating_add(1);
			Ok(exposure)
		})
	}

	/// Close a commitment of `who` that reserved `reserved`: release the reservation and
	/// count one outstanding commitment less (both saturating at zero, with a warning).
	/// Unknown accounts are ignored with a warning.
	pub(crate) fn do_close_commitment(who: &T::AccountId, reserved: BalanceOf<T>) {
		Self::mutate_ledger(who, "commitment closed", |ledger| {
			if ledger.pending_commitments == 0 || ledger.reserved < reserved {
				log::warn!(
					target: LOG_TARGET,
					"commitment of {who:?} closed beyond what was open ({} pending, {:?} reserved, \
					 {reserved:?} released)",
					ledger.pending_commitments,
					ledger.reserved,
				);
			}
			ledger.pending_commitments = ledger.pending_commitments.saturating_sub(1);
			ledger.reserved = ledger.reserved.saturating_sub(reserved);
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

	/// Make `who` an active prover with at least `stake` bonded, minting what it lacks, and
	/// give it `MaxUnbondingChunks` unbonding chunks of the minimum stake each (far from
	/// maturing), so that every slash and ledger access is measured with a full ledger.
	#[cfg(feature = "runtime-benchmarks")]
	pub(crate) fn do_benchmark_make_active(who: &T::AccountId, stake: BalanceOf<T>) {
		use crate::{asset, UnbondingChunk};
		use frame_support::defensive;
		use sp_runtime::{traits::Zero, DispatchResult, Saturating};

		let min = T::MinProverStake::get();
		let stake = stake.max(min);
		let missing = stake.saturating_sub(Self::active_stake(who));
		if missing.is_zero() {
			return;
		}
		let chunks = T::MaxUnbondingChunks::get();
		let in_chunks = min.saturating_mul(chunks.into());
		let result = asset::mint::<T>(
			who,
			missing
				.saturating_add(in_chunks)
				.saturating_add(asset::existential_deposit::<T>()),
		)
		.and_then(|()| {
			if Provers::<T>::contains_key(who) {
				Self::do_bond_extra(who, missing)
			} else {
				Self::do_register(who, missing)
			}
		})
		.and_then(|()| -> DispatchResult {
			let Some(mut ledger) = Provers::<T>::get(who) else { return Ok(()) };
			if !ledger.unbonding.is_empty() {
				return Ok(());
			}
			let far =
				frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
			let mut unlock_at = far;
			for _ in 0..chunks {
				unlock_at = unlock_at.saturating_add(1u32.into());
				let _ = ledger.unbonding.try_push(UnbondingChunk { value: min, unlock_at });
			}
			asset::hold::<T>(who, in_chunks)?;
			Provers::<T>::insert(who, ledger);
			Ok(())
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

	fn capacity(who: &T::AccountId) -> ProverCapacity<BalanceOf<T>> {
		Pallet::<T>::capacity(who)
	}

	fn open_commitment(who: &T::AccountId) -> Result<Exposure<BalanceOf<T>>, CommitRefusal> {
		Pallet::<T>::do_open_commitment(who)
	}

	fn close_commitment(who: &T::AccountId, reserved: BalanceOf<T>) {
		Pallet::<T>::do_close_commitment(who, reserved)
	}

	fn slash(
		who: &T::AccountId,
		stake_snapshot: BalanceOf<T>,
		reason: SlashReason,
	) -> BalanceOf<T> {
		Pallet::<T>::do_slash(who, stake_snapshot, reason)
	}

	fn reward_paid(who: &T::AccountId, amount: BalanceOf<T>) {
		Pallet::<T>::do_reward_paid(who, amount)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_make_active(who: &T::AccountId, stake: BalanceOf<T>) {
		Pallet::<T>::do_benchmark_make_active(who, stake)
	}
}
