//! `zkmine-miner rollup ...`: what a rollup team does on chain, from snarkjs/circom files.
//!
//! * `register --key verification_key.json`: open registration (the deposit the chain asks
//!   for the key's length is held from the caller, who becomes the owner);
//! * `set-sequencer`, `update-key`, `deregister`: the owner's calls;
//! * `submit --public public.json --batch FILE --fee ZKM`: a sequence with its proving fee
//!   (the caller must be the rollup's sequencer);
//! * `subsidise --sequence N --amount ZKM`: add to a sequence's fee;
//! * `fetch-proof --sequence N`: the proof that proved a sequence, as snarkjs `proof.json`
//!   (or wire bytes), from the runtime API while the chain keeps it.
//!
//! Key and public-input files may be snarkjs JSON or the chain's wire format (see
//! `convert`); every transaction waits for finality and prints the pallet's events.

use crate::{
	chain::Chain,
	convert::{inputs_from_hex_list, read_text, read_wire},
	keys::Key,
	units::{format_units, parse_fee, parse_units},
	zkmine::{
		self, runtime_types::bounded_collections::bounded_vec::BoundedVec,
		runtime_types::pallet_zkp_submission::pallet::Event as SubmissionEvent, Event,
	},
};
use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};
use std::{fs, path::PathBuf, str::FromStr};
use subxt::utils::AccountId32;

/// What to do.
#[derive(Args, Debug)]
pub struct RollupArgs {
	#[command(subcommand)]
	what: RollupCommand,
}

#[derive(Subcommand, Debug)]
enum RollupCommand {
	/// Register a rollup (open registration: a deposit is held from the caller, its owner).
	Register {
		/// The verifying key: snarkjs `verification_key.json`, or wire bytes (raw or 0x-hex).
		#[arg(long)]
		key: PathBuf,
		/// The sequencer's account (SS58); the caller by default.
		#[arg(long)]
		sequencer: Option<String>,
	},
	/// Rotate a rollup's sequencer (owner only).
	SetSequencer {
		/// The rollup id.
		#[arg(long)]
		rollup: u32,
		/// The new sequencer's account (SS58).
		#[arg(long)]
		sequencer: String,
	},
	/// Replace a rollup's verifying key (owner only; the deposit follows the key's length).
	UpdateKey {
		/// The rollup id.
		#[arg(long)]
		rollup: u32,
		/// The new key: snarkjs JSON or wire bytes.
		#[arg(long)]
		key: PathBuf,
	},
	/// Deregister a rollup (owner only; the deposit returns once its live rounds settled).
	Deregister {
		/// The rollup id.
		#[arg(long)]
		rollup: u32,
	},
	/// Submit a sequence (the rollup's sequencer only), with its public inputs and batch.
	Submit {
		/// The rollup id.
		#[arg(long)]
		rollup: u32,
		/// The public inputs: snarkjs `public.json` (decimal strings), or the JSON list of
		/// 0x-hex field elements that `convert inputs` writes.
		#[arg(long)]
		public: PathBuf,
		/// The batch data provers need (raw bytes or 0x-hex), carried in the transaction.
		#[arg(long)]
		batch: PathBuf,
		/// Proving fee in ZKM, held from the sequencer and paid to the provers (0: none).
		#[arg(long, default_value = "0")]
		fee: String,
	},
	/// Add to the proving fee of a sequence that is not proved yet (anyone).
	Subsidise {
		/// The sequence id.
		#[arg(long)]
		sequence: u64,
		/// Amount in ZKM.
		#[arg(long)]
		amount: String,
	},
	/// Fetch the proof that proved a sequence (kept for a while after settlement).
	FetchProof {
		/// The sequence id.
		#[arg(long)]
		sequence: u64,
		/// Write the chain's wire bytes instead of snarkjs `proof.json`.
		#[arg(long)]
		wire: bool,
		/// Write to this file (raw bytes with `--wire`) instead of standard output.
		#[arg(long)]
		out: Option<PathBuf>,
	},
}

impl RollupArgs {
	/// Whether the command signs a transaction (`fetch-proof` is a query).
	pub fn needs_key(&self) -> bool {
		!matches!(self.what, RollupCommand::FetchProof { .. })
	}
}

