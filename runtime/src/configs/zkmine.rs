//! Configuration of the zkmine pallets: the prover registry (stake, unbonding, slash levels)
//! and the two-step submission of validity proofs (windows, bounds, reward, verifier).

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::RuntimeBlockWeights;
#[cfg(not(feature = "fast-runtime"))]
use crate::time::DAYS;
use crate::{
	currency::UNIT, AccountId, Balance, Balances, BlockNumber, ProverRegistry, Runtime,
	RuntimeHoldReason,
};

/// Blocks of the commit window: commitments are accepted in `T ..= T + COMMIT_WINDOW`.
pub const COMMIT_WINDOW: BlockNumber = 10;
/// Blocks of the reveal window: proofs are accepted in
/// `T + COMMIT_WINDOW + 1 ..= T + COMMIT_WINDOW + REVEAL_WINDOW`.
pub const REVEAL_WINDOW: BlockNumber = 10;
/// Reward slots: at most this many rollups (assigned by governance) mint the PoW reward.
#[cfg(not(feature = "fast-runtime"))]
pub const ROLLUP_SLOTS: u32 = 64;
/// Reward slots of the `fast-runtime` test build.
#[cfg(feature = "fast-runtime")]
pub const ROLLUP_SLOTS: u32 = 4;
/// Rollups registered at once, slotted or not: 64 slotted plus 64 open registrations.
#[cfg(not(feature = "fast-runtime"))]
pub const MAX_ROLLUPS: u32 = 128;
/// Rollups of the `fast-runtime` test build: 5 (the 4 slotted ones of the test suites and
/// one open registration), few, so that the settlement slack, and with it the shortest safe
/// unbonding period, fits in a test (see `UNBONDING_PERIOD`).
#[cfg(feature = "fast-runtime")]
pub const MAX_ROLLUPS: u32 = 5;
/// Unfinished sequences per rollup.
pub const MAX_OPEN_SEQUENCES_PER_ROLLUP: u32 = 16;
/// The PoW issuance of one block, shared by the rollup slots: 128 units (2 per slot).
pub const BLOCK_REWARD: Balance = 2 * UNIT * ROLLUP_SLOTS as Balance;
/// What one proved sequence mints for its provers: `BLOCK_REWARD / ROLLUP_SLOTS` = 2 units
/// (in every build).
pub const REWARD_PER_SEQUENCE: Balance = BLOCK_REWARD / ROLLUP_SLOTS as Balance;

/// The longest a due round can wait for settlement: in the worst case every unfinished
/// sequence is due in the same block and one round settles per block.
pub const SETTLEMENT_SLACK: BlockNumber = MAX_ROLLUPS * MAX_OPEN_SEQUENCES_PER_ROLLUP;

/// The longest a commitment stays slashable: the rule of
/// [`zkmine_primitives::slashable_window`] applied to this runtime's windows and slack.
/// The runtime's tests check it against the submission pallet's own bound
/// (`ZkpSubmission::max_round_lifetime`).
pub const SLASHABLE_WINDOW: BlockNumber =
	zkmine_primitives::slashable_window(COMMIT_WINDOW, REVEAL_WINDOW, SETTLEMENT_SLACK);

/// Seven days: far above the slashable window, so stake that backs a commitment cannot be
/// withdrawn before its round settles.
#[cfg(not(feature = "fast-runtime"))]
pub const UNBONDING_PERIOD: BlockNumber = 7 * DAYS;
/// The `fast-runtime` test build: the slashable window (10 + 10 + 1 + 80 = 101 blocks) plus
/// 15 blocks, 116 one-second blocks in all, so a test can unbond and withdraw.
#[cfg(feature = "fast-runtime")]
pub const UNBONDING_PERIOD: BlockNumber = SLASHABLE_WINDOW + 15;

parameter_types! {
	/// Committed, not validated in a proved round: 10% of the stake snapshot.
	pub const IncorrectHashSlash: Perbill = Perbill::from_percent(10);
	/// Revealed a proof that matched its own commitment and failed verification: 20%.
	pub const IncorrectProofSlash: Perbill = Perbill::from_percent(20);
	/// Committed in a round that produced no valid proof at all: 5%.
	pub const NoValidProofSlash: Perbill = Perbill::from_percent(5);
	/// Settlement (and the pruning of expired proofs) may use a tenth of a block's weight
	/// (at least one round always settles).
	pub MaxSettlementWeight: Weight = Perbill::from_percent(10) * RuntimeBlockWeights::get().max_block;
}

