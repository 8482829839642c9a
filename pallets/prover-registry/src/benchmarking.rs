//! Benchmarks of every call, of the slash path and of the pending commitment counter, each
//! in its worst case.

use crate::{asset, BalanceOf, Call, Config, Event, Pallet, Provers};
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::{
	traits::{Bounded, One},
	Perbill, Saturating,
};
use zkmine_primitives::{ProverStaking, SlashReason};

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

fn min_stake<T: Config>() -> BalanceOf<T> {
	T::MinProverStake::get()
}

/// `min_stake * n`.
fn stake_times<T: Config>(n: u32) -> BalanceOf<T> {
	min_stake::<T>().saturating_mul(BalanceOf::<T>::from(n))
}

fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// The caller, funded with `free` plus the existential deposit.
fn funded_caller<T: Config>(free: BalanceOf<T>) -> Result<T::AccountId, BenchmarkError> {
	let who: T::AccountId = whitelisted_caller();
	asset::mint::<T>(&who, free.saturating_add(asset::existential_deposit::<T>()))?;
	Ok(who)
}

/// Register `who` with `stake` and then unbond `min_stake` once per block in `chunks`
/// successive blocks, starting at block 1: the ledger ends with `chunks` chunks and
/// `stake - chunks * min_stake` bonded. The current block is left at `chunks` (at least 1).
fn register_with_chunks<T: Config>(
	who: &T::AccountId,
	stake: BalanceOf<T>,
	chunks: u32,
) -> Result<(), BenchmarkError> {
	set_block::<T>(One::one());
	Pallet::<T>::register(RawOrigin::Signed(who.clone()).into(), stake)?;
	let mut block: BlockNumberFor<T> = One::one();
	for _ in 0..chunks {
		set_block::<T>(block);
		Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), min_stake::<T>())?;
		block = block.saturating_add(One::one());
	}
	Ok(())
}

