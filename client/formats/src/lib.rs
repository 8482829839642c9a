#![doc = include_str!("../README.md")]
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

mod error;
mod snarkjs;
pub mod wire;

pub use error::{ErrorKind, FormatError, Modulus};

use ark_bn254::{Bn254, G1Affine, G2Affine};
use ark_ec::{pairing::Pairing, AffineRepr};
use serde::Serialize;
use snarkjs::{array, expect_str, field, index, object, parse};
use wire::{decode_point, encode, take, G1_SIZE, G2_SIZE, PROOF_SIZE, VERIFYING_KEY_HEADER_SIZE};

/// The `protocol` of every snarkjs file this crate reads or writes.
pub const PROTOCOL: &str = "groth16";
/// The `curve` of every snarkjs file this crate reads or writes: snarkjs's name of BN254
/// (alt_bn128).
pub const CURVE: &str = "bn128";

/// A public input in the wire format: 32 bytes little-endian, strictly below `r`
/// (the chain's `FieldElement`).
pub type PublicInput = [u8; 32];

/// Convert a snarkjs `verification_key.json` (`snarkjs zkey export verificationkey`) into a
/// wire-format verifying key (`264 + 32·nPublic` bytes).
///
/// Checks: `protocol` is `"groth16"`, `curve` is `"bn128"`, `nPublic` is a non-negative
/// integer and `IC` holds `nPublic + 1` points; every point has coordinates below `q`, is
/// normalised (`z = 1`), lies on the curve and in the prime-order subgroup, and is not the
/// point at infinity (which the chain refuses in a key). `vk_alphabeta_12`, which the wire
/// format does not carry, is optional; if present it must equal `e(vk_alpha_1, vk_beta_2)`.
/// Other fields are ignored.
pub fn verifying_key_from_snarkjs(json: &str) -> Result<Vec<u8>, FormatError> {
	let doc = parse(json)?;
	let obj = object(&doc, "")?;
	expect_str(obj, "protocol", PROTOCOL)?;
	expect_str(obj, "curve", CURVE)?;
	let (n_public, n_path) = field(obj, "", "nPublic")?;
	let n_public = n_public
		.as_u64()
		.ok_or_else(|| FormatError::new(n_path, ErrorKind::WrongType("a non-negative integer")))?;
	let (ic, ic_path) = field(obj, "", "IC")?;
	let ic = array(ic, &ic_path)?;
	if u64::try_from(ic.len()).ok() != n_public.checked_add(1) {
		return Err(FormatError::new(
			ic_path,
			ErrorKind::InputCountMismatch { n_public, points: ic.len() },
		));
	}
	let key_g1 = |name: &str| -> Result<G1Affine, FormatError> {
		let (v, path) = field(obj, "", name)?;
		not_infinity(snarkjs::g1(v, &path)?, path)
	};
	let key_g2 = |name: &str| -> Result<G2Affine, FormatError> {
		let (v, path) = field(obj, "", name)?;
		not_infinity(snarkjs::g2(v, &path)?, path)
	};
	let alpha = key_g1("vk_alpha_1")?;
	let beta = key_g2("vk_beta_2")?;
	let gamma = key_g2("vk_gamma_2")?;
	let delta = key_g2("vk_delta_2")?;
	let mut points = Vec::with_capacity(ic.len());
	for (i, v) in ic.iter().enumerate() {
		let path = index(&ic_path, i);
		points.push(not_infinity(snarkjs::g1(v, &path)?, path)?);
	}
	if let Some(v) = obj.get("vk_alphabeta_12") {
		let path = "vk_alphabeta_12";
		if snarkjs::fq12(v, path)? != Bn254::pairing(alpha, beta).0 {
			return Err(FormatError::new(path, ErrorKind::AlphaBetaMismatch));
		}
	}
	let mut out = Vec::with_capacity(wire::verifying_key_size(n_public).unwrap_or(0));
	encode(&alpha, &mut out)?;
	encode(&beta, &mut out)?;
	encode(&gamma, &mut out)?;
	encode(&delta, &mut out)?;
	out.extend_from_slice(&n_public.saturating_add(1).to_le_bytes());
	for p in &points {
		encode(p, &mut out)?;
	}
	Ok(out)
}

