//! The R1CS circuits: the rollup's state transition, and the fixture circuit with any
//! number of public inputs used for the verifier's benchmark fixtures.

use crate::poseidon::{self, DOMAIN_BATCH, DOMAIN_STATE};
use ark_bn254::Fr;
use ark_crypto_primitives::sponge::{
	constraints::CryptographicSpongeVar, poseidon::constraints::PoseidonSpongeVar,
};
use ark_r1cs_std::{alloc::AllocVar, eq::EqGadget, fields::fp::FpVar, fields::FieldVar};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};

/// A value known to the prover, absent during setup.
fn known<T: Copy>(v: Option<T>) -> impl FnOnce() -> Result<T, SynthesisError> {
	move || v.ok_or(SynthesisError::AssignmentMissing)
}

/// Absorb `elements` into a fresh sponge gadget and squeeze one element.
fn sponge(
	cs: &ConstraintSystemRef<Fr>,
	elements: &[FpVar<Fr>],
) -> Result<FpVar<Fr>, SynthesisError> {
	let mut sponge = PoseidonSpongeVar::new(cs.clone(), poseidon::config());
	sponge.absorb(&elements)?;
	sponge.squeeze_field_elements(1)?.pop().ok_or(SynthesisError::Unsatisfiable)
}

/// The state transition of one batch of `batch_size` transactions.
///
/// Public inputs, in this order: `old_state_root`, `new_state_root`, `batch_hash`.
/// Witness: the transactions. Constraints:
/// `batch_hash = poseidon::batch_hash(txs)` and
/// `new_state_root = poseidon::next_state_root(old_state_root, batch_hash)`.
#[derive(Clone, Debug)]
pub struct TransitionCircuit {
	/// Number of transactions (fixes the circuit's shape).
	pub batch_size: usize,
	/// Public input 0 (`None` during setup).
	pub old_state_root: Option<Fr>,
	/// Public input 1.
	pub new_state_root: Option<Fr>,
	/// Public input 2.
	pub batch_hash: Option<Fr>,
	/// The witness: `batch_size` transactions (`None` during setup).
	pub transactions: Option<Vec<Fr>>,
}

impl TransitionCircuit {
	/// The circuit's shape alone, for setup.
	pub fn blank(batch_size: usize) -> Self {
		Self {
			batch_size,
			old_state_root: None,
			new_state_root: None,
			batch_hash: None,
			transactions: None,
		}
	}
}

impl ConstraintSynthesizer<Fr> for TransitionCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let old_root = FpVar::new_input(cs.clone(), known(self.old_state_root))?;
		let new_root = FpVar::new_input(cs.clone(), known(self.new_state_root))?;
		let batch_hash = FpVar::new_input(cs.clone(), known(self.batch_hash))?;

		let mut batch = Vec::with_capacity(self.batch_size + 2);
		batch.push(FpVar::constant(Fr::from(DOMAIN_BATCH)));
		batch.push(FpVar::constant(Fr::from(self.batch_size as u64)));
		for i in 0..self.batch_size {
			let tx = self.transactions.as_ref().and_then(|t| t.get(i).copied());
			batch.push(FpVar::new_witness(cs.clone(), known(tx))?);
		}
		sponge(&cs, &batch)?.enforce_equal(&batch_hash)?;

		let state = [FpVar::constant(Fr::from(DOMAIN_STATE)), old_root, batch_hash];
		sponge(&cs, &state)?.enforce_equal(&new_root)?;
		Ok(())
	}
}

/// A circuit with `inputs.len()` public inputs `x_i` and witnesses `w_i` such that
/// `w_i * w_i = x_i`, plus one constraint `a * b = c` on private witnesses only (so that
/// the circuit is never empty). Used for the verifier's benchmark fixtures.
#[derive(Clone, Debug)]
pub struct SquaresCircuit {
	/// Number of public inputs (fixes the circuit's shape).
	pub public_inputs: usize,
	/// The square roots `w_i` of the public inputs (`None` during setup).
	pub roots: Option<Vec<Fr>>,
}

