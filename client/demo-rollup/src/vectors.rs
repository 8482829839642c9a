//! Deterministic generation of the committed test vectors (`test-vectors/groth16/*.json`)
//! and of the verifier's benchmark fixtures (`verifiers/groth16/fixtures/`).
//!
//! Every random choice comes from a ChaCha20 generator with a fixed seed, so the output is
//! byte-for-byte reproducible; `cargo test -p zkmine-demo-rollup` regenerates both sets and
//! compares them with the committed files.
//!
//! The expected outcome of each case is set by how the case is built (a truncated proof is
//! malformed, a proof of another statement does not verify...), not by running the verifier;
//! where a defect's outcome depends on the curve (a flipped bit may or may not leave a point
//! on the curve) it is decided with independent arithmetic (a Legendre symbol, a scalar
//! multiplication by the group order).

use crate::{apply, circuit::SquaresCircuit, compressed, prove, setup, to_hex, Error, Fr};
use ark_bn254::{Bn254, Fq, Fq2, G2Affine};
use ark_ec::{short_weierstrass::SWCurveConfig, AffineRepr};
use ark_ff::{BigInt, BigInteger, Field, LegendreSymbol, PrimeField, UniformRand, Zero};
use ark_groth16::Groth16;
use ark_snark::SNARK;
use rand_chacha::{rand_core::SeedableRng, ChaCha20Rng};
use serde::Serialize;
use zkmine_primitives::FieldElement;

/// Seed of the demo rollup's deterministic setup.
pub const DEMO_SETUP_SEED: u64 = 2609;
/// Batch size of the demo rollup's vectors.
pub const DEMO_BATCH_SIZE: usize = 4;
/// `max_public_inputs` passed to `validate_verifying_key` unless a case says otherwise
/// (the runtime's suggested `MaxPublicInputs`).
pub const DEFAULT_MAX_PUBLIC_INPUTS: u32 = 16;
/// The largest number of public inputs a benchmark fixture is made for.
pub const MAX_FIXTURE_PUBLIC_INPUTS: u32 = 16;

/// Header of every vector file.
#[derive(Clone, Debug, Serialize)]
pub struct CaseFile {
	/// What the file holds and how it was made.
	pub description: String,
	/// The cases.
	pub cases: Vec<Case>,
}

/// One verifier test case. Expectations are strings: `"true"`/`"false"` (`verify`), a number
/// of inputs (`validate_verifying_key`), `"ok"` (`validate_public_inputs`), or the name of a
/// `VerifierError` variant.
#[derive(Clone, Debug, Serialize)]
pub struct Case {
	/// Unique name.
	pub name: String,
	/// What is special about it.
	pub description: String,
	/// Verifying key, hex.
	pub verifying_key: String,
	/// Public inputs, hex (32 bytes little-endian each, unless the case says otherwise).
	pub public_inputs: Vec<String>,
	/// Proof, hex.
	pub proof: String,
	/// Expected `verify(verifying_key, public_inputs, proof)`.
	pub expect_verify: String,
	/// `max_public_inputs` for `validate_verifying_key`.
	pub max_public_inputs: u32,
	/// Expected `validate_verifying_key(verifying_key, max_public_inputs)`.
	pub expect_validate_verifying_key: String,
	/// Expected `validate_public_inputs(verifying_key, public_inputs)`.
	pub expect_validate_public_inputs: String,
	/// Provenance of a proof made by the demo rollup: the sequence.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub sequence: Option<SequenceInfo>,
}

/// A demo-rollup sequence and the prover's rng seed.
#[derive(Clone, Debug, Serialize)]
pub struct SequenceInfo {
	/// Old state root (wire format, hex).
	pub old_state_root: String,
	/// Transactions (wire format, hex).
	pub transactions: Vec<String>,
	/// Seed of the ChaCha20 rng given to `prove`.
	pub prover_rng_seed: u64,
}

/// The demo verifying key file.
#[derive(Clone, Debug, Serialize)]
pub struct KeyFile {
	/// What the file holds.
	pub description: String,
	/// Seed of the setup.
	pub setup_seed: u64,
	/// Transactions per batch.
	pub batch_size: usize,
	/// Public inputs the key expects.
	pub public_input_count: usize,
	/// The key, hex.
	pub verifying_key: String,
}

const MALFORMED_KEY: &str = "MalformedVerifyingKey";
const MALFORMED_PROOF: &str = "MalformedProof";
const NON_CANONICAL: &str = "NonCanonicalPublicInput";
const COUNT_MISMATCH: &str = "PublicInputCountMismatch";
const TOO_MANY: &str = "TooManyPublicInputs";

