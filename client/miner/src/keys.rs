//! The signing key of a miner or sequencer: a secret URI (`//Alice`, a mnemonic with
//! derivation junctions, or a `0x` seed) from the command line, a file, or the
//! `ZKMINE_SURI` environment variable. The secret is never printed; only the account's
//! SS58 address is.

use anyhow::{anyhow, bail, Context, Result};
use std::{path::PathBuf, str::FromStr};
use subxt::utils::AccountId32;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// Environment variable read when neither `--suri` nor `--suri-file` is given.
pub const SURI_ENV: &str = "ZKMINE_SURI";

/// Where the key comes from (command-line options shared by every subcommand).
#[derive(clap::Args, Clone, Debug)]
pub struct KeyArgs {
	/// Secret URI of the account, e.g. the dev seed `//Alice`. Visible in the process list:
	/// prefer `--suri-file` or the `ZKMINE_SURI` environment variable for real keys.
	#[arg(long, global = true, conflicts_with = "suri_file")]
	pub suri: Option<String>,
	/// File whose first line is the secret URI of the account.
	#[arg(long, global = true)]
	pub suri_file: Option<PathBuf>,
}

/// A loaded key: the keypair and its account.
pub struct Key {
	/// The sr25519 keypair (signs extrinsics).
	pub pair: Keypair,
	/// Its account id.
	pub account: AccountId32,
}

impl KeyArgs {
	/// Load the key from the first source given: `--suri`, `--suri-file`, `ZKMINE_SURI`.
	pub fn load(&self) -> Result<Key> {
		let suri = match (&self.suri, &self.suri_file) {
			(Some(suri), _) => suri.clone(),
			(None, Some(path)) => std::fs::read_to_string(path)
				.with_context(|| format!("cannot read the key file {}", path.display()))?
				.lines()
				.next()
				.unwrap_or_default()
				.trim()
				.to_owned(),
			(None, None) => std::env::var(SURI_ENV).map_err(|_| {
				anyhow!("no key: pass --suri, --suri-file or set {SURI_ENV} (e.g. //Alice on a dev chain)")
			})?,
		};
		key_from_suri(&suri)
	}
}

/// The key of a secret URI. Errors never repeat the secret.
pub fn key_from_suri(suri: &str) -> Result<Key> {
	if suri.trim().is_empty() {
		bail!("the secret URI is empty");
	}
	let uri = SecretUri::from_str(suri.trim()).map_err(|_| {
		anyhow!("the secret URI does not parse (expected //Name, a mnemonic or 0x seed)")
	})?;
	let pair = Keypair::from_uri(&uri)
		.map_err(|_| anyhow!("no sr25519 key can be derived from the secret URI"))?;
	let account = pair.public_key().to_account_id();
	Ok(Key { pair, account })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn dev_seeds_give_the_well_known_accounts() {
		let alice = key_from_suri("//Alice").unwrap();
		assert_eq!(
			alice.account.to_string(),
			"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
			"Alice's SS58 address"
		);
		assert_ne!(key_from_suri("//Bob").unwrap().account, alice.account);
	}

	#[test]
	fn bad_secrets_are_refused_without_echoing_them() {
		for bad in ["", "   ", "not a valid mnemonic phrase at all", "0xzz"] {
			let error = key_from_suri(bad).err().expect("refused").to_string();
			if !bad.trim().is_empty() {
				assert!(!error.contains(bad.trim()), "the error must not echo the secret: {error}");
			}
		}
	}

	#[test]
	fn the_key_file_is_read() {
		let path = std::env::temp_dir().join(format!("zkmine-key-{}", std::process::id()));
		std::fs::write(&path, "//Charlie\n").unwrap();
		let args = KeyArgs { suri: None, suri_file: Some(path.clone()) };
		let key = args.load().unwrap();
		assert_eq!(key.account, key_from_suri("//Charlie").unwrap().account);
		std::fs::remove_file(&path).unwrap();
		assert!(args.load().is_err(), "a missing file is an error");
	}
}