impl ConstraintSynthesizer<Fr> for SquaresCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let roots = self.roots.as_deref();
		let mut witnesses = Vec::with_capacity(self.public_inputs);
		for i in 0..self.public_inputs {
			let w = roots.and_then(|r| r.get(i).copied());
			let x = FpVar::new_input(cs.clone(), known(w.map(|w| w * w)))?;
			witnesses.push((x, w));
		}
		for (x, w) in witnesses {
			let w = FpVar::new_witness(cs.clone(), known(w))?;
			(&w * &w).enforce_equal(&x)?;
		}
		let one = Some(Fr::from(1u64));
		let a = FpVar::new_witness(cs.clone(), known(one))?;
		let b = FpVar::new_witness(cs.clone(), known(one))?;
		let c = FpVar::new_witness(cs, known(one))?;
		(&a * &b).enforce_equal(&c)?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_relations::gr1cs::{ConstraintSystem, SynthesisMode};

	fn satisfied(c: impl ConstraintSynthesizer<Fr>) -> bool {
		let cs = ConstraintSystem::<Fr>::new_ref();
		c.generate_constraints(cs.clone()).expect("synthesis");
		cs.finalize();
		cs.is_satisfied().expect("satisfiability")
	}

	fn transition(old: Fr, txs: Vec<Fr>, tamper: impl Fn(&mut TransitionCircuit)) -> bool {
		let bh = poseidon::batch_hash(&txs);
		let mut c = TransitionCircuit {
			batch_size: txs.len(),
			old_state_root: Some(old),
			new_state_root: Some(poseidon::next_state_root(old, bh)),
			batch_hash: Some(bh),
			transactions: Some(txs),
		};
		tamper(&mut c);
		satisfied(c)
	}

	#[test]
	fn transition_circuit_matches_native_hashes() {
		let txs: Vec<Fr> = (1..=3u64).map(Fr::from).collect();
		assert!(transition(Fr::from(9u64), txs.clone(), |_| {}));
		assert!(
			!transition(Fr::from(9u64), txs.clone(), |c| c.old_state_root = Some(Fr::from(8u64)))
		);
		assert!(
			!transition(Fr::from(9u64), txs.clone(), |c| c.new_state_root = Some(Fr::from(8u64)))
		);
		assert!(!transition(Fr::from(9u64), txs.clone(), |c| c.batch_hash = Some(Fr::from(8u64))));
		assert!(!transition(Fr::from(9u64), txs, |c| {
			if let Some(t) = c.transactions.as_mut() {
				t.reverse();
			}
		}));
	}

	#[test]
	fn constraint_count_grows_with_the_batch() {
		let count = |n: usize| {
			let cs = ConstraintSystem::<Fr>::new_ref();
			cs.set_mode(SynthesisMode::Setup);
			TransitionCircuit::blank(n).generate_constraints(cs.clone()).expect("synthesis");
			cs.num_constraints()
		};
		let (one, four, eight) = (count(1), count(4), count(8));
		println!("constraints: batch 1: {one}, batch 4: {four}, batch 8: {eight}");
		assert!(one < four && four < eight);
	}

	#[test]
	fn squares_circuit_checks_roots() {
		let roots: Vec<Fr> = (2..5u64).map(Fr::from).collect();
		assert!(satisfied(SquaresCircuit { public_inputs: 3, roots: Some(roots) }));
		let cs = ConstraintSystem::<Fr>::new_ref();
		SquaresCircuit { public_inputs: 2, roots: Some(vec![Fr::from(2u64), Fr::from(3u64)]) }
			.generate_constraints(cs.clone())
			.expect("synthesis");
		// One instance variable for the constant 1 plus one per public input.
		assert_eq!(cs.num_instance_variables(), 3);
	}
}