/// The statement and proofs the cases are derived from.
struct Base {
	vk: Vec<u8>,
	inputs: Vec<FieldElement>,
	proof: Vec<u8>,
}

impl Base {
	/// A case with this base's key, inputs and proof, expected valid; edit from there.
	fn case(&self, name: &str, description: &str) -> Case {
		Case {
			name: name.into(),
			description: description.into(),
			verifying_key: to_hex(&self.vk),
			public_inputs: self.inputs.iter().map(|i| to_hex(i)).collect(),
			proof: to_hex(&self.proof),
			expect_verify: "true".into(),
			max_public_inputs: DEFAULT_MAX_PUBLIC_INPUTS,
			expect_validate_verifying_key: (self.inputs.len()).to_string(),
			expect_validate_public_inputs: "ok".into(),
			sequence: None,
		}
	}
}

fn with_proof(mut c: Case, proof: &[u8], expect: &str) -> Case {
	c.proof = to_hex(proof);
	c.expect_verify = expect.into();
	c
}

fn with_inputs(mut c: Case, inputs: &[FieldElement], verify: &str, validate: &str) -> Case {
	c.public_inputs = inputs.iter().map(|i| to_hex(i)).collect();
	c.expect_verify = verify.into();
	c.expect_validate_public_inputs = validate.into();
	c
}

/// A defective key: `verify` and `validate_verifying_key` fail with a malformed key;
/// `validate_public_inputs` reads only the length structure, so it passes (`structure_ok`)
/// or fails like the others.
fn with_key(mut c: Case, vk: &[u8], structure_ok: bool) -> Case {
	c.verifying_key = to_hex(vk);
	c.expect_verify = MALFORMED_KEY.into();
	c.expect_validate_verifying_key = MALFORMED_KEY.into();
	if !structure_ok {
		c.expect_validate_public_inputs = MALFORMED_KEY.into();
	}
	c
}

fn flip(bytes: &[u8], byte: usize, bit: u8) -> Vec<u8> {
	let mut out = bytes.to_vec();
	if let Some(b) = out.get_mut(byte) {
		*b ^= 1 << bit;
	}
	out
}

/// Whether 32 bytes (little-endian, flags in the top two bits) are the compressed x of a
/// G1 point: x below the modulus and `x^3 + 3` a square (G1 has cofactor 1).
fn g1_x_on_curve(bytes: &[u8]) -> bool {
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		let mut le = [0u8; 8];
		le.copy_from_slice(chunk);
		*limb = u64::from_le_bytes(le);
	}
	limbs[3] &= 0x3fff_ffff_ffff_ffff; // the two flag bits
	let Some(x) = Fq::from_bigint(BigInt::new(limbs)) else {
		return false;
	};
	let rhs = x * x * x + ark_bn254::g1::Config::COEFF_B;
	!matches!(rhs.legendre(), LegendreSymbol::QuadraticNonResidue)
}

/// The compressed encoding of a G2 point on the curve but outside the prime-order subgroup.
fn g2_point_outside_subgroup() -> Result<Vec<u8>, Error> {
	let mut x = Fq2::new(Fq::from(1u64), Fq::from(0u64));
	loop {
		if let Some(p) = G2Affine::get_point_from_x_unchecked(x, true) {
			let in_subgroup = p.mul_bigint(Fr::MODULUS).is_zero();
			if p.is_on_curve() && !in_subgroup {
				return compressed(&p);
			}
		}
		x += Fq2::ONE;
	}
}

/// Replace `part` (byte range) of `bytes` with `with`.
fn splice(bytes: &[u8], at: usize, with: &[u8]) -> Vec<u8> {
	let mut out = bytes.to_vec();
	if let Some(slot) = out.get_mut(at..at + with.len()) {
		slot.copy_from_slice(with);
	}
	out
}

fn field_hex(values: &[Fr]) -> Vec<String> {
	values.iter().map(|v| to_hex(&crate::encode_public_input(v))).collect()
}

/// Add `r` to a canonical input (the result still fits 32 bytes: `2r < 2^255`).
fn plus_modulus(input: &FieldElement) -> FieldElement {
	let mut carry = 0u16;
	let modulus = Fr::MODULUS.to_bytes_le();
	let mut out = [0u8; 32];
	for ((o, a), b) in out.iter_mut().zip(input.iter()).zip(modulus.iter()) {
		let s = u16::from(*a) + u16::from(*b) + carry;
		*o = (s & 0xff) as u8;
		carry = s >> 8;
	}
	out
}

