//! Benchmarks of the calls and of settlement, each in its worst case.
//!
//! Proofs and keys come from `ProofVerifier::benchmark_fixture`, so that on the runtime the
//! real verifier is measured inside `register_rollup`, `submit_sequence` and `submit_proof`;
//! provers are made active with `ProverStaking::benchmark_make_active`, so that the real
//! registry is measured inside settlement and the incorrect-proof slash.

mod setup;

use super::*;
use crate::Pallet as ZkpSubmission;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::{
	pallet_prelude::*,
	traits::{EnsureOrigin, Get},
};
use frame_system::RawOrigin;
use setup::*;
use sp_core::H256;
use sp_runtime::{
	traits::{One, Saturating, Zero},
	SaturatedConversion,
};
use zkmine_primitives::{commitment, proof_hash, ProofVerifier, ProverStaking, SequenceId};

#[benchmarks]
mod benchmarks {
	use super::*;

	/// An open registration: the key checked, the deposit held.
	#[benchmark]
	fn register_rollup(p: Linear<0, { T::MaxPublicInputs::get() }>) -> Result<(), BenchmarkError> {
		let (vk, _, _) = T::Verifier::benchmark_fixture(p);
		let deposit = ZkpSubmission::<T>::registration_deposit(vk.len().saturated_into());
		let vk = bounded(vk)?;
		let owner = funded::<T>("owner", 0)?;
		let sequencer: T::AccountId = account("sequencer", 0, SEED);
		let id = NextRollupId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), sequencer, vk);

		let rollup = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("not registered"))?;
		assert_eq!((rollup.key_version, rollup.deposit), (0, Some(deposit)));
		Ok(())
	}

	/// Governance registers a slotted rollup without a deposit.
	#[benchmark]
	fn force_register_rollup(
		p: Linear<0, { T::MaxPublicInputs::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::RegisterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (vk, _, _) = T::Verifier::benchmark_fixture(p);
		let vk = bounded(vk)?;
		let owner: T::AccountId = account("owner", 0, SEED);
		let sequencer: T::AccountId = account("sequencer", 0, SEED);
		let id = NextRollupId::<T>::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, owner.clone(), sequencer, vk);

		let rollup = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("not registered"))?;
		assert_eq!((rollup.owner, rollup.deposit, rollup.slotted), (owner, None, true));
		Ok(())
	}

	/// The owner replaces a key without inputs by one with `p`: the longer key holds more.
	#[benchmark]
	fn update_verifying_key(
		p: Linear<0, { T::MaxPublicInputs::get() }>,
	) -> Result<(), BenchmarkError> {
		let (id, _, _, _) = rollup::<T>(0)?;
		let owner = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("no rollup"))?.owner;
		let (vk, _, _) = T::Verifier::benchmark_fixture(p);
		let vk = bounded(vk)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, vk);

		let rollup = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("rollup gone"))?;
		assert_eq!(rollup.key_version, 1);
		Ok(())
	}

	/// Worst case: every sequence of the rollup is open, has the most fee payers, and is
	/// dropped (every contribution released); the rollup is removed and its deposit released.
	#[benchmark]
	fn deregister_rollup(
		s: Linear<0, { T::MaxOpenSequencesPerRollup::get() }>,
	) -> Result<(), BenchmarkError> {
		let p = T::MaxPublicInputs::get();
		let (id, sequencer, inputs, _) = rollup::<T>(p)?;
		let owner = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("no rollup"))?.owner;
		for i in 0..s {
			let seq = sequence::<T>(id, &sequencer, &distinct(&inputs, i.saturating_add(1)))?;
			add_payers::<T>(seq, &sequencer, T::MaxFeePayers::get())?;
		}

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);

		assert!(!Rollups::<T>::contains_key(id));
		assert_eq!(Sequences::<T>::iter().count(), 0);
		Ok(())
	}

	/// Governance gives an open rollup a slot.
	#[benchmark]
	fn assign_slot() -> Result<(), BenchmarkError> {
		let origin =
			T::RegisterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (id, _, _, _) = open_rollup::<T>(1)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert_last_event::<T>(Event::SlotAssigned { rollup: id });
		Ok(())
	}

	/// Governance takes a rollup's slot.
	#[benchmark]
	fn revoke_slot() -> Result<(), BenchmarkError> {
		let origin =
			T::RegisterOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let (id, _, _, _) = rollup::<T>(1)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);

		assert_last_event::<T>(Event::SlotRevoked { rollup: id });
		Ok(())
	}

	/// The owner rotates the sequencer.
	#[benchmark]
	fn set_sequencer() -> Result<(), BenchmarkError> {
		let (id, _, _, _) = rollup::<T>(1)?;
		let owner = Rollups::<T>::get(id).ok_or(BenchmarkError::Stop("no rollup"))?.owner;
		let new: T::AccountId = account("sequencer", 1, SEED);

		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, new.clone());

		assert_last_event::<T>(Event::SequencerChanged { rollup: id, sequencer: new });
		Ok(())
	}

	/// A new payer joins a fee with one place left (every other payer compared).
	#[benchmark]
	fn add_subsidy() -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, _) = rollup::<T>(T::MaxPublicInputs::get())?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		add_payers::<T>(seq, &sequencer, T::MaxFeePayers::get().saturating_sub(1))?;
		let who = funded::<T>("subsidiser", 0)?;
		let amount = fee_unit::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), seq, amount);

		let stored = Sequences::<T>::get(seq).ok_or(BenchmarkError::Stop("no sequence"))?;
		let payers: u32 = stored.fee.len().saturated_into();
		assert_eq!(payers, T::MaxFeePayers::get());
		assert!(stored.fee.iter().any(|f| f.payer == who));
		Ok(())
	}

	/// The hook prunes `n` kept proofs of the longest length whose retention ends now.
	#[benchmark]
	fn prune_proofs(n: Linear<0, { MaxLiveSequences::<T>::get() }>) -> Result<(), BenchmarkError> {
		let now = frame_system::Pallet::<T>::block_number();
		let proof: BoundedVec<u8, T::MaxProofLen> =
			bounded((0..T::MaxProofLen::get()).map(|i| i as u8).collect())?;
		let by: T::AccountId = account("revealer", 0, SEED);
		let ids: Vec<SequenceId> = (0..n).map(u64::from).collect();
		for id in ids.iter() {
			Proofs::<T>::insert(
				id,
				StoredProof::<T> {
					rollup: 0,
					key_version: 0,
					round: 0,
					proof_hash: [0u8; 32],
					proof: proof.clone(),
					by: by.clone(),
					proved_at: now,
					expires_at: Some(now),
				},
			);
		}
		ProofExpiries::<T>::insert(now, BoundedVec::truncate_from(ids));

		#[block]
		{
			ZkpSubmission::<T>::prune_expired_proofs(now);
		}

		assert_eq!(Proofs::<T>::iter().count(), 0);
		assert!(!ProofExpiries::<T>::contains_key(now));
		Ok(())
	}

	/// Worst case: the rollup is one sequence short of its bound; `b` bytes of batch data
	/// are hashed; a fee is held. At least one public input, so that the sequences' statements differ.
	#[benchmark]
	fn submit_sequence(
		p: Linear<1, { T::MaxPublicInputs::get() }>,
		b: Linear<1, { T::MaxBatchLen::get() }>,
	) -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, _) = rollup::<T>(p)?;
		for i in 1..T::MaxOpenSequencesPerRollup::get() {
			sequence::<T>(id, &sequencer, &distinct(&inputs, i))?;
		}
		let inputs = bounded(inputs)?;
		let batch: Vec<u8> = (0..b).map(|i| i as u8).collect();
		let data_hash = H256(sp_io::hashing::blake2_256(&batch));
		let batch = bounded(batch)?;
		let next = NextSequenceId::<T>::get();
		let fee = fee_unit::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(sequencer), id, inputs, batch, fee);

		let stored = Sequences::<T>::get(next).ok_or(BenchmarkError::Stop("no sequence"))?;
		assert_eq!(stored.data_hash, data_hash);
		assert_eq!(stored.data_len, b);
		assert_eq!(stored.fee_total(), fee);
		Ok(())
	}

	/// The first commitment of a round: sets `T` and writes a full deadline entry.
	#[benchmark]
	fn commit_opening() -> Result<(), BenchmarkError> {
		let p = T::MaxPublicInputs::get();
		let (id, sequencer, inputs, proof) = rollup::<T>(p)?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		// The benchmark runner moves block 0 to 1 right before the call: start from 1 so
		// that `T` is the block read here (a runtime's genesis is block 0, a mock's is 1).
		if frame_system::Pallet::<T>::block_number().is_zero() {
			set_block::<T>(One::one());
		}
		let now = frame_system::Pallet::<T>::block_number();
		fill_deadline::<T>(
			ZkpSubmission::<T>::new_windows(now).settle_at,
			MaxLiveSequences::<T>::get().saturating_sub(1),
		);
		let who = prover::<T>("committer", 0);
		let c = commitment(&proof_hash(&proof), &who);

		#[extrinsic_call]
		commit_proof_hash(RawOrigin::Signed(who), seq, c);

		assert_eq!(windows::<T>(seq)?.commit_start, now);
		Ok(())
	}

	/// Joining a round that has `c` commitments already.
	#[benchmark]
	fn commit_proof_hash(
		c: Linear<1, { T::MaxCommitmentsPerSequence::get().saturating_sub(1) }>,
	) -> Result<(), BenchmarkError> {
		let p = T::MaxPublicInputs::get();
		let (id, sequencer, inputs, proof) = rollup::<T>(p)?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		commit_all::<T>(seq, &proof, c)?;
		let who = prover::<T>("joiner", 0);
		let commitment = commitment(&proof_hash(&proof), &who);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), seq, commitment);

		let round = Rounds::<T>::get(seq).ok_or(BenchmarkError::Stop("no round"))?;
		let len: u32 = round.commitments.len().saturated_into();
		assert_eq!(len, c.saturating_add(1));
		Ok(())
	}

	/// Worst case: the first verification of a valid proof that matches `c` commitments.
	#[benchmark]
	fn submit_proof(
		p: Linear<0, { T::MaxPublicInputs::get() }>,
		c: Linear<1, { T::MaxCommitmentsPerSequence::get() }>,
	) -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, proof) = rollup::<T>(p)?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		commit_all::<T>(seq, &proof, c)?;
		set_block::<T>(windows::<T>(seq)?.reveal_start);
		let caller = prover::<T>("revealer", 0);
		let proof = bounded(proof)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), seq, proof);

		let round = Rounds::<T>::get(seq).ok_or(BenchmarkError::Stop("no round"))?;
		assert!(round.commitments.iter().all(|x| x.validated));
		Ok(())
	}

	/// The transaction pool's check of a reveal (`CheckReveal`) in its worst case: an
	/// active prover who did not commit reveals a longest proof that matches none of a full
	/// round's commitments (every commitment is hashed).
	#[benchmark]
	fn check_reveal() -> Result<(), BenchmarkError> {
		let c = T::MaxCommitmentsPerSequence::get();
		let (id, sequencer, inputs, proof) = rollup::<T>(1)?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		commit_all::<T>(seq, &proof, c)?;
		set_block::<T>(windows::<T>(seq)?.reveal_start);
		let caller = prover::<T>("revealer", 0);
		let other: Vec<u8> = (0..T::MaxProofLen::get()).map(|i| i as u8).collect();
		let admission;

		#[block]
		{
			admission = ZkpSubmission::<T>::check_reveal(&caller, seq, &other);
		}

		assert_eq!(admission.map(|a| a.matching), Ok(false));
		Ok(())
	}

	/// A proof that does not verify against the sequence's inputs and matches the caller's
	/// own commitment among `c`: verification and an immediate slash.
	#[benchmark]
	fn submit_proof_incorrect(
		p: Linear<1, { T::MaxPublicInputs::get().max(1) }>,
		c: Linear<1, { T::MaxCommitmentsPerSequence::get() }>,
	) -> Result<(), BenchmarkError> {
		let (id, sequencer, mut inputs, proof) = rollup::<T>(p)?;
		// Other (canonical) inputs than those the fixture's proof proves.
		let first = inputs.first_mut().ok_or(BenchmarkError::Stop("no inputs"))?;
		*first = if *first == [0u8; 32] {
			// The field element 1 (little endian).
			core::array::from_fn(|i| u8::from(i == 0))
		} else {
			[0u8; 32]
		};
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		let committers = commit_all::<T>(seq, &proof, c)?;
		let caller = committers.last().cloned().ok_or(BenchmarkError::Stop("no committer"))?;
		set_block::<T>(windows::<T>(seq)?.reveal_start);
		let proof = bounded(proof)?;

		#[extrinsic_call]
		submit_proof(RawOrigin::Signed(caller.clone()), seq, proof);

		let round = Rounds::<T>::get(seq).ok_or(BenchmarkError::Stop("no round"))?;
		assert!(!round.commitments.iter().any(|x| x.prover == caller));
		Ok(())
	}

	/// The hook with nothing to do.
	#[benchmark]
	fn settle_idle() {
		let now = frame_system::Pallet::<T>::block_number();
		let weight;

		#[block]
		{
			weight = ZkpSubmission::<T>::settle_due(now, T::MaxSettlementWeight::get());
		}

		assert_eq!(weight, T::WeightInfo::settle_idle());
	}

	/// The hook's fixed cost with a full carry-over queue: read it, settle its head (a round
	/// left without commitments, so that only the bookkeeping is measured; the budget of
	/// zero lets no second round start), write back the rest.
	#[benchmark]
	fn settle_base() -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, proof) = rollup::<T>(T::MaxPublicInputs::get())?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		let who = commit_all::<T>(seq, &proof, 1)?
			.pop()
			.ok_or(BenchmarkError::Stop("no committer"))?;
		Rounds::<T>::mutate(seq, |round| {
			if let Some(round) = round {
				round.commitments.clear();
			}
		});
		let reserved = T::Staking::capacity(&who).reserved;
		T::Staking::close_commitment(&who, reserved);
		let settle_at = windows::<T>(seq)?.settle_at;
		Deadlines::<T>::remove(settle_at);
		set_block::<T>(settle_at);
		let mut ids = alloc::vec![seq];
		ids.extend((1..MaxLiveSequences::<T>::get()).map(|i| u64::MAX.saturating_sub(i.into())));
		SettlementQueue::<T>::put(BoundedVec::truncate_from(ids));

		#[block]
		{
			ZkpSubmission::<T>::settle_due(settle_at, Weight::zero());
		}

		let queue = SettlementQueue::<T>::get();
		let len: u32 = queue.len().saturated_into();
		assert_eq!(len, MaxLiveSequences::<T>::get().saturating_sub(1));
		assert!(!queue.contains(&seq));
		Ok(())
	}

	/// Settling a proved round of a slotted rollup whose `c` commitments are all validated,
	/// with a fee of `p` payers: `c` shares paid (the fee first, from every payer, the rest
	/// minted), the fee's rest released, the sequence removed and its proof kept.
	#[benchmark]
	fn settle_proved(
		c: Linear<1, { T::MaxCommitmentsPerSequence::get() }>,
		p: Linear<0, { T::MaxFeePayers::get() }>,
	) -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, proof) = rollup::<T>(T::MaxPublicInputs::get())?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		add_payers::<T>(seq, &sequencer, p)?;
		let committers = commit_all::<T>(seq, &proof, c)?;
		let windows = windows::<T>(seq)?;
		set_block::<T>(windows.reveal_start);
		let by = committers.first().cloned().ok_or(BenchmarkError::Stop("no committer"))?;
		ZkpSubmission::<T>::do_submit_proof(by, seq, bounded(proof)?)
			.map_err(|e| BenchmarkError::Stop(e.error.into()))?;
		set_block::<T>(windows.settle_at);

		#[block]
		{
			ZkpSubmission::<T>::settle_sequence(seq);
		}

		assert!(!Sequences::<T>::contains_key(seq));
		assert_eq!(Rollups::<T>::get(id).and_then(|r| r.latest_proved), Some(seq));
		assert!(Proofs::<T>::get(seq).is_some_and(|r| r.expires_at.is_some()));
		Ok(())
	}

	/// Settling a round without a valid proof: `c` committers slashed (each with a full
	/// ledger of unbonding chunks), and the sequence abandoned after its last allowed round
	/// (removal is heavier than reopening), its fee of `p` payers released.
	#[benchmark]
	fn settle_failed(
		c: Linear<0, { T::MaxCommitmentsPerSequence::get() }>,
		p: Linear<0, { T::MaxFeePayers::get() }>,
	) -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, proof) = rollup::<T>(T::MaxPublicInputs::get())?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		add_payers::<T>(seq, &sequencer, p)?;
		Sequences::<T>::mutate(seq, |s| {
			if let Some(s) = s {
				s.round = T::MaxFailedRounds::get().saturating_sub(1);
			}
		});
		// At least one commitment starts the round; `c = 0` is a round whose only
		// committer was removed (an incorrect proof slashed at reveal).
		let committers = commit_all::<T>(seq, &proof, c.max(1))?;
		if c == 0 {
			Rounds::<T>::mutate(seq, |round| {
				if let Some(round) = round {
					round.commitments.clear();
				}
			});
			for who in committers {
				let reserved = T::Staking::capacity(&who).reserved;
				T::Staking::close_commitment(&who, reserved);
			}
		}
		let windows = windows::<T>(seq)?;
		set_block::<T>(windows.settle_at);

		#[block]
		{
			ZkpSubmission::<T>::settle_sequence(seq);
		}

		assert!(!Sequences::<T>::contains_key(seq));
		assert_last_event::<T>(Event::SequenceAbandoned {
			sequence: seq,
			rollup: id,
			failed_rounds: T::MaxFailedRounds::get(),
		});
		Ok(())
	}

	/// A newcomer with a larger stake takes the place of the smallest snapshot of a full
	/// round: the displaced commitment's reservation is released.
	#[benchmark]
	fn commit_displacing() -> Result<(), BenchmarkError> {
		let p = T::MaxPublicInputs::get();
		let (id, sequencer, inputs, proof) = rollup::<T>(p)?;
		let seq = sequence::<T>(id, &sequencer, &inputs)?;
		commit_all::<T>(seq, &proof, T::MaxCommitmentsPerSequence::get())?;
		let who: T::AccountId = account("whale", 0, SEED);
		T::Staking::benchmark_make_active(&who, stake::<T>().saturating_mul(2u32.into()));
		let c = commitment(&proof_hash(&proof), &who);

		#[extrinsic_call]
		commit_proof_hash(RawOrigin::Signed(who.clone()), seq, c);

		let round = Rounds::<T>::get(seq).ok_or(BenchmarkError::Stop("no round"))?;
		let len: u32 = round.commitments.len().saturated_into();
		assert_eq!(len, T::MaxCommitmentsPerSequence::get());
		let mine = round.commitments.iter().find(|x| x.prover == who);
		let mine = mine.ok_or(BenchmarkError::Stop("not admitted"))?;
		assert_last_event::<T>(Event::ProofHashCommitted {
			sequence: seq,
			round: 0,
			prover: who.clone(),
			commitment: c,
			stake: mine.stake,
			reserved: mine.reserved,
		});
		Ok(())
	}

	/// The sequencer cancels an open sequence of a rollup at its bound of sequences; its
	/// fee of `p` payers is released.
	#[benchmark]
	fn cancel_sequence(p: Linear<0, { T::MaxFeePayers::get() }>) -> Result<(), BenchmarkError> {
		let (id, sequencer, inputs, _) = rollup::<T>(T::MaxPublicInputs::get())?;
		let mut last = 0;
		for i in 0..T::MaxOpenSequencesPerRollup::get() {
			last = sequence::<T>(id, &sequencer, &distinct(&inputs, i))?;
		}
		add_payers::<T>(last, &sequencer, p)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(sequencer.clone()), last);

		assert!(!Sequences::<T>::contains_key(last));
		assert_last_event::<T>(Event::SequenceCancelled {
			sequence: last,
			rollup: id,
			by: Some(sequencer),
		});
		Ok(())
	}

	impl_benchmark_test_suite!(ZkpSubmission, crate::mock::new_test_ext(), crate::mock::Test);
}
