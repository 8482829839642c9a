//! # zkmine-miner
//!
//! The prover client of zkmine: it follows the chain, proves the sequences of the rollups it
//! can prove (the demo rollup), commits `blake2_256(proof_hash ++ SCALE(account))` in the
//! commit window, reveals the proof in the reveal window (never before `T + C + 1`), and
//! reports what it earned. It also runs the demo rollup's sequencer, the prover-registry
//! calls (`register`, `bond`, `unbond`, `withdraw`, `deregister`, `status`), a rollup team's
//! calls (`rollup register`, `submit`, `subsidise`, `fetch-proof`, ...) and the snarkjs
//! converter (`convert`).
//!
//! Types come from the runtime's metadata (`metadata/zkmine.scale`, checked in) through
//! `#[subxt::subxt]`; `runtime/tests/metadata.rs` fails when the file is stale.
#![warn(missing_docs)]

pub mod account;
pub mod backend;
pub mod chain;
pub mod convert;
pub mod keys;
pub mod logging;
pub mod mine;
pub mod progress;
pub mod prover;
pub mod rollup;
pub mod sequencer;
pub mod shutdown;
pub mod units;

/// The zkmine runtime's calls, events, errors, storage and runtime APIs, generated from
/// `metadata/zkmine.scale` (regenerate with
/// `ZKMINE_UPDATE_METADATA=1 cargo test -p zkmine-runtime --test metadata`).
#[allow(missing_docs, clippy::all)]
#[subxt::subxt(runtime_metadata_path = "metadata/zkmine.scale", derive_for_all_types = "Clone")]
pub mod zkmine {}

/// Log an event at `info` level under the target `$role` (`miner`, `sequencer`, ...), a
/// constant: `RUST_LOG=miner=debug` selects it. Logs go to stderr ([`logging`]).
#[macro_export]
macro_rules! say {
	($role:expr, $($arg:tt)*) => {
		::tracing::info!(target: $role, $($arg)*)
	};
}

/// Like [`say!`], at `warn` level: connection trouble, a sequence given up, a slash.
#[macro_export]
macro_rules! warn {
	($role:expr, $($arg:tt)*) => {
		::tracing::warn!(target: $role, $($arg)*)
	};
}
