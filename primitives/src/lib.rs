//! Types and traits shared by the zkmine pallets, the runtime and the off-chain clients.
//!
//! * identifiers: [`RollupId`], [`SequenceId`], [`RoundIndex`];
//! * the commitment function of the two-step submission: [`proof_hash`] and [`commitment`];
//! * [`ProverStaking`]: how `pallet-zkp-submission` sees the stake of provers (implemented by
//!   `pallet-prover-registry`), with [`SlashReason`] naming the punishment levels;
//! * [`ProofVerifier`]: how `pallet-zkp-submission` checks verifying keys and proofs
//!   (implemented by the Groth16 verifier in the runtime, by a mock in unit tests);
//! * the protocol rules that more than one place needs, each defined once here:
//!   [`batch_data_hash`], [`statement_hash`] (duplicate sequences), [`commitment_exposure`]
//!   (what a new commitment weighs and reserves) and [`slashable_window`].
//!
//! Neither pallet names the other: the runtime is the only place that joins them.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::AtLeast32BitUnsigned, Perbill};

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

/// `blake2_256(vk)`: how a registered verifying key is named on chain (events, the stored
/// record) and recognised by clients, computed over the wire-format bytes that were
/// registered (the chain stores the key prepared, not these bytes).
pub fn verifying_key_hash(vk: &[u8]) -> Hash32 {
	sp_io::hashing::blake2_256(vk)
}

/// `blake2_256(batch)`: the data hash of a sequence's batch, as the chain stores it and as
/// provers check the batch they read from the `submit_sequence` extrinsic.
pub fn batch_data_hash(batch: &[u8]) -> Hash32 {
	sp_io::hashing::blake2_256(batch)
}

/// The statement a sequence asks a proof of: `blake2_256(SCALE((rollup, key_version,
/// public_inputs)))`. Two unfinished sequences of one rollup never share a statement, so a
/// proof that is public already (revealed before, or seen in a failed transaction) cannot
/// validate a second sequence.
pub fn statement_hash(
	rollup: RollupId,
	key_version: u32,
	public_inputs: &[FieldElement],
) -> Hash32 {
	(rollup, key_version, public_inputs).using_encoded(sp_io::hashing::blake2_256)
}

/// The share of one validated commitment with stake snapshot `stake` when `total_stake` is
/// the sum of the validated snapshots of a proved round and `pot` what the round pays
/// (`reward + fee`): `floor(pot * stake / total_stake)`, exactly (256-bit intermediate); zero
/// if `total_stake` is zero. The settlement rule of the chain, and what a miner expects.
pub fn reward_share(pot: u128, stake: u128, total_stake: u128) -> u128 {
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		pot,
		stake,
		total_stake,
		sp_runtime::Rounding::Down,
	)
	.unwrap_or(0)
}

/// The longest time, in blocks, a commitment can stay unsettled: the commit window, the
/// reveal window, the settlement block, and `settlement_slack` blocks of carry-over.
/// Stake that backs a commitment must stay slashable that long (`UnbondingPeriod` above it).
pub const fn slashable_window(
	commit_window: u32,
	reveal_window: u32,
	settlement_slack: u32,
) -> u32 {
	commit_window
		.saturating_add(reveal_window)
		.saturating_add(1)
		.saturating_add(settlement_slack)
}

/// What one commitment puts at stake: its stake snapshot (the weight of its reward share and
/// the base of its slashes) and the stake it reserves until it is settled or removed.
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
	Default,
)]
pub struct Exposure<Balance> {
	/// The stake snapshot.
	pub stake: Balance,
	/// The reservation: the largest slash the commitment can incur.
	pub reserved: Balance,
}

