#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

pub mod circuit;
pub mod poseidon;
pub mod vectors;

use ark_groth16::{Groth16, ProvingKey, VerifyingKey};
use ark_serialize::{CanonicalSerialize, SerializationError};
use ark_snark::SNARK;
use ark_std::rand::{CryptoRng, RngCore};
use circuit::TransitionCircuit;
use core::fmt;
use zkmine_primitives::FieldElement;

pub use ark_bn254::{Bn254, Fr};
pub use ark_relations::gr1cs::SynthesisError;
pub use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
pub use zkmine_groth16_verifier::{encode_public_input, public_input as decode_public_input};

/// Number of public inputs of the transition circuit.
pub const PUBLIC_INPUTS: usize = 3;

/// What can go wrong in setup or proving.
#[derive(Debug)]
pub enum Error {
	/// A batch must hold at least one transaction.
	EmptyBatch,
	/// The batch does not have the size the keys were made for.
	BatchSizeMismatch {
		/// The keys' batch size.
		expected: usize,
		/// The batch's size.
		got: usize,
	},
	/// Constraint synthesis, setup or proving failed.
	Synthesis(SynthesisError),
	/// Serializing a key or proof failed.
	Serialization(SerializationError),
}

impl fmt::Display for Error {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::EmptyBatch => write!(f, "a batch must hold at least one transaction"),
			Self::BatchSizeMismatch { expected, got } => {
				write!(f, "the keys are for batches of {expected} transactions, got {got}")
			},
			Self::Synthesis(e) => write!(f, "constraint synthesis or proving failed: {e}"),
			Self::Serialization(e) => write!(f, "serialization failed: {e}"),
		}
	}
}

impl std::error::Error for Error {}

impl From<SynthesisError> for Error {
	fn from(e: SynthesisError) -> Self {
		Self::Synthesis(e)
	}
}

impl From<SerializationError> for Error {
	fn from(e: SerializationError) -> Self {
		Self::Serialization(e)
	}
}

/// Proving and verifying key of the transition circuit for one batch size.
#[derive(Clone, Debug)]
pub struct Keys {
	/// Number of transactions per batch.
	pub batch_size: usize,
	/// The Groth16 proving key.
	pub proving_key: ProvingKey<Bn254>,
	/// The Groth16 verifying key (also inside `proving_key`).
	pub verifying_key: VerifyingKey<Bn254>,
}

impl Keys {
	/// The verifying key in the wire format (what rollup registration takes).
	pub fn verifying_key_bytes(&self) -> Result<Vec<u8>, Error> {
		compressed(&self.verifying_key)
	}
}

/// One state transition, computed natively.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
	/// The state root before the batch.
	pub old_state_root: Fr,
	/// The state root after the batch.
	pub new_state_root: Fr,
	/// The hash of the batch.
	pub batch_hash: Fr,
}

impl Transition {
	/// The public inputs of this transition's proof, in the wire format, in circuit order.
	pub fn public_inputs(&self) -> Vec<FieldElement> {
		[self.old_state_root, self.new_state_root, self.batch_hash]
			.iter()
			.map(encode_public_input)
			.collect()
	}
}

/// Apply `transactions` to `old_state_root` (the native state transition function).
pub fn apply(old_state_root: Fr, transactions: &[Fr]) -> Transition {
	let batch_hash = poseidon::batch_hash(transactions);
	Transition {
		old_state_root,
		new_state_root: poseidon::next_state_root(old_state_root, batch_hash),
		batch_hash,
	}
}

/// A proved batch: what a prover reveals and what the sequencer submits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvedBatch {
	/// The proof in the wire format (128 bytes).
	pub proof: Vec<u8>,
	/// The public inputs in the wire format.
	pub public_inputs: Vec<FieldElement>,
	/// The transition the proof is about.
	pub transition: Transition,
}

/// Why batch data could not be decoded (see [`decode_batch`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchError {
	/// The length is not `32 * (1 + n)` with `n >= 1` transactions.
	BadLength(usize),
	/// Element `index` (0: the old state root) is not a canonical field element.
	NonCanonical {
		/// Position of the element in the batch.
		index: usize,
	},
}

impl fmt::Display for BatchError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Self::BadLength(len) => write!(
				f,
				"batch data of {len} bytes: expected 32 bytes of old state root and 32 per transaction"
			),
			Self::NonCanonical { index } => {
				write!(f, "batch element {index} is not a canonical field element")
			},
		}
	}
}

