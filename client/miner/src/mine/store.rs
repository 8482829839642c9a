//! The miner's crash-safe state: one [redb](https://docs.rs/redb) file,
//! `<data-dir>/state.redb`.
//!
//! redb is an embedded, pure-Rust, ACID key-value store (copy-on-write B-trees, a commit is
//! durable when `commit` returns, a torn write leaves the previous commit): no server, no C
//! library, and one writer per file, which also keeps two miners from sharing a directory.
//!
//! What is kept:
//! * every proof, with its commitment and the sequence it proves, written **before** the
//!   commitment is sent ([`Store::save_proof`]), so that a miner killed between commit and
//!   reveal can reveal when it starts again;
//! * the last block processed, so that a restarted miner catches up on what it missed;
//! * the chain (genesis hash) and account the directory belongs to, checked at every start.

use anyhow::{anyhow, bail, Context, Result};
use codec::{Decode, Encode};
use redb::{Database, DatabaseError, ReadableDatabase, ReadableTable, TableDefinition};
use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
};
use zkmine_primitives::{Hash32, SequenceId};

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const PROOFS: TableDefinition<u64, &[u8]> = TableDefinition::new("proofs");

const GENESIS: &str = "genesis";
const ACCOUNT: &str = "account";
const LAST_BLOCK: &str = "last_block";

/// A proof the miner made, and what it is a proof of.
#[derive(Encode, Decode, Clone, Debug, PartialEq, Eq)]
pub struct SavedProof {
	/// The sequence's rollup.
	pub rollup: u32,
	/// The verifying key version it was submitted under.
	pub key_version: u32,
	/// Number of the block that included `submit_sequence`.
	pub submitted_at: u64,
	/// Hash of that block: a sequence of the same number on another chain (a dev chain
	/// started again) is another sequence.
	pub submitted_in: [u8; 32],
	/// The sequence's batch data hash.
	pub data_hash: Hash32,
	/// The proof, in the chain's wire format.
	pub proof: Vec<u8>,
	/// `blake2_256(proof_hash ++ SCALE(account))`, from the runtime API.
	pub commitment: Hash32,
}

/// The open database.
pub struct Store {
	db: Database,
	path: PathBuf,
}

/// The default data directory of `account` (SS58) on the chain with `genesis`:
/// `$XDG_DATA_HOME/zkmine-miner/<first 8 bytes of the genesis hash>/<account>`
/// (`~/.local/share/...` on Linux).
pub fn default_dir(genesis: &[u8; 32], account: &str) -> Result<PathBuf> {
	let dirs = directories::ProjectDirs::from("", "", "zkmine-miner").ok_or_else(|| {
		anyhow!("no home directory to keep the miner's state in: pass --data-dir")
	})?;
	Ok(dirs.data_dir().join(hex::encode(&genesis[..8])).join(account))
}

impl Store {
	/// Open (or create) `dir/state.redb` for `account` on the chain with `genesis`. A directory
	/// of another chain or account, or one another miner has open, is an error saying so.
	pub fn open(dir: &Path, genesis: &[u8; 32], account: &[u8; 32]) -> Result<Self> {
		std::fs::create_dir_all(dir)
			.with_context(|| format!("cannot create the data directory {}", dir.display()))?;
		let path = dir.join("state.redb");
		let db = Database::create(&path).map_err(|e| match e {
			DatabaseError::DatabaseAlreadyOpen => anyhow!(
				"{} is in use by another zkmine-miner: one miner per account and data directory \
				 (two would commit twice and be slashed)",
				path.display()
			),
			other => anyhow!("cannot open {}: {other}", path.display()),
		})?;
		let store = Self { db, path };
		// Both tables exist from the first open on, so that reads never meet a missing one.
		store.write(|tx| {
			tx.open_table(META)?;
			tx.open_table(PROOFS)?;
			Ok(())
		})?;
		store.claim(GENESIS, genesis, "chain (genesis hash)")?;
		store.claim(ACCOUNT, account, "account")?;
		Ok(store)
	}

	/// Where the file is.
	pub fn path(&self) -> &Path {
		&self.path
	}

	/// Refuse a node of another chain than the directory's (a fallback `--url`).
	pub fn check_genesis(&self, genesis: &[u8; 32]) -> Result<()> {
		match self.meta(GENESIS)? {
			Some(found) if found != genesis => bail!(
				"the node is of another chain (genesis 0x{}) than {} (0x{}): check the --url list",
				hex::encode(genesis),
				self.path.display(),
				hex::encode(found)
			),
			_ => Ok(()),
		}
	}

	/// Record `value` under `key` the first time; refuse a directory that holds another one.
	fn claim(&self, key: &str, value: &[u8; 32], what: &str) -> Result<()> {
		match self.meta(key)? {
			Some(found) if found == value => Ok(()),
			Some(found) => bail!(
				"{} belongs to another {what} (0x{}, not 0x{}): use another --data-dir",
				self.path.display(),
				hex::encode(found),
				hex::encode(value)
			),
			None => self.write(|tx| {
				tx.open_table(META)?.insert(key, &value[..])?;
				Ok(())
			}),
		}
	}

	fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
		let tx = self.db.begin_read()?;
		let table = tx.open_table(META)?;
		Ok(table.get(key)?.map(|v| v.value().to_vec()))
	}

	/// One durable write transaction.
	fn write(&self, body: impl FnOnce(&redb::WriteTransaction) -> Result<()>) -> Result<()> {
		let tx = self.db.begin_write()?;
		body(&tx)?;
		tx.commit().with_context(|| format!("cannot write {}", self.path.display()))?;
		Ok(())
	}

	/// Keep the proof of `sequence`; durable when this returns.
	pub fn save_proof(&self, sequence: SequenceId, proof: &SavedProof) -> Result<()> {
		let bytes = proof.encode();
		self.write(|tx| {
			tx.open_table(PROOFS)?.insert(sequence, bytes.as_slice())?;
			Ok(())
		})
	}

	/// The kept proof of `sequence`, if any (and if it decodes).
	pub fn proof(&self, sequence: SequenceId) -> Result<Option<SavedProof>> {
		let tx = self.db.begin_read()?;
		let table = tx.open_table(PROOFS)?;
		Ok(table.get(sequence)?.and_then(|v| SavedProof::decode(&mut v.value()).ok()))
	}

	/// Every kept proof. A record that does not decode (another version's) is skipped.
	pub fn proofs(&self) -> Result<BTreeMap<SequenceId, SavedProof>> {
		let tx = self.db.begin_read()?;
		let table = tx.open_table(PROOFS)?;
		let mut out = BTreeMap::new();
		for entry in table.iter()? {
			let (key, value) = entry?;
			if let Ok(proof) = SavedProof::decode(&mut value.value()) {
				out.insert(key.value(), proof);
			}
		}
		Ok(out)
	}

	/// Drop the proof of a finished sequence.
	pub fn forget(&self, sequence: SequenceId) -> Result<()> {
		self.write(|tx| {
			tx.open_table(PROOFS)?.remove(sequence)?;
			Ok(())
		})
	}

	/// The last block processed, if any.
	pub fn last_block(&self) -> Result<Option<u64>> {
		Ok(self
			.meta(LAST_BLOCK)?
			.and_then(|b| <[u8; 8]>::try_from(b).ok())
			.map(u64::from_le_bytes))
	}

	/// Record the last block processed (durable: one small write a block).
	pub fn set_last_block(&self, number: u64) -> Result<()> {
		self.write(|tx| {
			tx.open_table(META)?.insert(LAST_BLOCK, &number.to_le_bytes()[..])?;
			Ok(())
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn dir(name: &str) -> PathBuf {
		let dir = std::env::temp_dir().join(format!("zkmine-store-{name}-{}", std::process::id()));
		let _ = std::fs::remove_dir_all(&dir);
		dir
	}

	fn proof(n: u8) -> SavedProof {
		SavedProof {
			rollup: 1,
			key_version: 0,
			submitted_at: 40 + u64::from(n),
			submitted_in: [n; 32],
			data_hash: [n.wrapping_add(1); 32],
			proof: vec![n; 128],
			commitment: [n.wrapping_add(2); 32],
		}
	}

	#[test]
	fn proofs_and_the_last_block_survive_a_reopen() {
		let dir = dir("reopen");
		{
			let store = Store::open(&dir, &[1; 32], &[2; 32]).expect("create");
			assert_eq!(store.proofs().unwrap(), BTreeMap::new());
			assert_eq!(store.last_block().unwrap(), None);
			store.save_proof(7, &proof(7)).unwrap();
			store.save_proof(9, &proof(9)).unwrap();
			store.set_last_block(55).unwrap();
			store.forget(9).unwrap();
		}
		let store = Store::open(&dir, &[1; 32], &[2; 32]).expect("reopen");
		assert_eq!(store.proofs().unwrap(), BTreeMap::from([(7, proof(7))]));
		assert_eq!((store.proof(7).unwrap(), store.proof(9).unwrap()), (Some(proof(7)), None));
		assert_eq!(store.last_block().unwrap(), Some(55));
		let _ = std::fs::remove_dir_all(&dir);
	}

	#[test]
	fn a_directory_of_another_chain_account_or_miner_is_refused() {
		let dir = dir("claims");
		let store = Store::open(&dir, &[1; 32], &[2; 32]).expect("create");
		let busy = Store::open(&dir, &[1; 32], &[2; 32]).err().expect("a second miner");
		assert!(busy.to_string().contains("in use by another zkmine-miner"), "{busy}");
		drop(store);
		let reopened = Store::open(&dir, &[1; 32], &[2; 32]).expect("reopen");
		assert!(reopened.check_genesis(&[1; 32]).is_ok());
		let fallback = reopened.check_genesis(&[3; 32]).unwrap_err().to_string();
		assert!(fallback.contains("the node is of another chain"), "{fallback}");
		drop(reopened);
		let chain = Store::open(&dir, &[3; 32], &[2; 32]).err().expect("another chain");
		assert!(chain.to_string().contains("another chain (genesis hash)"), "{chain}");
		let account = Store::open(&dir, &[1; 32], &[4; 32]).err().expect("another account");
		assert!(account.to_string().contains("another account"), "{account}");
		let _ = std::fs::remove_dir_all(&dir);
	}

	#[test]
	fn the_default_directory_is_per_chain_and_account() {
		let a = default_dir(&[0xab; 32], "5Grw").expect("a home");
		let b = default_dir(&[0xcd; 32], "5Grw").expect("a home");
		assert!(a.ends_with("zkmine-miner/abababababababab/5Grw"), "{}", a.display());
		assert_ne!(a, b);
	}
}
