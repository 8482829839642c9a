//! Decoding of the wire format (see `docs/WIRE-FORMAT.md` at the repository root).
//!
//! Every decoder accepts exactly one byte string per value: the arkworks canonical
//! compressed serialization of a valid object, with no trailing bytes. Points are decoded
//! with `Validate::Yes` (on the curve, in the prime-order subgroup) and then re-encoded; a
//! byte string that decodes but is not the canonical encoding of what it decodes to (for
//! example the point at infinity with a non-zero x coordinate) is refused.

use alloc::vec::Vec;
use ark_bn254::{Fr, G1Affine, G2Affine};
use ark_ec::AffineRepr;
use ark_ff::{BigInt, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};
use zkmine_primitives::{FieldElement, VerifierError};

pub use crate::layout::{
	verifying_key_size, G1_SIZE, G2_SIZE, PROOF_SIZE, PUBLIC_INPUT_SIZE, VERIFYING_KEY_HEADER_SIZE,
};

/// A decoded, validated Groth16 verifying key.
pub(crate) struct VerifyingKey {
	pub alpha_g1: G1Affine,
	pub beta_g2: G2Affine,
	pub gamma_g2: G2Affine,
	pub delta_g2: G2Affine,
	/// `gamma_abc_g1[0]` and one point per public input; never empty.
	pub gamma_abc_g1: Vec<G1Affine>,
}

/// A decoded, validated Groth16 proof.
pub(crate) struct Proof {
	pub a: G1Affine,
	pub b: G2Affine,
	pub c: G1Affine,
}

/// Decode one point from exactly `bytes` (validated, canonical).
fn point<P: AffineRepr + CanonicalSerialize + CanonicalDeserialize, const N: usize>(
	bytes: &[u8],
) -> Option<P> {
	let p = P::deserialize_with_mode(bytes, Compress::Yes, Validate::Yes).ok()?;
	let mut again = [0u8; N];
	p.serialize_with_mode(&mut again[..], Compress::Yes).ok()?;
	(again.as_slice() == bytes).then_some(p)
}

/// Split `n` bytes off the front of `bytes`.
fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
	let (head, tail) = bytes.split_at_checked(n)?;
	*bytes = tail;
	Some(head)
}

/// Read the header of a verifying key and return the number of public inputs it declares,
/// checking that the byte length is exactly what that number requires. Cheap: decodes no
/// point. Errors: [`VerifierError::MalformedVerifyingKey`].
pub(crate) fn declared_inputs(vk: &[u8]) -> Result<u32, VerifierError> {
	let len_bytes = vk
		.get(VERIFYING_KEY_HEADER_SIZE.saturating_sub(8)..VERIFYING_KEY_HEADER_SIZE)
		.and_then(|b| <[u8; 8]>::try_from(b).ok())
		.ok_or(VerifierError::MalformedVerifyingKey)?;
	let points = u64::from_le_bytes(len_bytes);
	// At least gamma_abc_g1[0]; the count of inputs must fit a u32.
	let inputs = points
		.checked_sub(1)
		.and_then(|n| u32::try_from(n).ok())
		.ok_or(VerifierError::MalformedVerifyingKey)?;
	if verifying_key_size(inputs) != Some(vk.len()) {
		return Err(VerifierError::MalformedVerifyingKey);
	}
	Ok(inputs)
}

/// Decode and fully validate a verifying key. A key with any point at infinity is refused:
/// no honest setup produces one, and an identity `gamma_g2`, `delta_g2` or input point
/// would make proofs independent of (some of) the public inputs.
pub(crate) fn verifying_key(vk: &[u8]) -> Result<VerifyingKey, VerifierError> {
	const E: VerifierError = VerifierError::MalformedVerifyingKey;
	let inputs = declared_inputs(vk)?;
	let mut rest = vk;
	let alpha_g1: G1Affine = take(&mut rest, G1_SIZE).and_then(point::<_, G1_SIZE>).ok_or(E)?;
	let beta_g2: G2Affine = take(&mut rest, G2_SIZE).and_then(point::<_, G2_SIZE>).ok_or(E)?;
	let gamma_g2: G2Affine = take(&mut rest, G2_SIZE).and_then(point::<_, G2_SIZE>).ok_or(E)?;
	let delta_g2: G2Affine = take(&mut rest, G2_SIZE).and_then(point::<_, G2_SIZE>).ok_or(E)?;
	take(&mut rest, 8).ok_or(E)?; // the length, already checked by `declared_inputs`
	let mut gamma_abc_g1 = Vec::with_capacity((inputs as usize).saturating_add(1));
	for chunk in rest.chunks(G1_SIZE) {
		let p: G1Affine = point::<_, G1_SIZE>(chunk).ok_or(E)?;
		if p.is_zero() {
			return Err(E);
		}
		gamma_abc_g1.push(p);
	}
	if alpha_g1.is_zero() || beta_g2.is_zero() || gamma_g2.is_zero() || delta_g2.is_zero() {
		return Err(E);
	}
	if gamma_abc_g1.len() != (inputs as usize).saturating_add(1) {
		return Err(E);
	}
	Ok(VerifyingKey { alpha_g1, beta_g2, gamma_g2, delta_g2, gamma_abc_g1 })
}

