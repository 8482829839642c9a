//! What the miner does for one sequence at a block: start or abandon its proving job, take a
//! finished proof (kept in the data directory first), commit if it pays, reveal in the
//! window; and the transactions' results.

use super::{
	io,
	pool::{Made, ProofDone},
	rounds::{TxDone, Work},
	rule::{self, Decision, Economics, RoundPhase, Start},
	store::SavedProof,
	Miner, ROLE,
};
use crate::{
	backend::ProofRequest,
	chain::{AtBlock, Chain, Wait},
	say,
	units::format_units,
	warn,
	zkmine::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
};
use anyhow::Result;
use std::{sync::Arc, time::Duration};
use zkmine_primitives::{proof_hash, SequenceId};

/// How long a failed proof waits before it is tried again.
const RETRY_PAUSE: Duration = Duration::from_secs(10);

impl Miner {
	/// Prove, commit or reveal for sequence `id` as its phase at block `number` allows.
	pub(super) async fn step(
		&mut self,
		chain: &Arc<Chain>,
		at: &AtBlock,
		number: u64,
		best: u64,
		id: SequenceId,
	) -> Result<()> {
		let Some(t) = self.rounds.tracked.get(&id) else { return Ok(()) };
		if matches!(t.work, Work::Skip) {
			return Ok(());
		}
		let Some(status) = io::status(at, id).await? else { return Ok(()) };
		let block_time = self.constants.map(|c| c.block_time).unwrap_or_default();
		let Some(t) = self.rounds.tracked.get_mut(&id) else { return Ok(()) };
		t.observe_round(status.round);
		let round = status.round;
		let expected = self.proving_times.get(&t.rollup).copied();
		let start = rule::may_start(status.phase, status.windows, best, block_time, expected);
		let backing_off = t.retry_after.is_some_and(|at| std::time::Instant::now() < at);
		match t.work.clone() {
			Work::Skip => Ok(()),
			Work::ToProve { from } if round >= from && !backing_off => {
				self.start_proving(chain, at, id, round, start).await
			},
			Work::ToProve { .. } => Ok(()),
			Work::Proving => {
				if start == Start::TooLate && t.committed != Some(round) {
					let ran = self.pool.abandon(id).unwrap_or_default();
					t.work = Work::ToProve { from: round.saturating_add(1) };
					self.metrics.proof("abandoned", None);
					warn!(ROLE, "sequence #{id}: proof abandoned after {:.1} s: the commit window of round {round} closed before it was ready", ran.as_secs_f32());
				}
				Ok(())
			},
			Work::Proved { proof, commitment } => {
				if t.in_flight || t.stopped == Some(round) {
					return Ok(());
				}
				let committed = t.committed == Some(round);
				let revealed = t.revealed == Some(round);
				if t.reveal_only && !committed {
					return Ok(());
				}
				let may_commit =
					!committed && matches!(status.phase, RoundPhase::Open | RoundPhase::Commit);
				let capacity = if may_commit {
					Some(io::capacity(at, &self.key.account).await?)
				} else {
					None
				};
				let can_commit = capacity.as_ref().is_none_or(|c| c.next.is_some());
				let decision = rule::decide(
					status.phase,
					status.windows,
					committed,
					revealed,
					can_commit,
					number,
					best,
				);
				match (decision, status.windows) {
					(Decision::Wait, _) | (Decision::Reveal, None) => {},
					(Decision::NoCapacity, _) => self.decline(
						id,
						round,
						"no_capacity",
						"free capacity below the minimum stake until a round of ours settles",
					),
					(Decision::TooLate(what), _) => {
						self.rounds.missed(id, round);
						say!(ROLE, "sequence #{id}: too late to {what} in round {round}");
					},
					(Decision::Commit, _)
						if !rule::lag_allows_commit(
							number,
							best,
							self.constants.map_or(0, |c| c.reveal_window),
						) =>
					{
						self.decline(id, round, "lagging", &format!("the followed block #{number} is {} blocks behind the best block: a commitment now could not be revealed in time", best.saturating_sub(number)));
					},
					(Decision::Commit, _) => {
						let own_stake = capacity.and_then(|c| c.next).map(|e| e.stake).unwrap_or(0);
						let estimate = self.estimate(chain, at, id, own_stake, &proof).await?;
						if !rule::pays(&estimate, self.min_profit) {
							let why = if estimate.admitted {
								format!("expected payout {} against fees of {} and a minimum profit of {}", format_units(estimate.payout), format_units(estimate.cost), format_units(self.min_profit))
							} else {
								"the round is full of larger stakes".to_owned()
							};
							self.decline(id, round, "unprofitable", &why);
							return Ok(());
						}
						say!(ROLE, "sequence #{id}: committing 0x{}.. at block #{number} (round {round}; expected payout {}, fees {})", hex::encode(&commitment[..8]), format_units(estimate.payout), format_units(estimate.cost));
						let call = zkmine::tx().zkp_submission().commit_proof_hash(id, commitment);
						self.send(chain, id, round, false, call);
					},
					(Decision::Reveal, Some(w)) => {
						say!(ROLE, "sequence #{id}: revealing proof 0x{}.. at block #{number} (reveal window #{}..=#{})", hex::encode(&proof_hash(&proof)[..8]), w.reveal_start, w.reveal_end);
						let call =
							zkmine::tx().zkp_submission().submit_proof(id, BoundedVec(proof));
						self.send(chain, id, round, true, call);
					},
				}
				Ok(())
			},
		}
	}

