//! Genesis presets: `development` (one authority, Alice) and `local_testnet` (Alice and Bob).
//! In both, the well-known dev accounts are funded and Alice is the sudo key.

use crate::{
	currency::UNIT, AccountId, BalancesConfig, RuntimeGenesisConfig, SudoConfig,
	ZkpSubmissionConfig,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every dev account holds at genesis: ten million units, enough to stake the
/// protocol's worked example (200K, 500K and 300K units) and pay fees.
pub const DEV_ENDOWMENT: crate::Balance = 10_000_000 * UNIT;

/// The demo rollup's sequencer on the dev chains.
pub const DEMO_ROLLUP_SEQUENCER: Sr25519Keyring = Sr25519Keyring::Ferdie;

/// The demo rollup's test vectors: its verifying key (`zkmine-demo-rollup` setup with seed
/// 2609, batch size 4) in the wire format, hex in JSON.
const DEMO_ROLLUP_VK_JSON: &str = include_str!("../../test-vectors/groth16/verifying_key.json");

/// The demo rollup's verifying key bytes, read from the committed test vector.
pub fn demo_rollup_verifying_key() -> Option<Vec<u8>> {
	let json: Value = serde_json::from_str(DEMO_ROLLUP_VK_JSON).ok()?;
	let hex = json.get("verifying_key")?.as_str()?;
	decode_hex(hex.strip_prefix("0x").unwrap_or(hex))
}

/// `hex` as bytes; `None` for an odd length or a non-hex digit.
fn decode_hex(hex: &str) -> Option<Vec<u8>> {
	let digits = hex.as_bytes();
	if digits.len() % 2 != 0 {
		return None;
	}
	let nibble = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
	digits
		.chunks(2)
		.map(|pair| match pair {
			[hi, lo] => Some(nibble(*hi)? << 4 | nibble(*lo)?),
			_ => None,
		})
		.collect()
}

/// The genesis state shared by the presets.
fn testnet_genesis(
	initial_authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
) -> Value {
	// The demo rollup (id 0) is registered at genesis; its key is validated by the verifier
	// when the genesis state is built.
	let rollups = demo_rollup_verifying_key()
		.map(|key| vec![(DEMO_ROLLUP_SEQUENCER.to_account_id(), key)])
		.unwrap_or_default();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.cloned()
				.map(|k| (k, DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		aura: pallet_aura::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| x.0.clone()).collect::<Vec<_>>(),
		},
		grandpa: pallet_grandpa::GenesisConfig {
			authorities: initial_authorities.iter().map(|x| (x.1.clone(), 1)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
		zkp_submission: ZkpSubmissionConfig { rollups },
	})
}

/// The Aura (sr25519) and GRANDPA (ed25519) keys of a dev keyring name.
fn authority_keys(aura: Sr25519Keyring, grandpa: Ed25519Keyring) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The `development` preset: Alice alone authors and finalizes.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect::<Vec<_>>(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The `local_testnet` preset: Alice and Bob author and finalize.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		vec![
			authority_keys(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			authority_keys(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect::<Vec<_>>(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of the preset called `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(serde_json::to_string(&patch).unwrap_or_default().into_bytes())
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
