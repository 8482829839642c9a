//! The snarkjs vectors of `test-vectors/snarkjs/` (made by
//! `examples/circom-rollup/make-vectors.sh` with the real snarkjs) convert, verify with the
//! chain's verifier, and round-trip.

mod common;

use ark_bn254::{Fq, Fr, G1Affine};
use ark_ff::{BigInteger, Field, PrimeField};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use common::*;
use serde_json::Value;
use std::str::FromStr;
use zkmine_formats::*;
use zkmine_groth16_verifier::Groth16Bn254;

#[test]
fn every_vector_converts_to_wire_sizes() {
	let c = converted();
	assert_eq!(c.vk.len(), 264 + 32 * 3);
	assert_eq!(u64::from_le_bytes(c.vk[224..232].try_into().unwrap()), 4);
	for n in 0..2 {
		assert_eq!(c.proofs[n].len(), 128);
		assert_eq!(c.inputs[n].len(), 3);
	}
	assert_ne!(c.proofs[0], c.proofs[1]);
	assert_ne!(c.inputs[0], c.inputs[1]);
}

#[test]
fn converted_proofs_verify_with_the_chains_verifier() {
	let c = converted();
	for n in 0..2 {
		assert_eq!(Groth16Bn254::verify_wire(&c.vk, &c.inputs[n], &c.proofs[n]), Ok(true), "{n}");
	}
}

#[test]
fn a_proof_with_the_other_pairs_inputs_does_not_verify() {
	let c = converted();
	assert_eq!(Groth16Bn254::verify_wire(&c.vk, &c.inputs[1], &c.proofs[0]), Ok(false));
	assert_eq!(Groth16Bn254::verify_wire(&c.vk, &c.inputs[0], &c.proofs[1]), Ok(false));
	// Inputs in another order do not verify either.
	let mut swapped = c.inputs[0].clone();
	swapped.swap(1, 2);
	assert_eq!(Groth16Bn254::verify_wire(&c.vk, &swapped, &c.proofs[0]), Ok(false));
}

#[test]
fn public_inputs_are_the_circuits_public_signals_in_order_little_endian() {
	let c = converted();
	for n in 1..=2 {
		let input = input_json(n);
		for (i, name) in ["old_root", "new_root", "batch_hash"].iter().enumerate() {
			let value = Fr::from_str(input[name].as_str().unwrap()).unwrap();
			assert_eq!(
				c.inputs[n - 1][i],
				zkmine_groth16_verifier::encode_public_input(&value),
				"{n} {name}"
			);
		}
	}
	// Batch 1 starts from the genesis root 0; batch 2 from batch 1's new root.
	assert_eq!(c.inputs[0][0], [0u8; 32]);
	assert_eq!(c.inputs[1][0], c.inputs[0][1]);
}

#[test]
fn snarkjs_json_round_trips_byte_for_byte() {
	// What this crate writes is exactly what snarkjs wrote.
	let c = converted();
	assert_eq!(verifying_key_to_snarkjs(&c.vk).unwrap(), vk_json());
	for n in 1..=2 {
		assert_eq!(proof_to_snarkjs(&c.proofs[n - 1]).unwrap(), proof_json(n), "proof {n}");
		assert_eq!(public_inputs_to_snarkjs(&c.inputs[n - 1]).unwrap(), public_json(n));
	}
}

#[test]
fn wire_round_trips_through_snarkjs_json() {
	let c = converted();
	let vk_json = verifying_key_to_snarkjs(&c.vk).unwrap();
	assert_eq!(verifying_key_from_snarkjs(&vk_json).unwrap(), c.vk);
	for n in 0..2 {
		let json = proof_to_snarkjs(&c.proofs[n]).unwrap();
		assert_eq!(proof_from_snarkjs(&json).unwrap(), c.proofs[n]);
		let json = public_inputs_to_snarkjs(&c.inputs[n]).unwrap();
		assert_eq!(public_inputs_from_snarkjs(&json).unwrap(), c.inputs[n]);
	}
	// Edge values of the inputs.
	let edges = [[0u8; 32], zkmine_groth16_verifier::encode_public_input(&-Fr::ONE)];
	let json = public_inputs_to_snarkjs(&edges).unwrap();
	assert_eq!(
		json,
		"[\n \"0\",\n \"21888242871839275222246405745257275088548364400416034343698204186575808495616\"\n]"
	);
	assert_eq!(public_inputs_from_snarkjs(&json).unwrap(), edges);
	assert_eq!(public_inputs_to_snarkjs(&[]).unwrap(), "[]");
	assert_eq!(public_inputs_from_snarkjs("[]").unwrap(), Vec::<[u8; 32]>::new());
}

