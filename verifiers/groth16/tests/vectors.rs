//! The committed test vectors (`test-vectors/groth16/*.json`, made by
//! `demo-rollup vectors`) and benchmark fixtures against the verifier.

use serde_json::Value;
use zkmine_groth16_verifier::{
	fixtures::{fixture, MAX_FIXTURE_PUBLIC_INPUTS},
	verifying_key_size, Groth16Bn254, PROOF_SIZE,
};
use zkmine_primitives::{FieldElement, ProofVerifier, VerifierError};

/// The wire-level checks the tests express (a wire-format key, prepared on the spot).
fn validate_vk(vk: &[u8], max: u32) -> Result<u32, VerifierError> {
	Groth16Bn254::prepare_verifying_key(vk, max).map(|k| k.public_inputs)
}

/// `validate_public_inputs` against the key prepared from `vk`.
fn validate_inputs(vk: &[u8], inputs: &[FieldElement]) -> Result<(), VerifierError> {
	let key = Groth16Bn254::prepare_verifying_key(vk, u32::MAX)?;
	Groth16Bn254::validate_public_inputs(&key.bytes, inputs)
}

const KEY_FILE: &str = include_str!("../../../test-vectors/groth16/verifying_key.json");
const VALID: &str = include_str!("../../../test-vectors/groth16/valid.json");
const INVALID: &str = include_str!("../../../test-vectors/groth16/invalid.json");
const MALFORMED: &str = include_str!("../../../test-vectors/groth16/malformed.json");

struct Case {
	name: String,
	vk: Vec<u8>,
	inputs: Vec<FieldElement>,
	proof: Vec<u8>,
	max_inputs: u32,
	expect_verify: String,
	expect_validate_vk: String,
	expect_validate_inputs: String,
}

fn bytes(v: &Value) -> Vec<u8> {
	let s = v.as_str().expect("hex string");
	hex::decode(s.strip_prefix("0x").expect("0x prefix")).expect("hex")
}

fn field(v: &Value) -> Option<FieldElement> {
	FieldElement::try_from(bytes(v).as_slice()).ok()
}

fn text(v: &Value) -> String {
	v.as_str().expect("string").to_string()
}

fn cases(file: &str) -> Vec<Case> {
	let doc: Value = serde_json::from_str(file).expect("json");
	doc["cases"]
		.as_array()
		.expect("cases")
		.iter()
		.map(|c| Case {
			name: text(&c["name"]),
			vk: bytes(&c["verifying_key"]),
			inputs: c["public_inputs"]
				.as_array()
				.expect("inputs")
				.iter()
				.map(|i| field(i).expect("32-byte input"))
				.collect(),
			proof: bytes(&c["proof"]),
			max_inputs: u32::try_from(c["max_public_inputs"].as_u64().expect("max")).expect("u32"),
			expect_verify: text(&c["expect_verify"]),
			expect_validate_vk: text(&c["expect_validate_verifying_key"]),
			expect_validate_inputs: text(&c["expect_validate_public_inputs"]),
		})
		.collect()
}

fn error_name(e: VerifierError) -> String {
	format!("{e:?}")
}

fn show<T: ToString>(r: Result<T, VerifierError>) -> String {
	r.map(|v| v.to_string()).unwrap_or_else(error_name)
}

fn check(case: &Case) {
	let verify = show(Groth16Bn254::verify_wire(&case.vk, &case.inputs, &case.proof));
	assert_eq!(verify, case.expect_verify, "{}: verify", case.name);
	let vk = show(validate_vk(&case.vk, case.max_inputs));
	assert_eq!(vk, case.expect_validate_vk, "{}: validate_verifying_key", case.name);
	// Inputs are checked against a prepared key: only a key that prepares has one (the
	// vectors' expectation reads the key's header alone).
	if Groth16Bn254::prepare_verifying_key(&case.vk, u32::MAX).is_ok() {
		let inputs = match validate_inputs(&case.vk, &case.inputs) {
			Ok(()) => "ok".to_string(),
			Err(e) => error_name(e),
		};
		assert_eq!(inputs, case.expect_validate_inputs, "{}: validate_public_inputs", case.name);
	}
}

#[test]
fn valid_proofs_verify() {
	let cases = cases(VALID);
	assert!(cases.len() >= 4, "three proofs of one sequence and one of another");
	for case in &cases {
		assert_eq!(case.expect_verify, "true", "{}", case.name);
		check(case);
	}
	// The three proofs of sequence A are distinct byte strings of the same statement.
	let a: Vec<&Case> = cases.iter().filter(|c| c.name.starts_with("sequence_a")).collect();
	assert_eq!(a.len(), 3);
	assert!(a.iter().all(|c| c.inputs == a[0].inputs));
	assert!(a[0].proof != a[1].proof && a[1].proof != a[2].proof && a[0].proof != a[2].proof);
}

