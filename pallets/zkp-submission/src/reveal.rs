//! Step two of the two-step submission: revealing a proof in `T + C + 1 ..= T + C + R`.
//!
//! A valid proof validates every commitment that equals `commitment(proof_hash, account)`
//! for its own account, and proves the sequence if it is the first valid one. An invalid
//! (or malformed) proof that matches the caller's own commitment slashes the caller at once
//! and removes its commitment; the call then succeeds so that the slash stands. Any other
//! proof that changes nothing fails with an error.
//!
//! Only the prover's fault is punished: a verifier error other than `MalformedProof` (a
//! stored key or inputs the verifier no longer accepts) fails the call with that error.
//! A prover with a commitment in the round may reveal even if it is no longer active.

use crate::{
	BalanceOf, Commitment, Config, Error, Event, Pallet, ProvedBy, Round, Rounds, Sequence,
	Sequences, VerifyingKeys, WeightInfo,
};
use alloc::vec::Vec;
use frame_support::{
	dispatch::DispatchResultWithPostInfo, ensure, pallet_prelude::*, weights::Weight,
};
use sp_runtime::SaturatedConversion;
use zkmine_primitives::{
	commitment, proof_hash, Hash32, ProofVerifier, ProverStaking, SequenceId, SlashReason,
	VerifierError,
};

/// A reveal that passed [`Pallet::admit_reveal`]: what it read.
pub(crate) struct Admitted<T: Config> {
	pub sequence: Sequence<T>,
	pub round: Round<T>,
	/// The last block of the reveal window.
	pub reveal_end: frame_system::pallet_prelude::BlockNumberFor<T>,
}

/// What verification said about a revealed proof.
enum Verdict {
	/// Verified valid now or earlier in this round.
	Valid,
	/// Decoded but did not verify.
	Invalid,
	/// Did not decode.
	Malformed,
}

impl<T: Config> Pallet<T> {
	/// Reveal `proof` for `sequence_id` on behalf of `who`.
	pub(crate) fn do_submit_proof(
		who: T::AccountId,
		sequence_id: SequenceId,
		proof: BoundedVec<u8, T::MaxProofLen>,
	) -> DispatchResultWithPostInfo {
		let Admitted { mut sequence, mut round, .. } = Self::admit_reveal(&who, sequence_id)?;
		let hash = proof_hash(&proof);
		let known_valid = sequence.proved.as_ref().is_some_and(|p| p.proof_hash == hash)
			|| round.valid_proofs.contains(&hash);
		let verdict = if known_valid {
			Verdict::Valid
		} else {
			let key = VerifyingKeys::<T>::get(sequence.rollup, sequence.key_version)
				.ok_or(Error::<T>::Inconsistent)?;
			match T::Verifier::verify(&key.prepared, &sequence.public_inputs, &proof) {
				Ok(true) => Verdict::Valid,
				Ok(false) => Verdict::Invalid,
				Err(VerifierError::MalformedProof) => Verdict::Malformed,
				// Not the prover's fault: refuse the call, slash nobody.
				Err(e) => return Err(Error::<T>::from_verifier(e).into()),
			}
		};

		let inputs: u32 = sequence.public_inputs.len().saturated_into();
		let commitments: u32 = round.commitments.len().saturated_into();
		match verdict {
			Verdict::Valid => {
				Self::apply_valid_proof(&who, sequence_id, &mut sequence, &mut round, hash, proof)?;
				Sequences::<T>::insert(sequence_id, sequence);
				Rounds::<T>::insert(sequence_id, round);
				Ok(Some(Self::submit_proof_weight(inputs, commitments, true)).into())
			},
			Verdict::Invalid | Verdict::Malformed => {
				let malformed = matches!(verdict, Verdict::Malformed);
				Self::punish_incorrect_proof(
					&who,
					sequence_id,
					&sequence,
					&mut round,
					hash,
					malformed,
				)?;
				Rounds::<T>::insert(sequence_id, round);
				Ok(Some(Self::submit_proof_weight(inputs, commitments, false)).into())
			},
		}
	}

