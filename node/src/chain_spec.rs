//! Chain specifications: `dev` (one authority) and `local` (Alice and Bob), both built
//! from the runtime's genesis presets.

use sc_service::ChainType;
use zkmine_runtime::WASM_BINARY;

/// The chain specification of zkmine (no extensions). Its genesis is built by the runtime,
/// which verifies the genesis rollups' keys through zkmine's host functions: the chain spec
/// carries them.
pub type ChainSpec =
	sc_service::GenericChainSpec<sc_chain_spec::NoExtension, crate::service::ZkmineHostFunctions>;

/// The properties polkadot.js shows: token symbol, decimals and SS58 prefix.
fn properties() -> sc_chain_spec::Properties {
	let mut p = sc_chain_spec::Properties::new();
	p.insert("tokenSymbol".into(), "ZKM".into());
	p.insert("tokenDecimals".into(), 12.into());
	p.insert("ss58Format".into(), 42.into());
	p
}

/// The `dev` chain: Alice alone produces and finalizes blocks.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
		None,
	)
	.with_name("zkmine development")
	.with_id("zkmine_dev")
	.with_chain_type(ChainType::Development)
	.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}

/// The `local` chain: Alice and Bob produce and finalize blocks.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(
		WASM_BINARY.ok_or_else(|| "Development wasm not available".to_string())?,
		None,
	)
	.with_name("zkmine local testnet")
	.with_id("zkmine_local")
	.with_chain_type(ChainType::Local)
	.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
	.with_properties(properties())
	.build())
}
