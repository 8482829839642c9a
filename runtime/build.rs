//! Builds the runtime to WASM (target `wasm32v1-none`) with substrate-wasm-builder.
fn main() {
	#[cfg(feature = "std")]
	{
		// The WASM build must use this workspace's Cargo.lock, also when the target directory
		// lives outside the clone (scripts/env.sh puts it in ~/.cache/zkmine-target), where
		// the builder cannot find the lock by walking up from its output directory. Set for
		// this build script only: other crates' WASM builds (e.g. the benchmark CLI's test
		// runtime) must not look for themselves in this workspace.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			if let Some(workspace) = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent() {
				std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
			}
		}
		// The WASM is built twice: once to read its metadata, and once more with the
		// metadata hash embedded (`RUNTIME_METADATA_HASH`) for `CheckMetadataHash`. The token
		// symbol and decimals are part of the hashed metadata (what a signer displays).
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_metadata_hash("ZKM", 12)
			.build();
	}
}
