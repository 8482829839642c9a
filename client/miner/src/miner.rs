//! `zkmine-miner mine`: follow the chain and mine proofs.
//!
//! For every block the miner follows (finalized by default, best with `--follow best`):
//!
//! 1. it reads the block's events: new sequences (`SequenceSubmitted`), its own commitments,
//!    validations, rewards and slashes, finished sequences;
//! 2. for every unfinished sequence of a rollup whose verifying key is the miner's own
//!    (the demo rollup), it reads the batch from the block that carried the
//!    `submit_sequence` extrinsic, checks it against the sequence's data hash and public
//!    inputs, and proves it (once; the same proof serves later rounds);
//! 3. it asks the runtime API `sequence_status` where each sequence is and acts: commits
//!    (the commitment from the runtime API `commitment`) while the round is open or in its
//!    commit window, and reveals only once the followed block is at or past the first block
//!    of the reveal window, so the reveal is included at `T + C + 2` or later and a proof
//!    never appears on chain or in the pool before the window opens.
//!
//! Transactions are watched in the background; their failures are logged with the
//! pallet's error name. When the node goes away the miner reconnects (with a growing
//! pause) and catches up on the blocks it missed; its state lives in memory, so a restart of
//! the miner itself starts from what is on chain (and never reveals for a commitment it
//! does not know about: such a commitment is slashed `IncorrectHash`, the price of a crash
//! between commit and reveal).

use crate::{
	backend::{read_config, Backends, Outcome, ProofRequest},
	chain::{fetch, AtBlock, Chain, Included, TxError, Wait},
	keys::Key,
	progress::Progress,
	prover::DemoProver,
	say,
	units::format_units,
	zkmine::{
		self,
		runtime_types::{
			bounded_collections::bounded_vec::BoundedVec,
			pallet_prover_registry::pallet::Event as RegistryEvent,
			pallet_zkp_submission::{pallet::Event as SubmissionEvent, types::Phase},
			zkmine_primitives::SlashReason,
		},
		Event,
	},
};
use anyhow::{anyhow, Result};
use std::{collections::BTreeMap, sync::Arc, time::Duration};
use subxt::{events::Phase as EventPhase, utils::H256};
use tokio::sync::mpsc;
use zkmine_primitives::{batch_data_hash, proof_hash, Hash32, SequenceId};

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
	pub provers: Option<std::path::PathBuf>,
}

/// Where the miner is with one sequence.
struct Tracked {
	/// The sequence's rollup.
	rollup: u32,
	/// The verifying key version it was submitted under.
	key_version: u32,
	/// Block number that included `submit_sequence` (where the batch is).
	submitted_at: u64,
	data_hash: Hash32,
	public_inputs: Vec<[u8; 32]>,
	work: Work,
	/// The round the miner last saw.
	round: u32,
	/// The round in which the miner's commitment is on chain.
	committed: Option<u32>,
	/// The round in which the miner's proof was revealed (included).
	revealed: Option<u32>,
	/// A commit or reveal transaction is in flight.
	in_flight: bool,
	/// The round in which the miner stopped acting on this sequence: a window it can no
	/// longer make, or a definitive refusal by the chain (a dispatch error), so that it
	/// does not send a failing transaction, and pay its fee, in every block.
	stopped: Option<u32>,
	/// The round in which the miner logged that it lacks the capacity to commit (logged once
	/// per round).
	no_capacity: Option<u32>,
}

/// What the miner has for a sequence.
enum Work {
	/// Nothing yet.
	ToProve,
	/// Proved: the proof and the commitment of this miner's account.
	Proved { proof: Vec<u8>, commitment: Hash32 },
	/// Not provable by this miner (not its rollup's key, or a bad batch).
	Skip,
}

/// Totals of one `mine` session, reported as the summary.
#[derive(Default, Debug, Clone)]
pub struct Tally {
	/// Sequences proved by this miner.
	pub proved: u32,
	/// Commitments included.
	pub committed: u32,
	/// Proofs revealed (included).
	pub revealed: u32,
	/// Commitments validated by a valid proof.
	pub validated: u32,
	/// Rewards paid to this miner.
	pub rewards: u32,
	/// Their total, in planck.
	pub rewarded: u128,
	/// Slashes of this miner.
	pub slashes: u32,
	/// Their total, in planck.
	pub slashed: u128,
}

/// What to do for a sequence at a block.
enum Action {
	Wait,
	Missed(&'static str),
	Commit(Hash32),
	Reveal(Vec<u8>, u64, u64),
}

/// The phase of a sequence's round (the runtime API's `Phase`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundPhase {
	/// No commitment yet in this round.
	Open,
	/// `T ..= T + C`.
	Commit,
	/// `T + C + 1 ..= T + C + R`.
	Reveal,
	/// From `T + C + R + 1`, until settled.
	Settling,
}

