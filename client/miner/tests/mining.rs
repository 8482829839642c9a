//! Integration test and soak: a dev node (the `fast-runtime` build, one-second blocks), the
//! demo sequencer and four miners, all as separate processes of the real binaries.
//!
//! * Alice, Bob, Charlie and Dave stake 200K, 500K, 300K and 100K ZKM and mine every
//!   sequence; Alice serves Prometheus metrics.
//! * Dave is killed with `kill -9` between his commitment and his reveal, `KILLS` times, and
//!   started again with the same data directory each time: he reveals in the window and is
//!   rewarded, never slashed.
//! * The node is restarted once in the middle: miners and sequencer reconnect and carry on.
//! * Every sequence pays each miner exactly `floor(2 ZKM * s_i / 1.1M)`; nobody is slashed.
//!
//! `SEQUENCES` (4) and `KILLS` (2) are the CI run; `scripts/soak.sh` runs the same test
//! with `ZKMINE_SOAK_SEQUENCES=30` and prints the figures of `docs/BENCHMARKS.md` (proving
//! time, commit and reveal latency in blocks).
//!
//! The node binary is `$ZKMINE_NODE`, or `zkmine-node-fast` next to this test's binaries
//! (`scripts/test.sh` builds the workspace with `--features zkmine-node/fast-runtime` and
//! keeps that node under this name).

mod common;

use common::*;
use std::{collections::BTreeMap, thread, time::Duration};

