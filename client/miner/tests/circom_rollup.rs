//! Integration test: bring your own rollup. On the fast dev node, as separate processes of
//! the real binaries and scripts:
//!
//! * Ferdie registers the circom example rollup (`examples/circom-rollup`) from its snarkjs
//!   `verification_key.json` through the open path (`zkmine-miner rollup register`, a
//!   deposit held), with Eve as its sequencer; it has no reward slot;
//! * Alice (200K) mines both the demo rollup and the circom rollup, Bob (300K) only the
//!   circom rollup; both prove the circom batches through the external backend (the
//!   example's `prover.mjs`, snarkjs);
//! * the demo sequencer posts one sequence (Alice alone proves it: 2 ZKM minted), then Eve's
//!   circom sequencer (`sequencer.mjs`) posts two sequences with a fee of 1 ZKM each: paid
//!   by fees alone, 0.4 and 0.6 ZKM per sequence;
//! * a proved circom sequence's proof is fetched back (`rollup fetch-proof`, snarkjs JSON)
//!   and accepted by `snarkjs groth16 verify`.
//!
//! Needs the example's npm packages and its setup (`scripts/test.sh` runs `npm ci` and
//! `setup.sh` there first).

mod common;

use common::*;
use std::{
	path::{Path, PathBuf},
	process::Command,
	thread,
	time::Duration,
};

const EVE: &str = "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw";
const CIRCOM_SEQUENCES: usize = 2;

fn example() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/circom-rollup")
}

/// `snarkjs` from the example's npm packages.
fn snarkjs(args: &[&str]) -> std::process::Output {
	Command::new("node")
		.arg(example().join("node_modules/snarkjs/build/cli.cjs"))
		.args(args)
		.output()
		.expect("run snarkjs (node)")
}

