//! The host-function verifier and the pure-WASM verifier give identical answers: on every
//! case of `test-vectors/groth16` (valid, invalid, malformed), on every fixture, and on
//! random corruptions of the valid proofs, keys and inputs (property tests).
//!
//! Natively the host functions are plain calls, so this runs `HostGroth16Bn254` through the
//! runtime interface (argument marshalling, the inputs' concatenation and splitting, the
//! SCALE-encoded results) against `Groth16Bn254` called directly.

use proptest::prelude::*;
use serde_json::Value;
use zkmine_groth16_host::HostGroth16Bn254;
use zkmine_groth16_verifier::{fixtures::fixture, Groth16Bn254, PROOF_SIZE};
use zkmine_primitives::{FieldElement, PreparedKey, ProofVerifier, VerifierError};

const VECTOR_FILES: [&str; 3] = [
	include_str!("../../../test-vectors/groth16/valid.json"),
	include_str!("../../../test-vectors/groth16/invalid.json"),
	include_str!("../../../test-vectors/groth16/malformed.json"),
];

/// Everything one verifier says about one (key, max inputs, inputs, proof) case.
#[derive(Debug, PartialEq, Eq)]
struct Answers {
	prepared: Result<PreparedKey, VerifierError>,
	inputs: Option<Result<(), VerifierError>>,
	verify: Option<Result<bool, VerifierError>>,
}

fn answers<V: ProofVerifier>(
	vk: &[u8],
	max: u32,
	inputs: &[FieldElement],
	proof: &[u8],
) -> Answers {
	let prepared = V::prepare_verifying_key(vk, max);
	let (inputs, verify) = match &prepared {
		Ok(key) => (
			Some(V::validate_public_inputs(&key.bytes, inputs)),
			Some(V::verify(&key.bytes, inputs, proof)),
		),
		Err(_) => (None, None),
	};
	Answers { prepared, inputs, verify }
}

/// Both verifiers' answers, required equal; returned for further checks.
fn agree(vk: &[u8], max: u32, inputs: &[FieldElement], proof: &[u8]) -> Answers {
	let host = answers::<HostGroth16Bn254>(vk, max, inputs, proof);
	let wasm = answers::<Groth16Bn254>(vk, max, inputs, proof);
	assert_eq!(host, wasm, "host and WASM verifiers disagree");
	host
}

fn bytes(v: &Value) -> Vec<u8> {
	let s = v.as_str().expect("hex string");
	hex::decode(s.strip_prefix("0x").expect("0x prefix")).expect("hex")
}

#[test]
fn every_test_vector_gets_the_same_answers() {
	let mut seen = std::collections::BTreeMap::<String, u32>::new();
	for file in VECTOR_FILES {
		let doc: Value = serde_json::from_str(file).expect("json");
		for case in doc["cases"].as_array().expect("cases") {
			let name = case["name"].as_str().expect("name");
			let inputs: Vec<FieldElement> = case["public_inputs"]
				.as_array()
				.expect("inputs")
				.iter()
				.map(|i| FieldElement::try_from(bytes(i).as_slice()).expect("32 bytes"))
				.collect();
			let max = u32::try_from(case["max_public_inputs"].as_u64().expect("max")).expect("u32");
			let vk = bytes(&case["verifying_key"]);
			let proof = bytes(&case["proof"]);
			let a = agree(&vk, max, &inputs, &proof);
			// And the answer is the one the vector expects (through a key any size allows).
			let full = agree(&vk, u32::MAX, &inputs, &proof);
			let verify = match (&full.prepared, &full.verify) {
				(Err(e), _) | (Ok(_), Some(Err(e))) => format!("{e:?}"),
				(Ok(_), Some(Ok(v))) => v.to_string(),
				(Ok(_), None) => unreachable!("a prepared key is always used"),
			};
			assert_eq!(verify, case["expect_verify"].as_str().expect("string"), "{name}");
			let kind = match a.verify {
				Some(Ok(true)) => "valid".to_string(),
				Some(Ok(false)) => "invalid".to_string(),
				Some(Err(e)) => format!("{e:?}"),
				None => format!("{:?}", a.prepared.err()),
			};
			*seen.entry(kind).or_default() += 1;
		}
	}
	// The vectors exercise every outcome (so that agreement means something).
	for kind in [
		"valid",
		"invalid",
		"MalformedProof",
		"NonCanonicalPublicInput",
		"PublicInputCountMismatch",
		"Some(MalformedVerifyingKey)",
		"Some(TooManyPublicInputs)",
	] {
		assert!(seen.contains_key(kind), "no vector gives {kind}: {seen:?}");
	}
}