impl std::error::Error for BatchError {}

/// The batch data a sequencer puts in `submit_sequence` (data availability): the old state
/// root, then the transactions, each a field element in the wire format (32 bytes
/// little-endian).
pub fn encode_batch(old_state_root: Fr, transactions: &[Fr]) -> Vec<u8> {
	core::iter::once(&old_state_root)
		.chain(transactions)
		.flat_map(|e| encode_public_input(e))
		.collect()
}

/// The old state root and transactions of batch data made by [`encode_batch`]. Every
/// element must be canonical and there must be at least one transaction.
pub fn decode_batch(data: &[u8]) -> Result<(Fr, Vec<Fr>), BatchError> {
	if data.len() < 64 || data.len() % 32 != 0 {
		return Err(BatchError::BadLength(data.len()));
	}
	let mut elements = data.chunks_exact(32).enumerate().map(|(index, chunk)| {
		FieldElement::try_from(chunk)
			.ok()
			.and_then(|bytes| decode_public_input(&bytes).ok())
			.ok_or(BatchError::NonCanonical { index })
	});
	let old_state_root = elements.next().ok_or(BatchError::BadLength(data.len()))??;
	let transactions = elements.collect::<Result<Vec<_>, _>>()?;
	Ok((old_state_root, transactions))
}

/// Canonical compressed serialization.
pub fn compressed<T: CanonicalSerialize>(value: &T) -> Result<Vec<u8>, Error> {
	let mut out = Vec::with_capacity(value.compressed_size());
	value.serialize_compressed(&mut out)?;
	Ok(out)
}

/// Deterministic Groth16 setup of the transition circuit for `batch_size` transactions
/// (ChaCha20 seeded with `seed`). Demo only: the seed reveals the toxic waste.
pub fn setup(seed: u64, batch_size: usize) -> Result<Keys, Error> {
	if batch_size == 0 {
		return Err(Error::EmptyBatch);
	}
	let mut rng = ChaCha20Rng::seed_from_u64(seed);
	let (proving_key, verifying_key) =
		Groth16::<Bn254>::circuit_specific_setup(TransitionCircuit::blank(batch_size), &mut rng)?;
	Ok(Keys { batch_size, proving_key, verifying_key })
}

/// Prove the transition of `transactions` from `old_state_root`. Groth16 proofs are
/// randomized: different `rng` states give different (all valid) proofs.
pub fn prove<R: RngCore + CryptoRng>(
	keys: &Keys,
	old_state_root: Fr,
	transactions: &[Fr],
	rng: &mut R,
) -> Result<ProvedBatch, Error> {
	if transactions.len() != keys.batch_size {
		return Err(Error::BatchSizeMismatch {
			expected: keys.batch_size,
			got: transactions.len(),
		});
	}
	let transition = apply(old_state_root, transactions);
	let circuit = TransitionCircuit {
		batch_size: keys.batch_size,
		old_state_root: Some(transition.old_state_root),
		new_state_root: Some(transition.new_state_root),
		batch_hash: Some(transition.batch_hash),
		transactions: Some(transactions.to_vec()),
	};
	let proof = Groth16::<Bn254>::prove(&keys.proving_key, circuit, rng)?;
	Ok(ProvedBatch {
		proof: compressed(&proof)?,
		public_inputs: transition.public_inputs(),
		transition,
	})
}

/// `0x`-prefixed lowercase hex.
pub fn to_hex(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// Parse `0x`-prefixed (or bare) hex.
pub fn from_hex(s: &str) -> Result<Vec<u8>, hex::FromHexError> {
	hex::decode(s.strip_prefix("0x").unwrap_or(s))
}

/// Parse a field element: canonical decimal (`"42"`, below the modulus, no leading zeros)
/// or the wire format as hex (`"0x2a00…00"`, 32 bytes little-endian).
pub fn parse_field(s: &str) -> Option<Fr> {
	if s.starts_with("0x") {
		let bytes = FieldElement::try_from(from_hex(s).ok()?.as_slice()).ok()?;
		decode_public_input(&bytes).ok()
	} else {
		let value: Fr = s.parse().ok()?;
		(value.to_string() == s).then_some(value)
	}
}
