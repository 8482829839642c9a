//! Prover backends: who makes the proof of a sequence.
//!
//! * [`DemoBackend`]: the built-in demo rollup (for every rollup whose verifying key is the
//!   demo setup's);
//! * [`ExternalBackend`]: any program, run once per sequence, speaking the JSON protocol
//!   below on its standard input and output, with a time limit. The `--provers` file (TOML)
//!   maps rollups to programs, so that one miner mines several rollups with different
//!   provers.
//!
//! ## The external prover protocol (`zkmine-prover/1`)
//!
//! The miner starts the command (no shell), writes one JSON object to its standard input and
//! closes it:
//!
//! ```json
//! {"protocol": "zkmine-prover/1", "rollup": 1, "sequence": 7, "key_version": 0,
//!  "key_hash": "0x<32 bytes>", "public_inputs": ["0x<32-byte little-endian>", ...],
//!  "public_signals": ["<decimal>", ...], "batch": "0x<the batch bytes>"}
//! ```
//!
//! `public_signals` are the public inputs as snarkjs writes `public.json`. The command
//! answers with one JSON object on standard output, and exit status 0:
//!
//! * `{"proof": {...}}`: a snarkjs `proof.json` object (Groth16, BN254), or
//! * `{"proof": "0x..."}`: the proof in the chain's wire format (128 bytes), or
//! * `{"refused": "<reason>"}`: it cannot prove this sequence (the miner skips it).
//!
//! Anything else (another exit status, no answer within the time limit, malformed JSON) is an
//! error: the miner logs it, with the command's standard error, and skips the sequence for
//! the round. Whatever the backend, the miner verifies the proof against the rollup's key on
//! chain before it commits to it: a wrong proof would cost it `IncorrectHashSlash`.

use crate::prover::DemoProver;
use anyhow::{anyhow, bail, Context, Result};
use serde_json::{json, Value};
use std::{
	collections::BTreeMap,
	io::{Read, Write},
	path::Path,
	process::{Command, Stdio},
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	thread,
	time::{Duration, Instant},
};
use zkmine_primitives::{FieldElement, Hash32};

/// The protocol name external provers are sent.
pub const PROTOCOL: &str = "zkmine-prover/1";

/// One sequence to prove.
#[derive(Clone, Debug)]
pub struct ProofRequest {
	/// The rollup.
	pub rollup: u32,
	/// The sequence.
	pub sequence: u64,
	/// The verifying key version the sequence was submitted under.
	pub key_version: u32,
	/// `blake2_256` of that key's registered bytes.
	pub key_hash: Hash32,
	/// The sequence's public inputs (the chain's format).
	pub public_inputs: Vec<FieldElement>,
	/// The batch, read from the `submit_sequence` extrinsic and checked against its hash.
	pub batch: Vec<u8>,
}

/// What a backend made of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// A proof in the chain's wire format.
	Proof(Vec<u8>),
	/// It cannot prove this sequence, and why.
	Refused(String),
}

/// A way to prove sequences. `prove` blocks (the miner runs it on a blocking thread).
pub trait ProverBackend: Send + Sync {
	/// How logs name it.
	fn name(&self) -> String;
	/// Whether it proves sequences under the verifying key named `key_hash`.
	fn accepts_key(&self, key_hash: &Hash32) -> bool;
	/// Prove `request`, within `limit` if given (the time left before the round's commit
	/// window closes), giving up when `cancel` is set (the miner abandoned the job). A
	/// backend that cannot be stopped may ignore both: the miner drops a late result.
	fn prove(
		&self,
		request: &ProofRequest,
		limit: Option<Duration>,
		cancel: &AtomicBool,
	) -> Result<Outcome>;
}

/// The built-in demo rollup.
pub struct DemoBackend(pub DemoProver);

impl ProverBackend for DemoBackend {
	fn name(&self) -> String {
		"demo rollup".into()
	}

	fn accepts_key(&self, key_hash: &Hash32) -> bool {
		self.0.can_prove(key_hash)
	}

