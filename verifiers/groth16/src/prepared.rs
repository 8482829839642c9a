//! The prepared verifying key: what the chain stores for a rollup once its wire-format key
//! has been fully validated (see `docs/WIRE-FORMAT.md`, "Prepared verifying key").
//!
//! Layout, version 1 (all points uncompressed, arkworks' `Compress::No` encoding):
//!
//! | bytes | content |
//! |---|---|
//! | 1 | format version, `1` |
//! | 4 | number of public inputs `n`, `u32` little-endian |
//! | 384 | `e(alpha_g1, beta_g2)`, an `Fq12` |
//! | 128 | `-gamma_g2` |
//! | 128 | `-delta_g2` |
//! | 64 (n + 1) | `gamma_abc_g1` |
//!
//! What preparation saves on every reveal (measured in `docs/BENCHMARKS.md`): the
//! decompression and subgroup checks of seven key points, and one of the four Miller loops
//! with its share of the final exponentiation (`e(alpha, beta)` is a constant of the key).
//! It costs `645 + 64 (n + 1)` bytes instead of `264 + 32 n`. The G2 line coefficients of
//! `gamma` and `delta` (arkworks' `G2Prepared`) are not stored: they would save two G2
//! preparations per reveal at about 18 KB of storage, and of proof size, per key.
//!
//! Decoding a prepared key does not validate points ([`Validate::No`]): the bytes were
//! produced by [`prepare`] from a validated key and only runtime storage holds them. It never
//! panics either way: a corrupt prepared key is [`VerifierError::MalformedVerifyingKey`] or
//! a proof that does not verify.

use crate::wire::{self, VerifyingKey};
use alloc::vec::Vec;
use ark_bn254::{Bn254, Fq12, Fr, G1Affine, G1Projective, G2Affine};
use ark_ec::{pairing::Pairing, AffineRepr, CurveGroup};
use ark_ff::PrimeField;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use zkmine_primitives::{FieldElement, PreparedKey, VerifierError};

use crate::layout::prepared_key_size;
use crate::layout::{G1_UNCOMPRESSED_SIZE as G1_UNCOMPRESSED, PREPARED_KEY_VERSION};

/// A prepared key, decoded.
struct Prepared {
	alpha_beta: Fq12,
	gamma_neg: G2Affine,
	delta_neg: G2Affine,
	/// `gamma_abc_g1[0]` and one point per public input.
	gamma_abc_g1: Vec<G1Affine>,
}

/// Validate the wire-format key `vk` fully and prepare it (see the module docs).
///
/// Errors: [`VerifierError::MalformedVerifyingKey`], and [`VerifierError::TooManyPublicInputs`]
/// when its well-formed length declares more than `max_public_inputs` (checked before any
/// point is decoded).
pub fn prepare(vk: &[u8], max_public_inputs: u32) -> Result<PreparedKey, VerifierError> {
	let inputs = wire::declared_inputs(vk)?;
	if inputs > max_public_inputs {
		return Err(VerifierError::TooManyPublicInputs);
	}
	let key = wire::verifying_key(vk)?;
	Ok(PreparedKey { public_inputs: inputs, bytes: encode(inputs, &key)? })
}

/// Lay out a validated key.
// Negating a curve point is a total group operation (no overflow, no panic); the lint is
// meant for integers.
#[allow(clippy::arithmetic_side_effects)]
fn encode(inputs: u32, key: &VerifyingKey) -> Result<Vec<u8>, VerifierError> {
	const E: VerifierError = VerifierError::MalformedVerifyingKey;
	let alpha_beta = Bn254::pairing(key.alpha_g1, key.beta_g2).0;
	let gamma_neg: G2Affine = (-key.gamma_g2.into_group()).into_affine();
	let delta_neg: G2Affine = (-key.delta_g2.into_group()).into_affine();
	let mut out = Vec::with_capacity(prepared_key_size(inputs));
	out.push(PREPARED_KEY_VERSION);
	out.extend_from_slice(&inputs.to_le_bytes());
	alpha_beta.serialize_with_mode(&mut out, Compress::No).map_err(|_| E)?;
	gamma_neg.serialize_with_mode(&mut out, Compress::No).map_err(|_| E)?;
	delta_neg.serialize_with_mode(&mut out, Compress::No).map_err(|_| E)?;
	for point in &key.gamma_abc_g1 {
		point.serialize_with_mode(&mut out, Compress::No).map_err(|_| E)?;
	}
	Ok(out)
}

/// The number of public inputs a prepared key expects, with its length checked. Cheap.
pub fn declared_inputs(prepared: &[u8]) -> Result<u32, VerifierError> {
	const E: VerifierError = VerifierError::MalformedVerifyingKey;
	let (version, rest) = prepared.split_first().ok_or(E)?;
	if *version != PREPARED_KEY_VERSION {
		return Err(E);
	}
	let count = rest.get(..4).and_then(|b| <[u8; 4]>::try_from(b).ok()).ok_or(E)?;
	let inputs = u32::from_le_bytes(count);
	if prepared_key_size(inputs) != prepared.len() {
		return Err(E);
	}
	Ok(inputs)
}

