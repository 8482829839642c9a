//! Shared by the integration tests: processes with collected output, the fast dev node,
//! and the miner CLI.
#![allow(dead_code)]

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

/// One ZKM in planck.
pub const UNIT: u128 = 1_000_000_000_000;

pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.expect("an ephemeral port")
		.local_addr()
		.expect("addr")
		.port()
}

pub fn node_binary() -> PathBuf {
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
pub struct Proc {
	pub name: String,
	pub child: Child,
	lines: Arc<Mutex<Vec<String>>>,
}

impl Proc {
	pub fn spawn(name: &str, mut command: Command) -> Proc {
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

	pub fn lines(&self) -> Vec<String> {
		self.lines.lock().expect("log lock").clone()
	}

	pub fn count(&self, needle: &str) -> usize {
		self.lines().iter().filter(|l| l.contains(needle)).count()
	}

	pub fn tail(&self, n: usize) -> String {
		let lines = self.lines();
		lines[lines.len().saturating_sub(n)..].join("\n")
	}

	/// Wait (bounded) until `needle` was printed `times` times.
	pub fn wait_for(&self, needle: &str, times: usize, timeout: Duration) {
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
	pub fn stop(&mut self, signal: &str) -> ExitStatus {
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
pub struct Node {
	base: PathBuf,
	pub rpc: u16,
	p2p: u16,
	extra: Vec<String>,
	proc: Option<Proc>,
}

impl Node {
	pub fn start(base: &Path) -> Node {
		Self::start_with(base, &[])
	}

	/// The node with `extra` command-line options (`--state-pruning 16`).
	pub fn start_with(base: &Path, extra: &[&str]) -> Node {
		let mut node = Node {
			base: base.to_owned(),
			rpc: free_port(),
			p2p: free_port(),
			extra: extra.iter().map(|s| s.to_string()).collect(),
			proc: None,
		};
		node.launch();
		node
	}

	pub fn launch(&mut self) {
		let mut command = Command::new(node_binary());
		command
			.args(["--dev", "--base-path"])
			.arg(&self.base)
			.args(["--rpc-port", &self.rpc.to_string(), "--port", &self.p2p.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-cors", "all"])
			.args(&self.extra);
		self.proc = Some(Proc::spawn("node", command));
	}

	pub fn restart(&mut self) {
		if let Some(mut proc) = self.proc.take() {
			let status = proc.stop("INT");
			assert!(status.success() || status.code().is_none(), "node stop: {status:?}");
		}
		self.launch();
	}

	pub fn url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc)
	}

	/// The node's log so far.
	pub fn proc(&self) -> &Proc {
		self.proc.as_ref().expect("a running node")
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.proc.take();
		let _ = std::fs::remove_dir_all(&self.base);
	}
}

pub fn miner_command(url: &str, suri: &str, args: &[&str]) -> Command {
	let mut command = Command::new(env!("CARGO_BIN_EXE_zkmine-miner"));
	command.args(args).args(["--url", url]).env("ZKMINE_SURI", suri);
	command
}

/// `zkmine-miner mine` as `suri` with `extra` options and its own data directory under
/// `base`, the same at every start (so that a restarted miner finds its state).
pub fn mine_command(url: &str, suri: &str, base: &Path, extra: &[&str]) -> Command {
	let dir = base.join(format!("miner-{}", suri.trim_start_matches('/')));
	let dir = dir.to_str().expect("a UTF-8 path");
	let args: Vec<&str> =
		["mine", "--data-dir", dir].into_iter().chain(extra.iter().copied()).collect();
	miner_command(url, suri, &args)
}

/// The metrics page of a miner's Prometheus endpoint on `port`.
pub fn scrape(port: u16) -> String {
	use std::io::{Read, Write};
	let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("metrics port");
	stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
	write!(stream, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		.expect("request");
	let mut page = String::new();
	stream.read_to_string(&mut page).expect("response");
	assert!(page.starts_with("HTTP/1.1 200"), "metrics answer: {page}");
	page
}

/// The value of the metric line that starts with `name` (with its labels) on `page`.
pub fn metric(page: &str, name: &str) -> Option<f64> {
	page.lines()
		.find(|l| l.starts_with(name) && l[name.len()..].starts_with(' '))
		.and_then(|l| l[name.len()..].trim().parse().ok())
}

/// Run a short command of the miner CLI to completion; its stdout.
pub fn run(url: &str, suri: &str, args: &[&str]) -> String {
	let out = miner_command(url, suri, args).output().expect("run zkmine-miner");
	let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
	assert!(
		out.status.success(),
		"zkmine-miner {args:?} as {suri} failed: {}\n{stdout}",
		String::from_utf8_lossy(&out.stderr)
	);
	stdout
}

pub fn status(url: &str, suri: &str) -> Value {
	let out = run(url, suri, &["status", "--json"]);
	serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("status JSON ({e}): {out}"))
}

pub fn planck(status: &Value, field: &str) -> u128 {
	status[field]
		.as_str()
		.and_then(|s| s.parse().ok())
		.unwrap_or_else(|| panic!("{field} in {status}"))
}

/// The number right after `marker` in `line`.
pub fn field_after(line: &str, marker: &str) -> u64 {
	let rest = &line
		[line.find(marker).unwrap_or_else(|| panic!("no `{marker}` in {line}")) + marker.len()..];
	rest.chars()
		.take_while(char::is_ascii_digit)
		.collect::<String>()
		.parse()
		.expect("a number")
}
