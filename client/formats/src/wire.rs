//! The chain's wire format (`docs/WIRE-FORMAT.md`): arkworks 0.6 canonical compressed
//! points and 32-byte little-endian scalars.

use crate::error::{ErrorKind, FormatError, Modulus};
use ark_bn254::Fr;
use ark_ff::{BigInt, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};

/// Bytes of a compressed G1 point.
pub const G1_SIZE: usize = 32;
/// Bytes of a compressed G2 point.
pub const G2_SIZE: usize = 64;
/// Bytes of a proof: `a` (G1), `b` (G2), `c` (G1).
pub const PROOF_SIZE: usize = G1_SIZE + G2_SIZE + G1_SIZE;
/// Bytes of a public input.
pub const PUBLIC_INPUT_SIZE: usize = 32;
/// Bytes of a verifying key before its `gamma_abc_g1` points: `alpha_g1`, `beta_g2`,
/// `gamma_g2`, `delta_g2` and the `u64` number of points.
pub const VERIFYING_KEY_HEADER_SIZE: usize = G1_SIZE + 3 * G2_SIZE + 8;

/// The size of a wire-format verifying key for `public_inputs` inputs, if it fits a `usize`.
pub fn verifying_key_size(public_inputs: u64) -> Option<usize> {
	let points = usize::try_from(public_inputs).ok()?.checked_add(1)?;
	points.checked_mul(G1_SIZE)?.checked_add(VERIFYING_KEY_HEADER_SIZE)
}

/// Append the compressed encoding of `value` to `out`.
pub(crate) fn encode<T: CanonicalSerialize>(
	value: &T,
	out: &mut Vec<u8>,
) -> Result<(), FormatError> {
	value
		.serialize_with_mode(out, Compress::Yes)
		.map_err(|_| FormatError::new("", ErrorKind::Serialization))
}

/// Decode exactly `bytes` as a point, validated (on the curve, in the subgroup) and
/// canonically encoded, as the chain's verifier does.
pub(crate) fn decode_point<T: CanonicalSerialize + CanonicalDeserialize>(
	bytes: &[u8],
	field: &str,
) -> Result<T, FormatError> {
	let invalid = || FormatError::new(field, ErrorKind::InvalidWirePoint);
	let p = T::deserialize_with_mode(bytes, Compress::Yes, Validate::Yes).map_err(|_| invalid())?;
	let mut again = Vec::with_capacity(bytes.len());
	encode(&p, &mut again)?;
	if again != bytes {
		return Err(invalid());
	}
	Ok(p)
}

/// Split `n` bytes off the front of `bytes` (callers have checked the total length; a
/// short read is reported against `field` all the same).
pub(crate) fn take<'a>(
	bytes: &mut &'a [u8],
	n: usize,
	field: &str,
) -> Result<&'a [u8], FormatError> {
	match bytes.split_at_checked(n) {
		Some((head, tail)) => {
			*bytes = tail;
			Ok(head)
		},
		None => {
			Err(FormatError::new(field, ErrorKind::WireLength { expected: n, got: bytes.len() }))
		},
	}
}

/// A scalar as a public input: 32 bytes little-endian.
pub(crate) fn encode_scalar(value: &Fr) -> [u8; 32] {
	let mut out = [0u8; 32];
	for (chunk, limb) in out.chunks_exact_mut(8).zip(value.into_bigint().0.iter()) {
		chunk.copy_from_slice(&limb.to_le_bytes());
	}
	out
}

/// A public input as a scalar: strictly below `r`, never reduced.
pub(crate) fn decode_scalar(bytes: &[u8; 32], field: &str) -> Result<Fr, FormatError> {
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		let mut le = [0u8; 8];
		le.copy_from_slice(chunk);
		*limb = u64::from_le_bytes(le);
	}
	Fr::from_bigint(BigInt::new(limbs))
		.ok_or_else(|| FormatError::new(field, ErrorKind::NotBelowModulus(Modulus::Scalar)))
}
