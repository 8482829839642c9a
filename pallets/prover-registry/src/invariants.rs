//! Checks of the configuration (`integrity_test`) and of the storage (`try_state`).

use crate::{asset, Config, Pallet};
use frame_support::traits::Get;

#[cfg(any(feature = "try-runtime", test))]
use crate::Provers;
#[cfg(any(feature = "try-runtime", test))]
use sp_runtime::{traits::Zero, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Panics when the configuration breaks an assumption of the pallet:
	///
	/// * `UnbondingPeriod > SlashableWindow`: stake backing a commitment is still on hold
	///   when that commitment's round is settled, so the slash can reach it;
	/// * `MinProverStake > existential deposit`: a prover always holds a meaningful stake;
	/// * `MaxUnbondingChunks > 0`: `unbond` can work at all.
	pub(crate) fn do_integrity_test() {
		assert!(
			T::UnbondingPeriod::get() > T::SlashableWindow::get(),
			"UnbondingPeriod must exceed SlashableWindow (commit + reveal windows + settlement \
			 slack), or unbonded stake could escape a pending slash"
		);
		assert!(
			T::MinProverStake::get() > asset::existential_deposit::<T>(),
			"MinProverStake must exceed the existential deposit"
		);
		assert!(T::MaxUnbondingChunks::get() > 0, "MaxUnbondingChunks must be at least 1");
	}

	/// Checks the storage invariants:
	///
	/// * every ledger decodes, so no chunk list is over `MaxUnbondingChunks` (a bounded
	///   vector longer than its bound does not decode, e.g. after the bound was lowered);
	/// * no unbonding chunk is empty;
	/// * reserved stake never exceeds bonded stake, and only a prover with outstanding
	///   commitments has any (exposure is bounded by what a prover holds);
	/// * for every prover, the balance held under `HoldReason::ProverStake` equals bonded
	///   plus unbonding stake;
	/// * the prover counter matches the number of ledgers.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut count: u32 = 0;
		for who in Provers::<T>::iter_keys() {
			count = count.saturating_add(1);
			let ledger = Provers::<T>::try_get(&who).map_err(|()| {
				log::error!(target: crate::LOG_TARGET, "ledger of {who:?} does not decode");
				TryRuntimeError::from("a ledger does not decode (chunk list over its bound?)")
			})?;
			if ledger.unbonding.iter().any(|chunk| chunk.value.is_zero()) {
				return Err("empty unbonding chunk".into());
			}
			if ledger.reserved > ledger.bonded {
				return Err("reserved stake exceeds bonded stake".into());
			}
			if !ledger.reserved.is_zero() && ledger.pending_commitments == 0 {
				return Err("stake reserved without an outstanding commitment".into());
			}
			let held = asset::staked::<T>(&who);
			if held != ledger.total() {
				log::error!(
					target: crate::LOG_TARGET,
					"{who:?}: held {held:?}, ledger {ledger:?}",
				);
				return Err("held stake differs from bonded + unbonding".into());
			}
		}
		if count != Provers::<T>::count() {
			return Err("prover counter differs from the number of ledgers".into());
		}
		Ok(())
	}
}
