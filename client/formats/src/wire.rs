//! The chain's wire format (`docs/WIRE-FORMAT.md`): arkworks 0.6 canonical compressed
//! points and 32-byte little-endian scalars.

use crate::error::{ErrorKind, FormatError, Modulus};
use ark_bn254::Fr;
use ark_ff::{BigInt, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};

pub use zkmine_groth16_verifier::layout::{
	G1_SIZE, G2_SIZE, PROOF_SIZE, PUBLIC_INPUT_SIZE, VERIFYING_KEY_HEADER_SIZE,
};

/// The size of a wire-format verifying key for `public_inputs` inputs, if it fits (the
/// chain's own rule, `zkmine_groth16_verifier::layout::verifying_key_size`, for the `u64`
/// counts of JSON files and wire headers).
pub fn verifying_key_size(public_inputs: u64) -> Option<usize> {
	u32::try_from(public_inputs)
		.ok()
		.and_then(zkmine_groth16_verifier::layout::verifying_key_size)
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
