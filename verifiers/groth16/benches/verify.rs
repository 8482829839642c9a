//! Native verification time of `Groth16Bn254::verify` (decoding and validating key, inputs
//! and proof, then the pairing check) for 1, 3, 8 and 16 public inputs, on the committed
//! fixtures; and the parts: key validation alone, proof decoding alone.
//!
//! `cargo bench -p zkmine-groth16-verifier --bench verify`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use zkmine_groth16_verifier::{fixtures::fixture, Groth16Bn254};
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
	}
	group.finish();
}

criterion_group! {
	name = benches;
	config = Criterion::default().sample_size(30);
	targets = verify
}
criterion_main!(benches);