/// Run one rollup command; `key` signs the transactions (`None` is enough for a query).
pub async fn run(chain: &Chain, key: Option<&Key>, args: RollupArgs) -> Result<()> {
	let signer = || key.ok_or_else(|| anyhow!("this command signs a transaction: pass --suri"));
	let tx = zkmine::tx().zkp_submission();
	match args.what {
		RollupCommand::Register { key: path, sequencer } => {
			let vk = read_verifying_key(&path)?;
			let sequencer = match sequencer {
				Some(s) => parse_account(&s)?,
				None => signer()?.account,
			};
			let at = chain.api.at_current_block().await?;
			let deposit = at
				.runtime_apis()
				.call(
					zkmine::runtime_apis()
						.zkp_submission_api()
						.registration_deposit(u32::try_from(vk.len()).context("key too long")?),
				)
				.await?;
			println!(
				"registering a rollup with a {}-byte key; deposit {}",
				vk.len(),
				format_units(deposit)
			);
			let call = tx.register_rollup(sequencer, BoundedVec(vk));
			chain.transact(signer()?, "register_rollup", call, describe).await.map(drop)
		},
		RollupCommand::SetSequencer { rollup, sequencer } => {
			let call = tx.set_sequencer(rollup, parse_account(&sequencer)?);
			chain.transact(signer()?, "set_sequencer", call, describe).await.map(drop)
		},
		RollupCommand::UpdateKey { rollup, key: path } => {
			let call = tx.update_verifying_key(rollup, BoundedVec(read_verifying_key(&path)?));
			chain
				.transact(signer()?, "update_verifying_key", call, describe)
				.await
				.map(drop)
		},
		RollupCommand::Deregister { rollup } => chain
			.transact(signer()?, "deregister_rollup", tx.deregister_rollup(rollup), describe)
			.await
			.map(drop),
		RollupCommand::Submit { rollup, public, batch, fee } => {
			let inputs = read_public_inputs(&public)?;
			let batch = read_wire(&batch)?;
			let fee = parse_fee(&fee)?;
			let call = tx.submit_sequence(rollup, BoundedVec(inputs), BoundedVec(batch), fee);
			chain.transact(signer()?, "submit_sequence", call, describe).await.map(drop)
		},
		RollupCommand::Subsidise { sequence, amount } => {
			let call = tx.add_subsidy(sequence, parse_units(&amount)?);
			chain.transact(signer()?, "add_subsidy", call, describe).await.map(drop)
		},
		RollupCommand::FetchProof { sequence, wire, out } => {
			fetch_proof(chain, sequence, wire, out).await
		},
	}
}

/// `fetch-proof`: the kept proof of `sequence` at the best block.
async fn fetch_proof(chain: &Chain, sequence: u64, wire: bool, out: Option<PathBuf>) -> Result<()> {
	let at = chain.api.at_current_block().await?;
	let record = at
		.runtime_apis()
		.call(zkmine::runtime_apis().zkp_submission_api().proof(sequence))
		.await?
		.ok_or_else(|| {
			anyhow!(
				"the chain keeps no proof of sequence #{sequence} at block #{}: not proved yet, \
				 or settled longer ago than the chain's ProofRetention",
				at.block_number()
			)
		})?;
	eprintln!(
		"sequence #{sequence} of rollup {} (key version {}): proved in round {} by {} at block \
		 #{}, {}",
		record.rollup,
		record.key_version,
		record.round,
		record.by,
		record.proved_at,
		match record.expires_at {
			Some(block) => format!("kept until block #{block}"),
			None => "not settled yet".into(),
		}
	);
	match (wire, out) {
		(true, Some(path)) => {
			fs::write(&path, &record.proof).with_context(|| format!("writing {}", path.display()))
		},
		(true, None) => {
			println!("0x{}", hex::encode(&record.proof));
			Ok(())
		},
		(false, out) => {
			let json = zkmine_formats::proof_to_snarkjs(&record.proof)?;
			match out {
				Some(path) => {
					fs::write(&path, json).with_context(|| format!("writing {}", path.display()))
				},
				None => {
					println!("{json}");
					Ok(())
				},
			}
		},
	}
}

/// A line for the events a rollup team cares about; the ids in a fixed form (`rollup #N`,
/// `sequence #N`) that scripts can read.
fn describe(event: &Event) -> Option<String> {
	let Event::ZkpSubmission(event) = event else { return None };
	Some(match event {
		SubmissionEvent::RollupRegistered {
			rollup, owner, sequencer, deposit, key_hash, ..
		} => {
			format!(
				"RollupRegistered: rollup #{rollup}, owner {owner}, sequencer {sequencer}, \
				 deposit {}, key hash 0x{}",
				format_units(*deposit),
				hex::encode(key_hash)
			)
		},
		SubmissionEvent::SequenceSubmitted { sequence, rollup, fee, data_len, .. } => format!(
			"SequenceSubmitted: sequence #{sequence} of rollup #{rollup}, {data_len} bytes of \
			 batch, fee {}",
			format_units(*fee)
		),
		SubmissionEvent::FeeAdded { sequence, payer, amount, fee } => format!(
			"FeeAdded: {} from {payer} to sequence #{sequence}, fee now {}",
			format_units(*amount),
			format_units(*fee)
		),
		SubmissionEvent::RollupRemoved { rollup, deposit_returned, .. } => format!(
			"RollupRemoved: rollup #{rollup}, deposit of {} returned",
			format_units(*deposit_returned)
		),
		other => format!("{other:?}"),
	})
}

fn parse_account(text: &str) -> Result<AccountId32> {
	AccountId32::from_str(text.trim()).map_err(|e| anyhow!("`{text}` is not an SS58 account: {e}"))
}

/// A verifying key file: snarkjs JSON (it starts with `{`) or wire bytes.
fn read_verifying_key(path: &PathBuf) -> Result<Vec<u8>> {
	let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
	if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
		let text = read_text(path)?;
		return zkmine_formats::verifying_key_from_snarkjs(&text)
			.with_context(|| format!("{}", path.display()));
	}
	read_wire(path)
}

/// A public-inputs file: snarkjs `public.json` (decimal strings) or a 0x-hex list.
fn read_public_inputs(path: &PathBuf) -> Result<Vec<[u8; 32]>> {
	let text = read_text(path)?;
	let hex_list = serde_json::from_str::<Vec<String>>(&text)
		.is_ok_and(|l| !l.is_empty() && l.iter().all(|s| s.starts_with("0x")));
	let inputs = if hex_list {
		inputs_from_hex_list(&text)
	} else {
		zkmine_formats::public_inputs_from_snarkjs(&text).map_err(Into::into)
	};
	inputs.with_context(|| format!("{}", path.display()))
}