#[test]
fn every_fixture_verifies_through_the_host_function() {
	for n in 0..=zkmine_groth16_verifier::fixtures::MAX_FIXTURE_PUBLIC_INPUTS {
		let f = fixture(n).expect("fixture");
		let a = agree(f.verifying_key, 16, &f.public_inputs(), f.proof);
		assert_eq!(a.verify, Some(Ok(true)), "n = {n}");
		let key = a.prepared.expect("valid key");
		assert_eq!(key.public_inputs, n);
		assert_eq!(key.bytes.len() as u32, HostGroth16Bn254::prepared_key_len(n));
		assert_eq!(HostGroth16Bn254::prepared_key_len(n), Groth16Bn254::prepared_key_len(n));
	}
}

#[test]
fn inputs_that_are_not_whole_field_elements_are_refused_by_the_host() {
	let f = fixture(3).expect("fixture");
	let key = Groth16Bn254::prepare_verifying_key(f.verifying_key, 16).expect("valid");
	let mut inputs: Vec<u8> = f.public_inputs().concat();
	assert_eq!(
		zkmine_groth16_host::zkmine_crypto::groth16_bn254_verify(&key.bytes, &inputs, f.proof),
		Ok(true)
	);
	inputs.pop();
	assert_eq!(
		zkmine_groth16_host::zkmine_crypto::groth16_bn254_verify(&key.bytes, &inputs, f.proof),
		Err(VerifierError::PublicInputCountMismatch)
	);
	assert_eq!(
		zkmine_groth16_host::zkmine_crypto::groth16_bn254_validate_inputs(&key.bytes, &inputs),
		Err(VerifierError::PublicInputCountMismatch)
	);
}

fn flip(bytes: &[u8], bit: usize) -> Vec<u8> {
	let mut out = bytes.to_vec();
	out[bit / 8] ^= 1 << (bit % 8);
	out
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

	#[test]
	fn bit_flipped_proofs_get_the_same_answer(n in prop::sample::select(vec![0u32, 1, 3, 8]), bit in 0..PROOF_SIZE * 8) {
		let f = fixture(n).expect("fixture");
		let a = agree(f.verifying_key, 16, &f.public_inputs(), &flip(f.proof, bit));
		prop_assert!(matches!(a.verify, Some(Ok(false) | Err(VerifierError::MalformedProof))), "{a:?}");
	}

	#[test]
	fn random_and_truncated_proofs_get_the_same_answer(proof in proptest::collection::vec(any::<u8>(), 0..=2 * PROOF_SIZE), cut in 0..PROOF_SIZE) {
		let f = fixture(3).expect("fixture");
		let inputs = f.public_inputs();
		agree(f.verifying_key, 16, &inputs, &proof);
		let a = agree(f.verifying_key, 16, &inputs, &f.proof[..cut]);
		prop_assert_eq!(a.verify, Some(Err(VerifierError::MalformedProof)));
	}

	#[test]
	fn corrupted_keys_get_the_same_answer(bit in 0usize..360 * 8, max in 0u32..20) {
		let f = fixture(3).expect("fixture");
		agree(&flip(f.verifying_key, bit), max, &f.public_inputs(), f.proof);
	}

	#[test]
	fn changed_inputs_get_the_same_answer(index in 0usize..3, value in any::<[u8; 32]>(), count in 0usize..6) {
		let f = fixture(3).expect("fixture");
		let mut inputs = f.public_inputs();
		inputs[index] = value;
		let a = agree(f.verifying_key, 16, &inputs, f.proof);
		prop_assert!(matches!(a.verify, Some(Ok(false) | Err(VerifierError::NonCanonicalPublicInput))), "{a:?}");
		agree(f.verifying_key, 16, &vec![value; count], f.proof);
	}
}