#[test]
fn proofs_of_other_statements_do_not_verify() {
	let cases = cases(INVALID);
	assert!(cases.iter().any(|c| c.name == "proof_b_inputs_a"));
	for case in &cases {
		assert_eq!(case.expect_verify, "false", "{}", case.name);
		check(case);
	}
}

#[test]
fn malformed_cases_give_their_specific_error() {
	let cases = cases(MALFORMED);
	let expected = [
		"MalformedProof",
		"MalformedVerifyingKey",
		"NonCanonicalPublicInput",
		"PublicInputCountMismatch",
		"TooManyPublicInputs",
	];
	for name in expected {
		assert!(
			cases.iter().any(|c| c.expect_verify == name || c.expect_validate_vk == name),
			"a case for {name}"
		);
	}
	for case in &cases {
		check(case);
	}
}

#[test]
fn demo_key_matches_the_cases_and_expects_three_inputs() {
	let doc: Value = serde_json::from_str(KEY_FILE).expect("json");
	let vk = bytes(&doc["verifying_key"]);
	assert_eq!(validate_vk(&vk, 16), Ok(3));
	assert_eq!(validate_vk(&vk, 3), Ok(3));
	assert_eq!(validate_vk(&vk, 2), Err(VerifierError::TooManyPublicInputs));
	assert_eq!(doc["public_input_count"].as_u64(), Some(3));
	assert_eq!(Some(vk.len()), verifying_key_size(3));
	for case in cases(VALID) {
		assert_eq!(case.vk, vk, "{}", case.name);
	}
}

#[test]
fn every_fixture_verifies_and_rejects_a_changed_input() {
	for n in 0..=MAX_FIXTURE_PUBLIC_INPUTS {
		let f = fixture(n).expect("fixture exists");
		let inputs = f.public_inputs();
		assert_eq!(inputs.len(), n as usize);
		assert_eq!(Some(f.verifying_key.len()), verifying_key_size(n));
		assert_eq!(f.proof.len(), PROOF_SIZE);
		assert_eq!(validate_vk(f.verifying_key, n), Ok(n));
		assert_eq!(validate_inputs(f.verifying_key, &inputs), Ok(()));
		assert_eq!(
			Groth16Bn254::verify_wire(f.verifying_key, &inputs, f.proof),
			Ok(true),
			"n = {n}"
		);
		if let Some(last) = inputs.len().checked_sub(1) {
			let mut changed = inputs.clone();
			changed[last][0] ^= 1;
			assert_eq!(Groth16Bn254::verify_wire(f.verifying_key, &changed, f.proof), Ok(false));
		}
	}
	assert!(fixture(MAX_FIXTURE_PUBLIC_INPUTS + 1).is_none());
}

#[test]
fn prepared_keys_have_the_advertised_size() {
	for n in 0..=MAX_FIXTURE_PUBLIC_INPUTS {
		let f = fixture(n).expect("fixture exists");
		let key = Groth16Bn254::prepare_verifying_key(f.verifying_key, n).expect("valid");
		assert_eq!(key.bytes.len() as u32, Groth16Bn254::prepared_key_len(n), "n = {n}");
		assert_eq!(key.public_inputs, n);
		assert_eq!(Groth16Bn254::verify(&key.bytes, &f.public_inputs(), f.proof), Ok(true));
	}
	assert_eq!(Groth16Bn254::prepared_key_len(u32::MAX), u32::MAX, "saturates");
}

#[cfg(feature = "runtime-benchmarks")]
#[test]
fn benchmark_fixture_is_valid_for_every_count() {
	for n in 0..=MAX_FIXTURE_PUBLIC_INPUTS {
		let (vk, inputs, proof) = Groth16Bn254::benchmark_fixture(n);
		assert_eq!(validate_vk(&vk, n), Ok(n));
		assert_eq!(inputs.len(), n as usize);
		assert_eq!(Groth16Bn254::verify_wire(&vk, &inputs, &proof), Ok(true));
	}
	// Above the largest fixture: the largest one.
	let (vk, _, _) = Groth16Bn254::benchmark_fixture(MAX_FIXTURE_PUBLIC_INPUTS + 1);
	assert_eq!(validate_vk(&vk, u32::MAX), Ok(MAX_FIXTURE_PUBLIC_INPUTS));
}
