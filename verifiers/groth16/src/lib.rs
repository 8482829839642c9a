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

pub mod fixtures;
pub mod wire;

use alloc::vec::Vec;
use ark_bn254::{Bn254, Fr, G1Affine, G1Projective};
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};
use ark_ff::{PrimeField, Zero};
use sp_weights::{constants::WEIGHT_REF_TIME_PER_NANOS, Weight};
use zkmine_primitives::{FieldElement, ProofVerifier, VerifierError};

pub use ark_bn254;
pub use wire::{
	encode_public_input, public_input, verifying_key_size, PROOF_SIZE, PUBLIC_INPUT_SIZE,
	VERIFYING_KEY_HEADER_SIZE,
};

/// Groth16 over BN254: the [`ProofVerifier`] of the zkmine runtime.
///
/// Stateless: every call decodes and fully validates its arguments (see the crate docs and
/// `docs/WIRE-FORMAT.md`). Use it as `type Verifier = zkmine_groth16_verifier::Groth16Bn254;`
/// in the submission pallet's `Config`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Groth16Bn254;

/// Fixed part of [`Groth16Bn254::verify_weight`], in nanoseconds of reference time.
///
/// Origin (`docs/BENCHMARKS.md`): this verifier compiled to `wasm32v1-none` as the
/// runtime compiles it and timed under wasmtime/Cranelift on the project machine
/// (`verifiers/groth16/wasm-bench`) takes about 7.4 ms with no public input, including
/// full decoding and validation of key and proof (natively, in release: about 2.2 ms).
/// 7.4 ms x 1.5 margin = 11.1 ms, rounded up to 12 ms. The runtime's FRAME benchmark of
/// `submit_proof`, which runs this verifier inside the real executor, supersedes it.
pub const VERIFY_BASE_NANOS: u64 = 12_000_000;

/// Per-public-input part of [`Groth16Bn254::verify_weight`], in nanoseconds of reference
/// time: about 0.35 ms per input in WASM (0.10 ms natively; one G1 decompression and one
/// scalar multiplication each), x 1.5 margin = 0.53 ms, rounded up to 0.6 ms (see
/// [`VERIFY_BASE_NANOS`]).
pub const VERIFY_PER_INPUT_NANOS: u64 = 600_000;

impl Groth16Bn254 {
	/// Verify with an already decoded key and inputs (the pairing check).
	// Curve point addition and negation are total group operations (no overflow, no
	// panic); the lint is meant for integers.
	#[allow(clippy::arithmetic_side_effects)]
	fn check(vk: &wire::VerifyingKey, inputs: &[Fr], proof: &wire::Proof) -> bool {
		// acc = gamma_abc[0] + sum_i inputs[i] * gamma_abc[i + 1]
		let mut points = vk.gamma_abc_g1.iter();
		let mut acc: G1Projective = match points.next() {
			Some(first) => first.into_group(),
			None => return false,
		};
		for (point, input) in points.zip(inputs) {
			acc += point.mul_bigint(input.into_bigint());
		}
		let acc: G1Affine = acc.into_affine();
		// e(A, B) * e(-acc, gamma) * e(-C, delta) * e(-alpha, beta) == 1
		let g1 = [proof.a, -acc, -proof.c, -vk.alpha_g1];
		let g2 = [proof.b, vk.gamma_g2, vk.delta_g2, vk.beta_g2];
		let miller = Bn254::multi_miller_loop(g1, g2);
		// `None` only if the Miller loop output is not invertible: not a valid proof.
		Bn254::final_exponentiation(miller).is_some_and(|out| out.is_zero())
	}

	/// Decode `public_inputs` for `vk`: count first, then canonicity of each.
	fn inputs(
		vk: &wire::VerifyingKey,
		public_inputs: &[FieldElement],
	) -> Result<Vec<Fr>, VerifierError> {
		if public_inputs.len().checked_add(1) != Some(vk.gamma_abc_g1.len()) {
			return Err(VerifierError::PublicInputCountMismatch);
		}
		public_inputs.iter().map(wire::public_input).collect()
	}
}

impl ProofVerifier for Groth16Bn254 {
	/// Decode `vk` with point and subgroup checks and return its number of public inputs.
	///
	/// Errors: [`VerifierError::MalformedVerifyingKey`] if the length is not exactly that of
	/// a key with the declared number of inputs, or a point fails to decode, is not
	/// canonical, or is the point at infinity; [`VerifierError::TooManyPublicInputs`] if the
	/// well-formed length declares more than `max_public_inputs` (checked before any point
	/// is decoded).
	fn validate_verifying_key(vk: &[u8], max_public_inputs: u32) -> Result<u32, VerifierError> {
		let inputs = wire::declared_inputs(vk)?;
		if inputs > max_public_inputs {
			return Err(VerifierError::TooManyPublicInputs);
		}
		wire::verifying_key(vk)?;
		Ok(inputs)
	}

	/// Errors: [`VerifierError::MalformedVerifyingKey`] (only the key's length structure is
	/// read here, not its points), [`VerifierError::PublicInputCountMismatch`],
	/// [`VerifierError::NonCanonicalPublicInput`].
	fn validate_public_inputs(
		vk: &[u8],
		public_inputs: &[FieldElement],
	) -> Result<(), VerifierError> {
		let expected = wire::declared_inputs(vk)?;
		if u32::try_from(public_inputs.len()).ok() != Some(expected) {
			return Err(VerifierError::PublicInputCountMismatch);
		}
		for input in public_inputs {
			wire::public_input(input)?;
		}
		Ok(())
	}

	/// Checks in this order: the key (fully, as at registration), the number of inputs, each
	/// input's canonicity, the proof's encoding; then the pairing equation.
	fn verify(
		vk: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError> {
		let vk = wire::verifying_key(vk)?;
		let inputs = Self::inputs(&vk, public_inputs)?;
		let proof = wire::proof(proof)?;
		Ok(Self::check(&vk, &inputs, &proof))
	}

	/// `VERIFY_BASE_NANOS + n * VERIFY_PER_INPUT_NANOS` of reference time, no proof size
	/// (the verifier reads no storage). Saturating.
	fn verify_weight(public_inputs: u32) -> Weight {
		let nanos = VERIFY_PER_INPUT_NANOS
			.saturating_mul(u64::from(public_inputs))
			.saturating_add(VERIFY_BASE_NANOS);
		Weight::from_parts(nanos.saturating_mul(WEIGHT_REF_TIME_PER_NANOS), 0)
	}

	/// The committed fixture with exactly `public_inputs` inputs (see [`fixtures`]); above
	/// [`fixtures::MAX_FIXTURE_PUBLIC_INPUTS`], the largest one (its key then expects fewer
	/// inputs than asked: keep the runtime's `MaxPublicInputs` within the fixtures).
	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fixture(public_inputs: u32) -> (Vec<u8>, Vec<FieldElement>, Vec<u8>) {
		let f = fixtures::fixture(public_inputs.min(fixtures::MAX_FIXTURE_PUBLIC_INPUTS))
			.unwrap_or_default();
		(f.verifying_key.to_vec(), f.public_inputs(), f.proof.to_vec())
	}
}