/// The exposure rule (PROTOCOL.md, "Exposure is bounded by what a prover holds"): the
/// exposure of a new commitment of a prover with `bonded` stake of which `reserved` is
/// reserved by its open commitments, or `None` if it has no capacity left.
///
/// * free capacity = `bonded - reserved`;
/// * a commitment needs a free capacity of at least `min_stake`;
/// * its snapshot is the whole free capacity, and it reserves `max_slash_level` of that
///   snapshot, rounded up, so that no slash (a level at most `max_slash_level`, rounded down)
///   can exceed its reservation.
///
/// Hence the reservations of a prover never exceed its bonded stake, whatever the number of
/// its open commitments, and a prover at the minimum stake can be in one round at a time.
pub fn commitment_exposure<Balance: AtLeast32BitUnsigned + Copy>(
	bonded: Balance,
	reserved: Balance,
	min_stake: Balance,
	max_slash_level: Perbill,
) -> Option<Exposure<Balance>> {
	let free = bonded.saturating_sub(reserved);
	if free < min_stake || free.is_zero() {
		return None;
	}
	Some(Exposure { stake: free, reserved: max_slash_level.mul_ceil(free) })
}

/// A prover's stake as far as committing goes (runtime API, clients).
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
	Default,
)]
pub struct ProverCapacity<Balance> {
	/// Bonded (not unbonding) stake.
	pub bonded: Balance,
	/// Stake reserved by open commitments.
	pub reserved: Balance,
	/// `bonded - reserved`: what a new commitment can weigh.
	pub free: Balance,
	/// Whether the prover is active (bonded stake at least the minimum).
	pub active: bool,
	/// The exposure a commitment made now would get; `None` if it would be refused.
	pub next: Option<Exposure<Balance>>,
}

/// Why the staking backend refused a new commitment.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CommitRefusal {
	/// Not a registered prover with at least the minimum bonded stake.
	NotActive,
	/// Its free capacity (bonded stake not reserved by open commitments) is below the minimum.
	InsufficientCapacity,
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
/// Implemented by `pallet-prover-registry`. The submission pallet opens a commitment with the
/// backend (which applies [`commitment_exposure`] and reserves the stake), closes it when its
/// round settles or it is displaced or removed, and slashes by reason.
pub trait ProverStaking<AccountId, Balance> {
	/// Whether `who` is a registered prover whose bonded (not unbonding) stake is at least
	/// the minimum: only active provers make new commitments, and reveal without one.
	fn is_active(who: &AccountId) -> bool;

	/// The bonded stake, reservations and free capacity of `who` (zero for an unknown
	/// account), with the exposure a commitment made now would get.
	fn capacity(who: &AccountId) -> ProverCapacity<Balance>;

	/// Open a commitment of `who`: apply the exposure rule to its free capacity, reserve the
	/// commitment's reservation and count the commitment as outstanding (so that the prover
	/// cannot deregister from under it). Returns the commitment's exposure.
	fn open_commitment(who: &AccountId) -> Result<Exposure<Balance>, CommitRefusal>;

	/// A commitment of `who` that reserved `reserved` is no longer outstanding (settled,
	/// displaced or removed): release its reservation.
	fn close_commitment(who: &AccountId, reserved: Balance);

	/// Slash `who` for `reason`: the backend's level for that reason applied to
	/// `stake_snapshot`, capped by what `who` still holds, bonded stake first, then
	/// unbonding chunks. The slashed funds are burned. Returns the amount burned.
	fn slash(who: &AccountId, stake_snapshot: Balance, reason: SlashReason) -> Balance;

	/// `amount` was minted to `who` as its share of a sequence reward. The backend keeps
	/// it in the prover's lifetime statistics (what a prover client reports as earned).
	fn reward_paid(who: &AccountId, amount: Balance);

	/// Make `who` an active prover holding `stake`, with a full ledger of unbonding chunks
	/// so that slashes are measured in their worst case (benchmarks only).
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

/// A verifying key as the chain stores it: validated once, at registration, and laid out
/// so that verification needs no further validation (see [`ProofVerifier`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PreparedKey {
	/// Number of public inputs the key expects.
	pub public_inputs: u32,
	/// The verifier's own encoding of the prepared key, at most
	/// [`ProofVerifier::prepared_key_len`]`(public_inputs)` bytes.
	pub bytes: alloc::vec::Vec<u8>,
}

