//! The round tracker: where the miner is with each unfinished sequence (proving, proved,
//! committed, revealed, stopped for the round), the session's totals, and how transaction
//! results and the miner's own commitments move it. No I/O here.

use crate::chain::{Included, TxError};
use std::collections::BTreeMap;
use zkmine_primitives::{Hash32, SequenceId};

/// What the miner has for a sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Work {
	/// Nothing yet; not before round `from` (a round whose window it could not make).
	ToProve {
		/// The first round worth proving for.
		from: u32,
	},
	/// A proving job is running.
	Proving,
	/// Proved (and kept in the data directory): the proof and this account's commitment.
	Proved {
		/// The proof, in the chain's wire format.
		proof: Vec<u8>,
		/// `blake2_256(proof_hash ++ SCALE(account))`.
		commitment: Hash32,
	},
	/// Not provable by this miner (not its rollup's key, a bad batch, a refusal).
	Skip,
}

/// Where the miner is with one sequence.
#[derive(Clone, Debug)]
pub struct Tracked {
	/// The sequence's rollup.
	pub rollup: u32,
	/// The verifying key version it was submitted under.
	pub key_version: u32,
	/// Block number that included `submit_sequence` (where the batch is).
	pub submitted_at: u64,
	/// The batch's data hash.
	pub data_hash: Hash32,
	/// The public inputs.
	pub public_inputs: Vec<[u8; 32]>,
	/// Proof work.
	pub work: Work,
	/// The round the miner last saw.
	pub round: u32,
	/// The round in which the miner's commitment is on chain.
	pub committed: Option<u32>,
	/// The round in which the miner's proof was revealed (included).
	pub revealed: Option<u32>,
	/// A commit or reveal transaction is in flight.
	pub in_flight: bool,
	/// The round in which the miner stopped acting on this sequence: a window it can no
	/// longer make, or a definitive refusal by the chain (a dispatch error), so that it
	/// does not send a failing transaction, and pay its fee, in every block.
	pub stopped: Option<u32>,
	/// The round in which the miner last logged why it does not commit (once per round).
	pub declined: Option<u32>,
	/// The fees of the commit and reveal transactions (estimated once).
	pub costs: Option<(u128, u128)>,
	/// Restored from the data directory for a rollup this run does not prove (`--rollup`,
	/// `--provers` changed): its commitment is revealed, no new one is made.
	pub reveal_only: bool,
	/// A failed proof is tried again, not before this time.
	pub retry_after: Option<std::time::Instant>,
}

impl Tracked {
	/// A sequence seen on chain, nothing done for it yet.
	pub fn new(
		rollup: u32,
		key_version: u32,
		submitted_at: u64,
		data_hash: Hash32,
		public_inputs: Vec<[u8; 32]>,
		round: u32,
	) -> Self {
		Self {
			rollup,
			key_version,
			submitted_at,
			data_hash,
			public_inputs,
			work: Work::ToProve { from: 0 },
			round,
			committed: None,
			revealed: None,
			in_flight: false,
			stopped: None,
			declined: None,
			costs: None,
			reveal_only: false,
			retry_after: None,
		}
	}

	/// The chain is at `round`: a new round forgets the last one's commitment and reveal.
	pub fn observe_round(&mut self, round: u32) {
		if round != self.round {
			self.round = round;
			self.committed = None;
			self.revealed = None;
			self.stopped = None;
		}
	}

	/// Whether this miner's commitment of the current round waits for its reveal.
	pub fn reveal_pending(&self) -> bool {
		self.committed == Some(self.round) && self.revealed != Some(self.round)
	}
}

/// Totals of one `mine` session, reported as the summary.
#[derive(Default, Debug, Clone, PartialEq, Eq)]
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

/// A finished commit or reveal transaction.
pub struct TxDone {
	/// The sequence.
	pub sequence: SequenceId,
	/// The round it was sent in.
	pub round: u32,
	/// A reveal (else a commitment).
	pub reveal: bool,
	/// Where it ended.
	pub result: anyhow::Result<Result<Included, TxError>>,
}

/// The chain's refusal of a second commitment in a round.
const ALREADY_COMMITTED: &str = "ZkpSubmission::AlreadyCommitted";

/// What the miner follows.
#[derive(Default)]
pub struct Rounds {
	/// Every unfinished sequence the miner knows of.
	pub tracked: BTreeMap<SequenceId, Tracked>,
	/// The session's totals.
	pub tally: Tally,
}

