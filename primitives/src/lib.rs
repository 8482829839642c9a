//! Types and traits shared by the zkmine pallets, the runtime and the off-chain clients.
//!
//! * identifiers: [`RollupId`], [`SequenceId`], [`RoundIndex`];
//! * the commitment function of the two-step submission: [`proof_hash`] and [`commitment`];
//! * [`ProverStaking`]: how `pallet-zkp-submission` sees the stake of provers (implemented by
//!   `pallet-prover-registry`), with [`SlashReason`] naming the punishment levels;
//! * [`ProofVerifier`]: how `pallet-zkp-submission` checks verifying keys and proofs
//!   (implemented by the Groth16 verifier in the runtime, by a mock in unit tests).
//!
//! Neither pallet names the other: the runtime is the only place that joins them.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::weights::Weight;
use scale_info::TypeInfo;

/// Identifier of a registered rollup.
pub type RollupId = u32;
/// Global identifier of a sequence (a batch awaiting a validity proof). Never reused.
pub type SequenceId = u64;
/// Index of a commit/reveal round of one sequence; the first round is 0.
pub type RoundIndex = u32;
/// A 32-byte hash: proof hashes and commitments.
pub type Hash32 = [u8; 32];
/// One public input of a proof: a field element, 32 bytes little-endian.
pub type FieldElement = [u8; 32];

/// `blake2_256(proof_bytes)`: the hash of the exact bytes later passed to the reveal call.
pub fn proof_hash(proof: &[u8]) -> Hash32 {
	sp_io::hashing::blake2_256(proof)
}

/// The commitment a prover submits in the commit window:
/// `blake2_256(proof_hash ++ SCALE(account))`.
///
/// Binding the account into the hash is what stops proof theft: a commitment copied from
/// another prover does not match the copier's own account, and a proof seen in the reveal
/// window cannot be committed to any more.
pub fn commitment<AccountId: Encode>(proof_hash: &Hash32, who: &AccountId) -> Hash32 {
	let mut preimage = alloc::vec::Vec::with_capacity(32 + who.size_hint());
	preimage.extend_from_slice(proof_hash);
	who.encode_to(&mut preimage);
	sp_io::hashing::blake2_256(&preimage)
}

/// Why a prover is slashed. Each reason has its own configurable level (a `Perbill` of the
/// commitment's stake snapshot) in the staking backend.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum SlashReason {
	/// The prover committed in a round that produced a valid proof, but no valid proof
	/// matched its commitment.
	IncorrectHash,
	/// The prover revealed a proof that matched its own commitment and failed verification.
	IncorrectProof,
	/// The round ended with no valid proof at all: every committer is punished.
	NoValidProof,
}

/// The stake of provers, as the submission pallet needs it.
///
/// Implemented by `pallet-prover-registry`. The submission pallet takes a stake snapshot
/// at commit time, tells the backend while a commitment is outstanding (so that the prover
/// cannot deregister from under it), and slashes by reason.
pub trait ProverStaking<AccountId, Balance> {
	/// Whether `who` is a registered prover whose bonded (not unbonding) stake is at least
	/// the minimum: only active provers may commit and reveal.
	fn is_active(who: &AccountId) -> bool;

	/// The bonded (not unbonding) stake of `who`; zero for an unknown account.
	fn active_stake(who: &AccountId) -> Balance;

	/// Slash `who` for `reason`: the backend's level for that reason applied to
	/// `stake_snapshot`, capped by what `who` still holds, bonded stake first, then
	/// unbonding chunks. The slashed funds are burned. Returns the amount burned.
	fn slash(who: &AccountId, stake_snapshot: Balance, reason: SlashReason) -> Balance;

	/// A commitment of `who` is now outstanding (until its round settles).
	fn commitment_opened(who: &AccountId);

	/// A commitment of `who` is no longer outstanding (settled or removed).
	fn commitment_closed(who: &AccountId);

	/// `amount` was minted to `who` as its share of a sequence reward. The backend keeps
	/// it in the prover's lifetime statistics (what a prover client reports as earned).
	fn reward_paid(who: &AccountId, amount: Balance);

	/// Make `who` an active prover holding `stake` (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_make_active(who: &AccountId, stake: Balance);
}

/// Why a verifying key, proof or public input was refused by a [`ProofVerifier`].
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum VerifierError {
	/// The verifying key bytes do not decode (bad length, point not on the curve, not in
	/// the prime-order subgroup, trailing bytes, ...).
	MalformedVerifyingKey,
	/// The verifying key expects more public inputs than the chain allows.
	TooManyPublicInputs,
	/// The proof bytes do not decode.
	MalformedProof,
	/// A public input is not a canonical field element (not strictly below the modulus).
	NonCanonicalPublicInput,
	/// The number of public inputs differs from what the verifying key expects.
	PublicInputCountMismatch,
}

/// Checks verifying keys at rollup registration and proofs at reveal.
pub trait ProofVerifier {
	/// Fully validate `vk` (decoding, point and subgroup checks) and return how many public
	/// inputs it expects. Keys expecting more than `max_public_inputs` are refused.
	fn validate_verifying_key(vk: &[u8], max_public_inputs: u32) -> Result<u32, VerifierError>;

	/// Check that `public_inputs` suit `vk`: the count it expects, each a canonical field
	/// element. Used when a sequence is submitted, so that no round starts on inputs that
	/// no proof could ever match.
	fn validate_public_inputs(
		vk: &[u8],
		public_inputs: &[FieldElement],
	) -> Result<(), VerifierError>;

	/// Verify `proof` against `vk` and `public_inputs`. `Ok(true)`: valid; `Ok(false)`: well
	/// formed but does not verify; `Err(_)`: malformed input.
	fn verify(
		vk: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError>;

	/// An upper bound of the weight of one [`ProofVerifier::verify`] call with
	/// `public_inputs` inputs (used by the submission pallet on top of its own benchmarked
	/// bookkeeping where the verifier is not part of the benchmark).
	fn verify_weight(public_inputs: u32) -> Weight;

	/// A verifying key with `public_inputs` inputs, matching public inputs, and a valid
	/// proof of them, for benchmarks of the worst case.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fixture(
		public_inputs: u32,
	) -> (alloc::vec::Vec<u8>, alloc::vec::Vec<FieldElement>, alloc::vec::Vec<u8>);
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn commitment_binds_proof_and_account() {
		let h = proof_hash(b"proof");
		assert_eq!(h, sp_io::hashing::blake2_256(b"proof"));
		let a = commitment(&h, &1u64);
		let b = commitment(&h, &2u64);
		assert_ne!(a, b);
		let mut pre = h.to_vec();
		pre.extend_from_slice(&1u64.to_le_bytes());
		assert_eq!(a, sp_io::hashing::blake2_256(&pre));
		assert_ne!(commitment(&proof_hash(b"other"), &1u64), a);
	}
}