	fn prove(
		&self,
		request: &ProofRequest,
		_limit: Option<Duration>,
		_cancel: &AtomicBool,
	) -> Result<Outcome> {
		// One demo proof takes about a second: it is not worth interrupting.
		let data_hash = zkmine_primitives::batch_data_hash(&request.batch);
		match self.0.job(&request.batch, &data_hash, &request.public_inputs) {
			Ok(job) => self.0.prove(&job).map(Outcome::Proof),
			Err(why) => Ok(Outcome::Refused(why.to_string())),
		}
	}
}

/// An external program (see the module documentation for its protocol).
#[derive(Clone, Debug)]
pub struct ExternalBackend {
	/// The program and its arguments.
	pub command: Vec<String>,
	/// The longest a proof may take.
	pub timeout: Duration,
	/// Only sequences under this key (any key of the rollup if `None`).
	pub key_hash: Option<Hash32>,
}

impl ExternalBackend {
	/// The JSON object the program reads.
	pub fn request_json(request: &ProofRequest) -> Result<Value> {
		let signals: Value = serde_json::from_str(&zkmine_formats::public_inputs_to_snarkjs(
			&request.public_inputs,
		)?)?;
		Ok(json!({
			"protocol": PROTOCOL,
			"rollup": request.rollup,
			"sequence": request.sequence,
			"key_version": request.key_version,
			"key_hash": format!("0x{}", hex::encode(request.key_hash)),
			"public_inputs": request
				.public_inputs
				.iter()
				.map(|i| format!("0x{}", hex::encode(i)))
				.collect::<Vec<_>>(),
			"public_signals": signals,
			"batch": format!("0x{}", hex::encode(&request.batch)),
		}))
	}

	/// The outcome an answer gives.
	pub fn parse_answer(text: &str) -> Result<Outcome> {
		let answer: Value = serde_json::from_str(text.trim())
			.with_context(|| format!("the answer is not JSON: `{}`", clip(text)))?;
		if let Some(reason) = answer.get("refused") {
			let reason = reason.as_str().map_or_else(|| reason.to_string(), str::to_owned);
			return Ok(Outcome::Refused(reason));
		}
		match answer.get("proof") {
			Some(Value::String(hex_text)) => {
				let digits = hex_text
					.strip_prefix("0x")
					.ok_or_else(|| anyhow!("\"proof\": a string must be 0x-hex"))?;
				Ok(Outcome::Proof(hex::decode(digits).context("\"proof\": not hex")?))
			},
			Some(proof @ Value::Object(_)) => {
				let wire = zkmine_formats::proof_from_snarkjs(&proof.to_string())
					.context("\"proof\": not a snarkjs Groth16 BN254 proof")?;
				Ok(Outcome::Proof(wire))
			},
			Some(_) => bail!("\"proof\" must be a snarkjs proof object or a 0x-hex string"),
			None => bail!("the answer has neither \"proof\" nor \"refused\": `{}`", clip(text)),
		}
	}
}

impl ProverBackend for ExternalBackend {
	fn name(&self) -> String {
		format!("external `{}`", self.command.join(" "))
	}

	fn accepts_key(&self, key_hash: &Hash32) -> bool {
		self.key_hash.is_none_or(|k| &k == key_hash)
	}

	fn prove(
		&self,
		request: &ProofRequest,
		limit: Option<Duration>,
		cancel: &AtomicBool,
	) -> Result<Outcome> {
		let (program, args) =
			self.command.split_first().ok_or_else(|| anyhow!("empty prover command"))?;
		let mut child = Command::new(program)
			.args(args)
			.stdin(Stdio::piped())
			.stdout(Stdio::piped())
			.stderr(Stdio::piped())
			.spawn()
			.with_context(|| format!("starting {}", self.name()))?;
		let input = Self::request_json(request)?.to_string();
		let mut stdin = child.stdin.take().ok_or_else(|| anyhow!("no stdin"))?;
		let writer = thread::spawn(move || stdin.write_all(input.as_bytes()));
		let reader = |pipe: Option<Box<dyn Read + Send>>| {
			thread::spawn(move || {
				let mut out = String::new();
				if let Some(mut pipe) = pipe {
					let _ = pipe.read_to_string(&mut out);
				}
				out
			})
		};
		let stdout = reader(child.stdout.take().map(|p| Box::new(p) as Box<dyn Read + Send>));
		let stderr = reader(child.stderr.take().map(|p| Box::new(p) as Box<dyn Read + Send>));

		// Its own time limit, or less when the round's commit window closes sooner.
		let allowed = limit.map_or(self.timeout, |l| l.min(self.timeout));
		let deadline = Instant::now() + allowed;
		let status = loop {
			if let Some(status) = child.try_wait()? {
				break status;
			}
			if Instant::now() >= deadline {
				let _ = child.kill();
				let _ = child.wait();
				bail!("{} took longer than {:.1} s; killed", self.name(), allowed.as_secs_f32());
			}
			if cancel.load(Ordering::Relaxed) {
				let _ = child.kill();
				let _ = child.wait();
				bail!("{} stopped: the job was abandoned", self.name());
			}
			thread::sleep(Duration::from_millis(20));
		};
		let _ = writer.join();
		let out = stdout.join().unwrap_or_default();
		let err = stderr.join().unwrap_or_default();
		if !status.success() {
			bail!("{} failed ({status}): {}", self.name(), clip(&err));
		}
		Self::parse_answer(&out).with_context(|| format!("{} answered badly", self.name()))
	}
}

