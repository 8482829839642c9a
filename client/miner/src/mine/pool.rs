//! Proving off the block loop: at most `--jobs` proofs at once, each on a blocking thread,
//! each reporting through a channel. The block loop never waits for a proof: it starts jobs
//! when there is room ([`Pool::has_room`]) and a proof can still be used
//! ([`super::rule::may_start`]), abandons those whose commit window closes
//! ([`Pool::abandon`]), and reads the results when they come ([`ProofDone`]).
//!
//! An abandoned job's result is dropped. An external prover is also stopped by its own time
//! limit, which is the job's deadline when the round has one.

use crate::backend::{Outcome, ProofRequest, ProverBackend};
use anyhow::Result;
use std::{
	collections::BTreeMap,
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};
use tokio::{sync::mpsc, task::AbortHandle};
use zkmine_primitives::SequenceId;

/// What a job made.
#[derive(Debug, PartialEq, Eq)]
pub enum Made {
	/// A proof that verifies against the rollup's key.
	Proof(Vec<u8>),
	/// The backend cannot prove this sequence, and why.
	Refused(String),
	/// The backend's proof failed the check, and why.
	Invalid(String),
	/// The backend failed (an error, a time limit).
	Failed(String),
}

/// A finished job.
pub struct ProofDone {
	/// The sequence.
	pub sequence: SequenceId,
	/// Which start of the sequence's proof this is (a restarted job's stale result is told
	/// apart by it).
	pub attempt: u32,
	/// What the backend made of it.
	pub made: Made,
	/// How long it took.
	pub took: Duration,
}

struct Running {
	attempt: u32,
	started: Instant,
	abort: AbortHandle,
	/// Tells the backend to stop (an external program is killed).
	cancel: Arc<AtomicBool>,
}

/// The running jobs.
pub struct Pool {
	size: usize,
	running: BTreeMap<SequenceId, Running>,
	attempts: u32,
	done: mpsc::UnboundedSender<ProofDone>,
}

impl Pool {
	/// A pool of `size` jobs (at least one) reporting to `done`.
	pub fn new(size: usize, done: mpsc::UnboundedSender<ProofDone>) -> Self {
		Self { size: size.max(1), running: BTreeMap::new(), attempts: 0, done }
	}

	/// Whether another job can start.
	pub fn has_room(&self) -> bool {
		self.running.len() < self.size
	}

	/// Jobs running now.
	pub fn len(&self) -> usize {
		self.running.len()
	}

	/// Whether no job is running.
	pub fn is_empty(&self) -> bool {
		self.running.is_empty()
	}

	/// Whether a job for `sequence` is running.
	pub fn is_running(&self, sequence: SequenceId) -> bool {
		self.running.contains_key(&sequence)
	}

	/// Start proving `request` with `backend`; `check` runs on the proof in the job (the
	/// verification against the rollup's key), `limit` bounds an external prover's time.
	pub fn start(
		&mut self,
		backend: Arc<dyn ProverBackend>,
		request: ProofRequest,
		limit: Option<Duration>,
		check: impl FnOnce(&[u8]) -> Result<(), String> + Send + 'static,
	) {
		let sequence = request.sequence;
		self.attempts = self.attempts.wrapping_add(1);
		let attempt = self.attempts;
		let done = self.done.clone();
		let cancel = Arc::new(AtomicBool::new(false));
		let stop = cancel.clone();
		let task = tokio::spawn(async move {
			let started = Instant::now();
			let made =
				tokio::task::spawn_blocking(move || match backend.prove(&request, limit, &stop) {
					Ok(Outcome::Proof(proof)) => match check(&proof) {
						Ok(()) => Made::Proof(proof),
						Err(why) => Made::Invalid(why),
					},
					Ok(Outcome::Refused(why)) => Made::Refused(why),
					Err(e) => Made::Failed(format!("{e:#}")),
				})
				.await
				.unwrap_or_else(|e| Made::Failed(format!("the proving thread failed: {e}")));
			let _ = done.send(ProofDone { sequence, attempt, made, took: started.elapsed() });
		});
		self.running.insert(
			sequence,
			Running { attempt, started: Instant::now(), abort: task.abort_handle(), cancel },
		);
	}

	/// A job reported: free its place. `false` if the report is stale (the job was abandoned
	/// or replaced).
	pub fn finished(&mut self, done: &ProofDone) -> bool {
		match self.running.get(&done.sequence) {
			Some(r) if r.attempt == done.attempt => {
				self.running.remove(&done.sequence);
				true
			},
			_ => false,
		}
	}

	/// Give up the job for `sequence`; how long it ran, if it was running.
	pub fn abandon(&mut self, sequence: SequenceId) -> Option<Duration> {
		self.running.remove(&sequence).map(|r| {
			r.cancel.store(true, Ordering::Relaxed);
			r.abort.abort();
			r.started.elapsed()
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use zkmine_primitives::Hash32;

	/// A backend that sleeps `millis` then answers with the sequence number as the proof.
	struct Sleepy(u64);

	impl ProverBackend for Sleepy {
		fn name(&self) -> String {
			"sleepy".into()
		}
		fn accepts_key(&self, _: &Hash32) -> bool {
			true
		}
		fn prove(
			&self,
			request: &ProofRequest,
			_limit: Option<Duration>,
			cancel: &AtomicBool,
		) -> Result<Outcome> {
			let end = Instant::now() + Duration::from_millis(self.0);
			while Instant::now() < end {
				if cancel.load(Ordering::Relaxed) {
					anyhow::bail!("cancelled");
				}
				std::thread::sleep(Duration::from_millis(5));
			}
			Ok(Outcome::Proof(vec![request.sequence as u8]))
		}
	}

	fn request(sequence: u64) -> ProofRequest {
		ProofRequest {
			rollup: 0,
			sequence,
			key_version: 0,
			key_hash: [0; 32],
			public_inputs: vec![],
			batch: vec![],
		}
	}

	#[tokio::test]
	async fn a_slow_job_does_not_hold_back_a_fast_one_and_the_pool_is_bounded() {
		let (tx, mut rx) = mpsc::unbounded_channel();
		let mut pool = Pool::new(2, tx);
		pool.start(Arc::new(Sleepy(5_000)), request(1), None, |_| Ok(()));
		assert!(pool.has_room());
		pool.start(Arc::new(Sleepy(10)), request(2), None, |_| Ok(()));
		assert!(!pool.has_room(), "two jobs fill a pool of two");
		let first = rx.recv().await.expect("a result");
		assert_eq!(first.sequence, 2, "the fast job reports first");
		assert_eq!(first.made, Made::Proof(vec![2]));
		assert!(pool.finished(&first));
		assert!(pool.has_room() && pool.is_running(1) && !pool.is_running(2));
		// The slow job is abandoned: its place is free, and it never reports.
		assert!(pool.abandon(1).is_some());
		assert!(pool.is_empty());
		let late = tokio::time::timeout(Duration::from_millis(300), rx.recv()).await;
		assert!(late.is_err(), "an abandoned job reports nothing");
	}

	#[tokio::test]
	async fn a_proof_that_fails_its_check_is_invalid_and_stale_reports_are_ignored() {
		let (tx, mut rx) = mpsc::unbounded_channel();
		let mut pool = Pool::new(1, tx);
		pool.start(Arc::new(Sleepy(10)), request(3), None, |_| Err("does not verify".into()));
		let done = rx.recv().await.expect("a result");
		assert_eq!(done.made, Made::Invalid("does not verify".into()));
		assert!(pool.finished(&done));
		assert!(!pool.finished(&done), "a report is counted once");
	}
}
