//! Unit tests, split by topic. Every test runs in [`crate::mock::ExtBuilder::build_and_execute`],
//! which checks `do_try_state`, the staking notifications and the total issuance afterwards.

mod errors;
mod fairness;
mod fees;
mod invariants;
mod lifecycle;
mod open_rollups;
mod pool;
mod proofs;
mod rewards;
mod rollups;
mod runtime_api;
mod settlement;
mod slashing;
mod weights;
mod windows;