/// The backends of one miner: the demo rollup for its key, external programs per rollup.
#[derive(Clone)]
pub struct Backends {
	demo: Arc<DemoBackend>,
	external: BTreeMap<u32, Arc<ExternalBackend>>,
}

impl Backends {
	/// The demo backend and the external ones of `config` (rollup -> program).
	pub fn new(demo: DemoProver, external: BTreeMap<u32, ExternalBackend>) -> Self {
		let external = external.into_iter().map(|(r, b)| (r, Arc::new(b))).collect();
		Self { demo: Arc::new(DemoBackend(demo)), external }
	}

	/// The backend that proves `rollup`'s sequences under `key_hash`: its external program
	/// if the config names the rollup (and the key, if it names one), else the demo rollup
	/// if the key is its own.
	pub fn for_key(&self, rollup: u32, key_hash: &Hash32) -> Option<Arc<dyn ProverBackend>> {
		match self.external.get(&rollup) {
			Some(b) => b.accepts_key(key_hash).then(|| b.clone() as Arc<dyn ProverBackend>),
			None => self
				.demo
				.accepts_key(key_hash)
				.then(|| self.demo.clone() as Arc<dyn ProverBackend>),
		}
	}

	/// The rollups with an external prover.
	pub fn external_rollups(&self) -> Vec<u32> {
		self.external.keys().copied().collect()
	}
}

/// Read the `--provers` file: TOML with one `[[external]]` table per rollup:
///
/// ```toml
/// [[external]]
/// rollup = 1                                          # the rollup id
/// command = ["node", "examples/circom-rollup/prover.mjs"]
/// timeout_secs = 120                                  # optional, default 300
/// key_hash = "0x..."                                  # optional: only this key
/// ```
pub fn read_config(path: &Path) -> Result<BTreeMap<u32, ExternalBackend>> {
	let text =
		std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
	parse_config(&text).with_context(|| format!("{}", path.display()))
}

