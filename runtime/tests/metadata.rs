//! The runtime metadata that `zkmine-miner` generates its types from
//! (`client/miner/metadata/zkmine.scale`) must be the metadata of this runtime: this test
//! fails when a call, event, error, storage item, constant or runtime API changed and the
//! file was not regenerated.
//!
//! Regenerate with:
//!
//! ```sh
//! ZKMINE_UPDATE_METADATA=1 cargo test -p zkmine-runtime --test metadata
//! ```

use zkmine_runtime::Runtime;

/// The metadata version the miner's `#[subxt::subxt]` macro reads (the newest stable one).
const VERSION: u32 = 16;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../client/miner/metadata/zkmine.scale");

#[test]
fn miner_metadata_is_current() {
	let current = Runtime::metadata_at_version(VERSION).expect("the runtime serves metadata v16");
	let current: &[u8] = &current;
	assert_eq!(&current[..4], b"meta", "SCALE-encoded RuntimeMetadataPrefixed");

	if std::env::var_os("ZKMINE_UPDATE_METADATA").is_some() {
		std::fs::write(FILE, current).expect("write the miner's metadata file");
		return;
	}
	let on_disk = std::fs::read(FILE).unwrap_or_default();
	assert!(
		on_disk == current,
		"client/miner/metadata/zkmine.scale is stale ({} bytes on disk, {} now): regenerate it \
		 with `ZKMINE_UPDATE_METADATA=1 cargo test -p zkmine-runtime --test metadata`",
		on_disk.len(),
		current.len()
	);
}
