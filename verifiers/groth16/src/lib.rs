#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::panic,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects
	)
)]

extern crate alloc;

pub mod layout;
#[cfg(feature = "arkworks")]
pub mod prepared;
#[cfg(feature = "arkworks")]
pub mod wire;

pub use zkmine_groth16_fixtures as fixtures;

#[cfg(feature = "arkworks")]
use zkmine_primitives::{FieldElement, PreparedKey, ProofVerifier, VerifierError};

#[cfg(feature = "arkworks")]
pub use ark_bn254;
pub use layout::{
	prepared_key_len, prepared_key_size, verifying_key_size, PREPARED_KEY_HEADER_SIZE,
	PREPARED_KEY_VERSION, PROOF_SIZE, PUBLIC_INPUT_SIZE, VERIFYING_KEY_HEADER_SIZE,
};
#[cfg(feature = "arkworks")]
pub use wire::{encode_public_input, public_input};

/// Groth16 over BN254, verified by this crate's own code wherever it runs: the pure-WASM
/// [`ProofVerifier`] of the zkmine runtime (its `wasm-verifier` feature), and the code that
/// the node's host function runs natively (`zkmine-groth16-host`).
///
/// Keys are prepared once ([`prepared`]); proofs are decoded and fully validated on every
/// call (see the crate docs and `docs/WIRE-FORMAT.md`).
#[cfg(feature = "arkworks")]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Groth16Bn254;

#[cfg(feature = "arkworks")]
impl Groth16Bn254 {
	/// Verify against a wire-format key (prepared on the spot, any number of inputs): what a
	/// client holding the rollup's published key computes; the same answers as the chain.
	pub fn verify_wire(
		vk: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError> {
		let key = prepared::prepare(vk, u32::MAX)?;
		prepared::verify(&key.bytes, public_inputs, proof)
	}
}

#[cfg(feature = "arkworks")]
impl ProofVerifier for Groth16Bn254 {
	/// Decode `vk` with point and subgroup checks and prepare it ([`prepared::prepare`]).
	///
	/// Errors: [`VerifierError::MalformedVerifyingKey`] if the length is not exactly that of
	/// a key with the declared number of inputs, or a point fails to decode, is not
	/// canonical, or is the point at infinity; [`VerifierError::TooManyPublicInputs`] if the
	/// well-formed length declares more than `max_public_inputs` (checked before any point
	/// is decoded).
	fn prepare_verifying_key(
		vk: &[u8],
		max_public_inputs: u32,
	) -> Result<PreparedKey, VerifierError> {
		prepared::prepare(vk, max_public_inputs)
	}

	/// [`layout::prepared_key_len`].
	fn prepared_key_len(public_inputs: u32) -> u32 {
		prepared_key_len(public_inputs)
	}

	/// Errors: [`VerifierError::MalformedVerifyingKey`] (the prepared layout only),
	/// [`VerifierError::PublicInputCountMismatch`], [`VerifierError::NonCanonicalPublicInput`].
	fn validate_public_inputs(
		prepared: &[u8],
		public_inputs: &[FieldElement],
	) -> Result<(), VerifierError> {
		prepared::validate_public_inputs(prepared, public_inputs).map(|_| ())
	}

	/// Checks in this order: the prepared key's layout, the number of inputs, each input's
	/// canonicity, the proof's encoding; then the pairing equation ([`prepared::verify`]).
	fn verify(
		prepared: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError> {
		prepared::verify(prepared, public_inputs, proof)
	}

	/// [`fixtures::benchmark_triple`].
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fixture(
		public_inputs: u32,
	) -> (alloc::vec::Vec<u8>, alloc::vec::Vec<FieldElement>, alloc::vec::Vec<u8>) {
		fixtures::benchmark_triple(public_inputs)
	}
}
