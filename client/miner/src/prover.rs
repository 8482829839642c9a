//! The proving backend: the demo rollup (Groth16 over BN254, Poseidon state transition).
//!
//! A miner proves a sequence only if the rollup's verifying key on chain is the key its own
//! setup produces, the batch read from the block hashes to the sequence's `data_hash`, and
//! the batch's transition gives exactly the sequence's public inputs. Anything else is a
//! sequence it cannot prove, with the reason.

use anyhow::{anyhow, Result};
use std::fmt;
use zkmine_demo_rollup::{
	apply, decode_batch, prove, setup, BatchError, ChaCha20Rng, Fr, Keys, SeedableRng,
};
use zkmine_primitives::{batch_data_hash, FieldElement, Hash32};

/// The demo rollup's keys, as this miner derives them.
pub struct DemoProver {
	keys: Keys,
	verifying_key: Vec<u8>,
}

/// What a proof is about: the checked batch of one sequence.
#[derive(Clone, Debug)]
pub struct Job {
	/// The old state root.
	pub old_state_root: Fr,
	/// The transactions.
	pub transactions: Vec<Fr>,
}

/// Why a sequence cannot be proved by this miner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unprovable {
	/// The batch found in the block does not hash to the sequence's `data_hash`.
	DataHashMismatch,
	/// The batch does not decode as a demo-rollup batch.
	BadBatch(BatchError),
	/// The batch holds another number of transactions than the keys are for.
	BatchSize {
		/// Transactions per batch of the keys.
		expected: usize,
		/// Transactions in the batch.
		got: usize,
	},
	/// The batch's transition does not give the sequence's public inputs.
	PublicInputsMismatch,
}

impl fmt::Display for Unprovable {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::DataHashMismatch => {
				write!(f, "the batch does not match the sequence's data hash")
			},
			Self::BadBatch(e) => write!(f, "{e}"),
			Self::BatchSize { expected, got } => {
				write!(f, "the batch holds {got} transactions, the keys are for {expected}")
			},
			Self::PublicInputsMismatch => {
				write!(f, "the batch's state transition does not give the sequence's public inputs")
			},
		}
	}
}

impl DemoProver {
	/// Run the deterministic demo setup (`seed`, `batch_size`); about a second.
	pub fn new(seed: u64, batch_size: usize) -> Result<Self> {
		let keys = setup(seed, batch_size).map_err(|e| anyhow!("demo rollup setup: {e}"))?;
		let verifying_key =
			keys.verifying_key_bytes().map_err(|e| anyhow!("demo rollup key: {e}"))?;
		Ok(Self { keys, verifying_key })
	}

	/// The verifying key this miner's proofs verify against.
	pub fn verifying_key(&self) -> &[u8] {
		&self.verifying_key
	}

	/// Whether proofs of this miner verify against the on-chain key named `key_hash` (the
	/// chain stores keys prepared, and names them by the hash of the registered bytes).
	pub fn can_prove(&self, key_hash: &Hash32) -> bool {
		*key_hash == zkmine_primitives::verifying_key_hash(&self.verifying_key)
	}

	/// Check `batch` against the sequence's `data_hash` and `public_inputs`.
	pub fn job(
		&self,
		batch: &[u8],
		data_hash: &Hash32,
		public_inputs: &[FieldElement],
	) -> Result<Job, Unprovable> {
		if batch_data_hash(batch) != *data_hash {
			return Err(Unprovable::DataHashMismatch);
		}
		let (old_state_root, transactions) = decode_batch(batch).map_err(Unprovable::BadBatch)?;
		if transactions.len() != self.keys.batch_size {
			return Err(Unprovable::BatchSize {
				expected: self.keys.batch_size,
				got: transactions.len(),
			});
		}
		if apply(old_state_root, &transactions).public_inputs() != public_inputs {
			return Err(Unprovable::PublicInputsMismatch);
		}
		Ok(Job { old_state_root, transactions })
	}

	/// Prove `job` with fresh randomness from the operating system: every miner gets its
	/// own proof (and proof hash) of the same sequence.
	pub fn prove(&self, job: &Job) -> Result<Vec<u8>> {
		let mut seed = [0u8; 32];
		getrandom::getrandom(&mut seed).map_err(|e| anyhow!("no randomness: {e}"))?;
		let proved = prove(
			&self.keys,
			job.old_state_root,
			&job.transactions,
			&mut ChaCha20Rng::from_seed(seed),
		)
		.map_err(|e| anyhow!("proving failed: {e}"))?;
		Ok(proved.proof)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use zkmine_demo_rollup::encode_batch;
	use zkmine_groth16_verifier::Groth16Bn254;

	fn sequence(old: u64, from: u64) -> (Vec<u8>, Hash32, Vec<FieldElement>) {
		let txs: Vec<Fr> = (from..from + 2).map(Fr::from).collect();
		let batch = encode_batch(Fr::from(old), &txs);
		let hash = batch_data_hash(&batch);
		(batch, hash, apply(Fr::from(old), &txs).public_inputs())
	}

	#[test]
	fn proves_what_it_checked_and_refuses_the_rest() {
		let prover = DemoProver::new(7, 2).unwrap();
		let (batch, hash, inputs) = sequence(3, 10);
		let job = prover.job(&batch, &hash, &inputs).expect("a provable sequence");
		let (a, b) = (prover.prove(&job).unwrap(), prover.prove(&job).unwrap());
		assert_ne!(a, b, "fresh randomness per proof");
		for proof in [&a, &b] {
			assert_eq!(Groth16Bn254::verify_wire(prover.verifying_key(), &inputs, proof), Ok(true));
		}
		assert!(prover.can_prove(&zkmine_primitives::verifying_key_hash(prover.verifying_key())));
		assert!(!prover.can_prove(&zkmine_primitives::verifying_key_hash(&[0u8; 360])));

		// Another batch under this hash, other inputs, another size, garbage.
		let (other, other_hash, other_inputs) = sequence(3, 20);
		assert_eq!(prover.job(&other, &hash, &inputs).err(), Some(Unprovable::DataHashMismatch));
		assert_eq!(
			prover.job(&batch, &hash, &other_inputs).err(),
			Some(Unprovable::PublicInputsMismatch)
		);
		let three = encode_batch(Fr::from(3u64), &[Fr::from(1u64); 3]);
		assert_eq!(
			prover.job(&three, &batch_data_hash(&three), &other_inputs).err(),
			Some(Unprovable::BatchSize { expected: 2, got: 3 })
		);
		let garbage = vec![1u8; 33];
		assert_eq!(
			prover.job(&garbage, &batch_data_hash(&garbage), &inputs).err(),
			Some(Unprovable::BadBatch(BatchError::BadLength(33)))
		);
		assert!(prover.job(&other, &other_hash, &other_inputs).is_ok());
	}
}