/// What an own commitment on chain means for the miner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnCommitment {
	/// It is the commitment to this miner's proof: it will be revealed.
	Ours,
	/// It commits to another proof (another process with the same key, or a lost state):
	/// nothing to reveal for it.
	Foreign,
}

impl Rounds {
	/// The sequences whose reveal is pending.
	pub fn pending_reveals(&self) -> usize {
		self.tracked.values().filter(|t| t.reveal_pending()).count()
	}

	/// A commitment of this miner's account to `commitment` is on chain in `round`. Only a
	/// commitment to this miner's own proof is worth revealing.
	pub fn on_own_commitment(
		&mut self,
		id: SequenceId,
		round: u32,
		commitment: Hash32,
	) -> OwnCommitment {
		self.tally.committed = self.tally.committed.saturating_add(1);
		let ours = self
			.tracked
			.get_mut(&id)
			.filter(|t| matches!(&t.work, Work::Proved { commitment: c, .. } if *c == commitment));
		match ours {
			Some(t) => {
				// Rounds only move forward: a commitment seen while catching up belongs to the
				// round it names, whatever round the tracker last saw.
				t.observe_round(round);
				t.committed = Some(round);
				// A retry refused with `AlreadyCommitted` after a lost result: the commitment
				// is ours after all, so the reveal goes ahead.
				if t.stopped == Some(round) {
					t.stopped = None;
				}
				OwnCommitment::Ours
			},
			None => OwnCommitment::Foreign,
		}
	}

	/// This miner's commitment of `round` was validated (its proof, or an identical one, was
	/// revealed): nothing more to reveal, even if the reveal's own result was lost.
	pub fn on_own_validation(&mut self, id: SequenceId, round: u32) {
		self.tally.validated = self.tally.validated.saturating_add(1);
		if let Some(t) = self.tracked.get_mut(&id) {
			t.observe_round(round);
			t.revealed = Some(round);
		}
	}

	/// A window was missed: stop acting on the sequence for this round.
	pub fn missed(&mut self, id: SequenceId, round: u32) {
		if let Some(t) = self.tracked.get_mut(&id) {
			t.stopped = Some(round);
		}
	}

