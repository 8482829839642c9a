//! The connection to a zkmine node (subxt over WebSocket JSON-RPC): connecting to one of
//! several endpoints (subxt's reconnecting client for each, failover between them), the
//! chain's token and runtime checked at connection, submitting signed transactions with
//! pool-aware nonces, fee estimates (`TransactionPaymentApi::query_info`), and naming
//! dispatch errors (`ZkpSubmission::CommitWindowClosed`) and pruned state.

use crate::{keys::Key, units, warn};
use anyhow::{anyhow, bail, Context, Result};
use std::time::Duration;
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, Header as _, RpcConfigFor},
	error::{DispatchError, TransactionEventsError},
	rpcs::{
		client::reconnecting_rpc_client::{ExponentialBackoff, RpcClient as ReconnectingRpcClient},
		LegacyRpcMethods, RpcClient,
	},
	transactions::{Payload, TransactionStatus},
	utils::H256,
	OnlineClient, PolkadotConfig,
};
use tokio::sync::Mutex;

/// The chain's configuration for subxt: `MultiAddress<AccountId32, ()>`, `MultiSignature`,
/// BLAKE2 hashes and the standard transaction extensions.
pub type Config = PolkadotConfig;
/// A client of the node.
pub type Api = OnlineClient<Config>;

/// Where a submitted transaction ended up.
#[derive(Debug)]
pub struct Included {
	/// Hash of the block that included it.
	pub block_hash: H256,
	/// Number of that block.
	pub block_number: u64,
	/// Its events, if it succeeded.
	pub events: Vec<crate::zkmine::Event>,
}

/// Why a transaction did not succeed.
#[derive(Debug)]
pub enum TxError {
	/// It was included and failed: `Pallet::Error` and the error's documentation.
	Dispatch {
		/// `Pallet::Error`, e.g. `ZkpSubmission::CommitWindowClosed`.
		name: String,
		/// The error's doc comment from the metadata.
		docs: String,
		/// The block that included it.
		block_number: u64,
	},
	/// It never made it into a block (refused by the pool, dropped, connection lost...).
	NotIncluded(String),
}

impl TxError {
	/// The `Pallet::Error` name of a dispatch error, if that is what it is.
	pub fn name(&self) -> Option<&str> {
		match self {
			Self::Dispatch { name, .. } => Some(name),
			Self::NotIncluded(_) => None,
		}
	}
}

impl std::fmt::Display for TxError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::Dispatch { name, docs, block_number } if docs.is_empty() => {
				write!(f, "failed in block #{block_number}: {name}")
			},
			Self::Dispatch { name, docs, block_number } => {
				write!(f, "failed in block #{block_number}: {name} ({docs})")
			},
			Self::NotIncluded(why) => write!(f, "not included: {why}"),
		}
	}
}

impl std::error::Error for TxError {}

/// How long to wait for a transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
	/// Until a best block includes it (a few seconds; enough for mining).
	InBlock,
	/// Until a finalized block includes it (the account commands).
	Finalized,
}

/// A connected node.
pub struct Chain {
	/// The endpoint it is connected to.
	pub url: String,
	/// The subxt client.
	pub api: Api,
	/// Legacy JSON-RPC methods (`system_accountNextIndex`, `chain_getHeader`, ...).
	pub legacy: LegacyRpcMethods<RpcConfigFor<Config>>,
	/// Submissions are serialized per client so that nonces follow each other.
	submit_lock: Mutex<()>,
}

impl Chain {
	/// Connect to `url` (`ws://127.0.0.1:9944`) through subxt's reconnecting client (a dropped
	/// connection is re-established with a short backoff, a few times, before the client
	/// reports it lost), and read the chain's token from its properties ([`units::Token`]).
	pub async fn connect(url: &str) -> Result<Self> {
		let policy = ExponentialBackoff::from_millis(250).max_delay(Duration::from_secs(2)).take(4);
		let rpc = ReconnectingRpcClient::builder()
			.retry_policy(policy)
			.build(url)
			.await
			.with_context(|| format!("cannot connect to {url}"))?;
		let rpc = RpcClient::new(rpc);
		let config = PolkadotConfig::builder().use_historic_types(false).build();
		let api = Api::from_rpc_client_with_config(config, rpc.clone())
			.await
			.with_context(|| format!("cannot start a client of {url}"))?;
		let legacy = LegacyRpcMethods::new(rpc);
		let properties = legacy.system_properties().await?;
		units::set_token(
			units::Token::from_properties(&properties)
				.with_context(|| format!("the chain properties of {url}"))?,
		);
		Ok(Self { url: url.to_owned(), api, legacy, submit_lock: Mutex::new(()) })
	}

