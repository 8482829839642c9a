//! The weights this runtime configures itself, every one measured on the node by
//! `bash scripts/benchmark.sh --release` (stage `runtime`; `docs/BENCHMARKS.md` has the
//! figures and the commands). Generated files: do not edit them by hand.
//!
//! * [`block_weights`], [`extrinsic_weights`]: `benchmark overhead`, the execution of an empty
//!   block and the base of one extrinsic (a signed `system.remark`, its signature check and
//!   every transaction extension included), so the extensions' own weights below are charged
//!   on top of what the base already measured: conservative.
//! * [`paritydb_weights`]: `benchmark storage`, one read and one write of ParityDB, the node's
//!   only database (`--database paritydb` is its default and RocksDB is not compiled in), on a
//!   state of 100 040 keys with the trie cache off, writes in batches of 1 000 with the
//!   storage root computed. The generated comment calling ParityDB "experimental" is the
//!   benchmark template's text for other chains; here it is the runtime's `DbWeight`.
//! * [`frame_system_extensions`], [`pallet_transaction_payment`]: `benchmark pallet` of FRAME's
//!   transaction extensions (`CheckNonce`, `CheckMortality`, ..., `WeightReclaim`) and of
//!   `ChargeTransactionPayment`, with this runtime's `DbWeight`.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system_extensions;
pub mod pallet_transaction_payment;
// The benchmark template documents the fields of a struct literal.
#[allow(unused_doc_comments)]
pub mod paritydb_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
pub use paritydb_weights::constants::ParityDbWeight;
