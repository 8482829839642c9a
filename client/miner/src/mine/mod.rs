//! `zkmine-miner mine`: follow the chain and mine proofs.
//!
//! For every block the miner follows (finalized by default, best with `--follow best`):
//!
//! 1. it reads the block's events ([`events`]): new sequences, its own commitments,
//!    validations, displacements, rewards and slashes, finished sequences;
//! 2. for every unfinished sequence of a rollup it has a prover for, it asks the runtime API
//!    where the sequence is ([`io`]) and acts by the rules of [`rule`], tracked in
//!    [`rounds`]:
//!    * no proof yet: start a proving job in the [`pool`] if there is room and the proof can
//!      be ready before the commit window closes (else it is not started, or abandoned);
//!    * proved: commit if the round is open or in its commit window, the prover has the
//!      capacity and the commitment pays (`--min-profit`); reveal once the followed block is
//!      in the reveal window.
//!
//! Proofs are made off the block loop, and every proof is written to the data directory
//! ([`store`]) before its commitment is sent. A miner started again resumes every open round
//! from the data directory and the chain, reveals what it committed to, and catches up on
//! the blocks it missed (if the node still has their state). Transactions are watched in the
//! background. When the node goes away, subxt's reconnecting client tries again, then the
//! miner fails over to the next `--url`.

pub mod events;
pub mod io;
pub mod metrics;
pub mod pool;
pub mod rounds;
pub mod rule;
pub mod store;

mod resume;
mod step;

use crate::{
	backend::{read_config, Backends},
	chain::{is_pruned_state, pruned_state_help, Chain},
	keys::Key,
	progress::Progress,
	prover::DemoProver,
	say,
	units::{format_units, parse_fee},
	warn,
	zkmine::{self, Event},
};
use anyhow::{anyhow, Result};
use events::Reaction;
use metrics::Metrics;
use pool::{Pool, ProofDone};
use rounds::{Rounds, Tally, Tracked, TxDone};
use std::{collections::BTreeMap, path::PathBuf, sync::Arc, time::Duration};
use store::Store;
use subxt::utils::H256;
use tokio::sync::mpsc;
use zkmine_primitives::SequenceId;

/// Which blocks to follow.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Follow {
	/// Finalized blocks: no reorg can undo what the miner saw (the default).
	Finalized,
	/// Best blocks: reacts a block or two earlier; a reorg may undo what it saw (a block
	/// replaced at a height already processed is not processed again).
	Best,
}

/// Options of `mine`.
#[derive(clap::Args, Clone, Debug)]
pub struct MineArgs {
	/// Which blocks to follow.
	#[arg(long, value_enum, default_value = "finalized")]
	pub follow: Follow,
	/// Seed of the demo rollup's setup (the dev chain's demo rollup uses 2609).
	#[arg(long, default_value_t = 2609)]
	pub setup_seed: u64,
	/// Transactions per batch of the demo rollup (4 on the dev chain).
	#[arg(long, default_value_t = 4)]
	pub batch_size: usize,
	/// Only these rollups (repeatable); by default every rollup whose verifying key is the
	/// miner's own.
	#[arg(long = "rollup")]
	pub rollups: Vec<u32>,
	/// A TOML file mapping rollups to external prover programs (`[[external]]` tables with
	/// `rollup`, `command`, optional `timeout_secs` and `key_hash`; the protocol is in the
	/// miner's README). Rollups it does not name are proved by the demo rollup if their key
	/// is its own.
	#[arg(long)]
	pub provers: Option<PathBuf>,
	/// Where the miner keeps its state (proofs before their commitments are sent, the last
	/// block processed). Default: `~/.local/share/zkmine-miner/<genesis>/<account>`. One
	/// miner per directory.
	#[arg(long)]
	pub data_dir: Option<PathBuf>,
	/// Proving jobs at once (each on its own thread; a proof never holds up the commits and
	/// reveals of other sequences).
	#[arg(long, default_value_t = 2)]
	pub jobs: usize,
	/// Commit only if the expected payout exceeds the commit and reveal fees by at least this
	/// much (in tokens, e.g. 0.05).
	#[arg(long, default_value = "0")]
	pub min_profit: String,
	/// Serve Prometheus metrics on this port (`/metrics`, on 127.0.0.1).
	#[arg(long)]
	pub prometheus_port: Option<u16>,
	/// Serve the metrics on every interface, not only 127.0.0.1.
	#[arg(long, requires = "prometheus_port")]
	pub prometheus_external: bool,
}

/// The miner: its key, provers, connection, state and metrics.
pub struct Miner {
	urls: Vec<String>,
	key: Arc<Key>,
	args: MineArgs,
	backends: Backends,
	rounds: Rounds,
	/// Whether each `(rollup, key version)` has a prover of this miner (cached).
	keys: BTreeMap<(u32, u32), bool>,
	/// How long the last proof of each rollup took (the estimate for the next).
	proving_times: BTreeMap<u32, Duration>,
	/// The last block processed.
	last: Option<u64>,
	store: Option<Store>,
	pool: Pool,
	proofs: mpsc::UnboundedReceiver<ProofDone>,
	txs: (mpsc::UnboundedSender<TxDone>, mpsc::UnboundedReceiver<TxDone>),
	metrics: Metrics,
	registry: prometheus_endpoint::Registry,
	constants: Option<io::Constants>,
	min_profit: u128,
}

