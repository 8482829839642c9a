//! Unit tests, split by topic. Every test runs in [`crate::mock::ExtBuilder::build_and_execute`],
//! which checks `do_try_state`, the staking notifications and the total issuance afterwards.

mod errors;
mod fairness;
mod invariants;
mod lifecycle;
mod pool;
mod rewards;
mod rollups;
mod runtime_api;
mod settlement;
mod slashing;
mod weights;
mod windows;
