//! `zkmine-miner`: mine validity proofs on zkmine, run the demo sequencer, manage stake.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::{process::ExitCode, time::Duration};
use zkmine_miner::{
	account,
	chain::Chain,
	convert::{self, ConvertArgs},
	keys::KeyArgs,
	logging::{self, LogFormat},
	mine::{MineArgs, Miner},
	rollup::{self, RollupArgs},
	sequencer::{self, SequencerArgs},
	units::parse_units,
};

/// The prover client of zkmine.
#[derive(Parser, Debug)]
#[command(name = "zkmine-miner", version, about)]
struct Cli {
	/// WebSocket JSON-RPC endpoint of a zkmine node; repeat it for failover (the next one is
	/// used when a node stops answering).
	#[arg(long = "url", global = true, default_value = "ws://127.0.0.1:9944")]
	urls: Vec<String>,
	/// How log lines (on stderr) look; `RUST_LOG` sets the levels (default `info`, e.g.
	/// `RUST_LOG=miner=debug`).
	#[arg(long, global = true, value_enum, default_value = "text")]
	log_format: LogFormat,
	#[command(flatten)]
	key: KeyArgs,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Register as a prover with a stake (ZKM) put on hold.
	Register {
		/// Stake in ZKM, e.g. 200000 (at least the chain's minimum).
		#[arg(long)]
		stake: String,
	},
	/// Add stake (ZKM) to the bonded stake.
	Bond {
		/// Amount in ZKM.
		#[arg(long)]
		amount: String,
	},
	/// Start unbonding stake (ZKM); it stays on hold, and slashable, for the unbonding period.
	Unbond {
		/// Amount in ZKM.
		#[arg(long)]
		amount: String,
	},
	/// Release the unbonding chunks whose period is over.
	Withdraw,
	/// Leave the registry (nothing bonded, unbonding or pending).
	Deregister,
	/// Show stake, activity, pending commitments, and lifetime rewards and slashes.
	Status {
		/// Print one JSON object (amounts in planck, as strings).
		#[arg(long)]
		json: bool,
	},
	/// Follow the chain and mine: prove, commit, reveal, collect rewards.
	Mine(MineArgs),
	/// Run the demo rollup's sequencer: submit a sequence every few blocks.
	Sequencer(SequencerArgs),
	/// A rollup team's calls: register a rollup from a snarkjs key (with a deposit), rotate
	/// its sequencer, update its key, deregister it, submit sequences from `public.json` with
	/// a fee, subsidise a sequence, fetch the proof that proved a sequence.
	Rollup(RollupArgs),
	/// Convert snarkjs/circom Groth16 JSON (verification key, proof, public inputs) to the
	/// chain's wire format, or back; offline, no key or node needed.
	Convert(ConvertArgs),
}

async fn run(cli: Cli) -> Result<()> {
	let connect = || Chain::connect_any(&cli.urls, 0, Duration::from_secs(30));
	// The key is loaded before connecting, so that a missing key fails at once; `convert`
	// and the rollup queries need none.
	let key = || cli.key.load();
	match cli.command {
		Command::Register { stake } => {
			let key = key()?;
			account::register(&connect().await?, &key, parse_units(&stake)?).await
		},
		Command::Bond { amount } => {
			let key = key()?;
			account::bond(&connect().await?, &key, parse_units(&amount)?).await
		},
		Command::Unbond { amount } => {
			let key = key()?;
			account::unbond(&connect().await?, &key, parse_units(&amount)?).await
		},
		Command::Withdraw => {
			let key = key()?;
			account::withdraw(&connect().await?, &key).await
		},
		Command::Deregister => {
			let key = key()?;
			account::deregister(&connect().await?, &key).await
		},
		Command::Status { json } => {
			let key = key()?;
			account::status(&connect().await?, &key, json).await.map(drop)
		},
		Command::Mine(args) => Miner::new(cli.urls.clone(), key()?, args)?.run().await.map(drop),
		Command::Sequencer(args) => sequencer::run(&cli.urls, key()?, args).await.map(drop),
		Command::Rollup(args) => {
			let key = if args.needs_key() { Some(key()?) } else { None };
			rollup::run(&connect().await?, key.as_ref(), args).await
		},
		Command::Convert(args) => convert::run(args),
	}
}

#[tokio::main]
async fn main() -> ExitCode {
	let cli = Cli::parse();
	if let Err(e) = logging::init(cli.log_format) {
		eprintln!("error: {e:#}");
		return ExitCode::FAILURE;
	}
	match run(cli).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(e) => {
			eprintln!("error: {e:#}");
			ExitCode::FAILURE
		},
	}
}