const ROLE: &str = "miner";

impl Miner {
	/// Set up the provers (the demo rollup's deterministic setup, the `--provers` file).
	pub fn new(urls: Vec<String>, key: Key, args: MineArgs) -> Result<Self> {
		say!(
			ROLE,
			"account {}; demo rollup setup (seed {}, batch size {})",
			key.account,
			args.setup_seed,
			args.batch_size
		);
		let progress = Progress::start("demo rollup setup".into());
		let prover = DemoProver::new(args.setup_seed, args.batch_size)?;
		say!(ROLE, "setup done in {:.1} s", progress.finish().as_secs_f32());
		let external = match &args.provers {
			Some(path) => read_config(path)?,
			None => BTreeMap::new(),
		};
		for (rollup, backend) in &external {
			say!(ROLE, "rollup {rollup}: proved by `{}`", backend.command.join(" "));
		}
		let registry = prometheus_endpoint::Registry::new();
		let metrics = Metrics::new(&registry)?;
		let (proof_tx, proofs) = mpsc::unbounded_channel();
		Ok(Self {
			urls,
			key: Arc::new(key),
			pool: Pool::new(args.jobs, proof_tx),
			args,
			backends: Backends::new(prover, external),
			rounds: Rounds::default(),
			keys: BTreeMap::new(),
			proving_times: BTreeMap::new(),
			last: None,
			store: None,
			proofs,
			txs: mpsc::unbounded_channel(),
			metrics,
			registry,
			constants: None,
			min_profit: 0,
		})
	}