	/// Refuse a node whose runtime this client was not built for: the pallets and runtime
	/// APIs it uses must have the types of `metadata/zkmine.scale`
	/// ([`runtime_matches`]), or every call and decoded event could be wrong.
	pub async fn check_runtime(&self, url: &str) -> Result<()> {
		let at = self.api.at_current_block().await?;
		if runtime_matches(at.metadata_ref()) {
			return Ok(());
		}
		let version = self.legacy.state_get_runtime_version(None).await?;
		bail!(
			"the runtime of {url} (spec_version {}) is not the one this zkmine-miner was \
			 built for: its pallets or runtime APIs differ from client/miner/metadata/zkmine.scale. \
			 Use a zkmine-miner built from the same source as the node's runtime (the file is \
			 regenerated with `ZKMINE_UPDATE_METADATA=1 cargo test -p zkmine-runtime --test \
			 metadata`).",
			version.spec_version
		)
	}

	/// Connect to one of `urls`, trying them in turn from `first` (so that a client that lost
	/// `urls[i]` fails over to the next), with a growing pause (up to 10 s) after each round
	/// of failures, until one works or `give_up_after` has passed. Every failure is logged. A
	/// node with another runtime ([`Chain::check_runtime`]) is an error at once, not retried.
	pub async fn connect_any(
		urls: &[String],
		first: usize,
		give_up_after: Duration,
	) -> Result<Self> {
		if urls.is_empty() {
			bail!("no node endpoint given (--url)");
		}
		let start = std::time::Instant::now();
		let mut pause = Duration::from_millis(500);
		let mut index = first;
		loop {
			let url = &urls[index % urls.len()];
			index = index.wrapping_add(1);
			match Self::connect(url).await {
				Ok(chain) => {
					chain.check_runtime(url).await?;
					return Ok(chain);
				},
				Err(e) if start.elapsed() < give_up_after => {
					let more = index % urls.len() != first % urls.len();
					if more {
						warn!(
							"connection",
							"node {url} unreachable ({e:#}); trying the next endpoint"
						);
						continue;
					}
					warn!(
						"connection",
						"node {url} unreachable ({e:#}); retrying in {:.1} s",
						pause.as_secs_f32()
					);
					tokio::time::sleep(pause).await;
					pause = (pause * 2).min(Duration::from_secs(10));
				},
				Err(e) => return Err(e),
			}
		}
	}

	/// Which of `urls` this client is connected to.
	pub fn index_in(&self, urls: &[String]) -> usize {
		urls.iter().position(|u| *u == self.url).unwrap_or(0)
	}

	/// The chain's genesis hash.
	pub fn genesis(&self) -> [u8; 32] {
		self.api.genesis_hash().0
	}

	/// The fee `key` would pay now for `call` (`TransactionPaymentApi::query_info`'s partial
	/// fee: base, length and weight fees, without tip), from a signed but unsent transaction.
	pub async fn fee_estimate<Call: Payload>(&self, call: &Call, key: &Key) -> Result<u128> {
		let params = DefaultExtrinsicParamsBuilder::<Config>::new().build();
		let mut tx = self.api.tx().await?;
		let signed = tx.create_signed(call, &key.pair, params).await?;
		Ok(signed.partial_fee_estimate().await?)
	}

	/// Number and hash of the best block.
	pub async fn best(&self) -> Result<(u64, H256)> {
		let hash = self
			.legacy
			.chain_get_block_hash(None)
			.await?
			.ok_or_else(|| anyhow!("the node has no best block"))?;
		let header = self
			.legacy
			.chain_get_header(Some(hash))
			.await?
			.ok_or_else(|| anyhow!("no header for the best block"))?;
		Ok((header.number(), hash))
	}

	/// Submit `call` (named `what` in the output) as `key`, wait until it is finalized and
	/// print the block and one line per event `describe` has a line for; an error naming the
	/// pallet's error if it failed. What the one-shot commands (`register`, `rollup ...`) do.
	pub async fn transact<Call: Payload>(
		&self,
		key: &Key,
		what: &str,
		call: Call,
		describe: fn(&crate::zkmine::Event) -> Option<String>,
	) -> Result<Included> {
		println!("{what} from {} ...", key.account);
		match self.submit(&call, key, Wait::Finalized).await? {
			Ok(included) => {
				println!(
					"finalized in block #{} ({:?})",
					included.block_number, included.block_hash
				);
				for event in &included.events {
					if let Some(line) = describe(event) {
						println!("  {line}");
					}
				}
				Ok(included)
			},
			Err(e) => bail!("{what} {e}"),
		}
	}

