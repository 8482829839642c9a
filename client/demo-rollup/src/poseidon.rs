//! The Poseidon sponge of the demo rollup and its two hash functions, computed natively
//! (outside the circuit). The circuit ([`crate::circuit`]) computes the same functions
//! with the `ark-crypto-primitives` Poseidon sponge gadget over the same parameters.
//!
//! Parameters (BN254 scalar field `Fr`), as the Poseidon paper's recommendation for a
//! width-3 permutation at 128-bit security (the same numbers as circomlib's `t = 3`):
//!
//! | parameter | value |
//! |---|---|
//! | state width | 3 (rate 2, capacity 1) |
//! | S-box | `x^5` |
//! | full rounds | 8 |
//! | partial rounds | 57 |
//! | round constants and MDS matrix | arkworks' Grain LFSR generation (`find_poseidon_ark_and_mds`, prime bits 254, skip 0 matrices) |
//!
//! The round constants come from arkworks' Grain LFSR, so the hash is **not** interoperable
//! with circomlib's Poseidon. It is a demo: the parameters have not been audited.
//!
//! Hash functions (sponge: absorb all elements in order, squeeze one element):
//! * `batch_hash(txs) = Sponge(DOMAIN_BATCH, len(txs), txs[0], ..., txs[len-1])`
//! * `next_state_root(old, batch_hash) = Sponge(DOMAIN_STATE, old, batch_hash)`
//!
//! The leading domain tag keeps the two functions apart (without it a one-transaction
//! batch hash would equal a state root), and the length keeps batches of different sizes
//! apart (the sponge does not pad, so `[x]` and `[x, 0]` would collide).

use ark_bn254::Fr;
use ark_crypto_primitives::sponge::{
	poseidon::{find_poseidon_ark_and_mds, PoseidonConfig, PoseidonSponge},
	CryptographicSponge, FieldBasedCryptographicSponge,
};
use ark_ff::PrimeField;
use std::sync::OnceLock;

/// Sponge rate (field elements absorbed per permutation).
pub const RATE: usize = 2;
/// Sponge capacity.
pub const CAPACITY: usize = 1;
/// Number of full rounds.
pub const FULL_ROUNDS: usize = 8;
/// Number of partial rounds.
pub const PARTIAL_ROUNDS: usize = 57;
/// S-box exponent.
pub const ALPHA: u64 = 5;
/// Domain tag absorbed first by [`batch_hash`].
pub const DOMAIN_BATCH: u64 = 1;
/// Domain tag absorbed first by [`next_state_root`].
pub const DOMAIN_STATE: u64 = 2;

/// The Poseidon parameters (computed once).
pub fn config() -> &'static PoseidonConfig<Fr> {
	static CONFIG: OnceLock<PoseidonConfig<Fr>> = OnceLock::new();
	CONFIG.get_or_init(|| {
		let (ark, mds) = find_poseidon_ark_and_mds::<Fr>(
			u64::from(Fr::MODULUS_BIT_SIZE),
			RATE,
			FULL_ROUNDS as u64,
			PARTIAL_ROUNDS as u64,
			0,
		);
		PoseidonConfig::new(FULL_ROUNDS, PARTIAL_ROUNDS, ALPHA, mds, ark, RATE, CAPACITY)
	})
}

/// Absorb `elements` into a fresh sponge and squeeze one element.
pub fn sponge(elements: &[Fr]) -> Fr {
	let mut sponge = PoseidonSponge::new(config());
	sponge.absorb(&elements);
	sponge.squeeze_native_field_elements(1).first().copied().unwrap_or_default()
}

/// The hash of a batch of transactions: `Sponge(DOMAIN_BATCH, len, txs...)`.
pub fn batch_hash(transactions: &[Fr]) -> Fr {
	let mut elements = Vec::with_capacity(transactions.len() + 2);
	elements.push(Fr::from(DOMAIN_BATCH));
	elements.push(Fr::from(transactions.len() as u64));
	elements.extend_from_slice(transactions);
	sponge(&elements)
}

/// The state root after a batch: `Sponge(DOMAIN_STATE, old_state_root, batch_hash)`.
pub fn next_state_root(old_state_root: Fr, batch_hash: Fr) -> Fr {
	sponge(&[Fr::from(DOMAIN_STATE), old_state_root, batch_hash])
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn parameters_have_the_documented_shape() {
		let c = config();
		assert_eq!(c.ark.len(), FULL_ROUNDS + PARTIAL_ROUNDS);
		assert!(c.ark.iter().all(|row| row.len() == RATE + CAPACITY));
		assert_eq!(c.mds.len(), RATE + CAPACITY);
		assert_eq!((c.alpha, c.rate, c.capacity), (ALPHA, RATE, CAPACITY));
	}

	#[test]
	fn hashes_separate_domains_and_lengths() {
		let x = Fr::from(7u64);
		assert_ne!(batch_hash(&[x]), batch_hash(&[x, Fr::from(0u64)]));
		assert_ne!(batch_hash(&[x]), next_state_root(Fr::from(1u64), x));
		assert_ne!(batch_hash(&[x, Fr::from(1u64)]), batch_hash(&[Fr::from(1u64), x]));
		assert_eq!(batch_hash(&[x]), batch_hash(&[x]));
		// The functions are the documented sponge calls.
		assert_eq!(batch_hash(&[x]), sponge(&[Fr::from(DOMAIN_BATCH), Fr::from(1u64), x]));
		assert_eq!(next_state_root(x, x), sponge(&[Fr::from(DOMAIN_STATE), x, x]));
	}
}