/// Convert a wire-format verifying key into snarkjs's `verification_key.json`, formatted as
/// snarkjs writes it (one space of indentation, no trailing newline), with
/// `vk_alphabeta_12 = e(vk_alpha_1, vk_beta_2)` computed.
///
/// The key is validated as the chain validates it: exact length for the `n_points` it
/// declares (at least 1), every point canonical, in the subgroup and not at infinity.
/// Errors name the field at those bytes (`vk_beta_2`, `IC[2]`, ...) or `verifying_key`
/// for the length.
pub fn verifying_key_to_snarkjs(wire: &[u8]) -> Result<String, FormatError> {
	const WHOLE: &str = "verifying_key";
	let header = wire.get(..VERIFYING_KEY_HEADER_SIZE).ok_or_else(|| {
		FormatError::new(
			WHOLE,
			ErrorKind::WireTooShort { min: VERIFYING_KEY_HEADER_SIZE, got: wire.len() },
		)
	})?;
	let mut n_bytes = [0u8; 8];
	if let Some(b) = header.get(VERIFYING_KEY_HEADER_SIZE.saturating_sub(8)..) {
		n_bytes.copy_from_slice(b);
	}
	let n_points = u64::from_le_bytes(n_bytes);
	let n_public = n_points
		.checked_sub(1)
		.ok_or_else(|| FormatError::new("nPublic", ErrorKind::WirePointCount(n_points)))?;
	let size = wire::verifying_key_size(n_public)
		.ok_or_else(|| FormatError::new("nPublic", ErrorKind::WirePointCount(n_points)))?;
	if wire.len() != size {
		return Err(FormatError::new(
			WHOLE,
			ErrorKind::WireLength { expected: size, got: wire.len() },
		));
	}
	let mut rest = wire;
	let alpha: G1Affine = key_point(&mut rest, G1_SIZE, "vk_alpha_1")?;
	let beta: G2Affine = key_point(&mut rest, G2_SIZE, "vk_beta_2")?;
	let gamma: G2Affine = key_point(&mut rest, G2_SIZE, "vk_gamma_2")?;
	let delta: G2Affine = key_point(&mut rest, G2_SIZE, "vk_delta_2")?;
	take(&mut rest, 8, WHOLE)?;
	// The length check above leaves exactly n_points chunks of G1_SIZE bytes.
	let mut ic = Vec::new();
	for (i, mut chunk) in rest.chunks(G1_SIZE).enumerate() {
		let p: G1Affine = key_point(&mut chunk, G1_SIZE, &index("IC", i))?;
		ic.push(snarkjs::g1_json(&p));
	}
	snarkjs::to_json(&VerifyingKeyJson {
		protocol: PROTOCOL,
		curve: CURVE,
		n_public,
		vk_alpha_1: snarkjs::g1_json(&alpha),
		vk_beta_2: snarkjs::g2_json(&beta),
		vk_gamma_2: snarkjs::g2_json(&gamma),
		vk_delta_2: snarkjs::g2_json(&delta),
		vk_alphabeta_12: snarkjs::fq12_json(&Bn254::pairing(alpha, beta).0),
		ic,
	})
}

/// Convert a snarkjs `proof.json` (`snarkjs groth16 prove` / `fullprove`) into a wire-format
/// proof (exactly 128 bytes: `pi_a`, `pi_b`, `pi_c` compressed).
///
/// Checks: `protocol` is `"groth16"`, `curve` is `"bn128"`; each point has coordinates
/// below `q`, is normalised (`z = 1`, or the point at infinity written `[0, 1, 0]`), lies
/// on the curve and in the prime-order subgroup. The points are taken as they are: snarkjs
/// does not negate `pi_a` in the file (its verifier negates it when it builds the pairing
/// product), so the file's `pi_a` is the wire format's `a`.
pub fn proof_from_snarkjs(json: &str) -> Result<Vec<u8>, FormatError> {
	let doc = parse(json)?;
	let obj = object(&doc, "")?;
	expect_str(obj, "protocol", PROTOCOL)?;
	expect_str(obj, "curve", CURVE)?;
	let (a, a_path) = field(obj, "", "pi_a")?;
	let a = snarkjs::g1(a, &a_path)?;
	let (b, b_path) = field(obj, "", "pi_b")?;
	let b = snarkjs::g2(b, &b_path)?;
	let (c, c_path) = field(obj, "", "pi_c")?;
	let c = snarkjs::g1(c, &c_path)?;
	let mut out = Vec::with_capacity(PROOF_SIZE);
	encode(&a, &mut out)?;
	encode(&b, &mut out)?;
	encode(&c, &mut out)?;
	Ok(out)
}