	/// Sign `call` with `key`, submit it with the account's next nonce (counting the
	/// transactions already in the pool) and wait as `wait` says.
	pub async fn submit<Call: Payload>(
		&self,
		call: &Call,
		key: &Key,
		wait: Wait,
	) -> Result<Result<Included, TxError>> {
		let mut progress = {
			let _serial = self.submit_lock.lock().await;
			let nonce = self.legacy.system_account_next_index(&key.account).await?;
			let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
			let mut tx = self.api.tx().await?;
			match tx.sign_and_submit_then_watch(call, &key.pair, params).await {
				Ok(progress) => progress,
				Err(e) => return Ok(Err(TxError::NotIncluded(e.to_string()))),
			}
		};
		while let Some(status) = progress.next().await {
			let status = match status {
				Ok(status) => status,
				Err(e) => return Ok(Err(TxError::NotIncluded(e.to_string()))),
			};
			let in_block = match status {
				TransactionStatus::InBestBlock(b) if wait == Wait::InBlock => b,
				TransactionStatus::InFinalizedBlock(b) => b,
				TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message }
				| TransactionStatus::Error { message } => return Ok(Err(TxError::NotIncluded(message))),
				_ => continue,
			};
			let at = in_block.at().await?;
			let block_number = at.block_number();
			return Ok(match in_block.wait_for_success().await {
				Ok(events) => {
					let mut decoded = Vec::new();
					for event in events.iter() {
						decoded.push(event?.decode_as::<crate::zkmine::Event>()?);
					}
					Ok(Included {
						block_hash: in_block.block_hash(),
						block_number,
						events: decoded,
					})
				},
				Err(TransactionEventsError::ExtrinsicFailed(error)) => {
					let (name, docs) = name_dispatch_error(&error);
					Err(TxError::Dispatch { name, docs, block_number })
				},
				Err(e) => return Err(e.into()),
			});
		}
		Ok(Err(TxError::NotIncluded("the node stopped reporting the transaction".into())))
	}
}

/// Whether `error` says that the node no longer has the state of a block (it keeps only the
/// states of recent blocks: `--state-pruning`, 256 by default).
pub fn is_pruned_state(error: &anyhow::Error) -> bool {
	format!("{error:#}").contains("State already discarded")
}

/// What an operator should do about [`is_pruned_state`] for block `number` of node `url`.
pub fn pruned_state_help(url: &str, number: u64) -> String {
	format!(
		"the node {url} no longer has the state of block #{number}: it keeps the states of \
		 recent blocks only (`--state-pruning`, 256 blocks by default). Run it with \
		 `--state-pruning archive` (or a `--state-pruning <blocks>` longer than the miner may \
		 be away) to catch up on every block after an outage"
	)
}

/// Whether `metadata` (a node's) has, for the pallets and runtime APIs this client uses,
/// the types it was generated from.
pub fn runtime_matches(metadata: &subxt::Metadata) -> bool {
	crate::zkmine::is_codegen_valid_for(metadata)
}

/// A client at one block.
pub type AtBlock =
	subxt::client::ClientAtBlock<Config, subxt::client::OnlineClientAtBlockImpl<Config>>;

/// The decoded value of a storage entry at `at`, `None` where there is none.
pub async fn fetch<Addr: subxt::storage::Address>(
	at: &AtBlock,
	address: Addr,
	keys: Addr::KeyParts,
) -> Result<Option<Addr::Value>> {
	Ok(at.storage().try_fetch(address, keys).await?.map(|v| v.decode()).transpose()?)
}

/// `Pallet::Error` and its documentation for a module error; the error's own text otherwise.
pub fn name_dispatch_error(error: &DispatchError) -> (String, String) {
	match error {
		DispatchError::Module(module) => match module.details() {
			Ok(details) => (
				format!("{}::{}", details.pallet.name(), details.variant.name),
				details.variant.docs.join(" ").trim().to_owned(),
			),
			Err(_) => (module.details_string(), String::new()),
		},
		other => (other.to_string(), String::new()),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::{Decode, Encode};
	use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};

	const BUILT_FOR: &[u8] = include_bytes!("../metadata/zkmine.scale");

	#[test]
	fn pruned_state_is_recognised_and_explained() {
		// What a node answers for a block whose state it pruned (sc-client's error).
		let pruned = anyhow::anyhow!(
			"Rpc error: Client error: UnknownBlock: State already discarded for 0x0f5e"
		);
		assert!(is_pruned_state(&pruned.context("fetch the events of block #3")));
		assert!(!is_pruned_state(&anyhow::anyhow!("connection reset by peer")));
		let help = pruned_state_help("ws://n:9944", 3);
		assert!(help.contains("--state-pruning archive") && help.contains("#3"), "{help}");
	}

	#[test]
	fn the_metadata_it_was_built_for_matches_and_another_does_not() {
		let ours = subxt::Metadata::decode(&mut &BUILT_FOR[..]).expect("the checked-in metadata");
		assert!(runtime_matches(&ours));

		// The same runtime without the submission pallet: another runtime for this client.
		let mut prefixed = RuntimeMetadataPrefixed::decode(&mut &BUILT_FOR[..]).expect("decode");
		let RuntimeMetadata::V16(ref mut v16) = prefixed.1 else { panic!("metadata V16") };
		let before = v16.pallets.len();
		v16.pallets.retain(|p| p.name != "ZkpSubmission");
		assert_eq!(v16.pallets.len(), before - 1);
		let other = subxt::Metadata::decode(&mut &prefixed.encode()[..]).expect("re-encoded");
		assert!(!runtime_matches(&other));
	}
}
