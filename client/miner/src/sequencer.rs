//! `zkmine-miner sequencer`: the demo rollup's sequencer. Every `--every` blocks it builds a
//! batch of random transactions on top of its state root, computes the transition natively
//! and submits the sequence: public inputs `(old_root, new_root, batch_hash)` and the batch
//! data (old root and transactions) in the `submit_sequence` extrinsic.

use crate::{
	chain::{fetch, Chain, Wait},
	keys::Key,
	say, warn,
	zkmine::{
		self, runtime_types::bounded_collections::bounded_vec::BoundedVec,
		runtime_types::pallet_zkp_submission::pallet::Event as SubmissionEvent, Event,
	},
};
use anyhow::{anyhow, bail, Result};
use std::time::Duration;
use zkmine_demo_rollup::{apply, decode_public_input, encode_batch, parse_field, Fr};

/// Options of `sequencer`.
#[derive(clap::Args, Clone, Debug)]
pub struct SequencerArgs {
	/// The rollup to submit sequences of (the dev chain's demo rollup is 0).
	#[arg(long, default_value_t = 0)]
	pub rollup: u32,
	/// Blocks between two sequences.
	#[arg(long, default_value_t = 15)]
	pub every: u64,
	/// Stop after this many sequences (0: until stopped).
	#[arg(long, default_value_t = 0)]
	pub count: u64,
	/// Transactions per batch (must match the rollup's circuit: 4 on the dev chain).
	#[arg(long, default_value_t = 4)]
	pub batch_size: usize,
	/// State root to build the first batch on (decimal, or 32-byte little-endian hex). By
	/// default the new root of the rollup's newest unfinished sequence, else 0.
	#[arg(long)]
	pub old_root: Option<String>,
	/// Proving fee of each sequence in ZKM, held from the sequencer and paid to the provers
	/// with the reward (0: none).
	#[arg(long, default_value = "0")]
	pub fee: String,
}

const ROLE: &str = "sequencer";

/// Run the sequencer until `count` sequences are submitted or it is stopped.
pub async fn run(urls: &[String], key: Key, args: SequencerArgs) -> Result<u64> {
	if args.batch_size == 0 || args.every == 0 {
		bail!("--batch-size and --every must be positive");
	}
	fee_of(&args)?;
	let mut root: Option<Fr> = match &args.old_root {
		Some(text) => Some(
			parse_field(text)
				.ok_or_else(|| anyhow!("--old-root: `{text}` is not a field element"))?,
		),
		None => None,
	};
	let mut submitted = 0u64;
	let mut next_at: Option<u64> = None;
	let mut next_url = 0;
	say!(
		ROLE,
		"account {}; rollup {}, a sequence every {} blocks",
		key.account,
		args.rollup,
		args.every
	);
	loop {
		let chain = Chain::connect_any(urls, next_url, Duration::MAX).await?;
		if root.is_none() {
			root = Some(latest_root(&chain, args.rollup).await?);
		}
		let run = async {
			let mut blocks = chain.api.stream_best_blocks().await?;
			while let Some(block) = blocks.next().await {
				let number = block?.number();
				if next_at.is_some_and(|at| number < at) {
					continue;
				}
				let old = root.unwrap_or_default();
				let (new, included_at) = submit_one(&chain, &key, &args, old, number).await?;
				root = Some(new);
				submitted += 1;
				// `every` blocks between the blocks that include two sequences.
				next_at = Some(included_at + args.every);
				if args.count != 0 && submitted >= args.count {
					return Ok::<bool, anyhow::Error>(true);
				}
			}
			Ok(false)
		};
		let finished = tokio::select! {
			finished = run => Some(finished),
			_ = crate::shutdown::signal() => None,
		};
		match finished {
			Some(Ok(true)) => {
				say!(ROLE, "{submitted} sequence(s) submitted; done");
				return Ok(submitted);
			},
			Some(Ok(false)) => warn!(ROLE, "{} closed the block stream; reconnecting", chain.url),
			Some(Err(e)) => warn!(ROLE, "connection to {} lost ({e:#}); reconnecting", chain.url),
			None => {
				say!(ROLE, "stopped after {submitted} sequence(s)");
				return Ok(submitted);
			},
		}
		next_url = chain.index_in(urls).wrapping_add(1);
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
}

/// The proving fee of each sequence in planck (`--fee`).
fn fee_of(args: &SequencerArgs) -> Result<u128> {
	crate::units::parse_fee(&args.fee)
}

/// Build, submit and confirm one sequence on `old`; the new state root and the number of the
/// block that included it.
async fn submit_one(
	chain: &Chain,
	key: &Key,
	args: &SequencerArgs,
	old: Fr,
	at: u64,
) -> Result<(Fr, u64)> {
	let fee = fee_of(args)?;
	let transactions = random_transactions(args.batch_size)?;
	let transition = apply(old, &transactions);
	let batch = encode_batch(old, &transactions);
	let call = zkmine::tx().zkp_submission().submit_sequence(
		args.rollup,
		BoundedVec(transition.public_inputs()),
		BoundedVec(batch),
		fee,
	);
	match chain.submit(&call, key, Wait::InBlock).await? {
		Ok(included) => {
			let id = included.events.iter().find_map(|e| match e {
				Event::ZkpSubmission(SubmissionEvent::SequenceSubmitted { sequence, .. }) => {
					Some(*sequence)
				},
				_ => None,
			});
			say!(
				ROLE,
				"sequence #{} submitted at block #{at}, included in #{}: root {} -> {}",
				id.map_or("?".into(), |id| id.to_string()),
				included.block_number,
				short(&old),
				short(&transition.new_state_root)
			);
			Ok((transition.new_state_root, included.block_number))
		},
		Err(e) => bail!("submit_sequence {e}"),
	}
}

/// The new state root of the rollup's newest unfinished sequence, or 0.
async fn latest_root(chain: &Chain, rollup: u32) -> Result<Fr> {
	let at = chain.api.at_current_block().await?;
	let record = fetch(&at, zkmine::storage().zkp_submission().rollups(), (rollup,))
		.await?
		.ok_or_else(|| anyhow!("rollup {rollup} is not registered"))?;
	let Some(newest) = record.sequences.0.last() else { return Ok(Fr::from(0u64)) };
	let sequence = fetch(&at, zkmine::storage().zkp_submission().sequences(), (*newest,)).await?;
	let root = sequence
		.and_then(|s| s.public_inputs.0.get(1).copied())
		.and_then(|bytes| decode_public_input(&bytes).ok())
		.unwrap_or_default();
	say!(ROLE, "continuing from the state root of sequence #{newest}: {}", short(&root));
	Ok(root)
}

/// `n` random transactions (field elements from 64 random bits each).
fn random_transactions(n: usize) -> Result<Vec<Fr>> {
	let mut bytes = vec![0u8; n * 8];
	getrandom::getrandom(&mut bytes).map_err(|e| anyhow!("no randomness: {e}"))?;
	Ok(bytes
		.chunks_exact(8)
		.map(|c| Fr::from(u64::from_le_bytes(c.try_into().unwrap_or_default())))
		.collect())
}

/// The first digits of a field element, for logs.
fn short(value: &Fr) -> String {
	let text = value.to_string();
	if text.len() > 12 {
		format!("{}..", &text[..12])
	} else {
		text
	}
}