/// The window blocks of a started round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WindowEnds {
	/// `T + C`: the last block of the commit window.
	pub commit_end: u64,
	/// `T + C + 1`: the first block of the reveal window.
	pub reveal_start: u64,
	/// `T + C + R`: the last block of the reveal window.
	pub reveal_end: u64,
}

/// What to do for a sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
	/// Nothing now.
	Wait,
	/// Submit the commitment.
	Commit,
	/// Submit the proof.
	Reveal,
	/// The window for this step (`"commit"` or `"reveal"`) is over or closes before a
	/// transaction could land.
	TooLate(&'static str),
	/// A commitment would be worth sending, but the chain would refuse it: the prover's free
	/// capacity (bonded stake not reserved by its open commitments) is below the minimum.
	/// Nothing is sent; capacity returns when one of its rounds settles.
	NoCapacity,
}

/// The miner's rule, at the followed block `followed` with the chain's best block `best`
/// (`best >= followed`), for a round in `phase` with `windows`, given whether this miner's
/// commitment and reveal of the round are already on chain.
///
/// A transaction lands after the best block. A commitment is sent while the best block is
/// before `T + C`. A proof is sent only once the **followed** block is at or after
/// `T + C + 1` (so it lands at `T + C + 2` or later: never before the reveal window, and
/// with `--follow finalized` never before the window's opening block is final), and while
/// the best block is before `T + C + R`.
pub fn decide(
	phase: RoundPhase,
	windows: Option<WindowEnds>,
	committed: bool,
	revealed: bool,
	can_commit: bool,
	followed: u64,
	best: u64,
) -> Decision {
	let commit = if can_commit { Decision::Commit } else { Decision::NoCapacity };
	match (phase, windows) {
		(RoundPhase::Open, _) if !committed => commit,
		(RoundPhase::Commit, Some(w)) if !committed => {
			if best >= w.commit_end {
				Decision::TooLate("commit")
			} else {
				commit
			}
		},
		(RoundPhase::Reveal, Some(w)) if committed && !revealed => {
			if followed < w.reveal_start {
				Decision::Wait
			} else if best >= w.reveal_end {
				Decision::TooLate("reveal")
			} else {
				Decision::Reveal
			}
		},
		_ => Decision::Wait,
	}
}

/// A finished commit or reveal transaction.
struct TxDone {
	sequence: SequenceId,
	round: u32,
	reveal: bool,
	result: Result<Result<Included, TxError>>,
}

/// The miner: its key, prover, chain connection and state.
pub struct Miner {
	url: String,
	key: Arc<Key>,
	args: MineArgs,
	backends: Backends,
	tracked: BTreeMap<SequenceId, Tracked>,
	/// Whether each `(rollup, key version)` has this miner's verifying key.
	keys: BTreeMap<(u32, u32), bool>,
	tally: Tally,
	/// The last block processed.
	last: Option<u64>,
}

const ROLE: &str = "miner";

impl Miner {
	/// Set up the prover (the demo rollup's deterministic setup).
	pub fn new(url: String, key: Key, args: MineArgs) -> Result<Self> {
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
		let backends = Backends::new(prover, external);
		Ok(Self {
			url,
			key: Arc::new(key),
			args,
			backends,
			tracked: BTreeMap::new(),
			keys: BTreeMap::new(),
			tally: Tally::default(),
			last: None,
		})
	}