	/// Not committing to `id` in `round`, for `reason` (a metric label): logged once a round.
	fn decline(&mut self, id: SequenceId, round: u32, reason: &str, why: &str) {
		let Some(t) = self.rounds.tracked.get_mut(&id) else { return };
		if t.declined != Some(round) {
			t.declined = Some(round);
			self.metrics.declined.with_label_values(&[reason]).inc();
			say!(ROLE, "sequence #{id}: not committing (round {round}): {why}");
		}
	}

	/// What committing to `id` now is expected to pay and cost ([`rule::estimate`]).
	async fn estimate(
		&mut self,
		chain: &Chain,
		at: &AtBlock,
		id: SequenceId,
		own_stake: u128,
		proof: &[u8],
	) -> Result<rule::Estimate> {
		let Some(t) = self.rounds.tracked.get(&id) else {
			return Ok(rule::estimate(&Economics::default()));
		};
		let rollup = t.rollup;
		let costs = match t.costs {
			Some(costs) => costs,
			None => {
				let commit = zkmine::tx().zkp_submission().commit_proof_hash(id, [0; 32]);
				let reveal =
					zkmine::tx().zkp_submission().submit_proof(id, BoundedVec(proof.to_vec()));
				let costs = (
					chain.fee_estimate(&commit, &self.key).await?,
					chain.fee_estimate(&reveal, &self.key).await?,
				);
				if let Some(t) = self.rounds.tracked.get_mut(&id) {
					t.costs = Some(costs);
				}
				costs
			},
		};
		let constants = self.constants.unwrap_or_default();
		let reward = if io::slotted(at, rollup).await? { constants.reward_per_sequence } else { 0 };
		let others = io::commitments(at, id)
			.await?
			.into_iter()
			.filter(|c| c.prover != self.key.account)
			.map(|c| c.stake)
			.collect();
		Ok(rule::estimate(&Economics {
			reward,
			fee: io::sequence_fee(at, id).await?,
			own_stake,
			others,
			max_commitments: constants.max_commitments,
			commit_cost: costs.0,
			reveal_cost: costs.1,
		}))
	}

