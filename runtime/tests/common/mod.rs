//! Shared helpers of the runtime's integration tests: genesis from a preset, signed
//! extrinsics from dev keys, and block execution with the Aura slot and timestamp.

#![allow(dead_code)]

use codec::Encode;
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	generic::{Era, SignedPayload},
	traits::Header as _,
	BuildStorage, Digest, DigestItem,
};
use zkmine_runtime::{
	time::SLOT_DURATION, AccountId, Executive, Header, Runtime, RuntimeCall, RuntimeGenesisConfig,
	System, TxExtension, UncheckedExtrinsic,
};

/// `target` with `patch` merged in (RFC 7386 JSON merge patch, as the genesis builder does).
pub fn merge(target: &mut serde_json::Value, patch: serde_json::Value) {
	match (target, patch) {
		(serde_json::Value::Object(t), serde_json::Value::Object(p)) => {
			for (k, v) in p {
				if v.is_null() {
					t.remove(&k);
				} else {
					merge(t.entry(k).or_insert(serde_json::Value::Null), v);
				}
			}
		},
		(t, p) => *t = p,
	}
}

/// The genesis config of the named preset, as the node would build it.
pub fn preset_config(name: &str) -> RuntimeGenesisConfig {
	let patch = zkmine_runtime::genesis_config_presets::get_preset(&name.into())
		.unwrap_or_else(|| panic!("preset {name} exists"));
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("preset is JSON");
	let mut full = serde_json::to_value(RuntimeGenesisConfig::default()).expect("default config");
	merge(&mut full, patch);
	serde_json::from_value(full).expect("the merged preset is a complete genesis config")
}

/// Externalities holding the genesis state of the named preset.
pub fn new_ext(preset: &str) -> sp_io::TestExternalities {
	let storage = preset_config(preset).build_storage().expect("genesis storage builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(0));
	ext
}

/// The runtime's transaction extensions as a signer of `nonce` sets them (immortal, no tip,
/// metadata hash disabled).
pub fn extension(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		pallet_zkp_submission::CheckReveal::<Runtime>::new(),
		frame_metadata_hash_extension::CheckMetadataHash::<Runtime>::new(false),
		frame_system::WeightReclaim::<Runtime>::new(),
	)
}

/// A signed extrinsic of `signer`, with the runtime's transaction extensions, valid on a
/// chain whose genesis hash is that of the externalities' block 0.
pub fn signed(signer: Sr25519Keyring, call: RuntimeCall, nonce: u32) -> UncheckedExtrinsic {
	let extension = extension(nonce);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("payload");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::MultiAddress::Id(AccountId::from(signer.public())),
		signature.into(),
		extension,
	)
}

/// Execute one block on top of the current state: Aura slot digest, timestamp inherent,
/// then `extrinsics`; returns each extrinsic's dispatch outcome.
pub fn execute_block(extrinsics: Vec<UncheckedExtrinsic>) -> Vec<sp_runtime::ApplyExtrinsicResult> {
	let number = System::block_number() + 1;
	let parent_hash = System::block_hash(number - 1);
	let slot = Slot::from(number as u64);
	let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
	let header = Header::new(number, Default::default(), Default::default(), parent_hash, digest);
	Executive::initialize_block(&header);
	let now = number as u64 * SLOT_DURATION;
	let timestamp =
		UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set { now }));
	let mut results = vec![Executive::apply_extrinsic(timestamp)];
	for xt in extrinsics {
		results.push(Executive::apply_extrinsic(xt));
	}
	Executive::finalize_block();
	results
}

/// The bytes of a hex string (`0x` prefix optional), as the test vectors write them.
pub fn hex(s: &str) -> Vec<u8> {
	let s = s.trim_start_matches("0x");
	(0..s.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex digit"))
		.collect()
}