/// The committed test vectors: `(file name, contents)`.
pub fn test_vectors() -> Result<Vec<(String, String)>, Error> {
	let keys = setup(DEMO_SETUP_SEED, DEMO_BATCH_SIZE)?;
	let vk = keys.verifying_key_bytes()?;

	// Sequence A from the genesis root 0, then sequence B from A's new root.
	let txs_a: Vec<Fr> = (1..=DEMO_BATCH_SIZE as u64).map(Fr::from).collect();
	let txs_b: Vec<Fr> = (1..=DEMO_BATCH_SIZE as u64).map(|i| Fr::from(100 + i)).collect();
	let genesis = Fr::from(0u64);
	let root_a = apply(genesis, &txs_a).new_state_root;

	let mut valid = Vec::new();
	let mut proofs_a = Vec::new();
	for seed in 1..=3u64 {
		let p = prove(&keys, genesis, &txs_a, &mut ChaCha20Rng::seed_from_u64(seed))?;
		let base = Base { vk: vk.clone(), inputs: p.public_inputs.clone(), proof: p.proof.clone() };
		let mut c = base.case(
			&format!("sequence_a_proof_{seed}"),
			"valid proof of sequence A (genesis root 0, transactions 1..=4)",
		);
		c.sequence = Some(SequenceInfo {
			old_state_root: to_hex(&crate::encode_public_input(&genesis)),
			transactions: field_hex(&txs_a),
			prover_rng_seed: seed,
		});
		valid.push(c);
		proofs_a.push(p);
	}
	let proved_b = prove(&keys, root_a, &txs_b, &mut ChaCha20Rng::seed_from_u64(4))?;
	let base_b = Base {
		vk: vk.clone(),
		inputs: proved_b.public_inputs.clone(),
		proof: proved_b.proof.clone(),
	};
	let mut c = base_b.case(
		"sequence_b_proof_1",
		"valid proof of sequence B (A's new root, transactions 101..=104)",
	);
	c.sequence = Some(SequenceInfo {
		old_state_root: to_hex(&crate::encode_public_input(&root_a)),
		transactions: field_hex(&txs_b),
		prover_rng_seed: 4,
	});
	valid.push(c);

	let [a1, a2, ..] = proofs_a.as_slice() else {
		return Err(Error::EmptyBatch);
	};
	let base = Base { vk: vk.clone(), inputs: a1.public_inputs.clone(), proof: a1.proof.clone() };
	let proof = &a1.proof;

	// ---- well formed, does not verify ----
	let mut invalid = vec![
		with_proof(
			base.case("proof_b_inputs_a", "proof of sequence B against sequence A's inputs"),
			&proved_b.proof,
			"false",
		),
		with_inputs(
			base.case("proof_a_inputs_b", "proof of sequence A against sequence B's inputs"),
			&proved_b.public_inputs,
			"false",
			"ok",
		),
	];
	let mut swapped = a1.public_inputs.clone();
	swapped.swap(1, 2);
	invalid.push(with_inputs(
		base.case("proof_a_inputs_swapped", "new_state_root and batch_hash swapped"),
		&swapped,
		"false",
		"ok",
	));
	let mixed = [&a1.proof[..32], &a2.proof[32..]].concat();
	invalid.push(with_proof(
		base.case("proof_a_mixed", "A from proof 1, B and C from proof 2 (two valid proofs)"),
		&mixed,
		"false",
	));
	let infinity_g1 = {
		let mut b = vec![0u8; 32];
		b[31] = 0x40;
		b
	};
	let infinity_g2 = {
		let mut b = vec![0u8; 64];
		b[63] = 0x40;
		b
	};
	invalid.push(with_proof(
		base.case("proof_all_infinity", "A, B and C the point at infinity (canonical encoding)"),
		&[infinity_g1.clone(), infinity_g2.clone(), infinity_g1.clone()].concat(),
		"false",
	));
	// Bit flips in A's x coordinate: the first one that stays on the curve gives a well
	// formed proof that does not verify, the first that leaves it a malformed proof.
	let mut flips_on = None;
	let mut flips_off = None;
	for bit in 0..(31 * 8) {
		let flipped = flip(proof, bit / 8, (bit % 8) as u8);
		let on = g1_x_on_curve(flipped.get(..32).unwrap_or_default());
		if on && flips_on.is_none() {
			flips_on = Some((bit, flipped));
		} else if !on && flips_off.is_none() {
			flips_off = Some((bit, flipped));
		}
		if flips_on.is_some() && flips_off.is_some() {
			break;
		}
	}
	if let Some((bit, flipped)) = &flips_on {
		invalid.push(with_proof(
			base.case(
				"proof_bitflip_a_on_curve",
				&format!("bit {bit} of A flipped; the new x is still on the curve"),
			),
			flipped,
			"false",
		));
	}

	// ---- malformed proofs ----
	let mut malformed = vec![
		with_proof(base.case("proof_empty", "empty proof"), &[], MALFORMED_PROOF),
		with_proof(
			base.case("proof_truncated", "last byte of a valid proof removed"),
			&proof[..proof.len() - 1],
			MALFORMED_PROOF,
		),
		with_proof(
			base.case("proof_extended", "a zero byte appended to a valid proof"),
			&[proof.as_slice(), &[0]].concat(),
			MALFORMED_PROOF,
		),
		with_proof(
			base.case(
				"proof_bitflip_b",
				"lowest bit of B's x flipped (off the curve or the subgroup)",
			),
			&flip(proof, 32, 0),
			MALFORMED_PROOF,
		),
		with_proof(
			base.case("proof_both_flags", "A with both flag bits set"),
			&splice(proof, 31, &[proof[31] | 0xc0]),
			MALFORMED_PROOF,
		),
		with_proof(
			base.case("proof_infinity_with_x", "A flagged infinity but with a non-zero x"),
			&splice(proof, 31, &[(proof[31] & 0x3f) | 0x40]),
			MALFORMED_PROOF,
		),
		with_proof(
			base.case("proof_x_above_modulus", "A's x = 2^254 - 1 (>= the base field modulus)"),
			&splice(proof, 0, &[[0xffu8; 31].as_slice(), &[0x3f]].concat()),
			MALFORMED_PROOF,
		),
		with_proof(
			base.case(
				"proof_b_outside_subgroup",
				"B on the curve but not in the prime-order subgroup",
			),
			&splice(proof, 32, &g2_point_outside_subgroup()?),
			MALFORMED_PROOF,
		),
	];
	if let Some((bit, flipped)) = &flips_off {
		malformed.push(with_proof(
			base.case(
				"proof_bitflip_a_off_curve",
				&format!("bit {bit} of A flipped; the new x is off the curve"),
			),
			flipped,
			MALFORMED_PROOF,
		));
	}

	// ---- malformed public inputs ----
	let modulus: FieldElement = {
		let mut m = [0u8; 32];
		m.copy_from_slice(&Fr::MODULUS.to_bytes_le());
		m
	};
	let replace_first = |with: FieldElement| {
		let mut v = a1.public_inputs.clone();
		v[0] = with;
		v
	};
	malformed.extend([
		with_inputs(
			base.case("input_equal_to_modulus", "old_state_root replaced by r"),
			&replace_first(modulus),
			NON_CANONICAL,
			NON_CANONICAL,
		),
		with_inputs(
			base.case("input_plus_modulus", "old_state_root + r: the same residue, not canonical"),
			&replace_first(plus_modulus(&a1.public_inputs[0])),
			NON_CANONICAL,
			NON_CANONICAL,
		),
		with_inputs(
			base.case("input_all_ones", "old_state_root replaced by 2^256 - 1"),
			&replace_first([0xff; 32]),
			NON_CANONICAL,
			NON_CANONICAL,
		),
		with_inputs(
			base.case("inputs_none", "no public inputs"),
			&[],
			COUNT_MISMATCH,
			COUNT_MISMATCH,
		),
		with_inputs(
			base.case("inputs_too_few", "two public inputs for a key expecting three"),
			&a1.public_inputs[..2],
			COUNT_MISMATCH,
			COUNT_MISMATCH,
		),
		with_inputs(
			base.case("inputs_too_many", "four public inputs for a key expecting three"),
			&[a1.public_inputs.as_slice(), &[[0u8; 32]]].concat(),
			COUNT_MISMATCH,
			COUNT_MISMATCH,
		),
	]);

	// ---- malformed verifying keys ----
	let mut rng = ChaCha20Rng::seed_from_u64(0x6a72_6261_6765);
	let garbage: Vec<u8> = (0..300).map(|_| u8::rand(&mut rng)).collect();
	let same_length: Vec<u8> = (0..vk.len()).map(|_| u8::rand(&mut rng)).collect();
	let same_length = splice(&same_length, 224, &4u64.to_le_bytes());
	let zero_points = splice(&vk[..232], 224, &0u64.to_le_bytes());
	malformed.extend([
		with_key(base.case("vk_empty", "empty verifying key"), &[], false),
		with_key(base.case("vk_garbage", "300 random bytes"), &garbage, false),
		with_key(
			base.case(
				"vk_garbage_same_length",
				"random bytes of a real key's length with its length field",
			),
			&same_length,
			true,
		),
		with_key(base.case("vk_truncated", "last byte removed"), &vk[..vk.len() - 1], false),
		with_key(
			base.case("vk_extended", "a zero byte appended"),
			&[vk.as_slice(), &[0]].concat(),
			false,
		),
		with_key(
			base.case("vk_length_field_wrong", "length field says 5 points, 4 follow"),
			&splice(&vk, 224, &5u64.to_le_bytes()),
			false,
		),
		with_key(
			base.case("vk_length_field_huge", "length field u64::MAX"),
			&splice(&vk, 224, &u64::MAX.to_le_bytes()),
			false,
		),
		with_key(base.case("vk_zero_points", "no gamma_abc_g1 point at all"), &zero_points, false),
		with_key(
			base.case("vk_bitflip_beta", "lowest bit of beta_g2's x flipped"),
			&flip(&vk, 32, 0),
			true,
		),
		with_key(
			base.case("vk_gamma_infinity", "gamma_g2 the point at infinity (degenerate key)"),
			&splice(&vk, 96, &infinity_g2),
			true,
		),
		with_key(
			base.case(
				"vk_input_point_infinity",
				"gamma_abc_g1[1] the point at infinity (unbinds input 0)",
			),
			&splice(&vk, 232 + 32, &infinity_g1),
			true,
		),
	]);
	let mut too_many = base.case(
		"vk_too_many_inputs",
		"a valid key and proof, but registration allows only 2 public inputs",
	);
	too_many.max_public_inputs = 2;
	too_many.expect_validate_verifying_key = TOO_MANY.into();
	malformed.push(too_many);

	let key_file = KeyFile {
		description: format!(
			"Demo rollup verifying key: zkmine-demo-rollup setup(seed {DEMO_SETUP_SEED}, batch size \
			 {DEMO_BATCH_SIZE}); public inputs (old_state_root, new_state_root, batch_hash)"
		),
		setup_seed: DEMO_SETUP_SEED,
		batch_size: DEMO_BATCH_SIZE,
		public_input_count: crate::PUBLIC_INPUTS,
		verifying_key: to_hex(&vk),
	};
	let files = [
		(
			"valid.json",
			"valid proofs: three of sequence A (different prover rng seeds), one of sequence B",
			valid,
		),
		(
			"invalid.json",
			"well-formed keys, inputs and proofs that do not verify: Ok(false)",
			invalid,
		),
		(
			"malformed.json",
			"malformed keys, proofs and inputs: each gives a specific VerifierError",
			malformed,
		),
	];
	let mut out = vec![("verifying_key.json".to_string(), json(&key_file)?)];
	for (name, description, cases) in files {
		out.push((name.to_string(), json(&CaseFile { description: description.into(), cases })?));
	}
	Ok(out)
}

