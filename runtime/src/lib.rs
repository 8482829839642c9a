//! # zkmine runtime
//!
//! The state transition function of the zkmine chain: FRAME system, timestamp, Aura block
//! production, GRANDPA finality, balances, transaction fees and sudo, plus the zkmine pallets
//! (`pallet-prover-registry`, `pallet-zkp-submission`) that make validity proofs of
//! ZK-rollups minable by a staked set of provers.
//!
//! * [`configs`]: every pallet's configuration and the chain's constants;
//! * [`apis`]: the runtime APIs the node and clients call;
//! * [`genesis_config_presets`]: the `development` and `local_testnet` genesis presets.
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod weights;

extern crate alloc;
use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
pub use pallet_timestamp::Call as TimestampCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node needs to know about the runtime's types without knowing
/// its calls. They are used by the CLI to instantiate machinery that does not need the
/// runtime's specifics.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The session keys of a validator: an Aura key for authoring, a GRANDPA key for
	/// finality votes.
	pub struct SessionKeys {
		pub aura: Aura,
		pub grandpa: Grandpa,
	}
}

/// The runtime's version. `spec_version` must be bumped on every change of the runtime's
/// logic so that nodes switch from their native runtime to the on-chain one.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("zkmine"),
	impl_name: alloc::borrow::Cow::Borrowed("zkmine"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block timing constants.
pub mod time {
	use super::BlockNumber;

	/// The target block time in milliseconds. Aura produces one block per slot.
	///
	/// Six seconds is the common Substrate default; `MILLI_SECS_PER_BLOCK` drives the
	/// wall-clock length of the commit and reveal windows (10 blocks each, one minute).
	/// With the `fast-runtime` feature (end-to-end and miner tests only) a block takes one
	/// second: the windows stay 10 blocks long, ten seconds each.
	#[cfg(not(feature = "fast-runtime"))]
	pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
	/// The target block time of the `fast-runtime` test build: one second.
	#[cfg(feature = "fast-runtime")]
	pub const MILLI_SECS_PER_BLOCK: u64 = 1000;
	/// Aura's slot duration equals the block time.
	pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;
	/// Blocks per minute.
	pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
	/// Blocks per hour.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks per day.
	pub const DAYS: BlockNumber = HOURS * 24;
}

/// Currency units. The token has 12 decimals; one `UNIT` is `10^12` planck.
pub mod currency {
	use super::Balance;

	/// One whole token.
	pub const UNIT: Balance = 1_000_000_000_000;
	/// A thousandth of a token.
	pub const MILLI_UNIT: Balance = 1_000_000_000;
	/// A millionth of a token.
	pub const MICRO_UNIT: Balance = 1_000_000;
	/// The existential deposit: the smallest balance an account may hold.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
}

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;

/// Some way of identifying an account on the chain. We intentionally make it equivalent
/// to the public key of our transaction signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// Balance of an account.
pub type Balance = u128;

/// Index of a transaction in the chain.
pub type Nonce = u32;

/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;

/// An index to a block.
pub type BlockNumber = u32;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;

/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions that are added to every signed transaction. Their order is
/// part of the signed payload: clients (polkadot.js, the miner) must use the same.
/// `CheckMetadataHash` lets a signer commit to the runtime's metadata (RFC-0078; the hash is
/// computed when the WASM is built, see `build.rs`); mode `Disabled` signs as before.
/// `CheckReveal` keeps reveals that cannot succeed out of the pool and out of blocks, and ranks
/// reveals matching an open commitment first (no payload; `pallet_zkp_submission::extension`).
/// `WeightReclaim` comes last, so that the weight a call refunds (its benchmarked actual
/// weight, below the worst case charged up front) is given back to the block.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	pallet_zkp_submission::CheckReveal<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// All migrations of the runtime, aside from the ones declared in the pallets.
#[allow(unused_parens)]
type Migrations = ();

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

// Create the runtime by composing the FRAME pallets that were previously configured.
#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	#[runtime::pallet_index(10)]
	pub type ProverRegistry = pallet_prover_registry;

	#[runtime::pallet_index(11)]
	pub type ZkpSubmission = pallet_zkp_submission;
}
