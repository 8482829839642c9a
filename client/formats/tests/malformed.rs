//! Malformed input: each case gives an error that names the field at fault, and nothing
//! panics.

mod common;

use ark_bn254::{Fq, Fq2, G2Affine};
use ark_ec::short_weierstrass::SWCurveConfig;
use ark_ff::{BigInteger, Field, PrimeField};
use common::*;
use serde_json::{json, Value};
use zkmine_formats::*;

const Q: &str = "21888242871839275222246405745257275088696311157297823662689037894645226208583";
const Q_MINUS_1: &str =
	"21888242871839275222246405745257275088696311157297823662689037894645226208582";
const R: &str = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
const TWO_256: &str =
	"115792089237316195423570985008687907853269984665640564039457584007913129639936";

/// The error message of converting `json` with `convert`.
fn error_of(convert: fn(&str) -> Result<Vec<u8>, FormatError>, json: &str) -> String {
	match convert(json) {
		Ok(_) => panic!("converted: {json}"),
		Err(e) => e.to_string(),
	}
}

fn vk_error(edit: impl FnOnce(&mut Value)) -> String {
	error_of(verifying_key_from_snarkjs, &edited(&vk_json(), edit))
}

fn proof_error(edit: impl FnOnce(&mut Value)) -> String {
	error_of(proof_from_snarkjs, &edited(&proof_json(1), edit))
}

fn public_error(edit: impl FnOnce(&mut Value)) -> String {
	let json = edited(&public_json(1), edit);
	match public_inputs_from_snarkjs(&json) {
		Ok(_) => panic!("converted: {json}"),
		Err(e) => e.to_string(),
	}
}

fn s(text: &str) -> Value {
	Value::String(text.to_owned())
}

/// A point on BN254's G2 curve (the twist) outside the prime-order subgroup, as snarkjs JSON.
fn g2_outside_the_subgroup() -> Value {
	let b = ark_bn254::g2::Config::COEFF_B;
	for i in 1u64.. {
		let x = Fq2::new(Fq::from(i), Fq::ONE);
		let Some(y) = (x.square() * x + b).sqrt() else { continue };
		let p = G2Affine::new_unchecked(x, y);
		assert!(p.is_on_curve());
		if !p.is_in_correct_subgroup_assuming_on_curve() {
			let d = |f: Fq| s(&f.into_bigint().to_string());
			return json!([[d(x.c0), d(x.c1)], [d(y.c0), d(y.c1)], ["1", "0"]]);
		}
	}
	unreachable!()
}

#[test]
fn wrong_curve_or_protocol() {
	assert_eq!(
		vk_error(|v| v["curve"] = s("bls12381")),
		"curve: expected \"bn128\", got \"bls12381\""
	);
	assert_eq!(
		vk_error(|v| v["protocol"] = s("plonk")),
		"protocol: expected \"groth16\", got \"plonk\""
	);
	assert_eq!(
		proof_error(|v| v["curve"] = s("bls12381")),
		"curve: expected \"bn128\", got \"bls12381\""
	);
	assert_eq!(
		proof_error(|v| v["protocol"] = s("fflonk")),
		"protocol: expected \"groth16\", got \"fflonk\""
	);
	assert_eq!(proof_error(|v| v["curve"] = json!(254)), "curve: expected a string");
	let long = "x".repeat(100);
	assert_eq!(
		proof_error(|v| v["curve"] = s(&long)),
		format!("curve: expected \"bn128\", got \"{}...\"", "x".repeat(40))
	);
}

#[test]
fn missing_fields() {
	for field in [
		"protocol",
		"curve",
		"nPublic",
		"vk_alpha_1",
		"vk_beta_2",
		"vk_gamma_2",
		"vk_delta_2",
		"IC",
	] {
		assert_eq!(
			vk_error(|v| {
				v.as_object_mut().unwrap().remove(field);
			}),
			format!("{field}: missing")
		);
	}
	for field in ["pi_a", "pi_b", "pi_c", "protocol", "curve"] {
		assert_eq!(
			proof_error(|v| {
				v.as_object_mut().unwrap().remove(field);
			}),
			format!("{field}: missing")
		);
	}
}

