//! Groth16 over BN254 verified natively by the node, through a host function.
//!
//! [`zkmine_crypto`] is a runtime interface (`#[runtime_interface]`): in the runtime's WASM
//! its functions are imports (`ext_zkmine_crypto_groth16_bn254_*_version_1`) with no arkworks behind them;
//! in the node, and in every native build, they run `zkmine-groth16-verifier`'s code
//! natively. [`HostGroth16Bn254`] implements [`ProofVerifier`] on top of it; the runtime uses
//! it unless built with its `wasm-verifier` feature (then `Groth16Bn254` runs in WASM).
//!
//! The node must register [`zkmine_crypto::HostFunctions`] with its executor for import,
//! authoring and the benchmark command; a runtime importing a function the node lacks does
//! not instantiate.
//!
//! # Upgrade rules (`docs/HOST-FUNCTIONS.md`)
//! * A published version never changes: not its signature, not its behaviour, not the SCALE
//!   encoding of what it returns ([`VerifierError`]'s variant order is ABI). New behaviour is
//!   a new `#[version(2)]` of the function; version 1 stays in [`zkmine_crypto::HostFunctions`]
//!   so that blocks made by older runtimes still import.
//! * The node that registers a new version ships before a runtime that imports it
//!   (`#[version(n, register_only)]` lets a node carry it before any runtime uses it).
//! * The host side's arkworks is pinned by `Cargo.lock`: changing it changes what every node
//!   accepts without a runtime upgrade; treat such a bump as a consensus change.
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

use alloc::vec::Vec;
use sp_runtime_interface::{
	pass_by::{AllocateAndReturnByCodec, PassFatPointerAndRead},
	runtime_interface,
};
use zkmine_primitives::{FieldElement, PreparedKey, ProofVerifier, VerifierError};

/// The sizes of the wire format and of prepared keys (what a runtime's storage bounds need).
pub use zkmine_groth16_verifier::layout;

/// The host functions. Each takes byte strings and returns a SCALE-encoded `Result`; none
/// panics on any input. Public inputs cross as one byte string, 32 bytes per input.
#[runtime_interface]
pub trait ZkmineCrypto {
	/// Validate a wire-format verifying key and prepare it: `(public inputs, prepared bytes)`.
	fn groth16_bn254_prepare_key(
		vk: PassFatPointerAndRead<&[u8]>,
		max_public_inputs: u32,
	) -> AllocateAndReturnByCodec<Result<(u32, Vec<u8>), VerifierError>> {
		zkmine_groth16_verifier::prepared::prepare(vk, max_public_inputs)
			.map(|key| (key.public_inputs, key.bytes))
	}

	/// Check public inputs (concatenated) against a prepared key.
	fn groth16_bn254_validate_inputs(
		prepared: PassFatPointerAndRead<&[u8]>,
		public_inputs: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Result<(), VerifierError>> {
		let inputs = split_inputs(public_inputs)?;
		zkmine_groth16_verifier::prepared::validate_public_inputs(prepared, &inputs).map(|_| ())
	}

	/// Verify a proof against a prepared key and public inputs (concatenated).
	fn groth16_bn254_verify(
		prepared: PassFatPointerAndRead<&[u8]>,
		public_inputs: PassFatPointerAndRead<&[u8]>,
		proof: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Result<bool, VerifierError>> {
		let inputs = split_inputs(public_inputs)?;
		zkmine_groth16_verifier::prepared::verify(prepared, &inputs, proof)
	}
}

/// The host side's reading of concatenated inputs: a length that is not a multiple of 32
/// cannot be a list of inputs (the runtime side never sends one).
#[cfg(not(substrate_runtime))]
fn split_inputs(bytes: &[u8]) -> Result<Vec<FieldElement>, VerifierError> {
	let chunks = bytes.chunks_exact(32);
	if !chunks.remainder().is_empty() {
		return Err(VerifierError::PublicInputCountMismatch);
	}
	Ok(chunks.filter_map(|c| FieldElement::try_from(c).ok()).collect())
}

/// The inputs as the host functions take them.
fn concat(public_inputs: &[FieldElement]) -> Vec<u8> {
	public_inputs.iter().flatten().copied().collect()
}

/// The runtime's [`ProofVerifier`]: every call is one host function call (see the crate docs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HostGroth16Bn254;

impl ProofVerifier for HostGroth16Bn254 {
	/// [`zkmine_crypto::groth16_bn254_prepare_key`]: the errors of `Groth16Bn254`'s.
	fn prepare_verifying_key(
		vk: &[u8],
		max_public_inputs: u32,
	) -> Result<PreparedKey, VerifierError> {
		zkmine_crypto::groth16_bn254_prepare_key(vk, max_public_inputs)
			.map(|(public_inputs, bytes)| PreparedKey { public_inputs, bytes })
	}

	/// The layout's size (`zkmine_groth16_verifier::layout`), computed in the runtime.
	fn prepared_key_len(public_inputs: u32) -> u32 {
		zkmine_groth16_verifier::layout::prepared_key_len(public_inputs)
	}

	/// [`zkmine_crypto::groth16_bn254_validate_inputs`].
	fn validate_public_inputs(
		prepared: &[u8],
		public_inputs: &[FieldElement],
	) -> Result<(), VerifierError> {
		zkmine_crypto::groth16_bn254_validate_inputs(prepared, &concat(public_inputs))
	}

	/// [`zkmine_crypto::groth16_bn254_verify`].
	fn verify(
		prepared: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError> {
		zkmine_crypto::groth16_bn254_verify(prepared, &concat(public_inputs), proof)
	}

	/// The committed fixtures (`zkmine_groth16_fixtures::benchmark_triple`), as
	/// `Groth16Bn254` gives them.
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fixture(public_inputs: u32) -> (Vec<u8>, Vec<FieldElement>, Vec<u8>) {
		zkmine_groth16_fixtures::benchmark_triple(public_inputs)
	}
}
