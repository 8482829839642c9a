//! Integration test: a dev node (the `fast-runtime` build, one-second blocks), the demo
//! sequencer and four miners, all as separate processes of the real binaries.
//!
//! * Alice, Bob and Charlie stake 200K, 500K and 300K ZKM and mine every sequence: their
//!   rewards are proportional to their stakes (within rounding), nobody of them is slashed.
//! * Dave (100K) commits and is killed before he can reveal: his commitment is not
//!   validated, so he is slashed `IncorrectHashSlash` (10% of his stake snapshot) when the
//!   round settles.
//! * The node is restarted in the middle: miners and sequencer reconnect and carry on.
//!
//! The node binary is `$ZKMINE_NODE`, or `zkmine-node-fast` next to this test's binaries
//! (`scripts/test.sh` builds the workspace with `--features zkmine-node/fast-runtime` and
//! keeps that node under this name).

mod common;

use common::*;
use std::{thread, time::Duration};
const SEQUENCES: usize = 4;

#[test]
fn three_miners_share_rewards_by_stake_and_a_killed_miner_is_slashed() {
	let base = std::env::temp_dir().join(format!("zkmine-mining-{}", std::process::id()));
	let mut node = Node::start(&base);
	let url = node.url();

	// The node answers (the client retries for up to 30 s while it starts).
	let alice = status(&url, "//Alice");
	assert_eq!(alice["registered"], false);

	let stakes =
		[("//Alice", 200_000u128), ("//Bob", 500_000), ("//Charlie", 300_000), ("//Dave", 100_000)];
	let registrations: Vec<_> = stakes
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
	for (suri, stake) in stakes {
		let s = status(&url, suri);
		assert_eq!(planck(&s, "bonded"), stake * UNIT);
		assert_eq!(s["active"], true);
	}

	let mut miners: Vec<Proc> = stakes
		.iter()
		.map(|(suri, _)| {
			Proc::spawn(&format!("miner {suri}"), miner_command(&url, suri, &["mine"]))
		})
		.collect();
	for miner in &miners {
		miner.wait_for("ready:", 1, Duration::from_secs(120));
	}

	let sequencer = Proc::spawn(
		"sequencer",
		miner_command(
			&url,
			"//Ferdie",
			// 25 blocks apart, longer than a round (21 blocks): no prover has two open
			// commitments, so every stake snapshot is the whole bonded stake (a second
			// concurrent commitment would weigh only the free capacity, see the exposure rule).
			&["sequencer", "--every", "25", "--count", &SEQUENCES.to_string()],
		),
	);

	// Dave commits to the first sequence and dies before the reveal window.
	let mut dave = miners.pop().expect("Dave's miner");
	dave.wait_for("commitment included in block", 1, Duration::from_secs(120));
	let killed = dave.stop("KILL");
	assert!(!killed.success());
	assert_eq!(dave.count("commitment included in block"), 1, "{}", dave.tail(30));
	assert_eq!(dave.count("revealing proof"), 0, "Dave revealed before dying:\n{}", dave.tail(30));

	// Restart the node after the second sequence: everybody reconnects.
	sequencer.wait_for("submitted at block", 2, Duration::from_secs(120));
	node.restart();
	for miner in &miners {
		miner.wait_for("reconnected", 1, Duration::from_secs(120));
	}

	// Every sequence is submitted, proved and settled.
	sequencer.wait_for("submitted; done", 1, Duration::from_secs(240));
	for miner in &miners {
		miner.wait_for(": settled in block", SEQUENCES, Duration::from_secs(240));
	}

	// Rewards are proportional to stake, nobody of the three is slashed.
	let rewarded: Vec<u128> = stakes[..3]
		.iter()
		.map(|(suri, _)| {
			let s = status(&url, suri);
			assert_eq!(planck(&s, "slashed"), 0, "{suri} slashed: {s}");
			assert_eq!(s["pending_commitments"], 0, "{suri}: {s}");
			// Every round settled: nothing reserved, the whole bonded stake is free capacity
			// and the next commitment would weigh all of it.
			assert_eq!(planck(&s, "reserved"), 0, "{suri}: {s}");
			assert_eq!(planck(&s, "free_capacity"), planck(&s, "bonded"), "{suri}: {s}");
			assert_eq!(s["next_commitment"]["stake"], s["bonded"], "{suri}: {s}");
			planck(&s, "rewarded")
		})
		.collect();
	// Each sequence pays floor(2 ZKM * s_i / (200K + 500K + 300K)): 0.4, 1.0 and 0.6 ZKM.
	let per_sequence = [400_000_000_000u128, 1_000_000_000_000, 600_000_000_000];
	for (i, (suri, stake)) in stakes[..3].iter().enumerate() {
		assert!(rewarded[i] > 0, "{suri} earned nothing");
		for (j, (_, other)) in stakes[..3].iter().enumerate() {
			// r_i / s_i == r_j / s_j, up to one planck of rounding per sequence.
			let (lhs, rhs) = (rewarded[i] * other, rewarded[j] * stake);
			assert!(lhs.abs_diff(rhs) <= SEQUENCES as u128 * stake.max(other), "{rewarded:?}");
		}
		assert_eq!(rewarded[i] % per_sequence[i], 0, "{suri}: whole sequences only: {rewarded:?}");
	}
	assert_eq!(
		rewarded[0] / per_sequence[0],
		SEQUENCES as u128,
		"all three mined all {SEQUENCES} sequences: {rewarded:?}"
	);

	// Dave: slashed IncorrectHashSlash, 10% of his 100K stake snapshot, nothing earned.
	let d = status(&url, "//Dave");
	assert_eq!(planck(&d, "slashed"), 10_000 * UNIT, "{d}");
	assert_eq!(planck(&d, "bonded"), 90_000 * UNIT, "{d}");
	assert_eq!(planck(&d, "rewarded"), 0, "{d}");
	assert_eq!(d["pending_commitments"], 0, "{d}");

	// The miners never revealed before the reveal window, and never had a reveal refused.
	for miner in &miners {
		for line in miner.lines().iter().filter(|l| l.contains("revealing proof")) {
			let at: u64 = field_after(line, "at block #");
			let start: u64 = field_after(line, "reveal window #");
			assert!(at >= start, "{}: revealed early: {line}", miner.name);
		}
		assert_eq!(miner.count("RevealNotOpen"), 0, "{}", miner.tail(40));
		assert_eq!(miner.count("SLASHED"), 0, "{}", miner.tail(40));
	}

	// A miner stops cleanly on SIGINT with a summary of its earnings.
	let mut alice = miners.remove(0);
	let stopped = alice.stop("INT");
	assert!(stopped.success(), "miner exit: {stopped:?}\n{}", alice.tail(20));
	let summary = alice.lines().into_iter().find(|l| l.contains("summary:")).expect("a summary");
	assert!(summary.contains(&format!("{SEQUENCES} reward(s)")), "{summary}");
}