#[test]
fn not_decimal() {
	for bad in ["0x12", "", "-1", "+1", " 1", "1 ", "1e3", "1_000", "12a", "١٢"] {
		assert_eq!(
			proof_error(|v| v["pi_b"][1][0] = s(bad)),
			"pi_b[1][0]: not a decimal number",
			"{bad:?}"
		);
	}
	assert_eq!(proof_error(|v| v["pi_a"][0] = json!(5)), "pi_a[0]: expected a string");
	assert_eq!(vk_error(|v| v["IC"][3][1] = s("abc")), "IC[3][1]: not a decimal number");
	assert_eq!(public_error(|v| v[1] = s("12.5")), "public[1]: not a decimal number");
	assert_eq!(public_error(|v| v[2] = json!(7)), "public[2]: expected a string");
	assert_eq!(vk_error(|v| v["nPublic"] = s("3")), "nPublic: expected a non-negative integer");
	assert_eq!(vk_error(|v| v["nPublic"] = json!(-1)), "nPublic: expected a non-negative integer");
}

#[test]
fn values_not_below_the_modulus() {
	for big in [Q, TWO_256, &"9".repeat(1000)] {
		assert_eq!(
			proof_error(|v| v["pi_a"][0] = s(big)),
			"pi_a[0]: not below the base field modulus q"
		);
	}
	assert_eq!(
		vk_error(|v| v["vk_gamma_2"][0][1] = s(Q)),
		"vk_gamma_2[0][1]: not below the base field modulus q"
	);
	assert_eq!(public_error(|v| v[0] = s(R)), "public[0]: not below the scalar field modulus r");
	assert_eq!(
		public_error(|v| v[2] = s(&format!("0000{TWO_256}"))),
		"public[2]: not below the scalar field modulus r"
	);
	// r - 1 and q - 1 are fine as numbers (q - 1 just is no point here).
	assert!(public_inputs_from_snarkjs(
		"[\"21888242871839275222246405745257275088548364400416034343698204186575808495616\"]"
	)
	.is_ok());
	assert_eq!(proof_error(|v| v["pi_a"][0] = s(Q_MINUS_1)), "pi_a: point not on the curve");
}

#[test]
fn points_not_on_the_curve() {
	let plus_one = |text: &str| {
		let y: Fq = text.parse().unwrap();
		(y + Fq::ONE).into_bigint().to_string()
	};
	assert_eq!(
		vk_error(|v| v["IC"][2][1] = s(&plus_one(v["IC"][2][1].as_str().unwrap()))),
		"IC[2]: point not on the curve"
	);
	assert_eq!(
		vk_error(|v| v["vk_alpha_1"][0] = s(&plus_one(v["vk_alpha_1"][0].as_str().unwrap()))),
		"vk_alpha_1: point not on the curve"
	);
	assert_eq!(
		proof_error(|v| v["pi_b"][1][1] = s(&plus_one(v["pi_b"][1][1].as_str().unwrap()))),
		"pi_b: point not on the curve"
	);
	assert_eq!(
		proof_error(|v| v["pi_c"][1] = s(&plus_one(v["pi_c"][1].as_str().unwrap()))),
		"pi_c: point not on the curve"
	);
}

#[test]
fn g2_points_outside_the_subgroup() {
	let p = g2_outside_the_subgroup();
	assert_eq!(
		vk_error(|v| v["vk_beta_2"] = p.clone()),
		"vk_beta_2: point not in the prime-order subgroup"
	);
	assert_eq!(
		proof_error(|v| v["pi_b"] = p.clone()),
		"pi_b: point not in the prime-order subgroup"
	);
}

#[test]
fn wrong_ic_count() {
	assert_eq!(vk_error(|v| v["nPublic"] = json!(4)), "IC: expected nPublic + 1 = 5 points, got 4");
	assert_eq!(vk_error(|v| v["nPublic"] = json!(2)), "IC: expected nPublic + 1 = 3 points, got 4");
	assert_eq!(
		vk_error(|v| {
			v["IC"].as_array_mut().unwrap().pop();
		}),
		"IC: expected nPublic + 1 = 4 points, got 3"
	);
	assert_eq!(
		vk_error(|v| v["nPublic"] = json!(u64::MAX)),
		format!("IC: expected nPublic + 1 = {} points, got 4", u128::from(u64::MAX) + 1)
	);
	assert_eq!(vk_error(|v| v["IC"] = json!({})), "IC: expected an array");
}

