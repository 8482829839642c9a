//! Native verification time, on the committed fixtures with 0, 1, 3, 8 and 16 public inputs,
//! of what the chain runs and of the references, in the same run:
//!
//! * `verify_prepared`: `Groth16Bn254::verify` on a prepared key (what a reveal costs; the
//!   host function runs exactly this);
//! * `prepare_key`: validating and preparing a wire-format key (what registration costs,
//!   and what a reveal no longer pays);
//! * `validate_compressed_key`: arkworks decoding the compressed key with point and subgroup
//!   checks alone (the part of preparation that storing validated uncompressed points saves);
//! * `verify_wire`: preparing then verifying (a client holding only the wire-format key);
//! * `arkworks_prepared_verify`: arkworks' `Groth16::verify_proof` with a key prepared once
//!   (`prepare_verifying_key`, which also keeps the G2 line coefficients of gamma and delta);
//! * `arkworks_prepare_and_verify`: arkworks preparing the key on every call;
//! * `arkworks_decode_proof`: arkworks decoding the compressed proof with point and subgroup
//!   checks (what every reveal must do, and `arkworks_prepared_verify` leaves out);
//! * `arkworks_decode_and_prepared_verify`: both, i.e. a reveal's cryptographic work with
//!   everything that depends on the key alone precomputed, G2 line coefficients included.
//!
//! It also prints the sizes of the wire-format key, the prepared key and arkworks' prepared
//! key. `cargo bench -p zkmine-groth16-verifier --bench verify`

use ark_bn254::{Bn254, Fr};
use ark_groth16::{prepare_verifying_key, Groth16, Proof, VerifyingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use zkmine_groth16_verifier::{fixtures::fixture, public_input, Groth16Bn254};
use zkmine_primitives::ProofVerifier;

fn verify(c: &mut Criterion) {
	let mut group = c.benchmark_group("groth16_bn254");
	for n in [0u32, 1, 3, 8, 16] {
		let Some(f) = fixture(n) else { continue };
		let inputs = f.public_inputs();
		let prepared = Groth16Bn254::prepare_verifying_key(f.verifying_key, 16).expect("valid key");
		assert_eq!(Groth16Bn254::verify(&prepared.bytes, &inputs, f.proof), Ok(true));
		group.bench_with_input(BenchmarkId::new("verify_prepared", n), &n, |b, _| {
			b.iter(|| {
				Groth16Bn254::verify(
					black_box(&prepared.bytes),
					black_box(&inputs),
					black_box(f.proof),
				)
			})
		});
		group.bench_with_input(BenchmarkId::new("prepare_key", n), &n, |b, _| {
			b.iter(|| Groth16Bn254::prepare_verifying_key(black_box(f.verifying_key), 16))
		});
		group.bench_with_input(BenchmarkId::new("validate_compressed_key", n), &n, |b, _| {
			b.iter(|| VerifyingKey::<Bn254>::deserialize_compressed(black_box(f.verifying_key)))
		});
		group.bench_with_input(BenchmarkId::new("verify_wire", n), &n, |b, _| {
			b.iter(|| {
				Groth16Bn254::verify_wire(
					black_box(f.verifying_key),
					black_box(&inputs),
					black_box(f.proof),
				)
			})
		});

		// The wire format is arkworks' compressed serialization of the key and the proof.
		let vk = VerifyingKey::<Bn254>::deserialize_compressed(f.verifying_key).expect("vk");
		let proof = Proof::<Bn254>::deserialize_compressed(f.proof).expect("proof");
		let fr: Vec<Fr> =
			inputs.iter().map(|i| public_input(i).expect("canonical input")).collect();
		let pvk = prepare_verifying_key(&vk);
		assert_eq!(Groth16::<Bn254>::verify_proof(&pvk, &proof, &fr).ok(), Some(true));
		eprintln!(
			"sizes, {n} inputs: wire-format key {} bytes, prepared key {} bytes, arkworks prepared key {} bytes (uncompressed)",
			f.verifying_key.len(),
			prepared.bytes.len(),
			pvk.uncompressed_size(),
		);
		group.bench_with_input(BenchmarkId::new("arkworks_prepared_verify", n), &n, |b, _| {
			b.iter(|| {
				Groth16::<Bn254>::verify_proof(black_box(&pvk), black_box(&proof), black_box(&fr))
			})
		});
		group.bench_with_input(BenchmarkId::new("arkworks_decode_proof", n), &n, |b, _| {
			b.iter(|| Proof::<Bn254>::deserialize_compressed(black_box(f.proof)))
		});
		group.bench_with_input(
			BenchmarkId::new("arkworks_decode_and_prepared_verify", n),
			&n,
			|b, _| {
				b.iter(|| {
					let proof =
						Proof::<Bn254>::deserialize_compressed(black_box(f.proof)).expect("proof");
					Groth16::<Bn254>::verify_proof(black_box(&pvk), &proof, black_box(&fr))
				})
			},
		);
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
