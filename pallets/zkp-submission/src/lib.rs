#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![warn(missing_docs)]

extern crate alloc;

pub use extension::{CheckReveal, RevealRefusal, MATCHING_REVEAL_PRIORITY};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod asset;
mod cancel;
mod commit;
mod errors;
mod events;
pub mod extension;
mod fees;
mod invariants;
mod proofs;
mod reveal;
mod rollup;
pub mod runtime_api;
mod sequence;
mod settlement;
pub mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Log target of this pallet.
pub(crate) const LOG_TARGET: &str = "runtime::zkp-submission";

// The events and errors live in their own files, as sections of the pallet module.
use frame_support::pallet_macros::import_section;

#[import_section(events::events)]
#[import_section(errors::errors)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{fungible, EnsureOrigin},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::SaturatedConversion;
	use zkmine_primitives::{
		FieldElement, Hash32, ProofVerifier, ProverStaking, RollupId, RoundIndex, SequenceId,
		SlashReason,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Default values of the configuration, for runtimes (`derive_impl`) and tests.
	pub mod config_preludes {
		use super::*;
		use frame_support::{derive_impl, parameter_types};

		parameter_types! {
			/// 100 ms of computation and 1 MiB of proof per block for settlement.
			pub const DefaultMaxSettlementWeight: Weight =
				Weight::from_parts(100_000_000_000, 1_048_576);
		}

		/// The defaults of the protocol (PROTOCOL.md): windows of 10 blocks, 64 rollup
		/// slots, 32 commitments per round, abandonment after 3 failed rounds, 16 public inputs, 512-byte proofs, 4 KiB keys,
		/// 64 KiB batches.
		pub struct TestDefaultConfig;

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type CommitWindow = ConstU32<10>;
			type RevealWindow = ConstU32<10>;
			type MaxRollups = ConstU32<64>;
			type MaxOpenSequencesPerRollup = ConstU32<16>;
			type MaxCommitmentsPerSequence = ConstU32<32>;
			type MaxFailedRounds = ConstU32<3>;
			type MaxPublicInputs = ConstU32<16>;
			type MaxProofLen = ConstU32<512>;
			type MaxVerifyingKeyLen = ConstU32<4096>;
			type MaxPreparedKeyLen = ConstU32<4096>;
			type MaxBatchLen = ConstU32<{ 64 * 1024 }>;
			type MaxSettlementWeight = DefaultMaxSettlementWeight;
			type RewardSlots = ConstU32<64>;
			type MaxFeePayers = ConstU32<8>;
			type ProofRetention = ConstU32<100>;
			type WeightInfo = ();
		}
	}

	/// Configuration of the pallet.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency: rewards are minted (`fungible::Mutate::mint_into`); rollup deposits
		/// and proving fees are held ([`HoldReason`]) and fees paid out of the hold.
		#[pallet::no_default]
		type Currency: fungible::Mutate<Self::AccountId>
			+ fungible::InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason, which must include this pallet's [`HoldReason`].
		#[pallet::no_default]
		type RuntimeHoldReason: From<HoldReason>;

		/// The stake of provers: activity, stake snapshots, slashing (burning) and the
		/// outstanding-commitment notifications. `pallet-prover-registry` in the runtime.
		#[pallet::no_default]
		type Staking: ProverStaking<Self::AccountId, BalanceOf<Self>>;

		/// Checks verifying keys, public inputs and proofs (Groth16 BN254 in the runtime).
		#[pallet::no_default]
		type Verifier: ProofVerifier;

		/// Governance: assigns and revokes reward slots, registers slotted rollups without a
		/// deposit (`force_register_rollup`), and may do what a rollup's owner does (rotate
		/// its sequencer, replace its key, deregister it, cancel its open sequences) for any
		/// rollup (root in the runtime).
		#[pallet::no_default]
		type RegisterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The reward of one proved sequence of a slotted rollup, minted at settlement and
		/// split with the sequence's fee among the validated commitments pro rata by stake
		/// snapshot (`BlockReward / RewardSlots`). An unslotted rollup mints nothing.
		#[pallet::constant]
		#[pallet::no_default]
		type RewardPerSequence: Get<BalanceOf<Self>>;

		/// The fixed part of a rollup's registration deposit.
		#[pallet::constant]
		#[pallet::no_default]
		type RollupDepositBase: Get<BalanceOf<Self>>;

		/// The part of a rollup's registration deposit per byte of its (wire-format)
		/// verifying key. The deposit follows the key: a longer replacement holds more, a
		/// shorter one releases the difference.
		#[pallet::constant]
		#[pallet::no_default]
		type RollupDepositPerByte: Get<BalanceOf<Self>>;

		/// The least amount of one fee contribution (a non-zero fee at submission, or a
		/// subsidy), so that dust cannot fill a sequence's `MaxFeePayers` places.
		#[pallet::constant]
		#[pallet::no_default]
		type MinFeeContribution: Get<BalanceOf<Self>>;

		/// The number of reward slots governance can assign: at most this many rollups mint
		/// `RewardPerSequence` per proved sequence (the PoW issuance `BlockReward` is
		/// shared by them). Rollups of the genesis config take slots.
		#[pallet::constant]
		type RewardSlots: Get<u32>;

		/// Most distinct payers of one sequence's fee (the sequencer and the subsidisers).
		#[pallet::constant]
		type MaxFeePayers: Get<u32>;

		/// Blocks for which the first valid proof of a sequence stays queryable after its
		/// settlement (runtime API `proof`), then it is pruned by the hook.
		#[pallet::constant]
		type ProofRetention: Get<u32>;

		/// `C`: blocks after the first commitment `T` during which commitments are accepted
		/// (`T ..= T + C`). Must be positive. A round records the value in force when it
		/// starts, so a change affects only rounds that start after it.
		#[pallet::constant]
		type CommitWindow: Get<u32>;

		/// `R`: blocks of the reveal window (`T + C + 1 ..= T + C + R`). Must be positive.
		/// Recorded by each round at its start, like `CommitWindow`.
		#[pallet::constant]
		type RevealWindow: Get<u32>;

		/// Maximum number of rollups registered at once, slotted or not, retiring ones
		/// included. `RewardSlots` of the places are kept for slotted rollups: open
		/// registration may use the other `MaxRollups - RewardSlots`.
		#[pallet::constant]
		type MaxRollups: Get<u32>;

		/// Maximum number of unfinished sequences of one rollup (any phase).
		#[pallet::constant]
		type MaxOpenSequencesPerRollup: Get<u32>;

		/// Maximum number of commitments in one round of a sequence. When a round is full, a
		/// commitment with a larger stake snapshot than the smallest one displaces it.
		#[pallet::constant]
		type MaxCommitmentsPerSequence: Get<u32>;

		/// A sequence whose rounds failed this many times in a row is abandoned: removed,
		/// so that an unprovable sequence cannot hold its rollup's place forever. Must be
		/// positive.
		#[pallet::constant]
		type MaxFailedRounds: Get<u32>;

		/// Maximum number of public inputs of a sequence (and of a verifying key).
		#[pallet::constant]
		type MaxPublicInputs: Get<u32>;

		/// Maximum length in bytes of a revealed proof.
		#[pallet::constant]
		type MaxProofLen: Get<u32>;

		/// Maximum length in bytes of a verifying key (the wire format that registration takes).
		#[pallet::constant]
		type MaxVerifyingKeyLen: Get<u32>;

		/// Maximum length in bytes of a prepared verifying key, as stored: at least
		/// `Verifier::prepared_key_len(MaxPublicInputs)` (checked by `integrity_test`).
		#[pallet::constant]
		type MaxPreparedKeyLen: Get<u32>;

		/// Maximum length in bytes of a sequence's batch data. The batch travels in the
		/// `submit_sequence` extrinsic (data availability for provers); the chain stores
		/// only its hash and length.
		#[pallet::constant]
		type MaxBatchLen: Get<u32>;

		/// Weight available to settlement in `on_initialize` per block. At least one round
		/// is settled per block whatever the budget; rounds that do not fit wait in the
		/// carry-over queue. Must cover `settle_base + settle(MaxCommitmentsPerSequence)`.
		#[pallet::constant]
		type MaxSettlementWeight: Get<Weight>;

		/// Weights of the calls and of settlement (see [`weights`]).
		type WeightInfo: WeightInfo;
	}

	/// The id the next registered rollup gets.
	#[pallet::storage]
	pub type NextRollupId<T: Config> = StorageValue<_, RollupId, ValueQuery>;

	/// Registered rollups (active or retiring), at most `MaxRollups`.
	#[pallet::storage]
	pub type Rollups<T: Config> = CountedStorageMap<_, Twox64Concat, RollupId, Rollup<T>>;

	/// Verifying keys by rollup and version. A version lives while it is the rollup's
	/// current key or an unfinished sequence was submitted under it (`users` counts both).
	#[pallet::storage]
	pub type VerifyingKeys<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		RollupId,
		Twox64Concat,
		KeyVersion,
		VerifyingKeyRecord<T>,
	>;

	/// The number of rollups with a reward slot (`Rollup::slotted`), at most `RewardSlots`.
	#[pallet::storage]
	pub type SlottedRollups<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The id the next submitted sequence gets (global, never reused).
	#[pallet::storage]
	pub type NextSequenceId<T: Config> = StorageValue<_, SequenceId, ValueQuery>;

	/// Unfinished sequences: open, in a round, or awaiting settlement.
	#[pallet::storage]
	pub type Sequences<T: Config> = StorageMap<_, Twox64Concat, SequenceId, Sequence<T>>;

	/// The statements of the unfinished sequences: [`zkmine_primitives::statement_hash`] of
	/// `(rollup, key version, public inputs)` to the sequence. A second sequence with the
	/// same statement is refused, so that a proof that is public already cannot be replayed.
	#[pallet::storage]
	pub type Statements<T: Config> = StorageMap<_, Identity, Hash32, SequenceId>;

	/// The live round of a sequence (its commitments and verified proof hashes). Present
	/// exactly while the sequence has a first commitment `T`.
	#[pallet::storage]
	pub type Rounds<T: Config> = StorageMap<_, Twox64Concat, SequenceId, Round<T>>;

	/// Deadline index: the sequences whose round settles at a block (`T + C + R + 1`).
	#[pallet::storage]
	pub type Deadlines<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<SequenceId, MaxLiveSequences<T>>,
		ValueQuery,
	>;

	/// Carry-over queue: sequences that were due but did not fit in a block's settlement
	/// budget, oldest first. Consumed before the sequences due in the current block.
	#[pallet::storage]
	pub type SettlementQueue<T: Config> =
		StorageValue<_, BoundedVec<SequenceId, MaxLiveSequences<T>>, ValueQuery>;

	/// The first valid proof of each proved sequence: written by the reveal that proved it,
	/// kept until `ProofRetention` blocks after its settlement (runtime API `proof`).
	#[pallet::storage]
	pub type Proofs<T: Config> = StorageMap<_, Twox64Concat, SequenceId, StoredProof<T>>;

	/// Expiry index of [`Proofs`]: the sequences whose proof is pruned at a block. A block's
	/// entry holds the sequences settled `ProofRetention` blocks before it, so at most
	/// `MaxLiveSequences`.
	#[pallet::storage]
	pub type ProofExpiries<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<SequenceId, MaxLiveSequences<T>>,
		ValueQuery,
	>;

	/// Reasons for which the pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A rollup's registration deposit, on its owner, until the rollup is removed.
		RollupDeposit,
		/// A contribution to a sequence's proving fee, on its payer, until the sequence is
		/// settled (paid to the provers) or removed unproved (released).
		SequenceFee,
	}

	/// Rollups registered at genesis (dev and test chains), with ids `0, 1, ...` in order.
	/// Each is owned by its sequencer, holds no deposit, and takes a reward slot.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(sequencer, verifying key)` of each rollup; each key is validated by the
		/// verifier exactly as `register_rollup` does.
		pub rollups: alloc::vec::Vec<(T::AccountId, alloc::vec::Vec<u8>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (sequencer, key) in &self.rollups {
				// A broken genesis must not produce a chain: panicking here is intended.
				let key = BoundedVec::try_from(key.clone()).unwrap_or_else(|_| {
					panic!("genesis verifying key longer than MaxVerifyingKeyLen")
				});
				if let Err(e) = Pallet::<T>::do_register_genesis_rollup(sequencer.clone(), key) {
					panic!("genesis rollup could not be registered: {:?}", e.error);
				}
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Prunes the proofs whose retention ends now, then settles within what is left.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let budget = T::MaxSettlementWeight::get();
			let pruned = Self::prune_expired_proofs(now);
			Self::settle_due(now, budget.saturating_sub(pruned)).saturating_add(pruned)
		}

		fn integrity_test() {
			Self::check_config();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a rollup with its `sequencer` and `verifying_key` (checked by the
		/// verifier). Open to anyone: the caller becomes its owner and the deposit
		/// [`Pallet::registration_deposit`] of the key's length is held from it. The rollup
		/// has no reward slot: its provers are paid by its sequences' fees until governance
		/// assigns one. At most `MaxRollups - RewardSlots` rollups without a slot exist at
		/// once: the other places are kept for slotted rollups. The id is taken from a
		/// counter.
		///
		/// Emits `RollupRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_rollup(T::MaxPublicInputs::get()))]
		pub fn register_rollup(
			origin: OriginFor<T>,
			sequencer: T::AccountId,
			verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
		) -> DispatchResultWithPostInfo {
			let owner = ensure_signed(origin)?;
			Self::do_register_rollup(owner, sequencer, verifying_key)
		}

		/// Register a rollup for governance: owned by `owner`, with a reward slot and no
		/// deposit (like a rollup of the genesis config). It takes one of the places kept for
		/// slotted rollups, so open registrations can never crowd it out. Origin:
		/// `RegisterOrigin`.
		///
		/// Emits `RollupRegistered`.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::force_register_rollup(T::MaxPublicInputs::get()))]
		pub fn force_register_rollup(
			origin: OriginFor<T>,
			owner: T::AccountId,
			sequencer: T::AccountId,
			verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
		) -> DispatchResultWithPostInfo {
			T::RegisterOrigin::ensure_origin(origin)?;
			Self::do_force_register_rollup(owner, sequencer, verifying_key)
		}

		/// Replace the verifying key of an active rollup. Sequences submitted before keep
		/// the key they were submitted under. The deposit follows the new key's length
		/// (more held from the owner, or the difference released). Origin: the owner or
		/// `RegisterOrigin`.
		///
		/// Emits `VerifyingKeyUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_verifying_key(T::MaxPublicInputs::get()))]
		pub fn update_verifying_key(
			origin: OriginFor<T>,
			rollup: RollupId,
			verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
		) -> DispatchResultWithPostInfo {
			let record = Self::ensure_owner_or_governance(origin, rollup)?;
			Self::do_update_verifying_key(rollup, record, verifying_key)
		}

		/// Deregister a rollup: no new sequences; sequences without a started round are
		/// dropped (their fees released); live rounds settle normally (a failed one is not
		/// reopened); the record is removed with its last sequence and the deposit released
		/// then. Origin: the owner or `RegisterOrigin`.
		///
		/// Emits `SequenceDropped` per dropped sequence, `RollupDeregistered`, and
		/// `RollupRemoved` if nothing is live.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deregister_rollup(T::MaxOpenSequencesPerRollup::get()))]
		pub fn deregister_rollup(
			origin: OriginFor<T>,
			rollup: RollupId,
		) -> DispatchResultWithPostInfo {
			let record = Self::ensure_owner_or_governance(origin, rollup)?;
			Self::do_deregister_rollup(rollup, record)
		}

		/// Submit a sequence of `rollup` awaiting a validity proof. Only the rollup's
		/// sequencer; the public inputs are checked against the current verifying key.
		///
		/// `batch` is the sequence's data (for the demo rollup: the old state root and the
		/// transactions). It is carried in this extrinsic so that provers can read it from
		/// the block; the chain stores only `blake2_256(batch)` and its length.
		///
		/// `fee` (zero for none, else at least `MinFeeContribution`) is held from the
		/// sequencer and paid with the reward to the provers whose commitments a valid proof
		/// validated; it is released back if the sequence is removed unproved.
		///
		/// Emits `SequenceSubmitted` (and `FeeAdded` for a fee).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::submit_sequence(
			public_inputs.len().saturated_into(),
			batch.len().saturated_into(),
		))]
		pub fn submit_sequence(
			origin: OriginFor<T>,
			rollup: RollupId,
			public_inputs: BoundedVec<FieldElement, T::MaxPublicInputs>,
			batch: BoundedVec<u8, T::MaxBatchLen>,
			fee: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_sequence(who, rollup, public_inputs, &batch, fee)
		}

		/// Commit to a proof of `sequence`: `commitment = blake2_256(proof_hash ++
		/// SCALE(caller))`. Active provers with free capacity only, once per round, in
		/// `T ..= T + C`; the first commitment of a round sets `T` and records the windows.
		/// The stake snapshot is the caller's free capacity; the registry reserves the largest
		/// slash of it. In a full round the caller takes the place of the smallest snapshot
		/// if its own is larger.
		///
		/// Emits `RoundStarted` (first commitment), `CommitmentDisplaced` (full round) and
		/// `ProofHashCommitted`.
		#[pallet::call_index(4)]
		#[pallet::weight(Pallet::<T>::commit_weight_bound())]
		pub fn commit_proof_hash(
			origin: OriginFor<T>,
			sequence: SequenceId,
			commitment: Hash32,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_commit_proof_hash(who, sequence, commitment)
		}

		/// Reveal a proof of `sequence` in `T + C + 1 ..= T + C + R`. Active provers, and any
		/// prover with a commitment in the round (even if it fell below the minimum since).
		/// Only a proof that does not decode or does not verify counts against its
		/// committer; any other refusal of the verifier (a stored key or inputs it no longer
		/// accepts) fails the call with its error and changes nothing.
		/// A valid proof validates every commitment that matches it for its own account and
		/// proves the sequence if it is the first; an invalid or malformed proof matching
		/// the caller's own commitment slashes the caller at once (the call succeeds).
		///
		/// Emits `SequenceProved`, `CommitmentValidated` or `IncorrectProofSlashed`.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::submit_proof_weight_bound())]
		pub fn submit_proof(
			origin: OriginFor<T>,
			sequence: SequenceId,
			proof: BoundedVec<u8, T::MaxProofLen>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_submit_proof(who, sequence, proof)
		}

		/// Cancel a sequence that has no live round (phase Open): it is removed, its fee
		/// released to its payers and its rollup's place freed. Origin: the rollup's
		/// sequencer or owner, or `RegisterOrigin`.
		///
		/// Emits `FeeRefunded` per payer and `SequenceCancelled`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_sequence(T::MaxFeePayers::get()))]
		pub fn cancel_sequence(
			origin: OriginFor<T>,
			sequence: SequenceId,
		) -> DispatchResultWithPostInfo {
			let by = match T::RegisterOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_cancel_sequence(by, sequence)
		}

		/// Give a rollup one of the `RewardSlots`: its proved sequences settled from now on
		/// mint `RewardPerSequence`. Origin: `RegisterOrigin`.
		///
		/// Emits `SlotAssigned`.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::assign_slot())]
		pub fn assign_slot(origin: OriginFor<T>, rollup: RollupId) -> DispatchResult {
			T::RegisterOrigin::ensure_origin(origin)?;
			Self::do_assign_slot(rollup)
		}

		/// Take a rollup's reward slot: its sequences settled from now on are paid by their
		/// fees only. Origin: `RegisterOrigin`.
		///
		/// Emits `SlotRevoked`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::revoke_slot())]
		pub fn revoke_slot(origin: OriginFor<T>, rollup: RollupId) -> DispatchResult {
			T::RegisterOrigin::ensure_origin(origin)?;
			Self::do_revoke_slot(rollup)
		}

		/// Rotate an active rollup's sequencer: from now on only `sequencer` submits (and
		/// cancels) its sequences. Origin: the owner or `RegisterOrigin`.
		///
		/// Emits `SequencerChanged`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_sequencer())]
		pub fn set_sequencer(
			origin: OriginFor<T>,
			rollup: RollupId,
			sequencer: T::AccountId,
		) -> DispatchResult {
			let record = Self::ensure_owner_or_governance(origin, rollup)?;
			Self::do_set_sequencer(rollup, record, sequencer)
		}

		/// Add `amount` (at least `MinFeeContribution`) to the proving fee of a sequence
		/// that is not proved yet: a subsidy from anyone, held on the caller until
		/// settlement pays it out or the sequence is removed unproved (released). A payer's
		/// contributions are added up in one place; at most `MaxFeePayers` payers.
		///
		/// Emits `FeeAdded`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::add_subsidy())]
		pub fn add_subsidy(
			origin: OriginFor<T>,
			sequence: SequenceId,
			amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_subsidy(who, sequence, amount)
		}
	}
}
