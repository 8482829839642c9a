//! The real `snarkjs groth16 verify` accepts what this crate writes: the vectors, converted
//! to the wire format and back, verify; a proof with the other pair's inputs does not.
//!
//! Needs `examples/circom-rollup/node_modules` (`npm ci` there; `scripts/test.sh` does it)
//! and `node`. Without them the test fails, unless `ZKMINE_SKIP_SNARKJS=1` says to skip it
//! (a machine without Node.js). `examples/circom-rollup/check-roundtrip.sh` runs the same
//! check through `zkmine-miner convert`.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use zkmine_formats::*;

/// snarkjs's CLI, if installed and `node` runs.
fn snarkjs() -> Option<PathBuf> {
	let cli = Path::new(env!("CARGO_MANIFEST_DIR"))
		.join("../../examples/circom-rollup/node_modules/snarkjs/build/cli.cjs");
	let node = Command::new("node").arg("--version").output().ok()?;
	(cli.is_file() && node.status.success()).then_some(cli)
}

/// Run `snarkjs groth16 verify` on the three JSON texts; true iff it accepts.
fn snarkjs_verifies(cli: &Path, dir: &Path, vk: &str, public: &str, proof: &str) -> bool {
	let files = [("verification_key.json", vk), ("public.json", public), ("proof.json", proof)];
	for (name, text) in files {
		std::fs::write(dir.join(name), text).expect("write");
	}
	let out = Command::new("node")
		.arg(cli)
		.args(["groth16", "verify"])
		.args(files.map(|(name, _)| dir.join(name)))
		.output()
		.expect("node runs");
	let stdout = String::from_utf8_lossy(&out.stdout);
	let ok = out.status.success() && stdout.contains("OK!");
	if !ok {
		eprintln!("snarkjs: {}{}", stdout, String::from_utf8_lossy(&out.stderr));
	}
	ok
}

#[test]
fn snarkjs_verifies_what_this_crate_writes() {
	let Some(cli) = snarkjs() else {
		let skip = std::env::var("ZKMINE_SKIP_SNARKJS").is_ok_and(|v| v == "1");
		assert!(
			skip,
			"no examples/circom-rollup/node_modules (run `npm ci` there) or no node; \
			 set ZKMINE_SKIP_SNARKJS=1 to skip this test"
		);
		eprintln!("skipped (ZKMINE_SKIP_SNARKJS=1)");
		return;
	};
	let dir = std::env::temp_dir().join(format!("zkmine-formats-snarkjs-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("temp dir");
	let c = converted();
	let vk = verifying_key_to_snarkjs(&c.vk).unwrap();
	let proofs = c.proofs.each_ref().map(|p| proof_to_snarkjs(p).unwrap());
	let inputs = c.inputs.each_ref().map(|i| public_inputs_to_snarkjs(i).unwrap());
	assert!(snarkjs_verifies(&cli, &dir, &vk, &inputs[0], &proofs[0]));
	assert!(snarkjs_verifies(&cli, &dir, &vk, &inputs[1], &proofs[1]));
	assert!(!snarkjs_verifies(&cli, &dir, &vk, &inputs[1], &proofs[0]));
	let _ = std::fs::remove_dir_all(&dir);
}
