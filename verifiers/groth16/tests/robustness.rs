//! Property tests: random, truncated, bit-flipped and non-canonical keys, proofs and inputs
//! give an error or `Ok(false)`, never a panic and never `Ok(true)`.

use proptest::prelude::*;
use zkmine_groth16_verifier::{fixtures::fixture, Groth16Bn254, PROOF_SIZE};
use zkmine_primitives::{FieldElement, ProofVerifier, VerifierError};

/// The wire-level checks the tests express (a wire-format key, prepared on the spot).
fn validate_vk(vk: &[u8], max: u32) -> Result<u32, VerifierError> {
	Groth16Bn254::prepare_verifying_key(vk, max).map(|k| k.public_inputs)
}

/// `validate_public_inputs` against the key prepared from `vk`.
fn validate_inputs(vk: &[u8], inputs: &[FieldElement]) -> Result<(), VerifierError> {
	let key = Groth16Bn254::prepare_verifying_key(vk, u32::MAX)?;
	Groth16Bn254::validate_public_inputs(&key.bytes, inputs)
}

/// BN254 scalar field modulus r, big-endian.
const R_BE: [u8; 32] = [
	0x30, 0x64, 0x4e, 0x72, 0xe1, 0x31, 0xa0, 0x29, 0xb8, 0x50, 0x45, 0xb6, 0x81, 0x81, 0x58, 0x5d,
	0x28, 0x33, 0xe8, 0x48, 0x79, 0xb9, 0x70, 0x91, 0x43, 0xe1, 0xf5, 0x93, 0xf0, 0x00, 0x00, 0x01,
];

/// The valid triple with three public inputs.
fn base() -> (Vec<u8>, Vec<FieldElement>, Vec<u8>) {
	let f = fixture(3).expect("fixture");
	(f.verifying_key.to_vec(), f.public_inputs(), f.proof.to_vec())
}

/// Whether a little-endian 32-byte value is below r (independent of the verifier's code).
fn below_modulus(le: &FieldElement) -> bool {
	let mut be = *le;
	be.reverse();
	be < R_BE
}

/// `value + r` (little-endian), if it fits 32 bytes.
fn plus_r(value: &FieldElement) -> Option<FieldElement> {
	let mut out = [0u8; 32];
	let mut carry = 0u16;
	for (i, o) in out.iter_mut().enumerate() {
		let s = u16::from(value[i]) + u16::from(R_BE[31 - i]) + carry;
		*o = s as u8;
		carry = s >> 8;
	}
	(carry == 0).then_some(out)
}

