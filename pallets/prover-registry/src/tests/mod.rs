//! Unit tests, split by topic. Every test runs through [`ExtBuilder::build_and_execute`],
//! which checks `try_state` and `integrity_test` after it.

use crate::{mock::*, Error, Event, HoldReason, ProverLedger, Provers, UnbondingChunk};
use frame_support::traits::fungible::{Inspect, InspectHold};

mod bonding;
mod deregister;
mod invariants;
mod register;
mod slashing;
mod staking_trait;
mod withdraw;

/// The registry's events since the last call, oldest first; clears the event log.
fn events() -> Vec<Event<Test>> {
	let events = System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::ProverRegistry(event) => Some(event),
			_ => None,
		})
		.collect();
	System::reset_events();
	events
}

/// The ledger of `who`, which must be registered.
fn ledger(who: AccountId) -> ProverLedger<Test> {
	Provers::<Test>::get(who).expect("registered prover")
}

/// The balance of `who` held as prover stake.
fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ProverStake.into(), &who)
}

/// The free balance of `who`.
fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// The total issuance.
fn issuance() -> Balance {
	Balances::total_issuance()
}

/// A signed origin of `who`.
fn origin(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Move to block `n`.
fn run_to_block(n: u64) {
	System::set_block_number(n);
}

/// An unbonding chunk of `value` unlocking at `unlock_at`.
fn chunk(value: Balance, unlock_at: u64) -> UnbondingChunk<Balance, u64> {
	UnbondingChunk { value, unlock_at }
}

/// The unbonding chunks of `who`.
fn chunks(who: AccountId) -> Vec<UnbondingChunk<Balance, u64>> {
	ledger(who).unbonding.into_inner()
}