impl pallet_prover_registry::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// 10 000 units: the least bonded stake of an active prover.
	type MinProverStake = ConstU128<{ 10_000 * UNIT }>;
	/// Above the slashable window (checked by `integrity_test`), so stake that backs a
	/// commitment cannot be withdrawn before its round settles.
	type UnbondingPeriod = ConstU32<UNBONDING_PERIOD>;
	/// Commit and reveal windows, the settlement block, and the worst settlement backlog.
	type SlashableWindow = ConstU32<SLASHABLE_WINDOW>;
	type MaxUnbondingChunks = ConstU32<32>;
	type IncorrectHashSlash = IncorrectHashSlash;
	type IncorrectProofSlash = IncorrectProofSlash;
	type NoValidProofSlash = NoValidProofSlash;
	type WeightInfo = pallet_prover_registry::weights::SubstrateWeight<Runtime>;
}

/// The most public inputs a rollup's key may expect.
pub const MAX_PUBLIC_INPUTS: u32 = 16;

/// Groth16 BN254 verification: natively, by the node's host function
/// (`zkmine_groth16_host`), unless the runtime is built with `wasm-verifier` (then the same
/// verifier code runs inside the WASM runtime, several times slower; benchmark and weights
/// must then be regenerated with that feature).
#[cfg(not(feature = "wasm-verifier"))]
pub type Verifier = zkmine_groth16_host::HostGroth16Bn254;
/// Groth16 BN254 verification inside the WASM runtime (the `wasm-verifier` feature).
#[cfg(feature = "wasm-verifier")]
pub type Verifier = zkmine_groth16_verifier::Groth16Bn254;

/// The fixed part of a rollup's registration deposit: 100 units.
pub const ROLLUP_DEPOSIT_BASE: Balance = 100 * UNIT;
/// The part of a rollup's deposit per byte of verifying key: 0.01 unit (a key with 3 public
/// inputs has 360 bytes: 3.6 units).
pub const ROLLUP_DEPOSIT_PER_BYTE: Balance = UNIT / 100;
/// The least fee contribution: 0.01 unit.
pub const MIN_FEE_CONTRIBUTION: Balance = UNIT / 100;
/// Blocks a settled sequence's proof stays queryable: a day.
#[cfg(not(feature = "fast-runtime"))]
pub const PROOF_RETENTION: BlockNumber = DAYS;
/// Blocks a settled sequence's proof stays queryable in the `fast-runtime` test build.
#[cfg(feature = "fast-runtime")]
pub const PROOF_RETENTION: BlockNumber = 100;

impl pallet_zkp_submission::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Staking = ProverRegistry;
	type Verifier = Verifier;
	type RegisterOrigin = EnsureRoot<AccountId>;
	type RewardPerSequence = ConstU128<REWARD_PER_SEQUENCE>;
	type CommitWindow = ConstU32<COMMIT_WINDOW>;
	type RevealWindow = ConstU32<REVEAL_WINDOW>;
	type MaxRollups = ConstU32<MAX_ROLLUPS>;
	type RewardSlots = ConstU32<ROLLUP_SLOTS>;
	type RollupDepositBase = ConstU128<ROLLUP_DEPOSIT_BASE>;
	type RollupDepositPerByte = ConstU128<ROLLUP_DEPOSIT_PER_BYTE>;
	type MinFeeContribution = ConstU128<MIN_FEE_CONTRIBUTION>;
	/// The sequencer and up to 7 subsidisers per sequence.
	type MaxFeePayers = ConstU32<8>;
	type ProofRetention = ConstU32<PROOF_RETENTION>;
	type MaxOpenSequencesPerRollup = ConstU32<MAX_OPEN_SEQUENCES_PER_ROLLUP>;
	type MaxCommitmentsPerSequence = ConstU32<32>;
	/// An unprovable sequence is abandoned after three failed rounds in a row.
	type MaxFailedRounds = ConstU32<3>;
	type MaxPublicInputs = ConstU32<MAX_PUBLIC_INPUTS>;
	type MaxProofLen = ConstU32<512>;
	type MaxVerifyingKeyLen = ConstU32<4096>;
	/// A prepared key with the most public inputs: 1 733 bytes.
	type MaxPreparedKeyLen =
		ConstU32<{ zkmine_groth16_host::layout::prepared_key_len(MAX_PUBLIC_INPUTS) }>;
	/// 64 KiB of batch data per sequence (the demo rollup's batches take 160 bytes).
	type MaxBatchLen = ConstU32<{ 64 * 1024 }>;
	type MaxSettlementWeight = MaxSettlementWeight;
	type WeightInfo = pallet_zkp_submission::weights::SubstrateWeight<Runtime>;
}
