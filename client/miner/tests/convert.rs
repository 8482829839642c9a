//! `zkmine-miner convert` on the snarkjs vectors (`test-vectors/snarkjs`, made by the real
//! snarkjs): the binary's output is what `zkmine_formats` computes, it converts back to the
//! same snarkjs JSON, and a bad file fails with a message naming the field.

use std::{path::PathBuf, process::Command};

fn vector(name: &str) -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR"))
		.join("../../test-vectors/snarkjs")
		.join(name)
}

/// Run `zkmine-miner convert ARGS`: (success, stdout, stderr).
fn convert(args: &[&str]) -> (bool, String, String) {
	let out = Command::new(env!("CARGO_BIN_EXE_zkmine-miner"))
		.arg("convert")
		.args(args)
		.output()
		.expect("run zkmine-miner");
	(
		out.status.success(),
		String::from_utf8_lossy(&out.stdout).trim().to_string(),
		String::from_utf8_lossy(&out.stderr).trim().to_string(),
	)
}

fn json(text: &str) -> serde_json::Value {
	serde_json::from_str(text).expect("JSON")
}

#[test]
fn key_proof_and_inputs_convert_to_wire_and_back() {
	let dir = tempdir();
	for (kind, file, from) in [
		(
			"key",
			"verification_key.json",
			zkmine_formats::verifying_key_from_snarkjs as fn(&str) -> _,
		),
		("proof", "proof_1.json", zkmine_formats::proof_from_snarkjs),
	] {
		let path = vector(file);
		let text = std::fs::read_to_string(&path).expect("vector");
		let expected = from(&text).expect("converts");
		let (ok, stdout, stderr) = convert(&[kind, path.to_str().expect("utf-8")]);
		assert!(ok, "{kind}: {stderr}");
		assert_eq!(stdout, format!("0x{}", hex::encode(&expected)), "{kind}");

		// Back to snarkjs, from the hex text and from raw bytes written by `--out`.
		let hex_file = dir.join(format!("{kind}.hex"));
		std::fs::write(&hex_file, &stdout).expect("write");
		let (ok, back, stderr) =
			convert(&[kind, "--to-snarkjs", hex_file.to_str().expect("utf-8")]);
		assert!(ok, "{kind} back: {stderr}");
		let raw_file = dir.join(format!("{kind}.bin"));
		let (ok, _, stderr) = convert(&[
			kind,
			path.to_str().expect("utf-8"),
			"--out",
			raw_file.to_str().expect("utf-8"),
		]);
		assert!(ok, "{kind} --out: {stderr}");
		assert_eq!(std::fs::read(&raw_file).expect("read"), expected, "{kind} raw bytes");
		let (ok, back_raw, _) = convert(&[kind, "--to-snarkjs", raw_file.to_str().expect("utf-8")]);
		assert!(ok);
		assert_eq!(back, back_raw);
		// The fields snarkjs reads come back as they were.
		let (original, back) = (json(&text), json(&back));
		for field in ["protocol", "curve", "pi_a", "pi_b", "pi_c", "vk_alpha_1", "vk_beta_2", "IC"]
		{
			assert_eq!(original.get(field), back.get(field), "{kind}: {field}");
		}
	}

	let public = vector("public_1.json");
	let (ok, list, stderr) = convert(&["inputs", public.to_str().expect("utf-8")]);
	assert!(ok, "{stderr}");
	let list = json(&list);
	let entries = list.as_array().expect("a list");
	assert_eq!(entries.len(), 3);
	// "0" is the first public signal of batch 1 (the genesis root).
	assert_eq!(entries[0], format!("0x{}", hex::encode([0u8; 32])));
	let list_file = dir.join("inputs.json");
	std::fs::write(&list_file, list.to_string()).expect("write");
	let (ok, back, stderr) =
		convert(&["inputs", "--to-snarkjs", list_file.to_str().expect("utf-8")]);
	assert!(ok, "{stderr}");
	let original = json(&std::fs::read_to_string(&public).expect("vector"));
	assert_eq!(json(&back), original);
}

#[test]
fn a_bad_file_fails_with_the_field_named() {
	let dir = tempdir();
	let mut proof = json(&std::fs::read_to_string(vector("proof_1.json")).expect("vector"));
	proof["curve"] = "bls12381".into();
	let bad = dir.join("bad-proof.json");
	std::fs::write(&bad, proof.to_string()).expect("write");
	let (ok, stdout, stderr) = convert(&["proof", bad.to_str().expect("utf-8")]);
	assert!(!ok);
	assert!(stdout.is_empty());
	assert!(stderr.starts_with("error: curve"), "{stderr}");
	assert!(stderr.contains("bls12381"), "{stderr}");

	let (ok, _, stderr) = convert(&["key", dir.join("missing.json").to_str().expect("utf-8")]);
	assert!(!ok);
	assert!(stderr.contains("reading") && stderr.contains("missing.json"), "{stderr}");

	let short = dir.join("short.hex");
	std::fs::write(&short, "0x0102").expect("write");
	let (ok, _, stderr) = convert(&["proof", "--to-snarkjs", short.to_str().expect("utf-8")]);
	assert!(!ok);
	assert!(stderr.starts_with("error:"), "{stderr}");
}

/// A fresh directory under the target dir's temp space.
fn tempdir() -> PathBuf {
	let dir = std::env::temp_dir().join(format!(
		"zkmine-convert-{}-{:?}",
		std::process::id(),
		std::thread::current().id()
	));
	std::fs::create_dir_all(&dir).expect("temp dir");
	dir
}
