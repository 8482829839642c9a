//! The prover-registry commands: `register`, `bond`, `unbond`, `withdraw`, `deregister` and
//! `status`. Each transaction is waited for until finalized; the result is printed with
//! the events it caused, or the pallet's error name and documentation.

use crate::{
	chain::{fetch, Chain},
	keys::Key,
	units::format_units,
	zkmine::{self, runtime_types::pallet_prover_registry::pallet::Event as RegistryEvent, Event},
};
use anyhow::Result;
use serde_json::json;

/// A line for the registry's events.
fn describe(event: &Event) -> Option<String> {
	let Event::ProverRegistry(event) = event else { return None };
	Some(match event {
		RegistryEvent::Registered { stake, .. } => {
			format!("Registered: {} on hold", format_units(*stake))
		},
		RegistryEvent::Bonded { amount, bonded, .. } => {
			format!("Bonded {}; bonded now {}", format_units(*amount), format_units(*bonded))
		},
		RegistryEvent::UnbondingStarted { amount, unlock_at, bonded, .. } => format!(
			"UnbondingStarted: {} withdrawable from block #{unlock_at}; bonded now {}",
			format_units(*amount),
			format_units(*bonded)
		),
		RegistryEvent::Withdrawn { amount, .. } => {
			format!("Withdrawn: {} released", format_units(*amount))
		},
		RegistryEvent::Deregistered { .. } => "Deregistered".into(),
		RegistryEvent::BecameActive { bonded, .. } => {
			format!("BecameActive (bonded {})", format_units(*bonded))
		},
		RegistryEvent::BecameInactive { bonded, .. } => {
			format!("BecameInactive (bonded {}, below the minimum)", format_units(*bonded))
		},
		other => format!("{other:?}"),
	})
}

/// `register --stake`.
pub async fn register(chain: &Chain, key: &Key, stake: u128) -> Result<()> {
	chain
		.transact(key, "register", zkmine::tx().prover_registry().register(stake), describe)
		.await
		.map(drop)
}

/// `bond --amount`.
pub async fn bond(chain: &Chain, key: &Key, amount: u128) -> Result<()> {
	chain
		.transact(key, "bond_extra", zkmine::tx().prover_registry().bond_extra(amount), describe)
		.await
		.map(drop)
}

/// `unbond --amount`.
pub async fn unbond(chain: &Chain, key: &Key, amount: u128) -> Result<()> {
	chain
		.transact(key, "unbond", zkmine::tx().prover_registry().unbond(amount), describe)
		.await
		.map(drop)
}

/// `withdraw`.
pub async fn withdraw(chain: &Chain, key: &Key) -> Result<()> {
	chain
		.transact(
			key,
			"withdraw_unbonded",
			zkmine::tx().prover_registry().withdraw_unbonded(),
			describe,
		)
		.await
		.map(drop)
}

/// `deregister`.
pub async fn deregister(chain: &Chain, key: &Key) -> Result<()> {
	chain
		.transact(key, "deregister", zkmine::tx().prover_registry().deregister(), describe)
		.await
		.map(drop)
}

/// `status`: the prover's stake, activity, pending commitments and lifetime rewards and
/// slashes at the finalized block, as text or JSON (amounts in planck as strings).
pub async fn status(chain: &Chain, key: &Key, as_json: bool) -> Result<serde_json::Value> {
	let at = chain.api.at_current_block().await?;
	let number = at.block_number();
	let minimum = at.constants().entry(zkmine::constants().prover_registry().min_prover_stake())?;
	let free = fetch(&at, zkmine::storage().system().account(), (key.account,))
		.await?
		.map_or(0, |a| a.data.free);
	let ledger = fetch(&at, zkmine::storage().prover_registry().provers(), (key.account,)).await?;
	// The exposure rule is the chain's: ask it what a commitment made now would weigh.
	let capacity = crate::mine::io::capacity(&at, &key.account).await?;
	let next = capacity.next.as_ref();

	let value = match &ledger {
		None => json!({
			"account": key.account.to_string(),
			"block": number,
			"free": free.to_string(),
			"registered": false,
		}),
		Some(l) => json!({
			"account": key.account.to_string(),
			"block": number,
			"free": free.to_string(),
			"registered": true,
			"bonded": l.bonded.to_string(),
			"active": l.bonded >= minimum,
			"min_stake": minimum.to_string(),
			"unbonding": l.unbonding.0.iter().map(|c| json!({
				"value": c.value.to_string(),
				"unlock_at": c.unlock_at,
			})).collect::<Vec<_>>(),
			"pending_commitments": l.pending_commitments,
			"reserved": capacity.reserved.to_string(),
			"free_capacity": capacity.free.to_string(),
			"next_commitment": next.map(|e| json!({
				"stake": e.stake.to_string(),
				"reserved": e.reserved.to_string(),
			})),
			"rewarded": l.rewarded.to_string(),
			"slashed": l.slashed.to_string(),
		}),
	};
	if as_json {
		println!("{value}");
		return Ok(value);
	}
	println!("account              {}", key.account);
	println!("at finalized block   #{number}");
	println!("free balance         {}", format_units(free));
	match ledger {
		None => println!("registered           no (`zkmine-miner register --stake <ZKM>`)"),
		Some(l) => {
			let active = if l.bonded >= minimum { "yes" } else { "no, below the minimum" };
			println!("bonded stake         {}", format_units(l.bonded));
			println!("active               {active} (minimum {})", format_units(minimum));
			if l.unbonding.0.is_empty() {
				println!("unbonding            none");
			}
			for chunk in &l.unbonding.0 {
				let when = if u64::from(chunk.unlock_at) <= number {
					"withdrawable now".to_string()
				} else {
					format!("in {} blocks", u64::from(chunk.unlock_at) - number)
				};
				println!(
					"unbonding            {}, from block #{} ({when})",
					format_units(chunk.value),
					chunk.unlock_at
				);
			}
			println!("pending commitments  {}", l.pending_commitments);
			println!("reserved by them     {}", format_units(capacity.reserved));
			match next {
				Some(e) => println!(
					"free capacity        {} (a commitment now weighs {}, reserves {})",
					format_units(capacity.free),
					format_units(e.stake),
					format_units(e.reserved)
				),
				None => println!(
					"free capacity        {} (below the minimum: no new commitment until a round settles)",
					format_units(capacity.free)
				),
			}
			println!("rewards (lifetime)   {}", format_units(l.rewarded));
			println!("slashed (lifetime)   {}", format_units(l.slashed));
		},
	}
	Ok(value)
}
