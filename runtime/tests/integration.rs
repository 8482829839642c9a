//! Runtime integration tests, run natively: genesis from the presets, a block with a signed
//! balance transfer, and the WASM blob.

mod common;

use common::{execute_block, new_ext, preset_config, signed};
use frame_support::traits::fungible::Inspect;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
use zkmine_runtime::{
	currency::UNIT, genesis_config_presets::DEV_ENDOWMENT, Balances, Runtime, RuntimeCall,
	RuntimeEvent, System,
};

#[test]
fn development_preset_builds_genesis() {
	let config = preset_config("development");
	assert_eq!(config.aura.authorities.len(), 1, "one Aura authority in development");
	assert_eq!(config.grandpa.authorities.len(), 1);
	assert_eq!(config.sudo.key, Some(Alice.to_account_id()));
	new_ext("development").execute_with(|| {
		assert_eq!(Balances::balance(&Alice.to_account_id()), DEV_ENDOWMENT);
		assert_eq!(Balances::balance(&Charlie.to_account_id()), DEV_ENDOWMENT);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()));
	});
}

#[test]
fn local_testnet_preset_has_two_authorities() {
	let config = preset_config("local_testnet");
	assert_eq!(config.aura.authorities.len(), 2);
	assert_eq!(config.grandpa.authorities.len(), 2);
	new_ext("local_testnet").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
	});
	assert!(zkmine_runtime::genesis_config_presets::get_preset(&"no_such_preset".into()).is_none());
}

#[test]
fn block_with_signed_transfer_executes() {
	new_ext("development").execute_with(|| {
		let alice = Alice.to_account_id();
		let bob = Bob.to_account_id();
		let amount = 1_234 * UNIT;
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: bob.clone().into(),
			value: amount,
		});
		let results = execute_block(vec![signed(Alice, transfer, 0)]);
		assert_eq!(results.len(), 2);
		for result in &results {
			assert_eq!(result, &Ok(Ok(())), "every extrinsic applies and dispatches");
		}
		assert_eq!(System::block_number(), 1);
		assert_eq!(Balances::balance(&bob), DEV_ENDOWMENT + amount);
		let paid = DEV_ENDOWMENT - amount - Balances::balance(&alice);
		assert!(paid > 0, "Alice paid a fee");
		assert!(paid < UNIT, "the fee is small: {paid}");
		assert_eq!(System::account_nonce(&alice), 1);
		let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
		assert!(events.contains(&RuntimeEvent::Balances(pallet_balances::Event::Transfer {
			from: alice.clone(),
			to: bob.clone(),
			amount,
		})));
		assert!(events.iter().any(|e| matches!(
			e,
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, .. }
			) if *who == alice && *actual_fee == paid
		)));
	});
}

#[test]
fn transfer_with_a_bad_nonce_is_rejected() {
	new_ext("development").execute_with(|| {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Bob.to_account_id().into(),
			value: UNIT,
		});
		let results = execute_block(vec![signed(Alice, transfer, 7)]);
		assert!(results[1].is_err(), "a future nonce is not applied: {:?}", results[1]);
		assert_eq!(Balances::balance(&Bob.to_account_id()), DEV_ENDOWMENT);
	});
}

#[test]
fn wasm_blob_is_produced() {
	let bloaty = zkmine_runtime::WASM_BINARY_BLOATY.expect("the WASM runtime was built");
	assert_eq!(&bloaty[..4], b"\0asm", "the bloaty blob is a WASM module");
	let compact = zkmine_runtime::WASM_BINARY.expect("the compressed WASM runtime was built");
	// Either a plain module or zstd-compressed with the Substrate blob prefix.
	const ZSTD_PREFIX: [u8; 8] = [82, 188, 83, 118, 70, 219, 142, 5];
	assert!(compact.starts_with(b"\0asm") || compact.starts_with(&ZSTD_PREFIX));
	assert!(compact.len() <= bloaty.len(), "the compact blob is no larger than the bloaty one");
	// The blob carries this runtime's version in a custom section.
	let needle = b"zkmine";
	assert!(bloaty.windows(needle.len()).any(|w| w == needle), "spec_name in the blob");
}

#[test]
fn the_slashable_window_covers_the_longest_round() {
	use frame_support::traits::Get;
	use zkmine_runtime::{configs::zkmine::SLASHABLE_WINDOW, ZkpSubmission};
	type Registry = <Runtime as pallet_prover_registry::Config>::SlashableWindow;
	type Unbonding = <Runtime as pallet_prover_registry::Config>::UnbondingPeriod;
	new_ext("development").execute_with(|| {
		// The registry's window is the submission pallet's real bound, computed once.
		let window: u32 = <Registry as Get<u32>>::get();
		assert_eq!(window, ZkpSubmission::max_round_lifetime());
		assert_eq!(window, SLASHABLE_WINDOW);
		assert!(<Unbonding as Get<u32>>::get() > window);
	});
}

#[test]
fn fees_rise_with_sustained_congestion_and_never_fall_below_the_weight_fee() {
	use frame_support::{dispatch::DispatchClass, traits::Hooks, weights::Weight};
	use sp_runtime::{traits::One, FixedPointNumber, FixedU128};
	use zkmine_runtime::{configs::RuntimeBlockWeights, TransactionPayment};
	new_ext("development").execute_with(|| {
		let multiplier = pallet_transaction_payment::NextFeeMultiplier::<Runtime>::get;
		assert_eq!(multiplier(), FixedU128::one());
		let normal_max = RuntimeBlockWeights::get()
			.get(DispatchClass::Normal)
			.max_total
			.unwrap_or(Weight::MAX);
		let block = |n: u32, used: Weight| {
			System::reset_events();
			frame_system::BlockWeight::<Runtime>::kill();
			System::register_extra_weight_unchecked(used, DispatchClass::Normal);
			<TransactionPayment as Hooks<u32>>::on_finalize(n);
		};
		// Empty blocks: the multiplier stays at its minimum, 1.
		for n in 1..=10 {
			block(n, Weight::zero());
		}
		assert_eq!(multiplier(), FixedU128::one());
		// Full blocks: it rises every block, by about 0.0225% (v = 0.0003, s = 0.75).
		let mut last = multiplier();
		for n in 11..=110 {
			block(n, normal_max);
			assert!(multiplier() > last, "block {n}");
			last = multiplier();
		}
		let after_100 = multiplier();
		assert!(after_100 > FixedU128::saturating_from_rational(1_0220, 1_0000), "{after_100}");
		assert!(after_100 < FixedU128::saturating_from_rational(1_0230, 1_0000), "{after_100}");
		// Emptied blocks bring it back down, never under 1.
		for n in 111..=1_000 {
			block(n, Weight::zero());
		}
		assert_eq!(multiplier(), FixedU128::one());
	});
}
