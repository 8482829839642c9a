//! Precomputed valid (verifying key, public inputs, proof) triples with 0 to
//! [`MAX_FIXTURE_PUBLIC_INPUTS`] public inputs, for benchmarks inside the WASM runtime
//! (where no prover is available) and for this crate's tests and criterion benchmark.
//!
//! The files under `verifiers/groth16/fixtures/` come from the demo rollup crate:
//! `cargo run -p zkmine-demo-rollup --bin demo-rollup -- fixtures --out verifiers/groth16/fixtures`
//! (deterministic; `cargo test -p zkmine-demo-rollup` checks that they are up to date).
//! The circuit with `n` public inputs proves knowledge of `w_i` with `w_i * w_i = x_i` for
//! every public input `x_i` (plus one constraint on private witnesses only).
//!
//! Only what is referenced gets linked: a runtime built without `runtime-benchmarks`
//! carries none of these bytes.

use alloc::vec::Vec;
use zkmine_primitives::FieldElement;

/// The largest number of public inputs a fixture exists for.
pub const MAX_FIXTURE_PUBLIC_INPUTS: u32 = 16;

/// One valid triple, in the wire format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fixture {
	/// The verifying key (compressed, canonical).
	pub verifying_key: &'static [u8],
	/// The public inputs, concatenated (32 bytes little-endian each).
	pub inputs: &'static [u8],
	/// A valid proof of `inputs` under `verifying_key` (compressed, canonical).
	pub proof: &'static [u8],
}

impl Fixture {
	/// The public inputs, one 32-byte field element each.
	pub fn public_inputs(&self) -> Vec<FieldElement> {
		self.inputs
			.chunks_exact(32)
			.filter_map(|c| FieldElement::try_from(c).ok())
			.collect()
	}
}

macro_rules! fixture_table {
	($n:expr; $($i:literal),* $(,)?) => {
		match $n {
			$(
				$i => Some(Fixture {
					verifying_key: include_bytes!(concat!("../fixtures/n", stringify!($i), ".vk")),
					inputs: include_bytes!(concat!("../fixtures/n", stringify!($i), ".inputs")),
					proof: include_bytes!(concat!("../fixtures/n", stringify!($i), ".proof")),
				}),
			)*
			_ => None,
		}
	};
}

/// The fixture with exactly `public_inputs` public inputs, if there is one
/// (`0..=MAX_FIXTURE_PUBLIC_INPUTS`).
pub fn fixture(public_inputs: u32) -> Option<Fixture> {
	fixture_table!(public_inputs; 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
}
