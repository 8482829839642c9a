//! `demo-rollup`: keys, proofs, test vectors and verifier fixtures of the zkmine demo
//! rollup, in the chain's wire format (hex in JSON).
//!
//! ```text
//! demo-rollup keys    [--seed 2609] [--batch-size 4]
//! demo-rollup prove   [--seed 2609] [--batch-size 4] [--old-root 0] --txs 1,2,3,4 [--rng-seed 1]
//! demo-rollup vectors  --out test-vectors/groth16        [--check]
//! demo-rollup fixtures --out verifiers/groth16/fixtures  [--check]
//! ```

use clap::{Parser, Subcommand};
use serde_json::json;
use std::{path::PathBuf, process::ExitCode};
use zkmine_demo_rollup::{
	parse_field, prove, setup, to_hex, vectors, ChaCha20Rng, Fr, SeedableRng,
};

#[derive(Parser)]
#[command(
	about = "zkmine demo rollup: Groth16/BN254 keys, proofs and test vectors in the wire format"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Print the verifying key of a deterministic setup as JSON.
	Keys {
		/// Setup seed (the toxic waste derives from it: demo only).
		#[arg(long, default_value_t = vectors::DEMO_SETUP_SEED)]
		seed: u64,
		/// Transactions per batch.
		#[arg(long, default_value_t = vectors::DEMO_BATCH_SIZE)]
		batch_size: usize,
	},
	/// Prove one batch and print proof, public inputs and proof hash as JSON.
	Prove {
		/// Setup seed.
		#[arg(long, default_value_t = vectors::DEMO_SETUP_SEED)]
		seed: u64,
		/// Transactions per batch.
		#[arg(long, default_value_t = vectors::DEMO_BATCH_SIZE)]
		batch_size: usize,
		/// Old state root: canonical decimal or 0x-hex (32 bytes little-endian).
		#[arg(long, default_value = "0")]
		old_root: String,
		/// Transactions, comma separated, each decimal or 0x-hex.
		#[arg(long, value_delimiter = ',', required = true)]
		txs: Vec<String>,
		/// Seed of the prover's rng (Groth16 proofs are randomized).
		#[arg(long, default_value_t = 1)]
		rng_seed: u64,
	},
	/// Write (or with --check compare) the committed test vectors.
	Vectors {
		/// Directory, e.g. test-vectors/groth16.
		#[arg(long)]
		out: PathBuf,
		/// Compare with the files instead of writing them; exit 1 on a difference.
		#[arg(long)]
		check: bool,
	},
	/// Write (or with --check compare) the verifier's benchmark fixtures.
	Fixtures {
		/// Directory, e.g. verifiers/groth16/fixtures.
		#[arg(long)]
		out: PathBuf,
		/// Compare with the files instead of writing them; exit 1 on a difference.
		#[arg(long)]
		check: bool,
	},
}

fn field(s: &str) -> Result<Fr, String> {
	parse_field(s).ok_or_else(|| format!("not a canonical field element: {s}"))
}

/// Write `files` into `dir`, or compare them with it. Ok(true): all equal or written.
fn sync(dir: &PathBuf, files: Vec<(String, Vec<u8>)>, check: bool) -> Result<bool, String> {
	let mut same = true;
	for (name, bytes) in files {
		let path = dir.join(&name);
		if check {
			let on_disk = std::fs::read(&path).unwrap_or_default();
			if on_disk != bytes {
				eprintln!("differs: {}", path.display());
				same = false;
			}
		} else {
			std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
			std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
			eprintln!("wrote {}", path.display());
		}
	}
	Ok(same)
}

fn run(cli: Cli) -> Result<bool, String> {
	match cli.command {
		Command::Keys { seed, batch_size } => {
			let keys = setup(seed, batch_size).map_err(|e| e.to_string())?;
			let vk = keys.verifying_key_bytes().map_err(|e| e.to_string())?;
			let out = json!({
				"setup_seed": seed,
				"batch_size": batch_size,
				"public_input_count": zkmine_demo_rollup::PUBLIC_INPUTS,
				"verifying_key": to_hex(&vk),
			});
			println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
			Ok(true)
		},
		Command::Prove { seed, batch_size, old_root, txs, rng_seed } => {
			let old_root = field(&old_root)?;
			let txs = txs.iter().map(|t| field(t)).collect::<Result<Vec<_>, _>>()?;
			let keys = setup(seed, batch_size).map_err(|e| e.to_string())?;
			let proved = prove(&keys, old_root, &txs, &mut ChaCha20Rng::seed_from_u64(rng_seed))
				.map_err(|e| e.to_string())?;
			let vk = keys.verifying_key_bytes().map_err(|e| e.to_string())?;
			let out = json!({
				"setup_seed": seed,
				"batch_size": batch_size,
				"prover_rng_seed": rng_seed,
				"old_state_root": proved.transition.old_state_root.to_string(),
				"new_state_root": proved.transition.new_state_root.to_string(),
				"batch_hash": proved.transition.batch_hash.to_string(),
				"public_inputs": proved.public_inputs.iter().map(|i| to_hex(i)).collect::<Vec<_>>(),
				"batch": to_hex(&zkmine_demo_rollup::encode_batch(old_root, &txs)),
				"proof": to_hex(&proved.proof),
				"proof_hash": to_hex(&zkmine_primitives::proof_hash(&proved.proof)),
				"verifying_key": to_hex(&vk),
			});
			println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
			Ok(true)
		},
		Command::Vectors { out, check } => {
			let files = vectors::test_vectors().map_err(|e| e.to_string())?;
			sync(&out, files.into_iter().map(|(n, s)| (n, s.into_bytes())).collect(), check)
		},
		Command::Fixtures { out, check } => {
			let files = vectors::fixtures().map_err(|e| e.to_string())?;
			sync(&out, files, check)
		},
	}
}

fn main() -> ExitCode {
	match run(Cli::parse()) {
		Ok(true) => ExitCode::SUCCESS,
		Ok(false) => ExitCode::FAILURE,
		Err(e) => {
			eprintln!("error: {e}");
			ExitCode::from(2)
		},
	}
}