/// Convert a wire-format proof (exactly 128 bytes) into snarkjs's `proof.json`, formatted as
/// snarkjs writes it: `pi_a`, `pi_b`, `pi_c` projective with `z = 1` (`[0, 1, 0]` for the
/// point at infinity), then `protocol` and `curve`.
///
/// Each point must be canonical and in the subgroup, as the chain requires; errors name it
/// (`pi_a`, `pi_b`, `pi_c`), or `proof` for a wrong length.
pub fn proof_to_snarkjs(wire: &[u8]) -> Result<String, FormatError> {
	if wire.len() != PROOF_SIZE {
		return Err(FormatError::new(
			"proof",
			ErrorKind::WireLength { expected: PROOF_SIZE, got: wire.len() },
		));
	}
	let mut rest = wire;
	let a: G1Affine = decode_point(take(&mut rest, G1_SIZE, "pi_a")?, "pi_a")?;
	let b: G2Affine = decode_point(take(&mut rest, G2_SIZE, "pi_b")?, "pi_b")?;
	let c: G1Affine = decode_point(take(&mut rest, G1_SIZE, "pi_c")?, "pi_c")?;
	snarkjs::to_json(&ProofJson {
		pi_a: snarkjs::g1_json(&a),
		pi_b: snarkjs::g2_json(&b),
		pi_c: snarkjs::g1_json(&c),
		protocol: PROTOCOL,
		curve: CURVE,
	})
}

/// Convert a snarkjs `public.json` (an array of decimal strings, in the circuit's order of
/// public signals: outputs first, then public inputs) into wire-format public inputs.
///
/// Each element must be a string of ASCII digits (leading zeros allowed) whose value is
/// strictly below `r`; a value `>= r` is refused, never reduced. Errors name the element
/// as `public[i]`.
pub fn public_inputs_from_snarkjs(json: &str) -> Result<Vec<PublicInput>, FormatError> {
	let doc = parse(json)?;
	let items = array(&doc, "public")?;
	let mut out = Vec::with_capacity(items.len());
	for (i, v) in items.iter().enumerate() {
		out.push(wire::encode_scalar(&snarkjs::fr(v, &index("public", i))?));
	}
	Ok(out)
}

/// Convert wire-format public inputs into snarkjs's `public.json`, formatted as snarkjs
/// writes it. Each input must be below `r` (the chain refuses any other); errors name it
/// as `public[i]`.
pub fn public_inputs_to_snarkjs(inputs: &[PublicInput]) -> Result<String, FormatError> {
	let mut out = Vec::with_capacity(inputs.len());
	for (i, bytes) in inputs.iter().enumerate() {
		out.push(snarkjs::dec(&wire::decode_scalar(bytes, &index("public", i))?));
	}
	snarkjs::to_json(&out)
}

/// Refuse the point at infinity (in a verifying key).
fn not_infinity<P: AffineRepr>(p: P, path: String) -> Result<P, FormatError> {
	if p.is_zero() {
		return Err(FormatError::new(path, ErrorKind::PointAtInfinity));
	}
	Ok(p)
}

/// Read the next point of a wire-format verifying key.
fn key_point<P: AffineRepr>(rest: &mut &[u8], size: usize, name: &str) -> Result<P, FormatError> {
	let p: P = decode_point(take(rest, size, name)?, name)?;
	not_infinity(p, name.to_owned())
}

/// snarkjs's `proof.json`, fields in snarkjs's order.
#[derive(Serialize)]
struct ProofJson {
	pi_a: [String; 3],
	pi_b: [[String; 2]; 3],
	pi_c: [String; 3],
	protocol: &'static str,
	curve: &'static str,
}

/// snarkjs's `verification_key.json`, fields in snarkjs's order.
#[derive(Serialize)]
struct VerifyingKeyJson {
	protocol: &'static str,
	curve: &'static str,
	#[serde(rename = "nPublic")]
	n_public: u64,
	vk_alpha_1: [String; 3],
	vk_beta_2: [[String; 2]; 3],
	vk_gamma_2: [[String; 2]; 3],
	vk_delta_2: [[String; 2]; 3],
	vk_alphabeta_12: [[[String; 2]; 3]; 2],
	#[serde(rename = "IC")]
	ic: Vec<[String; 3]>,
}