/// Decode and validate a proof (exactly [`PROOF_SIZE`] bytes). Points at infinity are
/// well formed here: such a proof simply does not verify.
pub(crate) fn proof(proof: &[u8]) -> Result<Proof, VerifierError> {
	const E: VerifierError = VerifierError::MalformedProof;
	if proof.len() != PROOF_SIZE {
		return Err(E);
	}
	let mut rest = proof;
	let a = take(&mut rest, G1_SIZE).and_then(point::<_, G1_SIZE>).ok_or(E)?;
	let b = take(&mut rest, G2_SIZE).and_then(point::<_, G2_SIZE>).ok_or(E)?;
	let c = take(&mut rest, G1_SIZE).and_then(point::<_, G1_SIZE>).ok_or(E)?;
	Ok(Proof { a, b, c })
}

/// Decode a public input: 32 bytes little-endian, strictly below the scalar modulus.
pub fn public_input(bytes: &FieldElement) -> Result<Fr, VerifierError> {
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		let chunk =
			<[u8; 8]>::try_from(chunk).map_err(|_| VerifierError::NonCanonicalPublicInput)?;
		*limb = u64::from_le_bytes(chunk);
	}
	// `from_bigint` refuses values >= the modulus.
	Fr::from_bigint(BigInt::new(limbs)).ok_or(VerifierError::NonCanonicalPublicInput)
}

/// Encode a scalar field element as a public input (32 bytes little-endian, canonical).
pub fn encode_public_input(value: &Fr) -> FieldElement {
	let mut out = [0u8; 32];
	for (chunk, limb) in out.chunks_exact_mut(8).zip(value.into_bigint().0.iter()) {
		chunk.copy_from_slice(&limb.to_le_bytes());
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ff::{Field, One, Zero};

	#[test]
	fn key_sizes_follow_the_layout() {
		assert_eq!(VERIFYING_KEY_HEADER_SIZE, 232);
		assert_eq!(PROOF_SIZE, 128);
		assert_eq!(verifying_key_size(0), Some(264));
		assert_eq!(verifying_key_size(3), Some(360));
		assert_eq!(verifying_key_size(16), Some(264 + 16 * 32));
	}

	#[test]
	fn declared_inputs_reads_the_length_field_and_checks_the_total() {
		let mut vk = vec![0u8; 360];
		vk[224..232].copy_from_slice(&4u64.to_le_bytes());
		assert_eq!(declared_inputs(&vk), Ok(3));
		vk[224..232].copy_from_slice(&3u64.to_le_bytes());
		assert_eq!(declared_inputs(&vk), Err(VerifierError::MalformedVerifyingKey));
		vk[224..232].copy_from_slice(&0u64.to_le_bytes());
		assert_eq!(declared_inputs(&vk), Err(VerifierError::MalformedVerifyingKey));
		assert_eq!(declared_inputs(&vk[..231]), Err(VerifierError::MalformedVerifyingKey));
		assert_eq!(declared_inputs(&[]), Err(VerifierError::MalformedVerifyingKey));
	}

	#[test]
	fn public_inputs_round_trip_and_reject_the_modulus() {
		for v in [
			Fr::zero(),
			Fr::one(),
			-Fr::one(),
			Fr::from(0x1234_5678u64).inverse().expect("non-zero"),
		] {
			assert_eq!(public_input(&encode_public_input(&v)), Ok(v));
		}
		let mut r = [0u8; 32];
		for (chunk, limb) in r.chunks_exact_mut(8).zip(Fr::MODULUS.0.iter()) {
			chunk.copy_from_slice(&limb.to_le_bytes());
		}
		assert_eq!(public_input(&r), Err(VerifierError::NonCanonicalPublicInput));
		assert_eq!(encode_public_input(&Fr::one())[0], 1);
	}

	#[test]
	fn identity_is_accepted_in_proofs_only_in_its_canonical_encoding() {
		let mut inf = [0u8; 32];
		inf[31] = 0x40;
		assert!(point::<G1Affine, G1_SIZE>(&inf).is_some_and(|p| p.is_zero()));
		inf[0] = 1;
		assert!(point::<G1Affine, G1_SIZE>(&inf).is_none());
		let g = G1Affine::generator();
		let mut bytes = [0u8; 32];
		g.serialize_compressed(&mut bytes[..]).expect("32 bytes");
		assert_eq!(point::<G1Affine, G1_SIZE>(&bytes), Some(g));
		assert!(point::<G1Affine, G1_SIZE>(&bytes[..31]).is_none());
	}
}