#[test]
fn malformed_points() {
	assert_eq!(
		proof_error(|v| v["pi_a"] = json!(["1", "2", "1", "1"])),
		"pi_a: expected 3 elements, got 4"
	);
	assert_eq!(proof_error(|v| v["pi_a"] = json!(["1"])), "pi_a: expected 3 elements, got 1");
	assert_eq!(proof_error(|v| v["pi_a"] = s("1")), "pi_a: expected an array");
	assert_eq!(
		proof_error(|v| v["pi_b"][0] = json!(["1", "2", "3"])),
		"pi_b[0]: expected 2 elements, got 3"
	);
	assert_eq!(proof_error(|v| v["pi_b"][2] = s("1")), "pi_b[2]: expected an array");
	// Not normalised (snarkjs would read Jacobian coordinates).
	assert_eq!(
		proof_error(|v| v["pi_a"][2] = s("2")),
		"pi_a[2]: expected z = 1 (an affine point) or z = 0 (the point at infinity)"
	);
	assert_eq!(
		proof_error(|v| v["pi_b"][2] = json!(["1", "1"])),
		"pi_b[2]: expected z = 1 (an affine point) or z = 0 (the point at infinity)"
	);
	// Infinity only as [0, 1, 0].
	assert_eq!(
		proof_error(|v| v["pi_c"] = json!(["5", "1", "0"])),
		"pi_c: a point at infinity must have x = 0 and y = 1"
	);
	assert_eq!(
		proof_error(|v| v["pi_b"] = json!([["0", "0"], ["0", "0"], ["0", "0"]])),
		"pi_b: a point at infinity must have x = 0 and y = 1"
	);
}

#[test]
fn points_at_infinity_in_a_key() {
	assert_eq!(
		vk_error(|v| v["IC"][0] = json!(["0", "1", "0"])),
		"IC[0]: point at infinity (not allowed in a verifying key)"
	);
	assert_eq!(
		vk_error(|v| v["vk_delta_2"] = json!([["0", "0"], ["1", "0"], ["0", "0"]])),
		"vk_delta_2: point at infinity (not allowed in a verifying key)"
	);
}

#[test]
fn not_json_or_wrong_shape() {
	let e = verifying_key_from_snarkjs("{").unwrap_err();
	assert_eq!(e.field(), "");
	assert!(matches!(e.kind(), ErrorKind::Json(_)), "{e}");
	assert!(e.to_string().starts_with("invalid JSON: "), "{e}");
	assert_eq!(proof_from_snarkjs("[]").unwrap_err().to_string(), "expected an object");
	assert_eq!(proof_from_snarkjs("").unwrap_err().field(), "");
	assert_eq!(
		public_inputs_from_snarkjs("{}").unwrap_err().to_string(),
		"public: expected an array"
	);
	assert_eq!(
		public_inputs_from_snarkjs("\"1\"").unwrap_err().to_string(),
		"public: expected an array"
	);
}