/// Checks verifying keys at rollup registration and proofs at reveal.
///
/// A key is validated and prepared once ([`ProofVerifier::prepare_verifying_key`]); the
/// chain stores the prepared bytes and passes them back to the other calls, which may
/// trust them (they came from `prepare_verifying_key` through runtime storage). The error
/// type crosses the host-function boundary SCALE-encoded: never reorder [`VerifierError`].
///
/// No weight is given here: the submission pallet's benchmarks run the real verifier (in
/// the runtime, on the node's executor), so its cost is in them.
pub trait ProofVerifier {
	/// Fully validate the wire-format key `vk` (decoding, point and subgroup checks) and
	/// prepare it. Keys expecting more than `max_public_inputs` are refused.
	fn prepare_verifying_key(
		vk: &[u8],
		max_public_inputs: u32,
	) -> Result<PreparedKey, VerifierError>;

	/// The largest prepared key for `public_inputs` inputs, in bytes (sizes the storage bound).
	fn prepared_key_len(public_inputs: u32) -> u32;

	/// Check that `public_inputs` suit the prepared key: the count it expects, each a
	/// canonical field element. Used when a sequence is submitted, so that no round starts
	/// on inputs that no proof could ever match.
	fn validate_public_inputs(
		prepared: &[u8],
		public_inputs: &[FieldElement],
	) -> Result<(), VerifierError>;

	/// Verify `proof` against a prepared key and `public_inputs`. `Ok(true)`: valid;
	/// `Ok(false)`: well formed but does not verify; `Err(_)`: malformed input.
	fn verify(
		prepared: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError>;

	/// A wire-format verifying key with `public_inputs` inputs, matching public inputs, and
	/// a valid proof of them, for benchmarks of the worst case.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fixture(
		public_inputs: u32,
	) -> (alloc::vec::Vec<u8>, alloc::vec::Vec<FieldElement>, alloc::vec::Vec<u8>);
}

#[cfg(test)]
mod tests {
	use super::*;

	const MIN: u128 = 10_000;
	const LEVEL: Perbill = Perbill::from_percent(20);

	#[test]
	fn exposure_takes_the_free_capacity_and_reserves_its_worst_slash() {
		assert_eq!(
			commitment_exposure(200_000u128, 0, MIN, LEVEL),
			Some(Exposure { stake: 200_000, reserved: 40_000 })
		);
		assert_eq!(
			commitment_exposure(200_000u128, 40_000, MIN, LEVEL),
			Some(Exposure { stake: 160_000, reserved: 32_000 })
		);
		// Rounded up: a slash rounded down never exceeds it.
		assert_eq!(commitment_exposure(10_001u128, 0, MIN, LEVEL).map(|e| e.reserved), Some(2_001));
	}

	#[test]
	fn exposure_needs_a_free_capacity_of_the_minimum() {
		assert_eq!(commitment_exposure(10_000u128, 0, MIN, LEVEL).map(|e| e.stake), Some(10_000));
		assert_eq!(commitment_exposure(10_000u128, 1, MIN, LEVEL), None);
		assert_eq!(commitment_exposure(9_999u128, 0, MIN, LEVEL), None);
		assert_eq!(commitment_exposure(5u128, 9, 0, LEVEL), None);
	}

	#[test]
	fn reservations_never_exceed_the_bonded_stake() {
		// 200K at the minimum 10K and a 20% worst slash: 14 commitments at once.
		let (bonded, mut reserved, mut n) = (200_000u128, 0u128, 0);
		while let Some(e) = commitment_exposure(bonded, reserved, MIN, LEVEL) {
			reserved += e.reserved;
			n += 1;
			assert!(reserved <= bonded);
		}
		assert_eq!(n, 14);
	}

	#[test]
	fn statement_hash_covers_rollup_key_version_and_inputs() {
		let inputs = [[1u8; 32], [2u8; 32]];
		let h = statement_hash(0, 0, &inputs);
		assert_eq!(h, statement_hash(0, 0, &inputs));
		assert_ne!(h, statement_hash(1, 0, &inputs));
		assert_ne!(h, statement_hash(0, 1, &inputs));
		assert_ne!(h, statement_hash(0, 0, &inputs[..1]));
		assert_eq!(batch_data_hash(b"batch"), sp_io::hashing::blake2_256(b"batch"));
	}

	#[test]
	fn slashable_window_adds_the_settlement_block_and_the_slack() {
		assert_eq!(slashable_window(10, 10, 64), 85);
		assert_eq!(slashable_window(u32::MAX, 1, 0), u32::MAX);
	}

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