	/// Mine until Ctrl-C (or SIGTERM); returns the session's totals.
	pub async fn run(mut self) -> Result<Tally> {
		let (done_tx, mut done_rx) = mpsc::unbounded_channel::<TxDone>();
		let mut first = true;
		loop {
			let chain = Arc::new(Chain::connect_retrying(&self.url, ROLE, Duration::MAX).await?);
			if first {
				self.check_registration(&chain).await?;
				first = false;
			} else {
				say!(ROLE, "reconnected to {}", self.url);
			}
			let outcome = tokio::select! {
				r = self.follow(&chain, &done_tx, &mut done_rx) => Some(r),
				_ = shutdown_signal() => None,
			};
			match outcome {
				Some(Ok(())) => say!(ROLE, "the node closed the block stream; reconnecting"),
				Some(Err(e)) => say!(ROLE, "connection lost ({e:#}); reconnecting"),
				None => {
					self.print_summary();
					return Ok(self.tally);
				},
			}
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	/// Refuse to start for an account that is not an active prover.
	async fn check_registration(&self, chain: &Chain) -> Result<()> {
		let at = chain.api.at_current_block().await?;
		let ledger =
			fetch(&at, zkmine::storage().prover_registry().provers(), (self.key.account.clone(),))
				.await?;
		let Some(ledger) = ledger else {
			return Err(anyhow!(
				"{} is not a registered prover: run `zkmine-miner register --stake <ZKM>` first",
				self.key.account
			));
		};
		say!(
			ROLE,
			"ready: bonded {} ZKM, {} commitment(s) pending, following {} blocks of {}",
			format_units(ledger.bonded),
			ledger.pending_commitments,
			match self.args.follow {
				Follow::Finalized => "finalized",
				Follow::Best => "best",
			},
			self.url
		);
		Ok(())
	}

	/// Follow blocks until the stream ends or fails.
	async fn follow(
		&mut self,
		chain: &Arc<Chain>,
		done_tx: &mpsc::UnboundedSender<TxDone>,
		done_rx: &mut mpsc::UnboundedReceiver<TxDone>,
	) -> Result<()> {
		let mut blocks = match self.args.follow {
			Follow::Finalized => chain.api.stream_blocks().await?,
			Follow::Best => chain.api.stream_best_blocks().await?,
		};
		loop {
			tokio::select! {
				block = blocks.next() => {
					let Some(block) = block else { return Ok(()) };
					let block = block?;
					let number = block.number();
					// Blocks are processed once each, in order of height: heights missed while
					// disconnected (or skipped by the best-block stream) are fetched by number.
					if self.last.is_some_and(|last| number <= last) {
						continue;
					}
					if let Some(last) = self.last {
						for missed in last.saturating_add(1)..number {
							let hash = chain
								.legacy
								.chain_get_block_hash(Some(missed.into()))
								.await?
								.ok_or_else(|| anyhow!("no block #{missed}"))?;
							self.process_block(chain, missed, hash, done_tx).await?;
						}
					}
					self.process_block(chain, number, block.hash(), done_tx).await?;
				},
				Some(done) = done_rx.recv() => self.on_tx_done(done),
			}
		}
	}

	/// Everything the miner does for one block.
	async fn process_block(
		&mut self,
		chain: &Arc<Chain>,
		number: u64,
		hash: H256,
		done_tx: &mpsc::UnboundedSender<TxDone>,
	) -> Result<()> {
		let at = chain.api.at_block(hash).await?;
		if self.last.is_none() {
			self.discover(chain, &at).await?;
		}
		self.last = Some(number);

		let events = at.events().fetch().await?;
		for event in events.iter() {
			let event = event?;
			let phase = event.phase();
			let decoded = event.decode_as::<Event>()?;
			self.on_event(chain, &at, number, phase, decoded).await?;
		}

		// Transactions land after the best block, which may be ahead of the followed one.
		let best = if self.tracked.is_empty() { number } else { chain.best().await?.0.max(number) };
		let ids: Vec<SequenceId> = self.tracked.keys().copied().collect();
		for id in ids {
			self.step(chain, &at, number, best, id, done_tx).await?;
		}
		Ok(())
	}

	/// At the first block: every unfinished sequence on chain.
	async fn discover(&mut self, chain: &Chain, at: &AtBlock) -> Result<()> {
		let mut found = Vec::new();
		let mut iter =
			at.storage().iter(zkmine::storage().zkp_submission().sequences(), ()).await?;
		while let Some(entry) = iter.next().await {
			let entry = entry?;
			let (id,) = entry.key()?.decode()?;
			found.push((id, entry.value().decode()?));
		}
		say!(
			ROLE,
			"{} unfinished sequence(s) on chain at block #{}",
			found.len(),
			at.block_number()
		);
		for (id, s) in found {
			self.track(
				chain,
				id,
				s.rollup,
				s.key_version,
				s.submitted_at.into(),
				s.data_hash.0,
				s.public_inputs.0,
				s.round,
			)
			.await?;
		}
		Ok(())
	}

	/// Start tracking a sequence and, if this miner can, prove it.
	#[allow(clippy::too_many_arguments)]
	async fn track(
		&mut self,
		chain: &Chain,
		id: SequenceId,
		rollup: u32,
		key_version: u32,
		submitted_at: u64,
		data_hash: Hash32,
		public_inputs: Vec<[u8; 32]>,
		round: u32,
	) -> Result<()> {
		if self.tracked.contains_key(&id) {
			return Ok(());
		}
		let mut tracked = Tracked {
			rollup,
			key_version,
			submitted_at,
			data_hash,
			public_inputs,
			work: Work::ToProve,
			round,
			committed: None,
			revealed: None,
			in_flight: false,
			stopped: None,
			no_capacity: None,
		};
		if !self.args.rollups.is_empty() && !self.args.rollups.contains(&rollup) {
			tracked.work = Work::Skip;
		} else if !self.has_our_key(chain, rollup, key_version).await? {
			say!(
				ROLE,
				"sequence #{id}: rollup {rollup} key v{key_version} is not ours; not proving it"
			);
			tracked.work = Work::Skip;
		}
		self.tracked.insert(id, tracked);
		Ok(())
	}

	/// Whether `(rollup, version)`'s verifying key is this miner's (cached).
	async fn has_our_key(&mut self, chain: &Chain, rollup: u32, version: u32) -> Result<bool> {
		if let Some(known) = self.keys.get(&(rollup, version)) {
			return Ok(*known);
		}
		let at = chain.api.at_current_block().await?;
		let key =
			fetch(&at, zkmine::storage().zkp_submission().verifying_keys(), (rollup, version))
				.await?;
		let ours = key.is_some_and(|k| self.backends.for_key(rollup, &k.key_hash).is_some());
		self.keys.insert((rollup, version), ours);
		Ok(ours)
	}

	/// React to one event of block `number`.
	async fn on_event(
		&mut self,
		chain: &Chain,
		at: &AtBlock,
		number: u64,
		phase: EventPhase,
		event: Event,
	) -> Result<()> {
		let me = &self.key.account;
		match event {
			Event::ZkpSubmission(SubmissionEvent::SequenceSubmitted {
				sequence,
				rollup,
				key_version,
				data_hash,
				data_len,
				..
			}) => {
				let inputs =
					match fetch(at, zkmine::storage().zkp_submission().sequences(), (sequence,))
						.await?
					{
						Some(s) => s.public_inputs.0,
						// Already finished by the time the miner reads it: nothing to do.
						None => return Ok(()),
					};
				let position = match phase {
					EventPhase::ApplyExtrinsic(i) => format!(", extrinsic {i}"),
					_ => String::new(),
				};
				say!(ROLE, "sequence #{sequence} of rollup {rollup} submitted in block #{number}{position} ({data_len} bytes of batch data)");
				self.track(chain, sequence, rollup, key_version, number, data_hash.0, inputs, 0)
					.await?;
			},
			Event::ZkpSubmission(SubmissionEvent::ProofHashCommitted {
				sequence,
				round,
				prover,
				commitment,
				..
			}) if &prover == me => {
				self.on_own_commitment(sequence, round, commitment, number);
			},
			Event::ZkpSubmission(SubmissionEvent::RoundStarted {
				sequence,
				round,
				started_at,
				commit_end,
				reveal_end,
				settle_at,
			}) if self.tracked.contains_key(&sequence) => {
				say!(ROLE, "sequence #{sequence}: round {round} started at T = #{started_at}: commit ..=#{commit_end}, reveal ..=#{reveal_end}, settles at #{settle_at}");
			},
			Event::ZkpSubmission(SubmissionEvent::SequenceProved {
				sequence, round, by, ..
			}) if self.tracked.contains_key(&sequence) => {
				say!(ROLE, "sequence #{sequence}: proved in block #{number} (round {round}, first valid proof by {by})");
			},
			Event::ZkpSubmission(SubmissionEvent::CommitmentValidated {
				sequence, prover, ..
			}) if &prover == me => {
				self.tally.validated += 1;
				say!(ROLE, "sequence #{sequence}: our commitment was validated in block #{number}");
			},
			Event::ZkpSubmission(SubmissionEvent::RewardPaid {
				sequence,
				who,
				amount,
				from_fee,
				..
			}) if &who == me => {
				self.tally.rewards += 1;
				self.tally.rewarded = self.tally.rewarded.saturating_add(amount);
				say!(
					ROLE,
					"sequence #{sequence}: reward {} ZKM ({} ZKM of it from the fee) in block \
					 #{number}; earned so far {} ZKM",
					format_units(amount),
					format_units(from_fee),
					format_units(self.tally.rewarded)
				);
			},
			Event::ProverRegistry(RegistryEvent::Slashed { who, amount, reason }) if &who == me => {
				self.tally.slashes += 1;
				self.tally.slashed = self.tally.slashed.saturating_add(amount);
				say!(
					ROLE,
					"SLASHED {} ZKM ({}) in block #{number}; slashed so far {} ZKM",
					format_units(amount),
					reason_name(&reason),
					format_units(self.tally.slashed)
				);
			},
			Event::ZkpSubmission(SubmissionEvent::SequenceReopened { sequence, new_round })
				if self.tracked.contains_key(&sequence) =>
			{
				say!(
					ROLE,
					"sequence #{sequence}: no valid proof in time, reopened for round {new_round}"
				);
			},
			Event::ZkpSubmission(SubmissionEvent::SequenceFinalized {
				sequence,
				validated,
				rewarded,
				fee_paid,
				..
			}) => {
				if self.tracked.remove(&sequence).is_some() {
					say!(ROLE, "sequence #{sequence}: settled in block #{number}: {validated} commitment(s) validated, {} ZKM paid ({} ZKM minted, {} ZKM of fees)", format_units(rewarded), format_units(rewarded.saturating_sub(fee_paid)), format_units(fee_paid));
				}
			},
			Event::ZkpSubmission(SubmissionEvent::SequenceDropped { sequence, .. }) => {
				if self.tracked.remove(&sequence).is_some() {
					say!(ROLE, "sequence #{sequence}: dropped (its rollup was deregistered)");
				}
			},
			_ => {},
		}
		Ok(())
	}

	/// Prove, commit or reveal for sequence `id` as its phase at block `number` allows.
	async fn step(
		&mut self,
		chain: &Arc<Chain>,
		at: &AtBlock,
		number: u64,
		best: u64,
		id: SequenceId,
		done_tx: &mpsc::UnboundedSender<TxDone>,
	) -> Result<()> {
		let Some(t) = self.tracked.get(&id) else { return Ok(()) };
		if matches!(t.work, Work::Skip) {
			return Ok(());
		}
		if matches!(t.work, Work::ToProve) {
			self.prove(chain, id).await?;
		}
		let status = at
			.runtime_apis()
			.call(zkmine::runtime_apis().zkp_submission_api().sequence_status(id))
			.await?;
		let Some(status) = status else { return Ok(()) };
		let Some(t) = self.tracked.get_mut(&id) else { return Ok(()) };
		if !matches!(t.work, Work::Proved { .. }) {
			return Ok(());
		}
		if status.round != t.round {
			t.round = status.round;
			t.committed = None;
			t.revealed = None;
			t.stopped = None;
		}
		let round = status.round;
		if t.in_flight || t.stopped == Some(round) {
			return Ok(());
		}
		let phase = match status.phase {
			Phase::Open => RoundPhase::Open,
			Phase::Commit => RoundPhase::Commit,
			Phase::Reveal => RoundPhase::Reveal,
			Phase::AwaitingSettlement => RoundPhase::Settling,
		};
		let windows = status.windows.as_ref().map(|w| WindowEnds {
			commit_end: w.commit_end.into(),
			reveal_start: w.reveal_start.into(),
			reveal_end: w.reveal_end.into(),
		});
		let committed = t.committed == Some(round);
		let revealed = t.revealed == Some(round);
		let may_commit = !committed && matches!(phase, RoundPhase::Open | RoundPhase::Commit);
		let can_commit = !may_commit || self.has_capacity(at).await?;
		let Some(t) = self.tracked.get_mut(&id) else { return Ok(()) };
		let Work::Proved { proof, commitment } = &t.work else { return Ok(()) };
		let decision = decide(phase, windows, committed, revealed, can_commit, number, best);
		let action = match (decision, windows) {
			(Decision::Wait, _) => Action::Wait,
			(Decision::NoCapacity, _) => {
				if t.no_capacity != Some(round) {
					t.no_capacity = Some(round);
					say!(ROLE, "sequence #{id}: not committing (round {round}): free capacity below the minimum stake until a round of ours settles");
				}
				Action::Wait
			},
			(Decision::TooLate(what), _) => Action::Missed(what),
			(Decision::Commit, _) => Action::Commit(*commitment),
			(Decision::Reveal, Some(w)) => {
				Action::Reveal(proof.clone(), w.reveal_start, w.reveal_end)
			},
			(Decision::Reveal, None) => Action::Wait,
		};
		match action {
			Action::Wait => {},
			Action::Missed(what) => self.missed(id, round, what),
			Action::Commit(commitment) => {
				say!(
					ROLE,
					"sequence #{id}: committing 0x{}.. at block #{number} (round {round})",
					hex::encode(&commitment[..8])
				);
				let call = zkmine::tx().zkp_submission().commit_proof_hash(id, commitment);
				self.send(chain, id, round, false, call, done_tx);
			},
			Action::Reveal(proof, start, end) => {
				say!(ROLE, "sequence #{id}: revealing proof 0x{}.. at block #{number} (reveal window #{start}..=#{end})", hex::encode(&proof_hash(&proof)[..8]));
				let call = zkmine::tx().zkp_submission().submit_proof(id, BoundedVec(proof));
				self.send(chain, id, round, true, call, done_tx);
			},
		}
		Ok(())
	}

	/// Whether the chain would accept a new commitment of this miner now: its free capacity
	/// covers the minimum stake (the chain's exposure rule, through the runtime API).
	async fn has_capacity(&self, at: &AtBlock) -> Result<bool> {
		let capacity = at
			.runtime_apis()
			.call(
				zkmine::runtime_apis()
					.zkp_submission_api()
					.prover_capacity(self.key.account.clone()),
			)
			.await?;
		Ok(capacity.next.is_some())
	}

	/// A commitment of this miner's account is on chain (block `number`). Only a commitment
	/// to this miner's own proof is worth revealing: another process with the same key, or
	/// an earlier run, may have committed to another proof.
	fn on_own_commitment(&mut self, id: SequenceId, round: u32, commitment: Hash32, number: u64) {
		self.tally.committed += 1;
		let ours = self
			.tracked
			.get_mut(&id)
			.filter(|t| matches!(&t.work, Work::Proved { commitment: c, .. } if *c == commitment));
		if let Some(t) = ours {
			t.committed = Some(round);
			// A retry refused with `AlreadyCommitted` after a lost result: the commitment is
			// ours after all, so the reveal goes ahead.
			if t.stopped == Some(round) {
				t.stopped = None;
			}
			say!(ROLE, "sequence #{id}: commitment on chain in block #{number} (round {round})");
		} else {
			say!(ROLE, "sequence #{id}: a commitment of this account that is not this miner's proof, in block #{number}: not revealing for it");
		}
	}

	/// A window was missed: report it and stop acting on the sequence for this round.
	fn missed(&mut self, id: SequenceId, round: u32, what: &str) {
		if let Some(t) = self.tracked.get_mut(&id) {
			t.stopped = Some(round);
			say!(ROLE, "sequence #{id}: too late to {what} in round {round}");
		}
	}

	/// Read the batch of sequence `id`, prove it with the rollup's backend, and check the
	/// proof against the rollup's key on chain before committing to it.
	async fn prove(&mut self, chain: &Chain, id: SequenceId) -> Result<()> {
		let Some(t) = self.tracked.get(&id) else { return Ok(()) };
		let (rollup, key_version) = (t.rollup, t.key_version);
		let Some(batch) = find_batch(chain, t.submitted_at, &t.data_hash).await? else {
			let why = format!("no submit_sequence with its batch in block #{}", t.submitted_at);
			return Ok(self.skip(id, &why));
		};
		let at = chain.api.at_current_block().await?;
		let Some(key) =
			fetch(&at, zkmine::storage().zkp_submission().verifying_keys(), (rollup, key_version))
				.await?
		else {
			return Ok(self.skip(id, "its verifying key is gone from the chain"));
		};
		let Some(backend) = self.backends.for_key(rollup, &key.key_hash) else {
			return Ok(self.skip(id, "no prover backend for its key"));
		};
		let request = ProofRequest {
			rollup,
			sequence: id,
			key_version,
			key_hash: key.key_hash,
			public_inputs: t.public_inputs.clone(),
			batch,
		};
		let inputs = request.public_inputs.clone();
		let progress = Progress::start(format!("proving sequence #{id} ({})", backend.name()));
		let outcome = tokio::task::spawn_blocking(move || backend.prove(&request)).await?;
		let took = progress.finish();
		let proof = match outcome {
			Ok(Outcome::Proof(proof)) => proof,
			Ok(Outcome::Refused(why)) => return Ok(self.skip(id, &why)),
			Err(e) => return Ok(self.skip(id, &format!("{e:#}"))),
		};
		match zkmine_groth16_verifier::prepared::verify(&key.prepared.0, &inputs, &proof) {
			Ok(true) => {},
			Ok(false) => {
				return Ok(self.skip(id, "the proof does not verify against the rollup's key"))
			},
			Err(e) => return Ok(self.skip(id, &format!("the proof does not decode: {e:?}"))),
		}
		say!(
			ROLE,
			"sequence #{id}: proved in {:.2} s (proof hash 0x{}..)",
			took.as_secs_f32(),
			hex::encode(&proof_hash(&proof)[..8])
		);
		let commitment = at
			.runtime_apis()
			.call(
				zkmine::runtime_apis()
					.zkp_submission_api()
					.commitment(proof.clone(), self.key.account.clone()),
			)
			.await?;
		self.tally.proved += 1;
		if let Some(t) = self.tracked.get_mut(&id) {
			t.work = Work::Proved { proof, commitment };
		}
		Ok(())
	}

	fn skip(&mut self, id: SequenceId, why: &str) {
		say!(ROLE, "sequence #{id}: cannot prove it: {why}");
		if let Some(t) = self.tracked.get_mut(&id) {
			t.work = Work::Skip;
		}
	}

	/// Submit a commit or reveal in the background.
	fn send<Call: subxt::transactions::Payload + Send + Sync + 'static>(
		&mut self,
		chain: &Arc<Chain>,
		sequence: SequenceId,
		round: u32,
		reveal: bool,
		call: Call,
		done_tx: &mpsc::UnboundedSender<TxDone>,
	) {
		if let Some(t) = self.tracked.get_mut(&sequence) {
			t.in_flight = true;
		}
		let (chain, key, done_tx) = (chain.clone(), self.key.clone(), done_tx.clone());
		tokio::spawn(async move {
			let result = chain.submit(&call, &key, Wait::InBlock).await;
			let _ = done_tx.send(TxDone { sequence, round, reveal, result });
		});
	}

	fn on_tx_done(&mut self, done: TxDone) {
		let what = if done.reveal { "reveal" } else { "commitment" };
		let t = self.tracked.get_mut(&done.sequence);
		match done.result {
			Ok(Ok(included)) => {
				say!(
					ROLE,
					"sequence #{}: {what} included in block #{}",
					done.sequence,
					included.block_number
				);
				if let Some(t) = t {
					t.in_flight = false;
					if done.reveal {
						t.revealed = Some(done.round);
					} else {
						t.committed = Some(done.round);
					}
				}
				if done.reveal {
					self.tally.revealed += 1;
				}
			},
			Ok(Err(e)) => {
				say!(ROLE, "sequence #{}: {what} {e}", done.sequence);
				if let Some(t) = t {
					t.in_flight = false;
					// A dispatch error is definitive: do not try again in this round. (An
					// `AlreadyCommitted` after a lost result is undone when the block with
					// this miner's own commitment is processed, see `ProofHashCommitted`.)
					if e.name().is_some() {
						t.stopped = Some(done.round);
					}
				}
			},
			Err(e) => {
				say!(ROLE, "sequence #{}: {what} not confirmed: {e:#}", done.sequence);
				if let Some(t) = t {
					t.in_flight = false;
				}
			},
		}
	}

	fn print_summary(&self) {
		let t = &self.tally;
		say!(ROLE, "summary: {} proved, {} committed, {} revealed, {} validated; {} reward(s) {} ZKM; {} slash(es) {} ZKM",
			t.proved, t.committed, t.revealed, t.validated, t.rewards, format_units(t.rewarded), t.slashes, format_units(t.slashed));
	}
}

/// The batch of the sequence submitted in block `number` whose data hashes to `data_hash`:
/// the `submit_sequence` extrinsics of that block's body (no state of the block is
/// needed, so old blocks work on a pruned node too).
pub async fn find_batch(chain: &Chain, number: u64, data_hash: &Hash32) -> Result<Option<Vec<u8>>> {
	let Some(hash) = chain.legacy.chain_get_block_hash(Some(number.into())).await? else {
		return Ok(None);
	};
	let Some(block) = chain.legacy.chain_get_block(Some(hash)).await? else { return Ok(None) };
	let bodies: Vec<Vec<u8>> = block.block.extrinsics.into_iter().map(|b| b.0).collect();
	let at = chain.api.at_current_block().await?;
	let extrinsics = at.extrinsics().from_bytes(bodies).await;
	for extrinsic in extrinsics.iter() {
		let Ok(extrinsic) = extrinsic else { continue };
		if let Some(Ok(call)) =
			extrinsic.decode_call_data_fields_as::<zkmine::zkp_submission::calls::SubmitSequence>()
		{
			if batch_data_hash(&call.batch.0) == *data_hash {
				return Ok(Some(call.batch.0));
			}
		}
	}
	Ok(None)
}

fn reason_name(reason: &SlashReason) -> &'static str {
	match reason {
		SlashReason::IncorrectHash => "IncorrectHashSlash: committed, not validated",
		SlashReason::IncorrectProof => {
			"IncorrectProofSlash: revealed a proof that failed verification"
		},
		SlashReason::NoValidProof => "NoValidProofSlash: the round ended without a valid proof",
	}
}

/// Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
	#[cfg(unix)]
	{
		let mut term =
			match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
				Ok(term) => term,
				Err(_) => {
					let _ = tokio::signal::ctrl_c().await;
					return;
				},
			};
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = term.recv() => {},
		}
	}
	#[cfg(not(unix))]
	{
		let _ = tokio::signal::ctrl_c().await;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn miner_with(id: SequenceId, commitment: Hash32) -> Miner {
		let key = crate::keys::key_from_suri("//Alice").expect("dev key");
		let args = MineArgs {
			follow: Follow::Finalized,
			setup_seed: 7,
			batch_size: 1,
			rollups: vec![],
			provers: None,
		};
		let mut miner = Miner::new("ws://unused".into(), key, args).expect("setup");
		miner.tracked.insert(
			id,
			Tracked {
				rollup: 0,
				key_version: 0,
				submitted_at: 1,
				data_hash: [0; 32],
				public_inputs: vec![],
				work: Work::Proved { proof: vec![1, 2, 3], commitment },
				round: 0,
				committed: None,
				revealed: None,
				in_flight: true,
				stopped: None,
				no_capacity: None,
			},
		);
		miner
	}

	fn refused(id: SequenceId, name: &str) -> TxDone {
		let error = TxError::Dispatch { name: name.into(), docs: String::new(), block_number: 9 };
		TxDone { sequence: id, round: 0, reveal: false, result: Ok(Err(error)) }
	}

	#[test]
	fn a_refused_transaction_is_not_sent_again_in_the_round() {
		let mut miner = miner_with(4, [7; 32]);
		miner.on_tx_done(refused(4, "ZkpSubmission::NotActiveProver"));
		let t = &miner.tracked[&4];
		assert_eq!((t.in_flight, t.stopped, t.committed), (false, Some(0), None));

		// A transaction that never reached a block may be sent again.
		let mut miner = miner_with(4, [7; 32]);
		let lost = TxError::NotIncluded("connection lost".into());
		miner.on_tx_done(TxDone { sequence: 4, round: 0, reveal: false, result: Ok(Err(lost)) });
		let t = &miner.tracked[&4];
		assert_eq!((t.in_flight, t.stopped), (false, None));
	}

	#[test]
	fn only_a_commitment_to_its_own_proof_is_revealed_for() {
		// A retry refused with AlreadyCommitted, then the block with its own commitment.
		let mut miner = miner_with(4, [7; 32]);
		miner.on_tx_done(refused(4, "ZkpSubmission::AlreadyCommitted"));
		assert_eq!(miner.tracked[&4].stopped, Some(0));
		miner.on_own_commitment(4, 0, [7; 32], 12);
		let t = &miner.tracked[&4];
		assert_eq!((t.committed, t.stopped), (Some(0), None));
		assert_eq!(miner.tally.committed, 1);

		// A commitment of the account to another proof (an earlier run): nothing to reveal.
		let mut miner = miner_with(4, [7; 32]);
		miner.on_tx_done(refused(4, "ZkpSubmission::AlreadyCommitted"));
		miner.on_own_commitment(4, 0, [8; 32], 12);
		let t = &miner.tracked[&4];
		assert_eq!((t.committed, t.stopped), (None, Some(0)));
	}

	/// A round started at T = 100 with C = R = 10.
	const W: WindowEnds = WindowEnds { commit_end: 110, reveal_start: 111, reveal_end: 120 };

	fn at(
		phase: RoundPhase,
		committed: bool,
		revealed: bool,
		followed: u64,
		best: u64,
	) -> Decision {
		decide(phase, Some(W), committed, revealed, true, followed, best)
	}

	#[test]
	fn commits_while_a_commitment_can_still_land_in_the_window() {
		assert_eq!(decide(RoundPhase::Open, None, false, false, true, 50, 53), Decision::Commit);
		assert_eq!(at(RoundPhase::Commit, false, false, 105, 109), Decision::Commit);
		// From the best block T + C on, a commitment would land at T + C + 1 or later.
		assert_eq!(at(RoundPhase::Commit, false, false, 105, 110), Decision::TooLate("commit"));
		// Once is enough.
		assert_eq!(at(RoundPhase::Commit, true, false, 105, 109), Decision::Wait);
		assert_eq!(decide(RoundPhase::Open, None, true, false, true, 50, 53), Decision::Wait);
	}

	#[test]
	fn does_not_commit_without_free_capacity() {
		assert_eq!(
			decide(RoundPhase::Open, None, false, false, false, 50, 53),
			Decision::NoCapacity
		);
		assert_eq!(
			decide(RoundPhase::Commit, Some(W), false, false, false, 105, 109),
			Decision::NoCapacity
		);
		// Too late is too late, capacity or not.
		assert_eq!(
			decide(RoundPhase::Commit, Some(W), false, false, false, 105, 110),
			Decision::TooLate("commit")
		);
		// A commitment already made is revealed whatever the capacity.
		assert_eq!(
			decide(RoundPhase::Reveal, Some(W), true, false, false, 111, 111),
			Decision::Reveal
		);
	}

	#[test]
	fn never_reveals_before_the_reveal_window() {
		// The followed block is T + C: no reveal, even if the best block is past it.
		assert_eq!(at(RoundPhase::Reveal, true, false, 110, 111), Decision::Wait);
		assert_eq!(at(RoundPhase::Commit, true, false, 110, 110), Decision::Wait);
		// The followed block is T + C + 1: the reveal lands at T + C + 2 or later.
		assert_eq!(at(RoundPhase::Reveal, true, false, 111, 111), Decision::Reveal);
		assert_eq!(at(RoundPhase::Reveal, true, false, 111, 115), Decision::Reveal);
		// The last useful best block is T + C + R - 1.
		assert_eq!(at(RoundPhase::Reveal, true, false, 116, 119), Decision::Reveal);
		assert_eq!(at(RoundPhase::Reveal, true, false, 116, 120), Decision::TooLate("reveal"));
	}

	#[test]
	fn reveals_only_its_own_commitment_once() {
		assert_eq!(at(RoundPhase::Reveal, false, false, 112, 113), Decision::Wait);
		assert_eq!(at(RoundPhase::Reveal, true, true, 112, 113), Decision::Wait);
		assert_eq!(at(RoundPhase::Settling, true, false, 121, 121), Decision::Wait);
		// A reveal phase without windows cannot happen; nothing is sent.
		assert_eq!(decide(RoundPhase::Reveal, None, true, false, true, 112, 113), Decision::Wait);
	}
}
