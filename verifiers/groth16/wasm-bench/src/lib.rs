//! Measurement harness, not part of the workspace: `Groth16Bn254` compiled to
//! `wasm32v1-none` exactly as the runtime compiles it (no_std, no host functions), exporting
//! `verify(n, iterations)` and `validate(n, iterations)` over the committed fixtures, so that
//! a standalone WASM engine (wasmtime with Cranelift, as the node uses) can time it.
//! See `README.md` beside this file.
#![no_std]

extern crate alloc;

use core::{
	alloc::{GlobalAlloc, Layout},
	cell::UnsafeCell,
};
use zkmine_groth16_verifier::{fixtures::fixture, Groth16Bn254};
use zkmine_primitives::ProofVerifier;

const HEAP_SIZE: usize = 16 << 20;

/// A bump allocator over a static arena; `repeat` frees by restoring its mark.
struct Bump {
	heap: UnsafeCell<[u8; HEAP_SIZE]>,
	next: UnsafeCell<usize>,
}

// Single-threaded WASM instance.
unsafe impl Sync for Bump {}

static HEAP: Bump = Bump { heap: UnsafeCell::new([0; HEAP_SIZE]), next: UnsafeCell::new(0) };

struct Global;

unsafe impl GlobalAlloc for Global {
	unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
		let base = HEAP.heap.get() as usize;
		let next = &mut *HEAP.next.get();
		let start = (base + *next + layout.align() - 1) & !(layout.align() - 1);
		let end = start + layout.size();
		if end > base + HEAP_SIZE {
			return core::ptr::null_mut();
		}
		*next = end - base;
		start as *mut u8
	}

	unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

#[global_allocator]
static ALLOCATOR: Global = Global;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
	core::arch::wasm32::unreachable()
}

/// Run `f` `iterations` times, freeing its allocations after each run; count `true`s.
fn repeat(iterations: u32, f: impl Fn() -> bool) -> u32 {
	let mut ok = 0;
	for _ in 0..iterations {
		let mark = unsafe { *HEAP.next.get() };
		ok += u32::from(f());
		unsafe { *HEAP.next.get() = mark };
	}
	ok
}

/// `Groth16Bn254::verify` on the fixture with `n` inputs and its prepared key (prepared
/// once, outside the loop), `iterations` times; returns the number of `Ok(true)` results
/// (`u32::MAX` if there is no such fixture).
#[no_mangle]
pub extern "C" fn verify(n: u32, iterations: u32) -> u32 {
	let Some(f) = fixture(n) else { return u32::MAX };
	let Ok(key) = Groth16Bn254::prepare_verifying_key(f.verifying_key, 16) else { return 0 };
	let inputs = f.public_inputs();
	repeat(iterations, || Groth16Bn254::verify(&key.bytes, &inputs, f.proof) == Ok(true))
}

/// `Groth16Bn254::prepare_verifying_key` on the fixture key with `n` inputs.
#[no_mangle]
pub extern "C" fn validate(n: u32, iterations: u32) -> u32 {
	let Some(f) = fixture(n) else { return u32::MAX };
	repeat(iterations, || {
		Groth16Bn254::prepare_verifying_key(f.verifying_key, 16).map(|k| k.public_inputs) == Ok(n)
	})
}