/// Parse the text of a `--provers` file (see [`read_config`]).
pub fn parse_config(text: &str) -> Result<BTreeMap<u32, ExternalBackend>> {
	let doc: toml::Table = text.parse()?;
	let mut out = BTreeMap::new();
	for key in doc.keys() {
		if key != "external" {
			bail!("unknown section `{key}` (expected [[external]] tables)");
		}
	}
	let tables = match doc.get("external") {
		None => return Ok(out),
		Some(toml::Value::Array(tables)) => tables,
		Some(_) => bail!("`external` must be an array of tables: [[external]]"),
	};
	for (i, table) in tables.iter().enumerate() {
		let at = format!("external[{i}]");
		let table = table.as_table().ok_or_else(|| anyhow!("{at}: not a table"))?;
		for key in table.keys() {
			if !["rollup", "command", "timeout_secs", "key_hash"].contains(&key.as_str()) {
				bail!("{at}: unknown key `{key}`");
			}
		}
		let rollup = table
			.get("rollup")
			.and_then(toml::Value::as_integer)
			.and_then(|r| u32::try_from(r).ok())
			.ok_or_else(|| anyhow!("{at}.rollup: expected a rollup id"))?;
		let command: Vec<String> = table
			.get("command")
			.and_then(toml::Value::as_array)
			.and_then(|a| {
				a.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>()
			})
			.filter(|c| !c.is_empty())
			.ok_or_else(|| anyhow!("{at}.command: expected a non-empty list of strings"))?;
		let timeout = match table.get("timeout_secs") {
			None => Duration::from_secs(300),
			Some(v) => Duration::from_secs(
				v.as_integer()
					.and_then(|s| u64::try_from(s).ok())
					.filter(|s| *s > 0)
					.ok_or_else(|| anyhow!("{at}.timeout_secs: expected a positive number"))?,
			),
		};
		let key_hash = match table.get("key_hash") {
			None => None,
			Some(v) => {
				let text = v.as_str().ok_or_else(|| anyhow!("{at}.key_hash: expected a string"))?;
				let bytes = hex::decode(text.trim_start_matches("0x"))
					.with_context(|| format!("{at}.key_hash: not hex"))?;
				Some(
					<[u8; 32]>::try_from(bytes.as_slice())
						.map_err(|_| anyhow!("{at}.key_hash: expected 32 bytes"))?,
				)
			},
		};
		if out.insert(rollup, ExternalBackend { command, timeout, key_hash }).is_some() {
			bail!("{at}: rollup {rollup} has two provers");
		}
	}
	Ok(out)
}