/// The slash reason with the highest configured level (the slash that takes the most).
fn heaviest_reason<T: Config>() -> SlashReason {
	[SlashReason::IncorrectHash, SlashReason::IncorrectProof, SlashReason::NoValidProof]
		.into_iter()
		.max_by_key(|reason| Pallet::<T>::slash_level(*reason))
		.unwrap_or(SlashReason::IncorrectProof)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A new prover registers with the minimum stake.
	#[benchmark]
	fn register() -> Result<(), BenchmarkError> {
		let stake = min_stake::<T>();
		let who = funded_caller::<T>(stake)?;
		set_block::<T>(One::one());

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), stake);

		assert_eq!(Pallet::<T>::active_stake(&who), stake);
		assert_last_event::<T>(Event::Registered { who, stake });
		Ok(())
	}

	/// Worst case: the ledger is full of chunks (largest decode/encode) and the extra bond
	/// reactivates an inactive prover (second event).
	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		let max = T::MaxUnbondingChunks::get();
		let stake = stake_times::<T>(max.saturating_add(1));
		let who = funded_caller::<T>(stake.saturating_add(min_stake::<T>()))?;
		// `max - 1` chunks of `min_stake`, then everything left in the last chunk.
		register_with_chunks::<T>(&who, stake, max.saturating_sub(1))?;
		set_block::<T>(BlockNumberFor::<T>::from(max));
		let bonded = Pallet::<T>::active_stake(&who);
		Pallet::<T>::unbond(RawOrigin::Signed(who.clone()).into(), bonded)?;
		assert!(!Pallet::<T>::is_active(&who));
		let amount = min_stake::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), amount);

		assert!(Pallet::<T>::is_active(&who));
		assert_last_event::<T>(Event::BecameActive { who, bonded: amount });
		Ok(())
	}

	/// Worst case: `MaxUnbondingChunks - 1` chunks exist, a new one is pushed, and the prover
	/// unbonds everything and becomes inactive (second event).
	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let max = T::MaxUnbondingChunks::get();
		let stake = stake_times::<T>(max.saturating_add(1));
		let who = funded_caller::<T>(stake)?;
		register_with_chunks::<T>(&who, stake, max.saturating_sub(1))?;
		set_block::<T>(BlockNumberFor::<T>::from(max));
		let bonded = Pallet::<T>::active_stake(&who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), bonded);

		let ledger = Provers::<T>::get(&who).ok_or(BenchmarkError::Weightless)?;
		assert_eq!(ledger.unbonding.len(), max as usize);
		assert_last_event::<T>(Event::BecameInactive { who, bonded: 0u32.into() });
		Ok(())
	}

	/// `c` matured chunks are all released.
	#[benchmark]
	fn withdraw_unbonded(
		c: Linear<1, { T::MaxUnbondingChunks::get() }>,
	) -> Result<(), BenchmarkError> {
		let stake = stake_times::<T>(c.saturating_add(1));
		let who = funded_caller::<T>(stake)?;
		register_with_chunks::<T>(&who, stake, c)?;
		set_block::<T>(BlockNumberFor::<T>::from(c).saturating_add(T::UnbondingPeriod::get()));

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		let ledger = Provers::<T>::get(&who).ok_or(BenchmarkError::Weightless)?;
		assert!(ledger.unbonding.is_empty());
		assert_last_event::<T>(Event::Withdrawn { who, amount: stake_times::<T>(c) });
		Ok(())
	}

	/// A prover that unbonded and withdrew everything leaves.
	#[benchmark]
	fn deregister() -> Result<(), BenchmarkError> {
		let stake = min_stake::<T>();
		let who = funded_caller::<T>(stake)?;
		register_with_chunks::<T>(&who, stake, 1)?;
		set_block::<T>(T::UnbondingPeriod::get().saturating_add(One::one()));
		Pallet::<T>::withdraw_unbonded(RawOrigin::Signed(who.clone()).into())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));

		assert!(!Provers::<T>::contains_key(&who));
		assert_last_event::<T>(Event::Deregistered { who });
		Ok(())
	}

	/// `ProverStaking::slash` reaching through the bonded stake into all `c` chunks, newest
	/// first, burning everything and deactivating the prover.
	#[benchmark]
	fn slash(c: Linear<0, { T::MaxUnbondingChunks::get() }>) -> Result<(), BenchmarkError> {
		let stake = stake_times::<T>(c.saturating_add(1));
		let who = funded_caller::<T>(stake)?;
		register_with_chunks::<T>(&who, stake, c)?;
		let reason = heaviest_reason::<T>();
		let level = Pallet::<T>::slash_level(reason);
		// The largest snapshot: the target exceeds anything held whenever the level is > 0.
		let snapshot = BalanceOf::<T>::max_value();
		let burned;

		#[block]
		{
			burned = <Pallet<T> as ProverStaking<_, _>>::slash(&who, snapshot, reason);
		}

		if level > Perbill::zero() {
			assert_eq!(burned, stake);
			assert_eq!(asset::staked::<T>(&who), 0u32.into());
		}
		Ok(())
	}

	/// `ProverStaking::open_commitment` on a ledger full of chunks: the exposure rule and the
	/// reservation.
	#[benchmark]
	fn commitment_opened() -> Result<(), BenchmarkError> {
		let max = T::MaxUnbondingChunks::get();
		let stake = stake_times::<T>(max.saturating_add(1));
		let who = funded_caller::<T>(stake)?;
		register_with_chunks::<T>(&who, stake, max)?;

		let opened;

		#[block]
		{
			opened = <Pallet<T> as ProverStaking<_, _>>::open_commitment(&who);
		}

		let exposure = opened.map_err(|_| BenchmarkError::Stop("commitment refused"))?;
		let ledger = Provers::<T>::get(&who).ok_or(BenchmarkError::Weightless)?;
		assert_eq!(ledger.pending_commitments, 1);
		assert_eq!(ledger.reserved, exposure.reserved);
		Ok(())
	}

	/// `ProverStaking::close_commitment` on a ledger full of chunks.
	#[benchmark]
	fn commitment_closed() -> Result<(), BenchmarkError> {
		let max = T::MaxUnbondingChunks::get();
		let stake = stake_times::<T>(max.saturating_add(1));
		let who = funded_caller::<T>(stake)?;
		register_with_chunks::<T>(&who, stake, max)?;
		let exposure = <Pallet<T> as ProverStaking<_, _>>::open_commitment(&who)
			.map_err(|_| BenchmarkError::Stop("commitment refused"))?;

		#[block]
		{
			<Pallet<T> as ProverStaking<_, _>>::close_commitment(&who, exposure.reserved);
		}

		let ledger = Provers::<T>::get(&who).ok_or(BenchmarkError::Weightless)?;
		assert_eq!(ledger.pending_commitments, 0);
		assert_eq!(ledger.reserved, 0u32.into());
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
