//! The committed test vectors and verifier fixtures are exactly what the generator makes,
//! and arkworks' own Groth16 verifier agrees with their expectations.

use ark_bn254::{Bn254, Fr};
use ark_groth16::{Groth16, Proof, VerifyingKey};
use ark_serialize::CanonicalDeserialize;
use ark_snark::SNARK;
use serde_json::Value;
use std::path::PathBuf;
use zkmine_demo_rollup::{decode_public_input, from_hex, vectors};

fn repo() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_test_vectors_are_reproducible() {
	let dir = repo().join("test-vectors/groth16");
	let files = vectors::test_vectors().expect("generate");
	assert_eq!(files.len(), 4);
	for (name, contents) in files {
		let committed = std::fs::read_to_string(dir.join(&name)).expect("committed file");
		assert!(
			committed == contents,
			"{name} differs from the generator: run `cargo run -p zkmine-demo-rollup --bin demo-rollup -- vectors --out test-vectors/groth16`"
		);
	}
}

#[test]
fn committed_fixtures_are_reproducible() {
	let dir = repo().join("verifiers/groth16/fixtures");
	let files = vectors::fixtures().expect("generate");
	assert_eq!(files.len(), 3 * (vectors::MAX_FIXTURE_PUBLIC_INPUTS as usize + 1));
	for (name, bytes) in files {
		let committed = std::fs::read(dir.join(&name)).expect("committed fixture");
		assert!(
			committed == bytes,
			"{name} differs from the generator: run `cargo run -p zkmine-demo-rollup --bin demo-rollup -- fixtures --out verifiers/groth16/fixtures`"
		);
	}
}

/// arkworks' reference verifier on a case, if arkworks can decode it.
fn reference(case: &Value) -> Option<bool> {
	let hex = |v: &Value| from_hex(v.as_str().expect("hex")).expect("hex");
	let vk = VerifyingKey::<Bn254>::deserialize_compressed(hex(&case["verifying_key"]).as_slice())
		.ok()?;
	let proof = Proof::<Bn254>::deserialize_compressed(hex(&case["proof"]).as_slice()).ok()?;
	let inputs = case["public_inputs"]
		.as_array()
		.expect("inputs")
		.iter()
		.map(|i| {
			let bytes: [u8; 32] = hex(i).try_into().ok()?;
			decode_public_input(&bytes).ok()
		})
		.collect::<Option<Vec<Fr>>>()?;
	if inputs.len() + 1 != vk.gamma_abc_g1.len() {
		return None;
	}
	Groth16::<Bn254>::verify(&vk, &inputs, &proof).ok()
}

#[test]
fn arkworks_reference_verifier_agrees_with_valid_and_invalid_cases() {
	let files = vectors::test_vectors().expect("generate");
	let mut checked = 0;
	for (name, contents) in files.iter().filter(|(n, _)| n == "valid.json" || n == "invalid.json") {
		let doc: Value = serde_json::from_str(contents).expect("json");
		for case in doc["cases"].as_array().expect("cases") {
			let expected = case["expect_verify"].as_str() == Some("true");
			assert_eq!(reference(case), Some(expected), "{name}: {}", case["name"]);
			checked += 1;
		}
	}
	assert!(checked >= 10);
}