/// At most 400 characters of `text`, for error messages.
fn clip(text: &str) -> String {
	let text = text.trim();
	match text.char_indices().nth(400) {
		Some((end, _)) => format!("{}...", &text[..end]),
		None => text.to_owned(),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn request() -> ProofRequest {
		ProofRequest {
			rollup: 1,
			sequence: 7,
			key_version: 0,
			key_hash: [9; 32],
			public_inputs: vec![[0; 32], {
				let mut one = [0u8; 32];
				one[0] = 1;
				one
			}],
			batch: b"batch".to_vec(),
		}
	}

	fn script(body: &str) -> ExternalBackend {
		ExternalBackend {
			command: vec!["sh".into(), "-c".into(), body.into()],
			timeout: Duration::from_secs(10),
			key_hash: None,
		}
	}

	#[test]
	fn the_request_carries_inputs_both_ways_and_the_batch() {
		let value = ExternalBackend::request_json(&request()).unwrap();
		assert_eq!(value["protocol"], PROTOCOL);
		assert_eq!(value["sequence"], 7);
		assert_eq!(value["public_signals"], json!(["0", "1"]));
		assert_eq!(value["public_inputs"][1], format!("0x01{}", "00".repeat(31)));
		assert_eq!(value["batch"], "0x6261746368");
	}

	#[test]
	fn answers_are_parsed_or_named() {
		let wire = vec![7u8; 3];
		assert_eq!(
			ExternalBackend::parse_answer(r#"{"proof":"0x070707"}"#).unwrap(),
			Outcome::Proof(wire)
		);
		assert_eq!(
			ExternalBackend::parse_answer(r#"{"refused":"not my batch"}"#).unwrap(),
			Outcome::Refused("not my batch".into())
		);
		for (bad, why) in [
			("nope", "not JSON"),
			("{}", "neither"),
			(r#"{"proof": 5}"#, "must be a snarkjs proof object"),
			(r#"{"proof": "07"}"#, "0x-hex"),
			(r#"{"proof": {"curve": "bls12381"}}"#, "not a snarkjs Groth16 BN254 proof"),
		] {
			let err = format!("{:#}", ExternalBackend::parse_answer(bad).unwrap_err());
			assert!(err.contains(why), "{bad}: {err}");
		}
	}

	#[test]
	fn a_snarkjs_proof_from_the_program_becomes_wire_bytes() {
		let dir =
			std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-vectors/snarkjs");
		let proof = std::fs::read_to_string(dir.join("proof_1.json")).unwrap();
		let expected = zkmine_formats::proof_from_snarkjs(&proof).unwrap();
		let path = dir.join("proof_1.json");
		let backend = script(&format!(
			"cat > /dev/null; printf '{{\"proof\": %s}}' \"$(cat '{}')\"",
			path.display()
		));
		assert_eq!(
			backend.prove(&request(), None, &AtomicBool::new(false)).unwrap(),
			Outcome::Proof(expected)
		);
	}

	#[test]
	fn the_program_reads_the_request_on_stdin() {
		// Echo the sequence number back as a refusal.
		let backend = script(
			r#"read -r line; echo "{\"refused\": \"saw $(echo "$line" | grep -o '"sequence":[0-9]*' | tr -d '"')\"}""#,
		);
		assert_eq!(
			backend.prove(&request(), None, &AtomicBool::new(false)).unwrap(),
			Outcome::Refused("saw sequence:7".into())
		);
	}

	#[test]
	fn failures_and_slow_programs_are_errors() {
		let err = format!(
			"{:#}",
			script("echo oops >&2; exit 3")
				.prove(&request(), None, &AtomicBool::new(false))
				.unwrap_err()
		);
		assert!(err.contains("exit status: 3") && err.contains("oops"), "{err}");
		let mut slow = script("sleep 5");
		slow.timeout = Duration::from_millis(300);
		let started = Instant::now();
		let err =
			format!("{:#}", slow.prove(&request(), None, &AtomicBool::new(false)).unwrap_err());
		assert!(err.contains("killed"), "{err}");
		assert!(started.elapsed() < Duration::from_secs(4), "killed at the limit");
		// The round's deadline, when shorter than the program's own limit, stops it sooner.
		let mut patient = script("sleep 5");
		patient.timeout = Duration::from_secs(60);
		let started = Instant::now();
		let err = format!(
			"{:#}",
			patient
				.prove(&request(), Some(Duration::from_millis(300)), &AtomicBool::new(false))
				.unwrap_err()
		);
		assert!(err.contains("took longer than 0.3 s; killed"), "{err}");
		assert!(started.elapsed() < Duration::from_secs(4), "killed at the deadline");
		// An abandoned job's program is stopped.
		let cancel = std::sync::Arc::new(AtomicBool::new(false));
		let flag = cancel.clone();
		let stopper = thread::spawn(move || {
			thread::sleep(Duration::from_millis(300));
			flag.store(true, Ordering::Relaxed);
		});
		let started = Instant::now();
		let err = format!("{:#}", patient.prove(&request(), None, &cancel).unwrap_err());
		let _ = stopper.join();
		assert!(err.contains("the job was abandoned"), "{err}");
		assert!(started.elapsed() < Duration::from_secs(4), "stopped when abandoned");
		let err = format!(
			"{:#}",
			script("echo '{}'")
				.prove(&request(), None, &AtomicBool::new(false))
				.unwrap_err()
		);
		assert!(err.contains("answered badly"), "{err}");
	}

	#[test]
	fn the_config_maps_rollups_to_programs() {
		let config = parse_config(
			r#"
			[[external]]
			rollup = 1
			command = ["node", "prover.mjs"]
			timeout_secs = 60
			[[external]]
			rollup = 3
			command = ["./prove"]
			key_hash = "0x0909090909090909090909090909090909090909090909090909090909090909"
			"#,
		)
		.unwrap();
		assert_eq!(config[&1].command, vec!["node", "prover.mjs"]);
		assert_eq!(config[&1].timeout, Duration::from_secs(60));
		assert_eq!(config[&3].timeout, Duration::from_secs(300));
		assert!(config[&3].accepts_key(&[9; 32]) && !config[&3].accepts_key(&[8; 32]));
		for (bad, why) in [
			("[[external]]\ncommand = [\"x\"]", "rollup"),
			("[[external]]\nrollup = 1\ncommand = []", "command"),
			("[[external]]\nrollup = 1\ncommand = [\"x\"]\ntimeout_secs = 0", "timeout_secs"),
			("[[external]]\nrollup = 1\ncommand = [\"x\"]\nkey_hash = \"0x01\"", "32 bytes"),
			("[[external]]\nrollup = 1\ncommand = [\"x\"]\nfoo = 1", "unknown key `foo`"),
			("[prover]\nx = 1", "unknown section"),
			("[[external]]\nrollup = 1\ncommand = [\"x\"]\n[[external]]\nrollup = 1\ncommand = [\"y\"]", "two provers"),
		] {
			let err = format!("{:#}", parse_config(bad).unwrap_err());
			assert!(err.contains(why), "{bad}: {err}");
		}
	}
}