	/// Start the proving job of `id` if the pool has room and the proof can be used.
	async fn start_proving(
		&mut self,
		chain: &Chain,
		at: &AtBlock,
		id: SequenceId,
		round: u32,
		start: Start,
	) -> Result<()> {
		let deadline = match start {
			Start::Go { deadline } => deadline,
			Start::TooLate => {
				return {
					self.not_started(id, round, "the commit window of this round is over".into());
					Ok(())
				}
			},
			Start::WontFit { expected, left } => {
				return {
					self.not_started(id, round, format!("the last proof of its rollup took {:.1} s, the commit window closes in {:.1} s", expected.as_secs_f32(), left.as_secs_f32()));
					Ok(())
				}
			},
		};
		if !self.pool.has_room() {
			return Ok(());
		}
		let Some(t) = self.rounds.tracked.get(&id) else { return Ok(()) };
		let (rollup, key_version) = (t.rollup, t.key_version);
		let Some(batch) = io::find_batch(chain, t.submitted_at, &t.data_hash).await? else {
			let why = format!("no submit_sequence with its batch in block #{}", t.submitted_at);
			return {
				self.skip(id, &why);
				Ok(())
			};
		};
		let Some(key) = io::verifying_key(at, rollup, key_version).await? else {
			return {
				self.skip(id, "its verifying key is gone from the chain");
				Ok(())
			};
		};
		let Some(backend) = self.backends.for_key(rollup, &key.key_hash) else {
			return {
				self.skip(id, "no prover backend for its key");
				Ok(())
			};
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
		let prepared = key.prepared.0;
		// The proof is checked against the rollup's key on chain before it is committed to: a
		// wrong proof would cost IncorrectHashSlash.
		let check = move |proof: &[u8]| match zkmine_groth16_verifier::prepared::verify(
			&prepared, &inputs, proof,
		) {
			Ok(true) => Ok(()),
			Ok(false) => Err("the proof does not verify against the rollup's key".to_owned()),
			Err(e) => Err(format!("the proof does not decode: {e:?}")),
		};
		let within = deadline
			.map_or("no deadline yet: the round has not started".to_owned(), |d| {
				format!("{:.1} s before the commit window closes", d.as_secs_f32())
			});
		say!(ROLE, "sequence #{id}: proving with {} ({within})", backend.name());
		self.pool.start(backend, request, deadline, check);
		if let Some(t) = self.rounds.tracked.get_mut(&id) {
			t.work = Work::Proving;
		}
		Ok(())
	}

	/// A proof that could not be used in `round` is not started; tried again next round.
	fn not_started(&mut self, id: SequenceId, round: u32, why: String) {
		if let Some(t) = self.rounds.tracked.get_mut(&id) {
			t.work = Work::ToProve { from: round.saturating_add(1) };
		}
		self.metrics.proof("not_started", None);
		say!(ROLE, "sequence #{id}: not proving it in round {round}: {why}");
	}

	/// `id` cannot be proved by this miner.
	fn skip(&mut self, id: SequenceId, why: &str) {
		warn!(ROLE, "sequence #{id}: cannot prove it: {why}");
		if let Some(t) = self.rounds.tracked.get_mut(&id) {
			t.work = Work::Skip;
		}
	}

	/// A proving job reported: keep the proof (data directory first), or say why not.
	pub(super) async fn on_proof(&mut self, chain: &Chain, done: ProofDone) -> Result<()> {
		if !self.pool.finished(&done) {
			return Ok(());
		}
		let id = done.sequence;
		let took = done.took;
		let Some(t) = self.rounds.tracked.get(&id) else { return Ok(()) };
		let round = t.round;
		let proof = match done.made {
			Made::Proof(proof) => proof,
			Made::Refused(why) => {
				self.metrics.proof("refused", Some(took));
				return {
					self.skip(id, &why);
					Ok(())
				};
			},
			Made::Invalid(why) => {
				self.metrics.proof("invalid", Some(took));
				return {
					self.skip(id, &why);
					Ok(())
				};
			},
			Made::Failed(why) => {
				self.metrics.proof("failed", Some(took));
				if let Some(t) = self.rounds.tracked.get_mut(&id) {
					t.work = Work::ToProve { from: round };
					t.retry_after = Some(std::time::Instant::now() + RETRY_PAUSE);
				}
				warn!(ROLE, "sequence #{id}: proving failed after {:.1} s ({why}); trying again in {} s if its commit window allows", took.as_secs_f32(), RETRY_PAUSE.as_secs());
				return Ok(());
			},
		};
		if let Err(e) = self.keep(chain, id, proof, took).await {
			warn!(ROLE, "sequence #{id}: the proof could not be kept ({e:#}); proving again");
			if let Some(t) = self.rounds.tracked.get_mut(&id) {
				t.work = Work::ToProve { from: round };
			}
		}
		Ok(())
	}

	/// Keep a finished proof: its commitment from the runtime API, then the data directory,
	/// then the tracker (so that no commitment is ever sent for a proof not kept).
	async fn keep(
		&mut self,
		chain: &Chain,
		id: SequenceId,
		proof: Vec<u8>,
		took: Duration,
	) -> Result<()> {
		let Some(t) = self.rounds.tracked.get(&id) else { return Ok(()) };
		let at = chain.api.at_current_block().await?;
		let commitment = io::commitment_of(&at, &proof, &self.key.account).await?;
		let submitted_in = io::block_hash(chain, t.submitted_at).await?;
		let saved = SavedProof {
			rollup: t.rollup,
			key_version: t.key_version,
			submitted_at: t.submitted_at,
			submitted_in,
			data_hash: t.data_hash,
			proof: proof.clone(),
			commitment,
		};
		if let Some(store) = &self.store {
			store.save_proof(id, &saved)?;
		}
		self.proving_times.insert(saved.rollup, took);
		self.metrics.proof("proved", Some(took));
		self.rounds.tally.proved = self.rounds.tally.proved.saturating_add(1);
		say!(
			ROLE,
			"sequence #{id}: proved in {:.2} s (proof hash 0x{}..), kept in the data directory",
			took.as_secs_f32(),
			hex::encode(&proof_hash(&proof)[..8])
		);
		if let Some(t) = self.rounds.tracked.get_mut(&id) {
			t.work = Work::Proved { proof, commitment };
		}
		Ok(())
	}

	/// Submit a commit or reveal in the background.
	fn send<Call: subxt::transactions::Payload + Send + Sync + 'static>(
		&mut self,
		chain: &Arc<Chain>,
		sequence: SequenceId,
		round: u32,
		reveal: bool,
		call: Call,
	) {
		if let Some(t) = self.rounds.tracked.get_mut(&sequence) {
			t.in_flight = true;
		}
		let (chain, key, done_tx) = (chain.clone(), self.key.clone(), self.txs.0.clone());
		tokio::spawn(async move {
			let result = chain.submit(&call, &key, Wait::InBlock).await;
			let _ = done_tx.send(TxDone { sequence, round, reveal, result });
		});
	}

	/// A commit or reveal ended: log it and move the round.
	pub(super) fn on_tx_done(&mut self, done: TxDone) {
		let what = if done.reveal { "reveal" } else { "commitment" };
		match &done.result {
			Ok(Ok(included)) => {
				if done.reveal {
					self.metrics.reveals.inc();
				}
				say!(
					ROLE,
					"sequence #{}: {what} included in block #{}",
					done.sequence,
					included.block_number
				)
			},
			Ok(Err(e)) => warn!(ROLE, "sequence #{}: {what} {e}", done.sequence),
			Err(e) => warn!(ROLE, "sequence #{}: {what} not confirmed: {e:#}", done.sequence),
		}
		self.rounds.on_tx_done(&done);
	}
}
