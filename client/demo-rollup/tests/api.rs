//! The library API a miner client uses: setup, native transition, prove.

use zkmine_demo_rollup::{
	apply, encode_public_input, parse_field, poseidon, prove, setup, ChaCha20Rng, Error, Fr,
	SeedableRng, PUBLIC_INPUTS,
};
use zkmine_groth16_verifier::Groth16Bn254;
use zkmine_primitives::ProofVerifier;

fn txs(from: u64, n: usize) -> Vec<Fr> {
	(from..from + n as u64).map(Fr::from).collect()
}

#[test]
fn proofs_verify_on_chain_and_are_randomized() {
	let keys = setup(7, 2).expect("setup");
	let vk = keys.verifying_key_bytes().expect("vk");
	assert_eq!(
		Groth16Bn254::prepare_verifying_key(&vk, 16).map(|k| k.public_inputs),
		Ok(PUBLIC_INPUTS as u32)
	);

	let old = Fr::from(5u64);
	let batch = txs(10, 2);
	let p1 = prove(&keys, old, &batch, &mut ChaCha20Rng::seed_from_u64(1)).expect("prove");
	let p2 = prove(&keys, old, &batch, &mut ChaCha20Rng::seed_from_u64(2)).expect("prove");
	assert_ne!(p1.proof, p2.proof, "Groth16 proofs are randomized");
	assert_eq!(p1.public_inputs, p2.public_inputs);
	for p in [&p1, &p2] {
		assert_eq!(Groth16Bn254::verify_wire(&vk, &p.public_inputs, &p.proof), Ok(true));
	}

	// The public inputs are the native transition, in circuit order.
	let t = apply(old, &batch);
	assert_eq!(p1.transition, t);
	assert_eq!(t.batch_hash, poseidon::batch_hash(&batch));
	assert_eq!(t.new_state_root, poseidon::next_state_root(old, t.batch_hash));
	assert_eq!(
		p1.public_inputs,
		vec![
			encode_public_input(&old),
			encode_public_input(&t.new_state_root),
			encode_public_input(&t.batch_hash)
		]
	);

	// A chain of two batches: the second starts from the first's new root.
	let p3 = prove(&keys, t.new_state_root, &txs(20, 2), &mut ChaCha20Rng::seed_from_u64(3))
		.expect("prove");
	assert_eq!(Groth16Bn254::verify_wire(&vk, &p3.public_inputs, &p3.proof), Ok(true));
	assert_eq!(Groth16Bn254::verify_wire(&vk, &p1.public_inputs, &p3.proof), Ok(false));
}

#[test]
fn setup_is_deterministic_per_seed_and_batch_size() {
	let a = setup(1, 1).expect("setup").verifying_key_bytes().expect("vk");
	let b = setup(1, 1).expect("setup").verifying_key_bytes().expect("vk");
	let c = setup(2, 1).expect("setup").verifying_key_bytes().expect("vk");
	assert_eq!(a, b);
	assert_ne!(a, c);
	assert!(matches!(setup(1, 0), Err(Error::EmptyBatch)));
}

#[test]
fn batch_size_must_match_the_keys() {
	let keys = setup(3, 3).expect("setup");
	let r = prove(&keys, Fr::from(0u64), &txs(1, 2), &mut ChaCha20Rng::seed_from_u64(1));
	assert!(matches!(r, Err(Error::BatchSizeMismatch { expected: 3, got: 2 })));
}

#[test]
fn field_elements_parse_only_when_canonical() {
	assert_eq!(parse_field("42"), Some(Fr::from(42u64)));
	assert_eq!(parse_field("042"), None);
	assert_eq!(parse_field(""), None);
	assert_eq!(parse_field("-1"), None);
	let r = "21888242871839275222246405745257275088548364400416034343698204186575808495617";
	assert_eq!(parse_field(r), None);
	let r_minus_1 = "21888242871839275222246405745257275088548364400416034343698204186575808495616";
	assert_eq!(parse_field(r_minus_1), Some(-Fr::from(1u64)));
	let hex = format!("0x2a{}", "00".repeat(31));
	assert_eq!(parse_field(&hex), Some(Fr::from(42u64)));
	assert_eq!(parse_field("0x2a"), None, "hex must be 32 bytes");
	assert_eq!(parse_field(&format!("0x{}", "ff".repeat(32))), None);
}

#[test]
fn batch_data_round_trips_and_rejects_bad_input() {
	use zkmine_demo_rollup::{decode_batch, encode_batch, BatchError};

	let old = Fr::from(5u64);
	let batch = txs(10, 4);
	let data = encode_batch(old, &batch);
	assert_eq!(data.len(), 5 * 32);
	assert_eq!(&data[..32], &encode_public_input(&old));
	assert_eq!(&data[32..64], &encode_public_input(&batch[0]));
	assert_eq!(decode_batch(&data), Ok((old, batch)));

	// No transaction, a partial element, nothing at all.
	assert_eq!(decode_batch(&data[..32]), Err(BatchError::BadLength(32)));
	assert_eq!(decode_batch(&data[..100]), Err(BatchError::BadLength(100)));
	assert_eq!(decode_batch(&[]), Err(BatchError::BadLength(0)));
	// A non-canonical element (all ones is above the modulus) is named by its position.
	let mut bad = data.clone();
	bad[64..96].fill(0xFF);
	assert_eq!(decode_batch(&bad), Err(BatchError::NonCanonical { index: 2 }));
}

/// The chain refuses a sequence whose statement (rollup, key version, public inputs) equals
/// that of an unfinished one. The demo rollup's inputs chain state roots: each batch starts
/// from the previous batch's new root, so consecutive batches (even with the very same
/// transactions) are distinct statements.
#[test]
fn consecutive_batches_have_distinct_statements() {
	use zkmine_primitives::statement_hash;
	let same = txs(1, 4);
	let mut root = Fr::from(0u64);
	let mut seen = std::collections::BTreeSet::new();
	for _ in 0..16 {
		let t = apply(root, &same);
		assert_eq!(t.old_state_root, root, "a batch starts from the previous new root");
		assert!(seen.insert(statement_hash(0, 0, &t.public_inputs())), "a statement repeated");
		root = t.new_state_root;
	}
	// The very same batch on the same root is the same statement: refused while unfinished.
	let again = apply(Fr::from(0u64), &same);
	assert!(!seen.insert(statement_hash(0, 0, &again.public_inputs())));
}
