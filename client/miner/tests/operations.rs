//! Integration test of what an operator sees: failover past a dead endpoint, a sequence
//! declined as unprofitable (`--min-profit`) with its metric, and a restart after the node
//! pruned the state of the last block the miner processed (a clear error naming the node
//! setting, then mining from the head). The node keeps 16 blocks of state.

mod common;

use common::*;
use std::time::Duration;

#[test]
fn failover_an_unprofitable_sequence_and_a_restart_past_pruned_state() {
	let base = std::env::temp_dir().join(format!("zkmine-operations-{}", std::process::id()));
	let node = Node::start_with(&base, &["--state-pruning", "16"]);
	let url = node.url();
	for (suri, stake) in [("//Alice", "200000"), ("//Bob", "300000")] {
		let out = run(&url, suri, &["register", "--stake", stake]);
		assert!(out.contains("Registered:"), "{out}");
	}

	// Alice: a dead endpoint first, and a minimum profit no sequence pays. Bob: defaults.
	let dead = format!("ws://127.0.0.1:{}", free_port());
	let port = free_port();
	let alice_command = || {
		// `mine_command` adds `--url <node>` last: the dead endpoint comes first.
		let mut command = mine_command(
			&url,
			"//Alice",
			&base,
			&[
				"--url",
				&dead,
				"--min-profit",
				"1000",
				"--prometheus-port",
				&port.to_string(),
				"--log-format",
				"json",
			],
		);
		command.env("RUST_LOG", "info");
		command
	};
	let mut alice = Proc::spawn("miner //Alice", alice_command());
	let bob = Proc::spawn("miner //Bob", mine_command(&url, "//Bob", &base, &[]));
	alice.wait_for("ready:", 1, Duration::from_secs(120));
	bob.wait_for("ready:", 1, Duration::from_secs(120));
	assert!(alice.count(&format!("node {dead} unreachable")) >= 1, "{}", alice.tail(20));
	// JSON lines: one object per event, with its level and target.
	let ready = alice.lines().into_iter().find(|l| l.contains("ready:")).expect("ready");
	let ready: serde_json::Value = serde_json::from_str(&ready).expect("a JSON log line");
	assert_eq!((ready["level"].as_str(), ready["target"].as_str()), (Some("INFO"), Some("miner")));

	let sequencer =
		Proc::spawn("sequencer", miner_command(&url, "//Ferdie", &["sequencer", "--count", "1"]));
	sequencer.wait_for("submitted; done", 1, Duration::from_secs(60));
	alice.wait_for(
		"sequence #0: not committing (round 0): expected payout 2 ZKM",
		1,
		Duration::from_secs(60),
	);
	let declined = alice.lines().into_iter().find(|l| l.contains("not committing")).expect("line");
	assert!(declined.contains("a minimum profit of 1000 ZKM"), "{declined}");
	// Bob, alone, is paid the whole reward; Alice never committed.
	bob.wait_for("sequence #0: reward 2 ZKM", 1, Duration::from_secs(90));
	let page = scrape(port);
	assert_eq!(
		metric(&page, "zkmine_miner_declined_total{reason=\"unprofitable\"}"),
		Some(1.0),
		"{page}"
	);
	assert_eq!(metric(&page, "zkmine_miner_commits_total"), Some(0.0), "{page}");
	assert_eq!(metric(&page, "zkmine_miner_proofs_total{outcome=\"proved\"}"), Some(1.0), "{page}");
	assert!(metric(&page, "zkmine_miner_head_lag_blocks").is_some(), "{page}");
	let a = status(&url, "//Alice");
	assert_eq!((planck(&a, "rewarded"), planck(&a, "slashed")), (0, 0), "{a}");

	// Alice stops; 40 blocks later the node has pruned the state of her last block.
	let stopped = alice.stop("INT");
	assert!(stopped.success(), "{}", alice.tail(20));
	let last: u64 = alice
		.lines()
		.iter()
		.rev()
		.find(|l| l.contains("settled in block #"))
		.map(|l| field_after(l, "settled in block #"))
		.expect("a settlement");
	let head = || status(&url, "//Bob")["block"].as_u64().unwrap_or(0);
	let started = std::time::Instant::now();
	while head() < last + 40 {
		assert!(started.elapsed() < Duration::from_secs(120), "the chain stopped");
		std::thread::sleep(Duration::from_secs(2));
	}
	let alice = Proc::spawn("miner //Alice again", alice_command());
	alice.wait_for("no longer has the state of block", 1, Duration::from_secs(120));
	let warning = alice
		.lines()
		.into_iter()
		.find(|l| l.contains("no longer has the state"))
		.expect("line");
	assert!(warning.contains("--state-pruning archive") && warning.contains("WARN"), "{warning}");
	alice.wait_for("unfinished sequence(s) on chain", 1, Duration::from_secs(30));
	drop(node);
}