	/// The checks a reveal by `who` for `sequence_id` passes before its proof is looked at,
	/// in this order: the sequence exists, its round has started, the reveal window is open
	/// at the current block, and `who` committed in the round or is an active prover. Shared
	/// by the call and by the transaction pool's check ([`crate::CheckReveal`]).
	pub(crate) fn admit_reveal(
		who: &T::AccountId,
		sequence_id: SequenceId,
	) -> Result<Admitted<T>, Error<T>> {
		let sequence = Sequences::<T>::get(sequence_id).ok_or(Error::<T>::UnknownSequence)?;
		let windows = sequence.windows.ok_or(Error::<T>::RoundNotStarted)?;
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now >= windows.reveal_start, Error::<T>::RevealNotOpen);
		ensure!(now <= windows.reveal_end, Error::<T>::RevealWindowClosed);
		let round = Rounds::<T>::get(sequence_id).ok_or(Error::<T>::Inconsistent)?;
		let committed = round.commitments.iter().any(|c| &c.prover == who);
		ensure!(committed || T::Staking::is_active(who), Error::<T>::NotActiveProver);
		Ok(Admitted { sequence, round, reveal_end: windows.reveal_end })
	}

	/// Whether a proof with hash `hash` matches a commitment of `round` that is not validated
	/// yet, for any committer. Hashing only.
	pub(crate) fn matches_open_commitment(round: &Round<T>, hash: &Hash32) -> bool {
		round.commitments.iter().any(|c| Self::opens(c, hash))
	}

	/// Whether the proof with hash `hash` validates `entry`: not validated yet, and
	/// `commitment(hash, entry.prover) == entry.commitment`. The one rule of matching, for
	/// the call and for the pool.
	fn opens(entry: &Commitment<T::AccountId, BalanceOf<T>>, hash: &Hash32) -> bool {
		!entry.validated && commitment(hash, &entry.prover) == entry.commitment
	}

	/// A valid proof with hash `hash`: validate the matching commitments, prove the sequence
	/// if it is the first (and keep the proof for clients). Fails (changing nothing) if it
	/// would change nothing.
	fn apply_valid_proof(
		who: &T::AccountId,
		sequence_id: SequenceId,
		sequence: &mut Sequence<T>,
		round: &mut Round<T>,
		hash: Hash32,
		proof: BoundedVec<u8, T::MaxProofLen>,
	) -> DispatchResult {
		let mut validated = Vec::new();
		for entry in round.commitments.iter_mut() {
			if Self::opens(entry, &hash) {
				entry.validated = true;
				validated.push(entry.prover.clone());
			}
		}
		let first = sequence.proved.is_none();
		ensure!(first || !validated.is_empty(), Error::<T>::NothingToValidate);

		if !validated.is_empty() && !round.valid_proofs.contains(&hash) {
			// Each hash kept here validated a distinct commitment: within the same bound.
			round.valid_proofs.try_push(hash).map_err(|_| Error::<T>::Inconsistent)?;
		}
		if first {
			let now = frame_system::Pallet::<T>::block_number();
			sequence.proved = Some(ProvedBy { proof_hash: hash, by: who.clone(), at: now });
			Self::record_proof(sequence_id, sequence, proof, hash, who.clone(), now);
			Self::deposit_event(Event::SequenceProved {
				sequence: sequence_id,
				rollup: sequence.rollup,
				round: sequence.round,
				proof_hash: hash,
				by: who.clone(),
			});
		}
		for prover in validated {
			Self::deposit_event(Event::CommitmentValidated {
				sequence: sequence_id,
				round: sequence.round,
				prover,
				proof_hash: hash,
			});
		}
		Ok(())
	}

	/// An invalid or malformed proof with hash `hash`: if it matches the caller's own
	/// commitment, slash the caller now and remove the commitment; otherwise fail.
	fn punish_incorrect_proof(
		who: &T::AccountId,
		sequence_id: SequenceId,
		sequence: &Sequence<T>,
		round: &mut Round<T>,
		hash: Hash32,
		malformed: bool,
	) -> DispatchResult {
		let own = commitment(&hash, who);
		let (stake, reserved) = round
			.commitments
			.iter()
			.find(|c| &c.prover == who && c.commitment == own)
			.map(|c| (c.stake, c.reserved))
			.ok_or(if malformed { Error::<T>::MalformedProof } else { Error::<T>::InvalidProof })?;
		round.commitments.retain(|c| &c.prover != who);

		let slashed = T::Staking::slash(who, stake, SlashReason::IncorrectProof);
		T::Staking::close_commitment(who, reserved);
		Self::deposit_event(Event::IncorrectProofSlashed {
			sequence: sequence_id,
			round: sequence.round,
			prover: who.clone(),
			proof_hash: hash,
			malformed,
			slashed,
		});
		Ok(())
	}

	/// The weight of `submit_proof` with `p` public inputs and `c` commitments, on the valid
	/// or the incorrect path: the benchmarks alone, which run the real verifier (on the
	/// runtime, the host function, through the node's executor), so its cost is in them.
	pub(crate) fn submit_proof_weight(p: u32, c: u32, valid: bool) -> Weight {
		if valid {
			T::WeightInfo::submit_proof(p, c)
		} else {
			T::WeightInfo::submit_proof_incorrect(p, c)
		}
	}

	/// The weight charged up front for `submit_proof`: the worst of the valid and the
	/// incorrect path, with the most public inputs and commitments.
	pub(crate) fn submit_proof_weight_bound() -> Weight {
		let p = T::MaxPublicInputs::get();
		let c = T::MaxCommitmentsPerSequence::get();
		Self::submit_proof_weight(p, c, true).max(Self::submit_proof_weight(p, c, false))
	}
}
