//! Shared helpers of the integration tests: the checked-in snarkjs vectors.

#![allow(dead_code)]

use serde_json::Value;

/// The text of a file of `test-vectors/snarkjs/`.
pub fn vector(name: &str) -> String {
	let path = format!("{}/../../test-vectors/snarkjs/{name}", env!("CARGO_MANIFEST_DIR"));
	std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `verification_key.json`.
pub fn vk_json() -> String {
	vector("verification_key.json")
}

/// `proof_{n}.json`, `n` = 1 or 2.
pub fn proof_json(n: usize) -> String {
	vector(&format!("proof_{n}.json"))
}

/// `public_{n}.json`, `n` = 1 or 2.
pub fn public_json(n: usize) -> String {
	vector(&format!("public_{n}.json"))
}

/// `input_{n}.json` (the full circuit input, private amounts included).
pub fn input_json(n: usize) -> Value {
	serde_json::from_str(&vector(&format!("input_{n}.json"))).expect("input json")
}

/// The JSON `text` changed by `edit`.
pub fn edited(text: &str, edit: impl FnOnce(&mut Value)) -> String {
	let mut value: Value = serde_json::from_str(text).expect("vector json");
	edit(&mut value);
	serde_json::to_string_pretty(&value).expect("json")
}

/// The wire-format key, proofs and inputs of the vectors.
pub struct Converted {
	pub vk: Vec<u8>,
	pub proofs: [Vec<u8>; 2],
	pub inputs: [Vec<[u8; 32]>; 2],
}

/// Convert every vector (panicking with the error if one does not convert).
pub fn converted() -> Converted {
	let vk = zkmine_formats::verifying_key_from_snarkjs(&vk_json()).expect("vk converts");
	let proof = |n| zkmine_formats::proof_from_snarkjs(&proof_json(n)).expect("proof converts");
	let inputs =
		|n| zkmine_formats::public_inputs_from_snarkjs(&public_json(n)).expect("inputs convert");
	Converted { vk, proofs: [proof(1), proof(2)], inputs: [inputs(1), inputs(2)] }
}