#[test]
fn a_circom_rollup_registered_openly_is_mined_through_the_external_prover() {
	let dir = example();
	for file in ["node_modules/snarkjs/build/cli.cjs", "build/batch_final.zkey"] {
		assert!(
			dir.join(file).exists(),
			"{} missing: run `npm ci` and `bash setup.sh` in examples/circom-rollup \
			 (scripts/test.sh does)",
			dir.join(file).display()
		);
	}
	let base = std::env::temp_dir().join(format!("zkmine-circom-{}", std::process::id()));
	let node = Node::start(&base);
	let url = node.url();
	assert_eq!(status(&url, "//Alice")["registered"], false);

	// The rollup, through the open path: Ferdie owns it, Eve sequences it.
	let key = dir.join("build/verification_key.json");
	let out = run(
		&url,
		"//Ferdie",
		&["rollup", "register", "--key", key.to_str().expect("path"), "--sequencer", EVE],
	);
	// A key with 3 public inputs has 360 bytes: 100 + 3.6 ZKM.
	assert!(out.contains("deposit 103.6 ZKM"), "{out}");
	assert!(out.contains("RollupRegistered: rollup #1,"), "{out}");
	assert!(out.contains(&format!("sequencer {EVE}")), "{out}");

	for (suri, stake) in [("//Alice", "200000"), ("//Bob", "300000")] {
		let out = run(&url, suri, &["register", "--stake", stake]);
		assert!(out.contains("Registered:"), "{out}");
	}
	let provers = base.join("provers.toml");
	std::fs::write(
		&provers,
		format!(
			"[[external]]\nrollup = 1\ncommand = [\"node\", \"{}\"]\ntimeout_secs = 120\n",
			dir.join("prover.mjs").display()
		),
	)
	.expect("write provers.toml");
	let provers = provers.to_str().expect("path").to_owned();
	let alice = Proc::spawn(
		"miner //Alice",
		mine_command(&url, "//Alice", &base, &["--provers", &provers]),
	);
	let bob = Proc::spawn(
		"miner //Bob",
		mine_command(&url, "//Bob", &base, &["--provers", &provers, "--rollup", "1"]),
	);
	for miner in [&alice, &bob] {
		miner.wait_for("ready:", 1, Duration::from_secs(120));
		miner.wait_for("rollup 1: proved by `node", 1, Duration::from_secs(5));
	}

	// One demo sequence first, settled before the circom ones start (so that no prover has
	// two open commitments: each stake snapshot is the whole stake).
	let demo = Proc::spawn(
		"demo sequencer",
		miner_command(&url, "//Ferdie", &["sequencer", "--count", "1"]),
	);
	demo.wait_for("submitted; done", 1, Duration::from_secs(60));
	alice.wait_for(": settled in block", 1, Duration::from_secs(120));

	// Eve's circom sequencer: two batches with a fee of 1 ZKM, rounds apart.
	let sequences = base.join("sequences");
	let mut sequencer = Command::new("node");
	sequencer
		.arg(dir.join("sequencer.mjs"))
		.args(["--rollup", "1", "--suri", "//Eve", "--url", &url, "--fee", "1"])
		.args(["--count", &CIRCOM_SEQUENCES.to_string(), "--every", "25"])
		.arg("--out")
		.arg(&sequences)
		.arg("--miner")
		.arg(env!("CARGO_BIN_EXE_zkmine-miner"));
	let sequencer = Proc::spawn("circom sequencer", sequencer);
	sequencer.wait_for("sequence #", CIRCOM_SEQUENCES, Duration::from_secs(120));
	for miner in [&alice, &bob] {
		miner.wait_for(": settled in block", CIRCOM_SEQUENCES, Duration::from_secs(180));
	}
	// Alice's count includes the demo sequence.
	alice.wait_for(": settled in block", CIRCOM_SEQUENCES + 1, Duration::from_secs(60));

	// Rewards exact: the demo sequence mints 2 ZKM for Alice alone; each circom sequence pays
	// its 1 ZKM fee by 200K : 300K, nothing minted.
	let a = status(&url, "//Alice");
	let b = status(&url, "//Bob");
	assert_eq!(planck(&a, "rewarded"), 2 * UNIT + CIRCOM_SEQUENCES as u128 * 4 * UNIT / 10, "{a}");
	assert_eq!(planck(&b, "rewarded"), CIRCOM_SEQUENCES as u128 * 6 * UNIT / 10, "{b}");
	for s in [&a, &b] {
		assert_eq!(planck(s, "slashed"), 0, "{s}");
		assert_eq!(s["pending_commitments"], 0, "{s}");
	}
	for miner in [&alice, &bob] {
		assert_eq!(
			miner.count("(0 ZKM minted, 1 ZKM of fees)"),
			CIRCOM_SEQUENCES,
			"{}",
			miner.tail(40)
		);
		assert_eq!(miner.count("SLASHED"), 0, "{}", miner.tail(40));
		assert_eq!(miner.count("cannot prove it"), 0, "{}", miner.tail(40));
	}

	// The first circom sequence's proof, fetched back as snarkjs JSON, verifies with snarkjs
	// against the public inputs the sequencer submitted.
	let line = sequencer
		.lines()
		.into_iter()
		.find(|l| l.starts_with("sequence #"))
		.expect("a submitted sequence");
	let id = field_after(&line, "sequence #").to_string();
	let files = line.rsplit("files ").next().expect("files").trim_end_matches(".*").to_owned();
	let proof = base.join("fetched-proof.json");
	// A query: no key needed.
	let out = Command::new(env!("CARGO_BIN_EXE_zkmine-miner"))
		.args(["--url", &url, "rollup", "fetch-proof", "--sequence", &id])
		.args(["--out", proof.to_str().expect("path")])
		.env_remove("ZKMINE_SURI")
		.output()
		.expect("fetch-proof");
	assert!(out.status.success(), "fetch-proof: {}", String::from_utf8_lossy(&out.stderr));
	let said = String::from_utf8_lossy(&out.stderr);
	assert!(said.contains("of rollup 1") && said.contains("kept until block #"), "{said}");
	let public = format!("{files}.public.json");
	let verified = snarkjs(&[
		"groth16",
		"verify",
		key.to_str().expect("path"),
		&public,
		proof.to_str().expect("path"),
	]);
	let text = String::from_utf8_lossy(&verified.stdout);
	assert!(verified.status.success() && text.contains("OK!"), "snarkjs: {text}");
	// And it is refused with the other sequence's inputs.
	let other = sequencer
		.lines()
		.into_iter()
		.filter(|l| l.starts_with("sequence #"))
		.nth(1)
		.and_then(|l| {
			l.rsplit("files ")
				.next()
				.map(|f| format!("{}.public.json", f.trim_end_matches(".*")))
		})
		.expect("a second sequence");
	let refused = snarkjs(&[
		"groth16",
		"verify",
		key.to_str().expect("path"),
		&other,
		proof.to_str().expect("path"),
	]);
	assert!(
		!String::from_utf8_lossy(&refused.stdout).contains("OK!"),
		"a proof of other inputs verified"
	);

	drop(sequencer);
	drop((alice, bob));
	thread::sleep(Duration::from_millis(100));
}