#[test]
fn the_wire_bytes_follow_the_mapping_table() {
	// pi_a = [x, y, "1"] -> le32(x) with the y flag in bit 7 of byte 31.
	let c = converted();
	let proof: Value = serde_json::from_str(&proof_json(1)).unwrap();
	let x = Fq::from_str(proof["pi_a"][0].as_str().unwrap()).unwrap();
	let y = Fq::from_str(proof["pi_a"][1].as_str().unwrap()).unwrap();
	let mut expected = x.into_bigint().to_bytes_le();
	if y > -y {
		expected[31] |= 0x80;
	}
	assert_eq!(c.proofs[0][..32], expected[..]);
	// pi_b[0] = [x_c0, x_c1] -> le32(x_c0) || le32(x_c1).
	let x0 = Fq::from_str(proof["pi_b"][0][0].as_str().unwrap()).unwrap();
	let x1 = Fq::from_str(proof["pi_b"][0][1].as_str().unwrap()).unwrap();
	assert_eq!(c.proofs[0][32..64], x0.into_bigint().to_bytes_le()[..]);
	assert_eq!(c.proofs[0][64..96][..31], x1.into_bigint().to_bytes_le()[..31]);
	// The key: alpha, beta, gamma, delta, n_points, IC.
	let vk: Value = serde_json::from_str(&vk_json()).unwrap();
	let ic2 = G1Affine::deserialize_compressed(&c.vk[232 + 64..232 + 96]).unwrap();
	assert_eq!(ic2.x.into_bigint().to_string(), vk["IC"][2][0].as_str().unwrap());
	assert_eq!(ic2.y.into_bigint().to_string(), vk["IC"][2][1].as_str().unwrap());
	let mut alpha = Vec::new();
	G1Affine::deserialize_compressed(&c.vk[..32])
		.unwrap()
		.serialize_compressed(&mut alpha)
		.unwrap();
	assert_eq!(alpha, c.vk[..32]);
}

#[test]
fn snarkjs_g2_order_is_real_part_first() {
	// Reading pi_b's coordinates as [c1, c0] (the Solidity calldata order) gives no point
	// of the curve, so the order is not a matter of convention that could go unnoticed.
	let swapped = edited(&proof_json(1), |v| {
		for coord in 0..2 {
			let pair = v["pi_b"][coord].as_array_mut().unwrap();
			pair.swap(0, 1);
		}
	});
	assert_eq!(
		proof_from_snarkjs(&swapped).unwrap_err().to_string(),
		"pi_b: point not on the curve"
	);
}

#[test]
fn snarkjs_does_not_negate_pi_a() {
	// With -pi_a (y -> q - y), the proof no longer verifies: the file holds A itself.
	let c = converted();
	let negated = edited(&proof_json(1), |v| {
		let y = Fq::from_str(v["pi_a"][1].as_str().unwrap()).unwrap();
		v["pi_a"][1] = Value::String((-y).into_bigint().to_string());
	});
	let proof = proof_from_snarkjs(&negated).unwrap();
	assert_eq!(proof[..31], c.proofs[0][..31]);
	assert_eq!(proof[31] ^ c.proofs[0][31], 0x80, "only the flag differs");
	assert_eq!(Groth16Bn254::verify_wire(&c.vk, &c.inputs[0], &proof), Ok(false));
}

#[test]
fn vk_alphabeta_12_is_optional_and_checked() {
	let c = converted();
	let without = edited(&vk_json(), |v| {
		v.as_object_mut().unwrap().remove("vk_alphabeta_12");
	});
	assert_eq!(verifying_key_from_snarkjs(&without).unwrap(), c.vk);
	let tampered = edited(&vk_json(), |v| {
		v["vk_alphabeta_12"][1][2][0] = Value::String("1".into());
	});
	assert_eq!(
		verifying_key_from_snarkjs(&tampered).unwrap_err().to_string(),
		"vk_alphabeta_12: not the pairing e(vk_alpha_1, vk_beta_2)"
	);
}

#[test]
fn affine_points_without_z_are_read_as_snarkjs_reads_them() {
	let c = converted();
	let affine = edited(&proof_json(2), |v| {
		for name in ["pi_a", "pi_b", "pi_c"] {
			v[name].as_array_mut().unwrap().pop();
		}
	});
	assert_eq!(proof_from_snarkjs(&affine).unwrap(), c.proofs[1]);
	// Leading zeros are harmless.
	let padded = edited(&proof_json(2), |v| {
		let x = v["pi_c"][0].as_str().unwrap().to_owned();
		v["pi_c"][0] = Value::String(format!("000{x}"));
	});
	assert_eq!(proof_from_snarkjs(&padded).unwrap(), c.proofs[1]);
}

#[test]
fn points_at_infinity_are_allowed_in_proofs_only() {
	let c = converted();
	let json = edited(&proof_json(1), |v| {
		v["pi_a"] = serde_json::json!(["0", "1", "0"]);
		v["pi_b"] = serde_json::json!([["0", "0"], ["1", "0"], ["0", "0"]]);
	});
	let proof = proof_from_snarkjs(&json).unwrap();
	let mut inf_g1 = [0u8; 32];
	inf_g1[31] = 0x40;
	let mut inf_g2 = [0u8; 64];
	inf_g2[63] = 0x40;
	assert_eq!(proof[..32], inf_g1);
	assert_eq!(proof[32..96], inf_g2);
	assert_eq!(Groth16Bn254::verify_wire(&c.vk, &c.inputs[0], &proof), Ok(false));
	// And it comes back as snarkjs writes it.
	let back: Value = serde_json::from_str(&proof_to_snarkjs(&proof).unwrap()).unwrap();
	assert_eq!(back, serde_json::from_str::<Value>(&json).unwrap());
}
