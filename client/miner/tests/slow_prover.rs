//! Integration test: proving runs off the block loop. Alice mines the demo rollup (rollup 0,
//! the built-in prover) and a second rollup under the same key (rollup 1) through an external
//! prover that never answers (`sleep`), with `--jobs 2`:
//!
//! * while the slow job runs, a demo-rollup sequence is proved, committed, revealed and
//!   rewarded in its windows;
//! * once Bob starts the slow sequence's round (he proves it with the built-in prover),
//!   Alice's job is abandoned when the commit window closes, and Bob is paid the fee.

mod common;

use common::*;
use std::time::Duration;

#[test]
fn a_slow_prover_on_one_sequence_does_not_delay_another() {
	let base = std::env::temp_dir().join(format!("zkmine-slow-{}", std::process::id()));
	let node = Node::start(&base);
	let url = node.url();
	for (suri, stake) in [("//Alice", "200000"), ("//Bob", "300000")] {
		let out = run(&url, suri, &["register", "--stake", stake]);
		assert!(out.contains("Registered:"), "{out}");
	}

	// Rollup 1: the demo key again, registered openly by Alice (its sequencer).
	let vectors = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
		.join("../../test-vectors/groth16/verifying_key.json");
	let vectors: serde_json::Value =
		serde_json::from_str(&std::fs::read_to_string(vectors).expect("vectors")).expect("json");
	let key = base.join("demo.key");
	std::fs::create_dir_all(&base).expect("base");
	std::fs::write(&key, vectors["verifying_key"].as_str().expect("hex")).expect("key file");
	let out = run(&url, "//Alice", &["rollup", "register", "--key", key.to_str().expect("path")]);
	assert!(out.contains("RollupRegistered: rollup #1,"), "{out}");

	let provers = base.join("provers.toml");
	std::fs::write(
		&provers,
		"[[external]]\nrollup = 1\ncommand = [\"sh\", \"-c\", \"sleep 600\"]\ntimeout_secs = 900\n",
	)
	.expect("provers.toml");
	let port = free_port();
	let alice = Proc::spawn(
		"miner //Alice",
		mine_command(
			&url,
			"//Alice",
			&base,
			&[
				"--provers",
				provers.to_str().expect("path"),
				"--jobs",
				"2",
				"--prometheus-port",
				&port.to_string(),
			],
		),
	);
	alice.wait_for("ready:", 1, Duration::from_secs(120));

	// Sequence #0 on rollup 1 (with a fee: the rollup has no reward slot), then #1 on rollup 0.
	let slow = Proc::spawn(
		"sequencer 1",
		miner_command(
			&url,
			"//Alice",
			&["sequencer", "--rollup", "1", "--count", "1", "--fee", "1"],
		),
	);
	slow.wait_for("submitted; done", 1, Duration::from_secs(60));
	alice.wait_for(
		"sequence #0: proving with external `sh -c sleep 600`",
		1,
		Duration::from_secs(60),
	);
	let demo =
		Proc::spawn("sequencer 0", miner_command(&url, "//Ferdie", &["sequencer", "--count", "1"]));
	demo.wait_for("submitted; done", 1, Duration::from_secs(60));

	// Sequence #1 goes through while the job of #0 runs.
	alice.wait_for("sequence #1: reward 2 ZKM", 1, Duration::from_secs(120));
	for line in [
		"sequence #1: proving with demo rollup",
		"sequence #1: committing",
		"sequence #1: reveal included",
	] {
		assert_eq!(alice.count(line), 1, "{line}:\n{}", alice.tail(40));
	}
	for over in
		["sequence #0: proved", "sequence #0: proof abandoned", "sequence #0: proving failed"]
	{
		assert_eq!(alice.count(over), 0, "the slow job ended early ({over}):\n{}", alice.tail(40));
	}
	let page = scrape(port);
	assert_eq!(metric(&page, "zkmine_miner_proving_jobs"), Some(1.0), "{page}");
	assert_eq!(metric(&page, "zkmine_miner_reveals_total"), Some(1.0), "{page}");

	// Bob starts #0's round: Alice's job is abandoned when the commit window closes.
	let bob = Proc::spawn("miner //Bob", mine_command(&url, "//Bob", &base, &["--rollup", "1"]));
	bob.wait_for("sequence #0: committing", 1, Duration::from_secs(120));
	alice.wait_for("sequence #0: proof abandoned", 1, Duration::from_secs(60));
	bob.wait_for(
		"sequence #0: reward 1 ZKM (1 ZKM of it from the fee)",
		1,
		Duration::from_secs(60),
	);
	let page = scrape(port);
	assert_eq!(
		metric(&page, "zkmine_miner_proofs_total{outcome=\"abandoned\"}"),
		Some(1.0),
		"{page}"
	);
	assert_eq!(metric(&page, "zkmine_miner_proving_jobs"), Some(0.0), "{page}");
	let a = status(&url, "//Alice");
	assert_eq!(planck(&a, "rewarded"), 2 * UNIT, "{a}");
	assert_eq!(planck(&a, "slashed"), 0, "{a}");
	drop(node);
}
