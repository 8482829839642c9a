//! Native verification time of `Groth16Bn254::verify` (decoding and validating key, inputs
//! and proof, then the pairing check) for 0, 1, 3, 8 and 16 public inputs, on the committed
//! fixtures; key validation alone; and, in the same run, the reference: arkworks' own
//! `Groth16::verify_proof` with a key prepared once (`prepare_verifying_key`), and
//! arkworks preparing the key on every call (`Groth16::verify`).
//!
//! `cargo bench -p zkmine-groth16-verifier --bench verify`

use ark_bn254::{Bn254, Fr};
use ark_groth16::{prepare_verifying_key, Groth16, Proof, VerifyingKey};
use ark_serialize::CanonicalDeserialize;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use zkmine_groth16_verifier::{fixtures::fixture, public_input, Groth16Bn254};
use zkmine_primitives::ProofVerifier;

fn verify(c: &mut Criterion) {
	let mut group = c.benchmark_group("groth16_bn254");
	for n in [0u32, 1, 3, 8, 16] {
		let Some(f) = fixture(n) else { continue };
		let inputs = f.public_inputs();
		assert_eq!(Groth16Bn254::verify(f.verifying_key, &inputs, f.proof), Ok(true));
		group.bench_with_input(BenchmarkId::new("verify", n), &n, |b, _| {
			b.iter(|| {
				Groth16Bn254::verify(
					black_box(f.verifying_key),
					black_box(&inputs),
					black_box(f.proof),
				)
			})
		});
		group.bench_with_input(BenchmarkId::new("validate_verifying_key", n), &n, |b, _| {
			b.iter(|| Groth16Bn254::validate_verifying_key(black_box(f.verifying_key), 16))
		});

		// The wire format is arkworks' compressed serialization of the key and the proof.
		let vk = VerifyingKey::<Bn254>::deserialize_compressed(f.verifying_key).expect("vk");
		let proof = Proof::<Bn254>::deserialize_compressed(f.proof).expect("proof");
		let fr: Vec<Fr> =
			inputs.iter().map(|i| public_input(i).expect("canonical input")).collect();
		let pvk = prepare_verifying_key(&vk);
		assert_eq!(Groth16::<Bn254>::verify_proof(&pvk, &proof, &fr).ok(), Some(true));
		group.bench_with_input(BenchmarkId::new("arkworks_prepared_verify", n), &n, |b, _| {
			b.iter(|| {
				Groth16::<Bn254>::verify_proof(black_box(&pvk), black_box(&proof), black_box(&fr))
			})
		});
		group.bench_with_input(BenchmarkId::new("arkworks_prepare_and_verify", n), &n, |b, _| {
			b.iter(|| {
				let pvk = prepare_verifying_key(black_box(&vk));
				Groth16::<Bn254>::verify_proof(&pvk, black_box(&proof), black_box(&fr))
			})
		});
	}
	group.finish();
}

criterion_group! {
	name = benches;
	config = Criterion::default().sample_size(30);
	targets = verify
}
criterion_main!(benches);