fn env_or(name: &str, default: usize) -> usize {
	std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

const STAKES: [(&str, u128); 4] =
	[("//Alice", 200_000), ("//Bob", 500_000), ("//Charlie", 300_000), ("//Dave", 100_000)];

#[test]
fn four_miners_share_rewards_by_stake_and_a_miner_killed_mid_round_still_reveals() {
	let sequences = env_or("ZKMINE_SOAK_SEQUENCES", 4).max(3);
	let kills = env_or("ZKMINE_SOAK_KILLS", 2).min(sequences - 1);
	let base = std::env::temp_dir().join(format!("zkmine-mining-{}", std::process::id()));
	let mut node = Node::start(&base);
	let url = node.url();

	// The node answers (the client retries for up to 30 s while it starts).
	let alice = status(&url, "//Alice");
	assert_eq!(alice["registered"], false);

	let registrations: Vec<_> = STAKES
		.iter()
		.map(|(suri, stake)| {
			let url = url.clone();
			let (suri, stake) = (suri.to_string(), stake.to_string());
			thread::spawn(move || run(&url, &suri, &["register", "--stake", &stake]))
		})
		.collect();
	for r in registrations {
		let out = r.join().expect("register thread");
		assert!(out.contains("Registered:"), "{out}");
	}
	for (suri, stake) in STAKES {
		let s = status(&url, suri);
		assert_eq!(planck(&s, "bonded"), stake * UNIT);
		assert_eq!(s["active"], true);
	}

	let metrics_port = free_port();
	let port = metrics_port.to_string();
	let spawn = |suri: &str| {
		let extra: &[&str] = if suri == "//Alice" { &["--prometheus-port", &port] } else { &[] };
		Proc::spawn(&format!("miner {suri}"), mine_command(&url, suri, &base, extra))
	};
	let start = |suri: &str| {
		let miner = spawn(suri);
		miner.wait_for("ready:", 1, Duration::from_secs(120));
		miner
	};
	let mut miners: Vec<Proc> = STAKES.iter().map(|(suri, _)| spawn(suri)).collect();
	for miner in &miners {
		miner.wait_for("ready:", 1, Duration::from_secs(120));
	}
	let mut dave = miners.pop().expect("Dave's miner");
	let mut dave_logs: Vec<Vec<String>> = Vec::new();

	let sequencer = Proc::spawn(
		"sequencer",
		miner_command(
			&url,
			"//Ferdie",
			// 25 blocks apart, longer than a round (21 blocks): no prover has two open
			// commitments, so every stake snapshot is the whole bonded stake (a second
			// concurrent commitment would weigh only the free capacity, see the exposure rule).
			&["sequencer", "--every", "25", "--count", &sequences.to_string()],
		),
	);

	// Dave is killed right after his commitment to sequence #0 lands, and to #2, #4, ...
	// (`kills` times), and started again at once; the node is restarted after the second
	// sequence is submitted.
	for kill in 0..kills {
		let sequence = 2 * kill;
		dave.wait_for(
			&format!("sequence #{sequence}: commitment included in block"),
			1,
			Duration::from_secs(240),
		);
		let killed = dave.stop("KILL");
		assert!(!killed.success());
		let revealed = format!("sequence #{sequence}: revealing proof");
		assert_eq!(dave.count(&revealed), 0, "Dave revealed before dying:\n{}", dave.tail(30));
		eprintln!("--- Dave before kill {kill}:\n{}", dave.tail(60));
		dave_logs.push(dave.lines());
		dave = start("//Dave");
		// It finds its proof in the data directory (and its commitment on chain, at once or in
		// the blocks it catches up on), does not prove again, and reveals.
		dave.wait_for(
			&format!("sequence #{sequence}: resumed from the data directory"),
			1,
			Duration::from_secs(60),
		);
		dave.wait_for(
			&format!("sequence #{sequence}: reveal included in block"),
			1,
			Duration::from_secs(60),
		);
		assert_eq!(
			dave.count(&format!("sequence #{sequence}: proving with")),
			0,
			"{}",
			dave.tail(30)
		);
		assert_eq!(dave.count("not this miner's proof"), 0, "{}", dave.tail(30));
		if kill == 0 {
			sequencer.wait_for("submitted at block", 2, Duration::from_secs(240));
			// The miners carry on through subxt's reconnecting client or a reconnection of
			// their own; the settlements below show it.
			node.restart();
		}
	}

	// Every sequence is submitted, proved and settled.
	sequencer.wait_for("submitted; done", 1, Duration::from_secs(60 * sequences as u64));
	for miner in &miners {
		miner.wait_for(": settled in block", sequences, Duration::from_secs(240));
	}
	let settled_for_dave: usize = dave_logs
		.iter()
		.map(|l| l.iter().filter(|l| l.contains(": settled in block")).count())
		.sum();
	dave.wait_for(
		": settled in block",
		sequences.saturating_sub(settled_for_dave),
		Duration::from_secs(240),
	);

	// Each sequence pays floor(2 ZKM * s_i / 1.1M) to each of the four: exactly.
	let total: u128 = STAKES.iter().map(|(_, s)| s).sum();
	for (suri, stake) in STAKES {
		let s = status(&url, suri);
		let per_sequence = 2 * UNIT * stake / total;
		assert_eq!(planck(&s, "slashed"), 0, "{suri} slashed: {s}");
		assert_eq!(planck(&s, "rewarded"), sequences as u128 * per_sequence, "{suri}: {s}");
		assert_eq!(s["pending_commitments"], 0, "{suri}: {s}");
		// Every round settled: nothing reserved, the whole bonded stake is free capacity.
		assert_eq!(planck(&s, "reserved"), 0, "{suri}: {s}");
		assert_eq!(planck(&s, "bonded"), stake * UNIT, "{suri}: {s}");
	}

	// The miners never revealed before the reveal window, and never had a reveal refused.
	dave_logs.push(dave.lines());
	let mut logs: Vec<(String, Vec<String>)> =
		miners.iter().map(|m| (m.name.clone(), m.lines())).collect();
	logs.extend(dave_logs.into_iter().map(|l| ("miner //Dave".to_owned(), l)));
	for (name, lines) in &logs {
		for line in lines.iter().filter(|l| l.contains("revealing proof")) {
			let at: u64 = field_after(line, "at block #");
			let start: u64 = field_after(line, "reveal window #");
			assert!(at >= start, "{name}: revealed early: {line}");
		}
		let bad = |needle: &str| lines.iter().filter(|l| l.contains(needle)).count();
		assert_eq!(bad("RevealNotOpen"), 0, "{name}");
		assert_eq!(bad("SLASHED"), 0, "{name}");
	}

	// Alice's metrics: what she saw and did, while she runs.
	let page = scrape(metrics_port);
	let value = |name: &str| metric(&page, name).unwrap_or_else(|| panic!("{name} in\n{page}"));
	assert_eq!(value("zkmine_miner_rewards_total"), sequences as f64);
	assert_eq!(value("zkmine_miner_commits_total"), sequences as f64);
	assert_eq!(value("zkmine_miner_reveals_total"), sequences as f64);
	assert_eq!(value("zkmine_miner_slashes_total"), 0.0);
	assert_eq!(value("zkmine_miner_proofs_total{outcome=\"proved\"}"), sequences as f64);
	assert_eq!(value("zkmine_miner_proving_seconds_count"), sequences as f64);
	assert!(value("zkmine_miner_sequences_seen_total") >= sequences as f64);
	assert_eq!(value("zkmine_miner_pending_reveals"), 0.0);
	assert!(value("zkmine_miner_processed_block") > 25.0 * (sequences as f64 - 1.0));
	let rewarded = value("zkmine_miner_rewarded_tokens_total");
	let alice_total = (sequences as u128 * (2 * UNIT * 200_000 / total)) as f64 / UNIT as f64;
	assert!((rewarded - alice_total).abs() < 1e-9, "{rewarded} != {alice_total}");

	report(&logs);

	// A miner stops cleanly on SIGINT with a summary of its earnings.
	let mut alice = miners.remove(0);
	let stopped = alice.stop("INT");
	assert!(stopped.success(), "miner exit: {stopped:?}\n{}", alice.tail(20));
	let summary = alice.lines().into_iter().find(|l| l.contains("summary:")).expect("a summary");
	assert!(summary.contains(&format!("{sequences} reward(s)")), "{summary}");
}

/// Print the soak figures from the miners' logs: proving time, and the commitment and reveal
/// latencies in blocks (commitment included minus sequence submitted; reveal included minus
/// the reveal window's first block).
fn report(logs: &[(String, Vec<String>)]) {
	let mut proving = Vec::new();
	let mut commit_latency = Vec::new();
	let mut reveal_latency = Vec::new();
	for (_, lines) in logs {
		let mut submitted = BTreeMap::new();
		let mut window = BTreeMap::new();
		for line in lines {
			let Some(at) = line.find("sequence #") else { continue };
			let id: u64 = field_after(&line[at..], "sequence #");
			if line.contains("of rollup 0 submitted in block #") {
				submitted.insert(id, field_after(line, "submitted in block #"));
			} else if line.contains(": proved in ") && line.contains(" s (proof hash") {
				let secs = line.split(": proved in ").nth(1).and_then(|r| r.split(' ').next());
				proving.extend(secs.and_then(|s| s.parse::<f64>().ok()));
			} else if line.contains("revealing proof") {
				window.insert(id, field_after(line, "reveal window #"));
			} else if line.contains("commitment included in block #") {
				if let Some(s) = submitted.get(&id) {
					commit_latency.push(field_after(line, "included in block #") - s);
				}
			} else if line.contains("reveal included in block #") {
				if let Some(w) = window.get(&id) {
					reveal_latency.push(field_after(line, "included in block #") - w);
				}
			}
		}
	}
	let stats = |v: &mut Vec<f64>| {
		v.sort_by(f64::total_cmp);
		let n = v.len().max(1);
		(
			v.len(),
			v.first().copied().unwrap_or(0.0),
			v[(n - 1) / 2],
			v.last().copied().unwrap_or(0.0),
		)
	};
	let mut commit: Vec<f64> = commit_latency.iter().map(|b| *b as f64).collect();
	let mut reveal: Vec<f64> = reveal_latency.iter().map(|b| *b as f64).collect();
	for (what, v) in [
		("proving time (s)", &mut proving),
		("commit latency (blocks after submission)", &mut commit),
		("reveal latency (blocks after the window opens)", &mut reveal),
	] {
		if v.is_empty() {
			continue;
		}
		let (n, min, median, max) = stats(v);
		println!("soak: {what}: n = {n}, min {min:.2}, median {median:.2}, max {max:.2}");
	}
}
