//! A harness that runs the built `zkmine-node` binary on free loopback ports with a
//! temporary base path, talks JSON-RPC to it over HTTP, and always stops it (SIGINT, then
//! SIGKILL after a grace period), also when a test panics.

#![allow(dead_code)]

use std::{
	io::{BufRead, BufReader, Read, Write},
	net::{TcpListener, TcpStream},
	path::PathBuf,
	process::{Child, Command, Stdio},
	sync::{Arc, Mutex},
	thread,
	time::{Duration, Instant},
};

/// A free TCP port on 127.0.0.1 (bound once, then released for the node to take).
pub fn free_port() -> u16 {
	let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
	listener.local_addr().expect("local address").port()
}

/// A running node, stopped when dropped.
pub struct Node {
	pub name: String,
	pub rpc_port: u16,
	pub p2p_port: u16,
	child: Option<Child>,
	log: Arc<Mutex<Vec<String>>>,
	_base: tempdir::TempDir,
}

mod tempdir {
	use std::path::{Path, PathBuf};

	/// A directory removed when dropped.
	pub struct TempDir(PathBuf);

	impl TempDir {
		pub fn new(prefix: &str) -> Self {
			let unique = format!(
				"{prefix}-{}-{}",
				std::process::id(),
				std::time::SystemTime::now()
					.duration_since(std::time::UNIX_EPOCH)
					.map(|d| d.as_nanos())
					.unwrap_or_default()
			);
			let path = std::env::temp_dir().join(unique);
			std::fs::create_dir_all(&path).expect("create a temporary base path");
			TempDir(path)
		}

		pub fn path(&self) -> &Path {
			&self.0
		}
	}

	impl Drop for TempDir {
		fn drop(&mut self) {
			let _ = std::fs::remove_dir_all(&self.0);
		}
	}
}

impl Node {
	/// Start the node binary with `args` plus a fresh base path and free ports.
	pub fn start(name: &str, args: &[&str]) -> Node {
		let rpc_port = free_port();
		let p2p_port = free_port();
		let base = tempdir::TempDir::new(&format!("zkmine-{name}"));
		let binary = PathBuf::from(env!("CARGO_BIN_EXE_zkmine-node"));
		let mut child = Command::new(binary)
			.args(args)
			.arg("--base-path")
			.arg(base.path())
			.args(["--rpc-port", &rpc_port.to_string(), "--port", &p2p_port.to_string()])
			.args(["--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-cors", "all"])
			.stdin(Stdio::null())
			.stdout(Stdio::null())
			.stderr(Stdio::piped())
			.spawn()
			.expect("start zkmine-node");
		let log = Arc::new(Mutex::new(Vec::new()));
		if let Some(stderr) = child.stderr.take() {
			let log = log.clone();
			thread::spawn(move || {
				for line in BufReader::new(stderr).lines().map_while(Result::ok) {
					if let Ok(mut log) = log.lock() {
						log.push(line);
					}
				}
			});
		}
		Node { name: name.into(), rpc_port, p2p_port, child: Some(child), log, _base: base }
	}

	/// The last `n` lines the node logged (for failure messages).
	pub fn log_tail(&self, n: usize) -> String {
		let log = self.log.lock().map(|l| l.clone()).unwrap_or_default();
		log.iter().rev().take(n).rev().cloned().collect::<Vec<_>>().join("\n")
	}

	/// One JSON-RPC call over HTTP; `None` while the server is not up or on any error.
	pub fn rpc(&self, method: &str, params: serde_json::Value) -> Option<serde_json::Value> {
		let body =
			serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
				.to_string();
		let mut stream = TcpStream::connect(("127.0.0.1", self.rpc_port)).ok()?;
		stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
		let request = format!(
			"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
			body.len(),
			body
		);
		stream.write_all(request.as_bytes()).ok()?;
		let mut response = String::new();
		stream.read_to_string(&mut response).ok()?;
		let json = response.split("\r\n\r\n").nth(1)?;
		let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
		value.get("result").cloned()
	}

	/// Number of the best block, if the node answers.
	pub fn best_number(&self) -> Option<u64> {
		let header = self.rpc("chain_getHeader", serde_json::json!([]))?;
		parse_number(&header)
	}

	/// Number of the last finalized block, if the node answers.
	pub fn finalized_number(&self) -> Option<u64> {
		let hash = self.rpc("chain_getFinalizedHead", serde_json::json!([]))?;
		let header = self.rpc("chain_getHeader", serde_json::json!([hash]))?;
		parse_number(&header)
	}

	/// Wait (bounded) until a block at or above `at_least` is finalized; panics with the
	/// node's log on time-out.
	pub fn wait_finalized(&self, at_least: u64, timeout: Duration) -> u64 {
		let start = Instant::now();
		loop {
			if let Some(n) = self.finalized_number() {
				if n >= at_least {
					return n;
				}
			}
			assert!(
				start.elapsed() < timeout,
				"{}: no block #{at_least} finalized within {timeout:?}; log tail:\n{}",
				self.name,
				self.log_tail(40)
			);
			thread::sleep(Duration::from_millis(500));
		}
	}

	/// Stop the node: SIGINT, wait up to 20 s for a clean exit, then SIGKILL. Returns
	/// whether it exited by itself after SIGINT.
	pub fn stop(&mut self) -> bool {
		let Some(mut child) = self.child.take() else { return true };
		let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
		let start = Instant::now();
		while start.elapsed() < Duration::from_secs(20) {
			if let Ok(Some(_)) = child.try_wait() {
				return true;
			}
			thread::sleep(Duration::from_millis(200));
		}
		let _ = child.kill();
		let _ = child.wait();
		false
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		self.stop();
	}
}

fn parse_number(header: &serde_json::Value) -> Option<u64> {
	let hex = header.get("number")?.as_str()?;
	u64::from_str_radix(hex.trim_start_matches("0x"), 16).ok()
}
