//! Shared setup of the benchmarks: funded accounts, active provers, registered rollups,
//! sequences with fee payers, commitments, and the block and storage fixtures.

use crate::Pallet as ZkpSubmission;
use crate::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};
use zkmine_primitives::{
	commitment, proof_hash, FieldElement, ProofVerifier, ProverStaking, RollupId, SequenceId,
};

pub(super) const SEED: u32 = 0;

pub(super) fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

/// A stake comfortably above any minimum: a million rewards, or 10^9 base units.
pub(super) fn stake<T: Config>() -> BalanceOf<T> {
	T::RewardPerSequence::get()
		.saturating_mul(1_000_000u32.into())
		.max(1_000_000_000u32.into())
}

/// An active prover.
pub(super) fn prover<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Staking::benchmark_make_active(&who, stake::<T>());
	who
}

/// Give `who` enough free balance for deposits of the longest keys and many fees.
pub(super) fn fund<T: Config>(who: &T::AccountId) -> Result<(), BenchmarkError> {
	let amount = ZkpSubmission::<T>::registration_deposit(T::MaxVerifyingKeyLen::get())
		.saturating_mul(4u32.into())
		.saturating_add(fee_unit::<T>().saturating_mul(10_000u32.into()))
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::mint_into(who, amount).map_err(|_| BenchmarkError::Stop("cannot fund"))?;
	Ok(())
}

/// The least fee contribution (at least one base unit).
pub(super) fn fee_unit<T: Config>() -> BalanceOf<T> {
	T::MinFeeContribution::get().max(1u32.into())
}

/// A funded account.
pub(super) fn funded<T: Config>(
	name: &'static str,
	index: u32,
) -> Result<T::AccountId, BenchmarkError> {
	let who: T::AccountId = account(name, index, SEED);
	fund::<T>(&who)?;
	Ok(who)
}

/// `p` payers (the first one the sequencer) contribute to the fee of `sequence`.
pub(super) fn add_payers<T: Config>(
	sequence: SequenceId,
	sequencer: &T::AccountId,
	p: u32,
) -> Result<(), BenchmarkError> {
	for i in 0..p {
		let payer = if i == 0 { sequencer.clone() } else { funded::<T>("payer", i)? };
		ZkpSubmission::<T>::do_add_subsidy(payer, sequence, fee_unit::<T>())
			.map_err(|e| BenchmarkError::Stop(e.into()))?;
	}
	Ok(())
}

pub(super) fn bounded<S: Get<u32>, X>(v: Vec<X>) -> Result<BoundedVec<X, S>, BenchmarkError> {
	BoundedVec::try_from(v).map_err(|_| BenchmarkError::Stop("fixture exceeds a bound"))
}

/// A rollup id, its sequencer, the fixture's public inputs and proof.
pub(super) type RollupFixture<T> =
	(RollupId, <T as frame_system::Config>::AccountId, Vec<FieldElement>, Vec<u8>);

/// A registered rollup with a reward slot whose key expects `p` public inputs, owned by
/// `owner` 0, with a funded sequencer.
pub(super) fn rollup<T: Config>(p: u32) -> Result<RollupFixture<T>, BenchmarkError> {
	let id = open_rollup::<T>(p)?.0;
	ZkpSubmission::<T>::do_assign_slot(id).map_err(|e| BenchmarkError::Stop(e.into()))?;
	open_rollup_fixture::<T>(id, p)
}

/// A registered rollup without a slot (as `rollup`).
pub(super) fn open_rollup<T: Config>(p: u32) -> Result<RollupFixture<T>, BenchmarkError> {
	let (vk, _, _) = T::Verifier::benchmark_fixture(p);
	let owner = funded::<T>("owner", 0)?;
	let sequencer = funded::<T>("sequencer", 0)?;
	let id = NextRollupId::<T>::get();
	ZkpSubmission::<T>::do_register_rollup(owner, sequencer, bounded(vk)?)
		.map_err(|e| BenchmarkError::Stop(e.error.into()))?;
	open_rollup_fixture::<T>(id, p)
}

pub(super) fn open_rollup_fixture<T: Config>(
	id: RollupId,
	p: u32,
) -> Result<RollupFixture<T>, BenchmarkError> {
	let (_, inputs, proof) = T::Verifier::benchmark_fixture(p);
	let sequencer = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("no rollup"))?.sequencer;
	Ok((id, sequencer, inputs, proof))
}

/// A sequence of `rollup` with `inputs`.
pub(super) fn sequence<T: Config>(
	rollup: RollupId,
	sequencer: &T::AccountId,
	inputs: &[FieldElement],
) -> Result<SequenceId, BenchmarkError> {
	let id = NextSequenceId::<T>::get();
	ZkpSubmission::<T>::do_submit_sequence(
		sequencer.clone(),
		rollup,
		bounded(inputs.to_vec())?,
		&[7u8; 32],
		Zero::zero(),
	)
	.map_err(|e| BenchmarkError::Stop(e.into()))?;
	Ok(id)
}

/// `inputs` made distinct by `i` (its first input's low bytes; `i = 0` leaves them as they
/// are, so that the fixture's proof still proves them): unfinished sequences of a rollup
/// must not share a statement.
pub(super) fn distinct(inputs: &[FieldElement], i: u32) -> Vec<FieldElement> {
	let mut out = inputs.to_vec();
	if i > 0 {
		if let Some(first) = out.first_mut() {
			for (b, v) in first.iter_mut().zip(i.to_le_bytes()) {
				*b = v;
			}
		}
	}
	out
}

/// `c` provers commit to `proof` for `sequence` (the first one opens the round).
pub(super) fn commit_all<T: Config>(
	sequence: SequenceId,
	proof: &[u8],
	c: u32,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	let hash = proof_hash(proof);
	(0..c)
		.map(|i| {
			let who = prover::<T>("committer", i);
			ZkpSubmission::<T>::do_commit_proof_hash(
				who.clone(),
				sequence,
				commitment(&hash, &who),
			)
			.map_err(|e| BenchmarkError::Stop(e.error.into()))?;
			Ok(who)
		})
		.collect()
}

/// Move to block `n`.
pub(super) fn set_block<T: Config>(n: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(n);
}

/// The windows the round recorded at its first commitment.
pub(super) fn windows<T: Config>(
	sequence: SequenceId,
) -> Result<Windows<BlockNumberFor<T>>, BenchmarkError> {
	Sequences::<T>::get(sequence)
		.and_then(|s| s.windows)
		.ok_or(BenchmarkError::Stop("round not started"))
}

/// Fill the deadline entry at `block` with `n` placeholder ids (worst-case entry size).
pub(super) fn fill_deadline<T: Config>(block: BlockNumberFor<T>, n: u32) {
	let ids: Vec<SequenceId> = (0..n).map(|i| u64::MAX.saturating_sub(i.into())).collect();
	Deadlines::<T>::insert(block, BoundedVec::truncate_from(ids));
}