fn json<T: Serialize>(value: &T) -> Result<String, Error> {
	serde_json::to_string_pretty(value)
		.map(|s| s + "\n")
		.map_err(|e| Error::Serialization(ark_serialize::SerializationError::IoError(e.into())))
}

/// The verifier's benchmark fixtures: `(file name, bytes)`, three files per number of
/// public inputs `n` in `0..=MAX_FIXTURE_PUBLIC_INPUTS`: `n{n}.vk`, `n{n}.inputs`
/// (concatenated 32-byte inputs), `n{n}.proof`. The inputs are squares of random field
/// elements, so they are full-size scalars as in real use.
pub fn fixtures() -> Result<Vec<(String, Vec<u8>)>, Error> {
	let mut out = Vec::new();
	for n in 0..=MAX_FIXTURE_PUBLIC_INPUTS {
		let count = n as usize;
		let seed = 0xF1C5_0000u64 + u64::from(n);
		let mut rng = ChaCha20Rng::seed_from_u64(seed);
		let (pk, vk) = Groth16::<Bn254>::circuit_specific_setup(
			SquaresCircuit { public_inputs: count, roots: None },
			&mut rng,
		)?;
		let roots: Vec<Fr> = (0..count).map(|_| Fr::rand(&mut rng)).collect();
		let inputs: Vec<u8> =
			roots.iter().flat_map(|w| crate::encode_public_input(&(*w * w))).collect();
		let proof = Groth16::<Bn254>::prove(
			&pk,
			SquaresCircuit { public_inputs: count, roots: Some(roots) },
			&mut rng,
		)?;
		out.push((format!("n{n}.vk"), compressed(&vk)?));
		out.push((format!("n{n}.inputs"), inputs));
		out.push((format!("n{n}.proof"), compressed(&proof)?));
	}
	Ok(out)
}