#[test]
fn truncated_or_corrupt_wire_bytes() {
	let c = converted();
	// Proofs.
	let proof = &c.proofs[0];
	assert_eq!(
		proof_to_snarkjs(&proof[..127]).unwrap_err().to_string(),
		"proof: expected 128 bytes, got 127"
	);
	assert_eq!(proof_to_snarkjs(&[]).unwrap_err().to_string(), "proof: expected 128 bytes, got 0");
	let mut long = proof.clone();
	long.push(0);
	assert_eq!(
		proof_to_snarkjs(&long).unwrap_err().to_string(),
		"proof: expected 128 bytes, got 129"
	);
	let mut bad = proof.clone();
	bad[95] |= 0xc0; // both flags of pi_b: invalid
	assert_eq!(
		proof_to_snarkjs(&bad).unwrap_err().to_string(),
		"pi_b: not a canonical compressed point of the prime-order subgroup"
	);
	let mut bad = proof.clone();
	bad[96..128].copy_from_slice(&[0xff; 32]); // x >= q
	assert_eq!(proof_to_snarkjs(&bad).unwrap_err().field(), "pi_c");
	let mut bad = proof.clone();
	bad[..32].fill(0);
	bad[31] = 0x40;
	bad[0] = 1; // infinity with stray bits
	assert_eq!(proof_to_snarkjs(&bad).unwrap_err().field(), "pi_a");
	// Keys.
	let vk = &c.vk;
	assert_eq!(
		verifying_key_to_snarkjs(&vk[..300]).unwrap_err().to_string(),
		"verifying_key: expected 360 bytes, got 300"
	);
	assert_eq!(
		verifying_key_to_snarkjs(&vk[..359]).unwrap_err().to_string(),
		"verifying_key: expected 360 bytes, got 359"
	);
	assert_eq!(
		verifying_key_to_snarkjs(&vk[..100]).unwrap_err().to_string(),
		"verifying_key: expected at least 232 bytes, got 100"
	);
	let mut bad = vk.clone();
	bad[224..232].copy_from_slice(&0u64.to_le_bytes());
	assert_eq!(
		verifying_key_to_snarkjs(&bad).unwrap_err().to_string(),
		"nPublic: invalid number of points 0"
	);
	let mut bad = vk.clone();
	bad[224..232].copy_from_slice(&u64::MAX.to_le_bytes());
	assert!(verifying_key_to_snarkjs(&bad).is_err());
	let mut bad = vk.clone();
	bad[224..232].copy_from_slice(&5u64.to_le_bytes());
	assert_eq!(
		verifying_key_to_snarkjs(&bad).unwrap_err().to_string(),
		"verifying_key: expected 392 bytes, got 360"
	);
	let mut bad = vk.clone();
	bad[232 + 32..232 + 64].fill(0);
	bad[232 + 63] = 0x40; // IC[1] = infinity
	assert_eq!(
		verifying_key_to_snarkjs(&bad).unwrap_err().to_string(),
		"IC[1]: point at infinity (not allowed in a verifying key)"
	);
	let mut bad = vk.clone();
	bad[32 + 63] |= 0xc0;
	assert_eq!(verifying_key_to_snarkjs(&bad).unwrap_err().field(), "vk_beta_2");
	// Public inputs.
	let mut r = [0u8; 32];
	r.copy_from_slice(&ark_bn254::Fr::MODULUS.to_bytes_le());
	assert_eq!(
		public_inputs_to_snarkjs(&[[0; 32], r]).unwrap_err().to_string(),
		"public[1]: not below the scalar field modulus r"
	);
	assert!(public_inputs_to_snarkjs(&[[0xff; 32]]).is_err());
}

#[test]
fn no_input_panics() {
	// Every truncation and every single-bit flip of the wire bytes.
	let c = converted();
	for len in 0..=c.vk.len() + 1 {
		let mut v = c.vk.clone();
		v.resize(len, 0);
		let _ = verifying_key_to_snarkjs(&v);
	}
	for i in 0..c.vk.len() * 8 {
		let mut v = c.vk.clone();
		v[i / 8] ^= 1 << (i % 8);
		let _ = verifying_key_to_snarkjs(&v);
	}
	for i in 0..c.proofs[0].len() * 8 {
		let mut p = c.proofs[0].clone();
		p[i / 8] ^= 1 << (i % 8);
		if let Ok(json) = proof_to_snarkjs(&p) {
			// Whatever decodes comes back to the same bytes.
			assert_eq!(proof_from_snarkjs(&json).unwrap(), p);
		}
	}
	// Every string of the JSON replaced by odd values, every array emptied.
	let odd =
		[json!(""), json!("0"), json!(null), json!([]), json!({}), json!(1.5), s(Q), s(TWO_256)];
	fn leaves(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
		out.push(path.clone());
		match v {
			Value::Array(items) => {
				for (i, x) in items.iter().enumerate() {
					path.push(json!(i));
					leaves(x, path, out);
					path.pop();
				}
			},
			Value::Object(map) => {
				for (k, x) in map {
					path.push(json!(k));
					leaves(x, path, out);
					path.pop();
				}
			},
			_ => {},
		}
	}
	for (text, convert) in [
		(proof_json(1), proof_from_snarkjs as fn(&str) -> Result<Vec<u8>, FormatError>),
		(vk_json(), verifying_key_from_snarkjs),
	] {
		let doc: Value = serde_json::from_str(&text).unwrap();
		let mut paths = Vec::new();
		leaves(&doc, &mut Vec::new(), &mut paths);
		for path in &paths {
			for value in &odd {
				let mut d = doc.clone();
				let mut at = &mut d;
				for step in path {
					at = match step {
						Value::Number(n) => &mut at[n.as_u64().unwrap() as usize],
						Value::String(k) => &mut at[k.as_str()],
						_ => unreachable!(),
					};
				}
				*at = value.clone();
				let _ = convert(&d.to_string());
			}
		}
	}
	let _ = public_inputs_from_snarkjs("[[\"1\"]]");
	let _ = public_inputs_from_snarkjs("[null]");
}