	/// Mine until Ctrl-C (or SIGTERM); returns the session's totals.
	pub async fn run(mut self) -> Result<Tally> {
		if self.args.jobs == 0 {
			return Err(anyhow!("--jobs must be at least 1"));
		}
		if let Some(port) = self.args.prometheus_port {
			let addr =
				metrics::serve(self.registry.clone(), port, self.args.prometheus_external).await?;
			say!(ROLE, "Prometheus metrics on http://{addr}/metrics");
		}
		let mut next_url = 0;
		loop {
			let chain = Arc::new(Chain::connect_any(&self.urls, next_url, Duration::MAX).await?);
			match &self.store {
				None => self.start(&chain).await?,
				Some(store) => {
					// A fallback node must be of the same chain as the data directory.
					store.check_genesis(&chain.genesis())?;
					say!(ROLE, "connected to {}", chain.url);
				},
			}
			let outcome = tokio::select! {
				r = self.follow(&chain) => Some(r),
				_ = crate::shutdown::signal() => None,
			};
			match outcome {
				Some(Ok(())) => warn!(ROLE, "{} closed the block stream; reconnecting", chain.url),
				Some(Err(e)) => {
					warn!(ROLE, "connection to {} lost ({e:#}); reconnecting", chain.url)
				},
				None => {
					self.print_summary();
					return Ok(self.rounds.tally);
				},
			}
			// Fail over: the next endpoint first (the same one if it is the only one).
			next_url = chain.index_in(&self.urls).wrapping_add(1);
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	/// At the first connection: refuse an account that is not a prover, open the data
	/// directory, read the chain's constants and the minimum profit in its token.
	async fn start(&mut self, chain: &Chain) -> Result<()> {
		self.min_profit = parse_fee(&self.args.min_profit)?;
		let at = chain.api.at_current_block().await?;
		let ledger = crate::chain::fetch(
			&at,
			zkmine::storage().prover_registry().provers(),
			(self.key.account,),
		)
		.await?;
		let Some(ledger) = ledger else {
			return Err(anyhow!(
				"{} is not a registered prover: run `zkmine-miner register --stake <amount>` first",
				self.key.account
			));
		};
		let genesis = chain.genesis();
		let dir = match &self.args.data_dir {
			Some(dir) => dir.clone(),
			None => store::default_dir(&genesis, &self.key.account.to_string())?,
		};
		let store = Store::open(&dir, &genesis, &self.key.account.0)?;
		let constants = io::constants(chain).await?;
		say!(
			ROLE,
			"ready: bonded {}, {} commitment(s) pending, following {} blocks of {}; state in {}; \
			 {} proving job(s); committing when the payout exceeds the fees by {}",
			format_units(ledger.bonded),
			ledger.pending_commitments,
			match self.args.follow {
				Follow::Finalized => "finalized",
				Follow::Best => "best",
			},
			chain.url,
			store.path().display(),
			self.args.jobs,
			format_units(self.min_profit)
		);
		self.store = Some(store);
		self.constants = Some(constants);
		Ok(())
	}

	/// Follow blocks until the stream ends or fails.
	async fn follow(&mut self, chain: &Arc<Chain>) -> Result<()> {
		let mut blocks = match self.args.follow {
			Follow::Finalized => chain.api.stream_blocks().await?,
			Follow::Best => chain.api.stream_best_blocks().await?,
		};
		loop {
			tokio::select! {
				block = blocks.next() => {
					let Some(block) = block else { return Ok(()) };
					let block = block?;
					self.on_block(chain, block.number(), block.hash()).await?;
				},
				Some(done) = self.proofs.recv() => self.on_proof(chain, done).await?,
				Some(done) = self.txs.1.recv() => self.on_tx_done(done),
			}
		}
	}

	/// A new block at the head: process every height not processed yet, in order (heights
	/// missed while disconnected, or skipped by the best-block stream, are fetched by number).
	async fn on_block(&mut self, chain: &Arc<Chain>, number: u64, hash: H256) -> Result<()> {
		if self.last.is_none() {
			self.resume(chain, number, hash).await?;
		}
		let Some(last) = self.last else { return Ok(()) };
		if number <= last {
			return Ok(());
		}
		// Blocks behind the head are caught up on for their events only: what to send is
		// decided at the head, from the chain as it is now.
		for missed in last.saturating_add(1)..number {
			let missed_hash = H256(io::block_hash(chain, missed).await?);
			match self.process_block(chain, missed, missed_hash, false).await {
				Ok(()) => {},
				Err(e) if is_pruned_state(&e) => {
					warn!(
						ROLE,
						"{}; resuming from the head (#{number}) instead",
						pruned_state_help(&chain.url, missed)
					);
					self.discover_at(chain, number).await?;
					break;
				},
				Err(e) => return Err(e),
			}
		}
		self.process_block(chain, number, hash, true).await
	}

	/// Everything the miner does for one block: its events, and, if `act`, the steps of every
	/// sequence.
	async fn process_block(
		&mut self,
		chain: &Arc<Chain>,
		number: u64,
		hash: H256,
		act: bool,
	) -> Result<()> {
		let at = chain.api.at_block(hash).await?;
		let events = at.events().fetch().await?;
		let me = self.key.account;
		let mut reactions = Vec::new();
		for event in events.iter() {
			let decoded = event?.decode_as::<Event>()?;
			reactions.extend(events::react(&mut self.rounds, &self.metrics, &me, number, decoded));
		}
		for reaction in reactions {
			match reaction {
				Reaction::Track { sequence, rollup, key_version, data_hash } => {
					let sequences = zkmine::storage().zkp_submission().sequences();
					// Already finished by the time the miner reads it: nothing to do.
					if let Some(s) = crate::chain::fetch(&at, sequences, (sequence,)).await? {
						let t = Tracked::new(
							rollup,
							key_version,
							number,
							data_hash,
							s.public_inputs.0,
							0,
						);
						self.track(chain, &at, sequence, t).await?;
					}
				},
				Reaction::Forget(sequence) => {
					if let Some(store) = &self.store {
						store.forget(sequence)?;
					}
					self.pool.abandon(sequence);
				},
			}
		}

		// Transactions land after the best block, which may be ahead of the followed one.
		let best = chain.best().await?.0.max(number);
		if act {
			// One sequence's failed read does not hold up the others (if the connection is
			// gone, the block stream says so next).
			let ids: Vec<SequenceId> = self.rounds.tracked.keys().copied().collect();
			for id in ids {
				if let Err(e) = self.step(chain, &at, number, best, id).await {
					warn!(ROLE, "sequence #{id}: skipped at block #{number}: {e:#}");
				}
			}
		}
		self.last = Some(number);
		if let Some(store) = &self.store {
			store.set_last_block(number)?;
		}
		self.observe(number, best);
		Ok(())
	}

	fn observe(&self, number: u64, best: u64) {
		let m = &self.metrics;
		m.processed_block.set(number);
		m.head_lag_blocks.set(best.saturating_sub(number));
		m.tracked_sequences.set(self.rounds.tracked.len() as u64);
		m.pending_reveals.set(self.rounds.pending_reveals() as u64);
		m.proving_jobs.set(self.pool.len() as u64);
	}

	/// Whether this miner has a prover for `(rollup, version)`'s verifying key (cached).
	async fn has_prover(&mut self, chain: &Chain, rollup: u32, version: u32) -> Result<bool> {
		if let Some(known) = self.keys.get(&(rollup, version)) {
			return Ok(*known);
		}
		let at = chain.api.at_current_block().await?;
		let key = io::verifying_key(&at, rollup, version).await?;
		let ours = key.is_some_and(|k| self.backends.for_key(rollup, &k.key_hash).is_some());
		self.keys.insert((rollup, version), ours);
		Ok(ours)
	}

	fn print_summary(&self) {
		let t = &self.rounds.tally;
		say!(ROLE, "summary: {} proved, {} committed, {} revealed, {} validated; {} reward(s) {}; {} slash(es) {}",
			t.proved, t.committed, t.revealed, t.validated, t.rewards, format_units(t.rewarded), t.slashes, format_units(t.slashed));
	}
}
