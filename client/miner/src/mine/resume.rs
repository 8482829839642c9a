//! Rebuilding the rounds: at the first block of a session from the data directory and the
//! chain (at the last block processed, to catch up from there, if the node still has its
//! state), and whenever a sequence is tracked: a kept proof is resumed, and this miner's
//! commitment read from the chain.

use super::{io, rounds::Tracked, rounds::Work, store, store::Store, Miner, ROLE};
use crate::{
	chain::{is_pruned_state, pruned_state_help, AtBlock, Chain},
	say, warn, zkmine,
};
use anyhow::Result;
use std::sync::Arc;
use subxt::utils::H256;
use zkmine_primitives::SequenceId;

impl Miner {
	/// The first block of the session (`number`, the first the node streams, not always its
	/// head): rebuild the rounds from the chain and the data directory at the last block the
	/// data directory saw, to catch up from there, if the node still has its state; else at
	/// `number`.
	pub(super) async fn resume(
		&mut self,
		chain: &Arc<Chain>,
		number: u64,
		hash: H256,
	) -> Result<()> {
		let saved = self.store.as_ref().map(Store::last_block).transpose()?.flatten();
		if let Some(from) = saved {
			match self.discover_at(chain, from).await {
				Ok(()) => {
					if from < number {
						say!(
							ROLE,
							"catching up from block #{from} (the last one processed) to #{number}"
						);
					}
					self.last = Some(from);
					return Ok(());
				},
				Err(e) if is_pruned_state(&e) => warn!(
					ROLE,
					"{}; starting from block #{number} instead",
					pruned_state_help(&chain.url, from)
				),
				Err(e) => return Err(e),
			}
		}
		let at = chain.api.at_block(hash).await?;
		self.discover(chain, &at).await?;
		self.last = Some(number);
		Ok(())
	}

	/// [`Miner::discover`] at block `number` (an error if the node pruned its state).
	pub(super) async fn discover_at(&mut self, chain: &Chain, number: u64) -> Result<()> {
		let at = chain.api.at_block(H256(io::block_hash(chain, number).await?)).await?;
		self.discover(chain, &at).await
	}

	/// Every unfinished sequence on chain at `at`, resumed from the data directory where it
	/// holds this miner's proof. A kept proof of a sequence submitted by then and no longer on
	/// chain is forgotten (one submitted later is the catch-up's to find).
	pub(super) async fn discover(&mut self, chain: &Chain, at: &AtBlock) -> Result<()> {
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
		let on_chain: Vec<SequenceId> = found.iter().map(|(id, _)| *id).collect();
		self.rounds.tracked.retain(|id, _| on_chain.contains(id));
		if let Some(store) = &self.store {
			for (id, kept) in store.proofs()? {
				if !on_chain.contains(&id) && kept.submitted_at <= at.block_number() {
					store.forget(id)?;
				}
			}
		}
		for (id, s) in found {
			if self.rounds.tracked.contains_key(&id) {
				// Known already (a catch-up that could not read old blocks): what the chain
				// says of the round and this miner's commitment is what counts.
				if let Some(t) = self.rounds.tracked.get_mut(&id) {
					t.observe_round(s.round);
				}
				self.refresh(at, id).await?;
				continue;
			}
			self.metrics.sequences_seen.inc();
			let submitted_at: u64 = s.submitted_at.into();
			let t = Tracked::new(
				s.rollup,
				s.key_version,
				submitted_at,
				s.data_hash.0,
				s.public_inputs.0,
				s.round,
			);
			self.track(chain, at, id, t).await?;
		}
		Ok(())
	}

	/// Resume sequence `id` from its kept proof, if it is the proof of this sequence: the
	/// commitment on chain, if this miner's, is revealed in its window.
	async fn restore(
		&mut self,
		chain: &Chain,
		at: &AtBlock,
		id: SequenceId,
		saved: &store::SavedProof,
	) -> Result<()> {
		let Some(t) = self.rounds.tracked.get(&id) else { return Ok(()) };
		let same = saved.rollup == t.rollup
			&& saved.key_version == t.key_version
			&& saved.data_hash == t.data_hash
			&& saved.submitted_at == t.submitted_at
			&& saved.submitted_in == io::block_hash(chain, t.submitted_at).await?;
		if !same {
			say!(ROLE, "sequence #{id}: the kept proof is of another chain's sequence #{id}; proving again");
			if let Some(store) = &self.store {
				store.forget(id)?;
			}
			return Ok(());
		}
		let Some(t) = self.rounds.tracked.get_mut(&id) else { return Ok(()) };
		t.work = Work::Proved { proof: saved.proof.clone(), commitment: saved.commitment };
		let round = t.round;
		let state = match self.refresh(at, id).await? {
			Some(true) => "committed, already revealed",
			Some(false) => "committed, to reveal in its window",
			None => "proved, not committed",
		};
		say!(ROLE, "sequence #{id}: resumed from the data directory: {state} in round {round}");
		Ok(())
	}

	/// Read this miner's commitment to `id` at `at` (runtime API `commitments`) into the
	/// tracker: `Some(validated)` if it is the commitment to the miner's proof.
	async fn refresh(&mut self, at: &AtBlock, id: SequenceId) -> Result<Option<bool>> {
		let Some(Work::Proved { commitment, .. }) = self.rounds.tracked.get(&id).map(|t| &t.work)
		else {
			return Ok(None);
		};
		let ours = *commitment;
		let mine = io::commitments(at, id)
			.await?
			.into_iter()
			.find(|c| c.prover == self.key.account);
		let Some(t) = self.rounds.tracked.get_mut(&id) else { return Ok(None) };
		match mine {
			Some(c) if c.commitment == ours => {
				t.committed = Some(t.round);
				if c.validated {
					t.revealed = Some(t.round);
				}
				Ok(Some(c.validated))
			},
			Some(_) => {
				warn!(ROLE, "sequence #{id}: this account's commitment in round {} is not to the kept proof: not revealing for it", t.round);
				Ok(None)
			},
			None => Ok(None),
		}
	}

	/// Start tracking a sequence (as it is at `at`); mark it skipped if this miner has no
	/// prover for it, resume it if the data directory holds its proof.
	pub(super) async fn track(
		&mut self,
		chain: &Chain,
		at: &AtBlock,
		id: SequenceId,
		mut t: Tracked,
	) -> Result<()> {
		if self.rounds.tracked.contains_key(&id) {
			return Ok(());
		}
		if !self.args.rollups.is_empty() && !self.args.rollups.contains(&t.rollup) {
			t.work = Work::Skip;
		} else if !self.has_prover(chain, t.rollup, t.key_version).await? {
			say!(
				ROLE,
				"sequence #{id}: rollup {} key v{} is not ours; not proving it",
				t.rollup,
				t.key_version
			);
			t.work = Work::Skip;
		}
		let skipped = matches!(t.work, Work::Skip);
		self.rounds.tracked.insert(id, t);
		let saved = match &self.store {
			Some(store) => store.proof(id)?,
			None => None,
		};
		if let Some(saved) = saved {
			self.restore(chain, at, id, &saved).await?;
			// A rollup this run does not prove: its commitment is still revealed.
			if let Some(t) = self.rounds.tracked.get_mut(&id) {
				t.reveal_only = skipped && matches!(t.work, Work::Proved { .. });
			}
		}
		Ok(())
	}
}
