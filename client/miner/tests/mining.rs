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

use serde_json::Value;
use std::{
	io::{BufRead, BufReader},
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, ExitStatus, Stdio},
	sync::{Arc, Mutex},
	thread,
	time::{Duration, Instant},
};

const UNIT: u128 = 1_000_000_000_000;
const SEQUENCES: usize = 4;

fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.expect("an ephemeral port")
		.local_addr()
		.expect("addr")
		.port()
}

fn node_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("ZKMINE_NODE") {
		return PathBuf::from(path);
	}
	let miner = PathBuf::from(env!("CARGO_BIN_EXE_zkmine-miner"));
	let fast = miner.with_file_name("zkmine-node-fast");
	assert!(
		fast.exists(),
		"no node binary: run scripts/test.sh (it builds the fast-runtime node as {}), or set \
		 ZKMINE_NODE to a node built with `--features fast-runtime`",
		fast.display()
	);
	fast
}

/// A child process whose output lines are collected; killed when dropped.
struct Proc {
	name: String,
	child: Child,
	lines: Arc<Mutex<Vec<String>>>,
}

impl Proc {
	fn spawn(name: &str, mut command: Command) -> Proc {
		let mut child = command
			.stdin(Stdio::null())
			.stdout(Stdio::piped())
			.stderr(Stdio::piped())
			.spawn()
			.unwrap_or_else(|e| panic!("start {name}: {e}"));
		let lines = Arc::new(Mutex::new(Vec::new()));
		for pipe in [
			child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
			child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>),
		]
		.into_iter()
		.flatten()
		{
			let lines = lines.clone();
			thread::spawn(move || {
				for line in BufReader::new(pipe).lines().map_while(Result::ok) {
					lines.lock().expect("log lock").push(line);
				}
			});
		}
		Proc { name: name.into(), child, lines }
	}

	fn lines(&self) -> Vec<String> {
		self.lines.lock().expect("log lock").clone()
	}

	fn count(&self, needle: &str) -> usize {
		self.lines().iter().filter(|l| l.contains(needle)).count()
	}

	fn tail(&self, n: usize) -> String {
		let lines = self.lines();
		lines[lines.len().saturating_sub(n)..].join("\n")
	}

	/// Wait (bounded) until `needle` was printed `times` times.
	fn wait_for(&self, needle: &str, times: usize, timeout: Duration) {
		let start = Instant::now();
		while self.count(needle) < times {
			assert!(
				start.elapsed() < timeout,
				"{}: `{needle}` not printed {times} time(s) within {timeout:?}; last lines:\n{}",
				self.name,
				self.tail(40)
			);
			thread::sleep(Duration::from_millis(200));
		}
	}

	/// Send `signal` (by name) and wait (bounded) for the exit.
	fn stop(&mut self, signal: &str) -> ExitStatus {
		let _ = Command::new("kill")
			.args([&format!("-{signal}"), &self.child.id().to_string()])
			.status();
		let start = Instant::now();
		loop {
			if let Ok(Some(status)) = self.child.try_wait() {
				return status;
			}
			if start.elapsed() > Duration::from_secs(30) {
				let _ = self.child.kill();
				return self.child.wait().expect("wait after kill");
			}
			thread::sleep(Duration::from_millis(100));
		}
	}
}

impl Drop for Proc {
	fn drop(&mut self) {
		if let Ok(None) = self.child.try_wait() {
			let _ = self.child.kill();
			let _ = self.child.wait();
		}
	}
}

/// The dev node on fixed ports and a base path that survives restarts.
struct Node {
	base: PathBuf,
	rpc: u16,
	p2p: u16,
	proc: Option<Proc>,
}

impl Node {
	fn start(base: &Path) -> Node {
		let mut node =
			Node { base: base.to_owned(), rpc: free_port(), p2p: free_port(), proc: None };
		node.launch();
		node
	}

	fn launch(&mut self) {
		let mut command = Command::new(node_binary());
		command
			.args(["--dev", "--base-path"])
			.arg(&self.base)
			.args(["--rpc-port", &self.rpc.to_string(), "--port", &self.p2p.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-cors", "all"]);
		self.proc = Some(Proc::spawn("node", command));
	}

	fn restart(&mut self) {
		if let Some(mut proc) = self.proc.take() {
			let status = proc.stop("INT");
			assert!(status.success() || status.code().is_none(), "node stop: {status:?}");
		}
		self.launch();
	}

	fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc)
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.proc.take();
		let _ = std::fs::remove_dir_all(&self.base);
	}
}

fn miner_command(url: &str, suri: &str, args: &[&str]) -> Command {
	let mut command = Command::new(env!("CARGO_BIN_EXE_zkmine-miner"));
	command.args(args).args(["--url", url]).env("ZKMINE_SURI", suri);
	command
}

/// Run a short command of the miner CLI to completion; its stdout.
fn run(url: &str, suri: &str, args: &[&str]) -> String {
	let out = miner_command(url, suri, args).output().expect("run zkmine-miner");
	let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
	assert!(
		out.status.success(),
		"zkmine-miner {args:?} as {suri} failed: {}\n{stdout}",
		String::from_utf8_lossy(&out.stderr)
	);
	stdout
}

fn status(url: &str, suri: &str) -> Value {
	let out = run(url, suri, &["status", "--json"]);
	serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("status JSON ({e}): {out}"))
}

fn planck(status: &Value, field: &str) -> u128 {
	status[field]
		.as_str()
		.and_then(|s| s.parse().ok())
		.unwrap_or_else(|| panic!("{field} in {status}"))
}

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

/// The number right after `marker` in `line`.
fn field_after(line: &str, marker: &str) -> u64 {
	let rest = &line
		[line.find(marker).unwrap_or_else(|| panic!("no `{marker}` in {line}")) + marker.len()..];
	rest.chars()
		.take_while(char::is_ascii_digit)
		.collect::<String>()
		.parse()
		.expect("a number")
}