/// Decode a prepared key without validating its points; its layout (version and length) was
/// checked by [`declared_inputs`] already.
fn decode(prepared: &[u8]) -> Result<Prepared, VerifierError> {
	const E: VerifierError = VerifierError::MalformedVerifyingKey;
	let mut rest = prepared.get(5..).ok_or(E)?;
	let alpha_beta = Fq12::deserialize_with_mode(&mut rest, Compress::No, Validate::No);
	let gamma_neg = G2Affine::deserialize_with_mode(&mut rest, Compress::No, Validate::No);
	let delta_neg = G2Affine::deserialize_with_mode(&mut rest, Compress::No, Validate::No);
	let gamma_abc_g1 = rest
		.chunks(G1_UNCOMPRESSED)
		.map(|chunk| G1Affine::deserialize_with_mode(chunk, Compress::No, Validate::No))
		.collect::<Result<Vec<_>, _>>();
	Ok(Prepared {
		alpha_beta: alpha_beta.map_err(|_| E)?,
		gamma_neg: gamma_neg.map_err(|_| E)?,
		delta_neg: delta_neg.map_err(|_| E)?,
		gamma_abc_g1: gamma_abc_g1.map_err(|_| E)?,
	})
}

/// Check `public_inputs` against a prepared key: the count, then each one's canonicity.
pub fn validate_public_inputs(
	prepared: &[u8],
	public_inputs: &[FieldElement],
) -> Result<Vec<Fr>, VerifierError> {
	let expected = declared_inputs(prepared)?;
	if u32::try_from(public_inputs.len()).ok() != Some(expected) {
		return Err(VerifierError::PublicInputCountMismatch);
	}
	public_inputs.iter().map(wire::public_input).collect()
}

/// Verify `proof` (wire format, fully validated) against a prepared key and inputs.
///
/// Checks in this order: the prepared key's layout, the number of inputs, each input's
/// canonicity, the proof's encoding; then `e(A, B) e(acc, -gamma) e(C, -delta) = e(alpha,
/// beta)` with `acc = gamma_abc_g1[0] + sum x_i gamma_abc_g1[i + 1]`.
// Curve point addition is a total group operation (no overflow, no panic); the lint is
// meant for integers.
#[allow(clippy::arithmetic_side_effects)]
pub fn verify(
	prepared: &[u8],
	public_inputs: &[FieldElement],
	proof: &[u8],
) -> Result<bool, VerifierError> {
	let inputs = validate_public_inputs(prepared, public_inputs)?;
	let key = decode(prepared)?;
	let proof = wire::proof(proof)?;
	let mut points = key.gamma_abc_g1.iter();
	let mut acc: G1Projective = match points.next() {
		Some(first) => first.into_group(),
		None => return Err(VerifierError::MalformedVerifyingKey),
	};
	for (point, input) in points.zip(&inputs) {
		acc += point.mul_bigint(input.into_bigint());
	}
	let g1 = [proof.a, acc.into_affine(), proof.c];
	let g2 = [proof.b, key.gamma_neg, key.delta_neg];
	let miller = Bn254::multi_miller_loop(g1, g2);
	// `None` only if the Miller loop output is not invertible: not a valid proof.
	Ok(Bn254::final_exponentiation(miller).is_some_and(|out| out.0 == key.alpha_beta))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{fixtures::fixture, layout::PREPARED_KEY_HEADER_SIZE};

	#[test]
	fn sizes_follow_the_layout() {
		assert_eq!(PREPARED_KEY_HEADER_SIZE, 645);
		assert_eq!(prepared_key_size(0), 709);
		assert_eq!(prepared_key_size(3), 901);
		assert_eq!(prepared_key_size(16), 645 + 17 * 64);
		for n in [0u32, 3, 16] {
			let f = fixture(n).expect("fixture");
			let p = prepare(f.verifying_key, 16).expect("valid key");
			assert_eq!(p.public_inputs, n);
			assert_eq!(p.bytes.len(), prepared_key_size(n));
			assert_eq!(declared_inputs(&p.bytes), Ok(n));
		}
	}

	#[test]
	fn a_corrupt_layout_is_a_malformed_key() {
		let f = fixture(3).expect("fixture");
		let p = prepare(f.verifying_key, 16).expect("valid key").bytes;
		let inputs = f.public_inputs();
		assert_eq!(verify(&p, &inputs, f.proof), Ok(true));
		let mut other_version = p.clone();
		other_version[0] = 2;
		assert_eq!(
			verify(&other_version, &inputs, f.proof),
			Err(VerifierError::MalformedVerifyingKey)
		);
		assert_eq!(
			verify(&p[..p.len() - 1], &inputs, f.proof),
			Err(VerifierError::MalformedVerifyingKey)
		);
		assert_eq!(verify(&[], &inputs, f.proof), Err(VerifierError::MalformedVerifyingKey));
		// A flipped bit inside e(alpha, beta) still decodes, but nothing verifies against it.
		let mut flipped = p.clone();
		flipped[100] ^= 1;
		assert!(matches!(
			verify(&flipped, &inputs, f.proof),
			Ok(false) | Err(VerifierError::MalformedVerifyingKey)
		));
	}
}