	/// A commit or reveal transaction ended.
	pub fn on_tx_done(&mut self, done: &TxDone) {
		let t = self.tracked.get_mut(&done.sequence);
		match &done.result {
			Ok(Ok(_)) => {
				if let Some(t) = t {
					t.in_flight = false;
					if done.reveal {
						t.revealed = Some(done.round);
					} else {
						t.committed = Some(done.round);
					}
				}
				if done.reveal {
					self.tally.revealed = self.tally.revealed.saturating_add(1);
				}
			},
			Ok(Err(e)) => {
				if let Some(t) = t {
					t.in_flight = false;
					// A dispatch error is definitive: do not try again in this round. An
					// `AlreadyCommitted` for a commitment known to be this miner's (an earlier
					// run's transaction landed first) changes nothing; one that comes before
					// the block with the commitment is undone by `on_own_commitment`.
					let ours_already = e.name() == Some(ALREADY_COMMITTED)
						&& !done.reveal && t.committed == Some(done.round);
					if e.name().is_some() && !ours_already {
						t.stopped = Some(done.round);
					}
				}
			},
			Err(_) => {
				if let Some(t) = t {
					t.in_flight = false;
				}
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn rounds_with(id: SequenceId, commitment: Hash32) -> Rounds {
		let mut rounds = Rounds::default();
		let mut t = Tracked::new(0, 0, 1, [0; 32], vec![], 0);
		t.work = Work::Proved { proof: vec![1, 2, 3], commitment };
		t.in_flight = true;
		rounds.tracked.insert(id, t);
		rounds
	}

	fn refused(id: SequenceId, name: &str) -> TxDone {
		let error = TxError::Dispatch { name: name.into(), docs: String::new(), block_number: 9 };
		TxDone { sequence: id, round: 0, reveal: false, result: Ok(Err(error)) }
	}

	#[test]
	fn a_refused_transaction_is_not_sent_again_in_the_round() {
		let mut rounds = rounds_with(4, [7; 32]);
		rounds.on_tx_done(&refused(4, "ZkpSubmission::NotActiveProver"));
		let t = &rounds.tracked[&4];
		assert_eq!((t.in_flight, t.stopped, t.committed), (false, Some(0), None));

		// A transaction that never reached a block may be sent again.
		let mut rounds = rounds_with(4, [7; 32]);
		let lost = TxError::NotIncluded("connection lost".into());
		rounds.on_tx_done(&TxDone { sequence: 4, round: 0, reveal: false, result: Ok(Err(lost)) });
		let t = &rounds.tracked[&4];
		assert_eq!((t.in_flight, t.stopped), (false, None));
	}

	#[test]
	fn only_a_commitment_to_its_own_proof_is_revealed_for() {
		// A retry refused with AlreadyCommitted, then the block with its own commitment.
		let mut rounds = rounds_with(4, [7; 32]);
		rounds.on_tx_done(&refused(4, "ZkpSubmission::AlreadyCommitted"));
		assert_eq!(rounds.tracked[&4].stopped, Some(0));
		assert_eq!(rounds.on_own_commitment(4, 0, [7; 32]), OwnCommitment::Ours);
		let t = &rounds.tracked[&4];
		assert_eq!((t.committed, t.stopped), (Some(0), None));
		assert_eq!(rounds.tally.committed, 1);
		assert_eq!(rounds.pending_reveals(), 1);

		// A commitment of the account to another proof (an earlier run): nothing to reveal.
		let mut rounds = rounds_with(4, [7; 32]);
		rounds.on_tx_done(&refused(4, "ZkpSubmission::AlreadyCommitted"));
		assert_eq!(rounds.on_own_commitment(4, 0, [8; 32]), OwnCommitment::Foreign);
		let t = &rounds.tracked[&4];
		assert_eq!((t.committed, t.stopped), (None, Some(0)));
		assert_eq!(rounds.pending_reveals(), 0);
	}

	#[test]
	fn a_refusal_after_its_own_commitment_landed_does_not_stop_the_reveal() {
		// A restarted miner sends a commitment while the one of its earlier run is landing:
		// the block with the earlier one comes first, then the refusal.
		let mut rounds = rounds_with(4, [7; 32]);
		assert_eq!(rounds.on_own_commitment(4, 0, [7; 32]), OwnCommitment::Ours);
		rounds.on_tx_done(&refused(4, "ZkpSubmission::AlreadyCommitted"));
		let t = &rounds.tracked[&4];
		assert_eq!((t.committed, t.stopped, t.in_flight), (Some(0), None, false));
		assert_eq!(rounds.pending_reveals(), 1);
		// Any other refusal still stops the round.
		let mut rounds = rounds_with(4, [7; 32]);
		rounds.on_own_commitment(4, 0, [7; 32]);
		rounds.on_tx_done(&refused(4, "ZkpSubmission::CommitWindowClosed"));
		assert_eq!(rounds.tracked[&4].stopped, Some(0));
	}

	#[test]
	fn a_commitment_seen_while_catching_up_moves_the_round_and_a_validation_ends_the_reveal() {
		// The tracker last saw round 0; the commitment, caught up on, is of round 1.
		let mut rounds = rounds_with(4, [7; 32]);
		assert_eq!(rounds.on_own_commitment(4, 1, [7; 32]), OwnCommitment::Ours);
		let t = rounds.tracked.get_mut(&4).expect("tracked");
		assert_eq!((t.round, t.committed), (1, Some(1)));
		// The chain's status at the head says round 1: nothing is forgotten.
		t.observe_round(1);
		assert!(t.reveal_pending());
		// The validation event (the reveal's own result lost): nothing left to reveal.
		rounds.on_own_validation(4, 1);
		assert_eq!(rounds.pending_reveals(), 0);
		assert_eq!(rounds.tally.validated, 1);
	}

	#[test]
	fn a_new_round_forgets_the_last_rounds_steps_and_a_reveal_ends_the_wait() {
		let mut rounds = rounds_with(4, [7; 32]);
		rounds.on_own_commitment(4, 0, [7; 32]);
		let included = |reveal| TxDone {
			sequence: 4,
			round: 0,
			reveal,
			result: Ok(Ok(Included {
				block_hash: Default::default(),
				block_number: 12,
				events: vec![],
			})),
		};
		rounds.on_tx_done(&included(true));
		assert_eq!(rounds.pending_reveals(), 0);
		assert_eq!(rounds.tally.revealed, 1);
		let t = rounds.tracked.get_mut(&4).expect("tracked");
		t.stopped = Some(0);
		t.observe_round(0);
		assert_eq!((t.committed, t.revealed, t.stopped), (Some(0), Some(0), Some(0)));
		t.observe_round(1);
		assert_eq!((t.round, t.committed, t.revealed, t.stopped), (1, None, None, None));
		assert!(matches!(t.work, Work::Proved { .. }), "the proof serves the next round");
	}
}
