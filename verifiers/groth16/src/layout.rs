//! Sizes of the wire format and of the prepared key (no arkworks: the runtime side of the
//! host-function verifier uses them too). The layouts: `docs/WIRE-FORMAT.md` and
//! [`crate::prepared`].

/// Size in bytes of a compressed G1 point (BN254).
pub const G1_SIZE: usize = 32;
/// Size in bytes of a compressed G2 point (BN254).
pub const G2_SIZE: usize = 64;
/// Size in bytes of a public input: a scalar field element, little-endian.
pub const PUBLIC_INPUT_SIZE: usize = 32;
/// Size in bytes of a proof: `A` (G1), `B` (G2), `C` (G1), compressed.
pub const PROOF_SIZE: usize = G1_SIZE + G2_SIZE + G1_SIZE;
/// Size in bytes of a verifying key before its `gamma_abc_g1` points: `alpha_g1`,
/// `beta_g2`, `gamma_g2`, `delta_g2` and the 8-byte little-endian length of `gamma_abc_g1`.
pub const VERIFYING_KEY_HEADER_SIZE: usize = G1_SIZE + 3 * G2_SIZE + 8;

/// Size in bytes of the verifying key of a circuit with `public_inputs` public inputs
/// (`None` if it does not fit a `usize`).
pub const fn verifying_key_size(public_inputs: u32) -> Option<usize> {
	// gamma_abc_g1 holds one point more than there are public inputs.
	let points = match (public_inputs as usize).checked_add(1) {
		Some(p) => p,
		None => return None,
	};
	match points.checked_mul(G1_SIZE) {
		Some(b) => b.checked_add(VERIFYING_KEY_HEADER_SIZE),
		None => None,
	}
}

/// The version byte of the prepared-key layout.
pub const PREPARED_KEY_VERSION: u8 = 1;
/// Size of an uncompressed G1 point.
pub const G1_UNCOMPRESSED_SIZE: usize = 64;
/// Size of an uncompressed G2 point.
pub const G2_UNCOMPRESSED_SIZE: usize = 128;
/// Size of an `Fq12` (twelve 32-byte base field elements).
pub const FQ12_SIZE: usize = 384;
/// Bytes of a prepared key before `gamma_abc_g1`: version, input count, `e(alpha, beta)`,
/// `-gamma_g2`, `-delta_g2`.
pub const PREPARED_KEY_HEADER_SIZE: usize = 1 + 4 + FQ12_SIZE + 2 * G2_UNCOMPRESSED_SIZE;

/// Size in bytes of the prepared key of a circuit with `public_inputs` inputs (saturating).
pub const fn prepared_key_size(public_inputs: u32) -> usize {
	let points = (public_inputs as usize).saturating_add(1);
	points
		.saturating_mul(G1_UNCOMPRESSED_SIZE)
		.saturating_add(PREPARED_KEY_HEADER_SIZE)
}

/// [`prepared_key_size`] as a `u32` (saturating): the storage bound a runtime needs.
pub const fn prepared_key_len(public_inputs: u32) -> u32 {
	let size = prepared_key_size(public_inputs);
	if size > u32::MAX as usize {
		u32::MAX
	} else {
		size as u32
	}
}