fn flip(bytes: &[u8], bit: usize) -> Vec<u8> {
	let mut out = bytes.to_vec();
	out[bit / 8] ^= 1 << (bit % 8);
	out
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

	#[test]
	fn random_proof_bytes_are_refused(proof in proptest::collection::vec(any::<u8>(), 0..=2 * PROOF_SIZE)) {
		let (vk, inputs, _) = base();
		let r = Groth16Bn254::verify_wire(&vk, &inputs, &proof);
		prop_assert!(matches!(r, Err(VerifierError::MalformedProof) | Ok(false)), "{r:?}");
	}

	#[test]
	fn truncated_proofs_are_malformed(len in 0..PROOF_SIZE) {
		let (vk, inputs, proof) = base();
		prop_assert_eq!(Groth16Bn254::verify_wire(&vk, &inputs, &proof[..len]), Err(VerifierError::MalformedProof));
	}

	#[test]
	fn bit_flipped_proofs_never_verify(bit in 0..PROOF_SIZE * 8) {
		let (vk, inputs, proof) = base();
		let r = Groth16Bn254::verify_wire(&vk, &inputs, &flip(&proof, bit));
		prop_assert!(matches!(r, Err(VerifierError::MalformedProof) | Ok(false)), "{r:?}");
	}

	#[test]
	fn random_keys_are_refused(vk in proptest::collection::vec(any::<u8>(), 0..600), max in 0u32..32) {
		let (_, inputs, proof) = base();
		let r = validate_vk(&vk, max);
		prop_assert!(matches!(r, Err(VerifierError::MalformedVerifyingKey | VerifierError::TooManyPublicInputs)), "{r:?}");
		let r = Groth16Bn254::verify_wire(&vk, &inputs, &proof);
		prop_assert!(matches!(r, Err(VerifierError::MalformedVerifyingKey)), "{r:?}");
	}

	#[test]
	fn truncated_keys_are_malformed(cut in 1usize..=360) {
		let (vk, inputs, proof) = base();
		let short = &vk[..vk.len().saturating_sub(cut)];
		prop_assert_eq!(validate_vk(short, 16), Err(VerifierError::MalformedVerifyingKey));
		prop_assert_eq!(Groth16Bn254::verify_wire(short, &inputs, &proof), Err(VerifierError::MalformedVerifyingKey));
		prop_assert_eq!(validate_inputs(short, &inputs), Err(VerifierError::MalformedVerifyingKey));
	}

	#[test]
	fn bit_flipped_keys_never_verify(bit in 0usize..360 * 8) {
		let (vk, inputs, proof) = base();
		let flipped = flip(&vk, bit);
		let r = validate_vk(&flipped, 16);
		prop_assert!(matches!(r, Ok(3) | Err(VerifierError::MalformedVerifyingKey)), "{r:?}");
		let r = Groth16Bn254::verify_wire(&flipped, &inputs, &proof);
		prop_assert!(matches!(r, Ok(false) | Err(VerifierError::MalformedVerifyingKey)), "{r:?}");
	}

	#[test]
	fn random_inputs_are_canonical_iff_below_the_modulus(values in proptest::collection::vec(any::<[u8; 32]>(), 3)) {
		let (vk, _, proof) = base();
		let canonical = values.iter().all(below_modulus);
		let expected = if canonical { Ok(()) } else { Err(VerifierError::NonCanonicalPublicInput) };
		prop_assert_eq!(validate_inputs(&vk, &values), expected);
		let r = Groth16Bn254::verify_wire(&vk, &values, &proof);
		let ok = if canonical { Ok(false) } else { Err(VerifierError::NonCanonicalPublicInput) };
		prop_assert_eq!(r, ok);
	}

	#[test]
	fn inputs_plus_the_modulus_are_non_canonical(index in 0usize..3) {
		let (vk, mut inputs, proof) = base();
		if let Some(shifted) = plus_r(&inputs[index]) {
			inputs[index] = shifted;
			prop_assert_eq!(validate_inputs(&vk, &inputs), Err(VerifierError::NonCanonicalPublicInput));
			prop_assert_eq!(Groth16Bn254::verify_wire(&vk, &inputs, &proof), Err(VerifierError::NonCanonicalPublicInput));
		}
	}

	#[test]
	fn wrong_input_counts_are_refused(count in 0usize..20) {
		prop_assume!(count != 3);
		let (vk, _, proof) = base();
		let inputs = vec![[1u8; 32]; count];
		prop_assert_eq!(validate_inputs(&vk, &inputs), Err(VerifierError::PublicInputCountMismatch));
		prop_assert_eq!(Groth16Bn254::verify_wire(&vk, &inputs, &proof), Err(VerifierError::PublicInputCountMismatch));
	}
}

#[test]
fn the_modulus_constant_is_r() {
	// r - 1 is canonical, r is not: checks R_BE against the verifier's own field.
	let mut r_minus_1 = R_BE;
	r_minus_1[31] -= 1;
	r_minus_1.reverse();
	let mut r = R_BE;
	r.reverse();
	let (vk, _, _) = base();
	assert_eq!(validate_inputs(&vk, &[r_minus_1, [0; 32], [0; 32]]), Ok(()));
	assert_eq!(
		validate_inputs(&vk, &[r, [0; 32], [0; 32]]),
		Err(VerifierError::NonCanonicalPublicInput)
	);
}
