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
pub mod extension;
mod invariants;
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
			type WeightInfo = ();
		}
	}

	/// Configuration of the pallet.
	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency in which rewards are minted (`fungible::Mutate::mint_into`).
		#[pallet::no_default]
		type Currency: fungible::Mutate<Self::AccountId>;

		/// The stake of provers: activity, stake snapshots, slashing (burning) and the
		/// outstanding-commitment notifications. `pallet-prover-registry` in the runtime.
		#[pallet::no_default]
		type Staking: ProverStaking<Self::AccountId, BalanceOf<Self>>;

		/// Checks verifying keys, public inputs and proofs (Groth16 BN254 in the runtime).
		#[pallet::no_default]
		type Verifier: ProofVerifier;

		/// Who may register rollups, replace their verifying keys and deregister them, and
		/// cancel any sequence without a live round (root in the runtime).
		#[pallet::no_default]
		type RegisterOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The reward of one proved sequence, minted at settlement and split among the
		/// validated commitments pro rata by stake snapshot (`BlockReward / RollupSlots`).
		#[pallet::constant]
		#[pallet::no_default]
		type RewardPerSequence: Get<BalanceOf<Self>>;

		/// `C`: blocks after the first commitment `T` during which commitments are accepted
		/// (`T ..= T + C`). Must be positive. A round records the value in force when it
		/// starts, so a change affects only rounds that start after it.
		#[pallet::constant]
		type CommitWindow: Get<u32>;

		/// `R`: blocks of the reveal window (`T + C + 1 ..= T + C + R`). Must be positive.
		/// Recorded by each round at its start, like `CommitWindow`.
		#[pallet::constant]
		type RevealWindow: Get<u32>;

		/// Maximum number of rollups registered at once (the "rollup slots"), retiring ones
		/// included.
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

	/// Rollups registered at genesis (dev and test chains), with ids `0, 1, ...` in order.
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
				if let Err(e) = Pallet::<T>::do_register_rollup(sequencer.clone(), key) {
					panic!("genesis rollup could not be registered: {:?}", e.error);
				}
			}
		}
	}

	/// Events of the pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A rollup was registered.
		RollupRegistered {
			/// The new rollup's id.
			rollup: RollupId,
			/// The only account allowed to submit its sequences.
			sequencer: T::AccountId,
			/// Version of its verifying key (0 at registration).
			key_version: KeyVersion,
			/// `blake2_256` of the verifying key bytes.
			key_hash: Hash32,
			/// Number of public inputs the key expects.
			public_inputs: u32,
		},
		/// A rollup's verifying key was replaced. Sequences submitted before keep the key
		/// they were submitted under.
		VerifyingKeyUpdated {
			/// The rollup.
			rollup: RollupId,
			/// The new key's version.
			key_version: KeyVersion,
			/// `blake2_256` of the new verifying key bytes.
			key_hash: Hash32,
			/// Number of public inputs the new key expects.
			public_inputs: u32,
		},
		/// A rollup was deregistered: it takes no new sequences, its sequences without a
		/// round were dropped, and its live rounds settle normally.
		RollupDeregistered {
			/// The rollup.
			rollup: RollupId,
			/// Sequences dropped because no round had started.
			dropped: u32,
			/// Sequences whose live round still settles before the record is removed.
			live: u32,
		},
		/// A rollup's record was removed (at deregistration, or when its last live
		/// sequence finished).
		RollupRemoved {
			/// The rollup.
			rollup: RollupId,
			/// Its latest proved sequence, if any.
			latest_proved: Option<SequenceId>,
		},
		/// A sequence was submitted and is open for commitments.
		SequenceSubmitted {
			/// The new sequence's id.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// Version of the rollup's verifying key its proofs are checked against.
			key_version: KeyVersion,
			/// `blake2_256` of the batch data carried by the extrinsic. Provers read the batch
			/// from the block that included this event's extrinsic and check it against
			/// this hash.
			data_hash: H256,
			/// Length of the batch data in bytes.
			data_len: u32,
			/// Number of public inputs.
			public_inputs: u32,
		},
		/// A sequence without a live round was cancelled by its sequencer or by governance.
		SequenceCancelled {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// The sequencer that cancelled it; `None` for `RegisterOrigin`.
			by: Option<T::AccountId>,
		},
		/// A sequence whose rounds failed `MaxFailedRounds` times in a row was removed.
		SequenceAbandoned {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// How many rounds failed.
			failed_rounds: u32,
		},
		/// A sequence was removed without being proved (deregistration of its rollup).
		SequenceDropped {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// Its round when dropped.
			round: RoundIndex,
		},
		/// The first commitment of a round was made: the windows are fixed from `T`.
		RoundStarted {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// `T`, the block of the first commitment.
			started_at: BlockNumberFor<T>,
			/// Last block of the commit window, `T + C`.
			commit_end: BlockNumberFor<T>,
			/// Last block of the reveal window, `T + C + R`.
			reveal_end: BlockNumberFor<T>,
			/// Block in which the round is settled, `T + C + R + 1`.
			settle_at: BlockNumberFor<T>,
		},
		/// A prover committed to a proof hash.
		ProofHashCommitted {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The committing prover.
			prover: T::AccountId,
			/// `blake2_256(proof_hash ++ SCALE(prover))`.
			commitment: Hash32,
			/// The stake snapshot: the prover's free capacity at commit time.
			stake: BalanceOf<T>,
			/// The stake it reserves until settlement (its largest possible slash).
			reserved: BalanceOf<T>,
		},
		/// The round was full and a commitment with a larger stake snapshot took the place of
		/// the one with the smallest (the latest of equals). The displaced prover is not
		/// slashed; its reservation is released.
		CommitmentDisplaced {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The prover whose commitment was removed.
			displaced: T::AccountId,
			/// Its stake snapshot.
			displaced_stake: BalanceOf<T>,
			/// The prover whose commitment took the place.
			by: T::AccountId,
			/// Its stake snapshot.
			stake: BalanceOf<T>,
		},
		/// The first valid proof of the round: the sequence is proved (rollup finality).
		SequenceProved {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// The round.
			round: RoundIndex,
			/// `blake2_256` of the proof bytes.
			proof_hash: Hash32,
			/// Who submitted the proof.
			by: T::AccountId,
		},
		/// A commitment was validated by a valid proof that matches it.
		CommitmentValidated {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The prover whose commitment was validated.
			prover: T::AccountId,
			/// The hash of the proof that validated it.
			proof_hash: Hash32,
		},
		/// A prover revealed a proof that matches its own commitment and failed
		/// verification: it was slashed at once and its commitment removed.
		IncorrectProofSlashed {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The slashed prover.
			prover: T::AccountId,
			/// `blake2_256` of the revealed proof.
			proof_hash: Hash32,
			/// Whether the proof did not even decode (otherwise it decoded and did not
			/// verify).
			malformed: bool,
			/// The amount burned.
			slashed: BalanceOf<T>,
		},
		/// A validated committer was paid its share of the sequence reward (minted).
		RewardPaid {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The rewarded prover.
			who: T::AccountId,
			/// The minted amount.
			amount: BalanceOf<T>,
		},
		/// A committer was slashed at settlement.
		CommitterSlashed {
			/// The sequence.
			sequence: SequenceId,
			/// The round.
			round: RoundIndex,
			/// The slashed prover.
			who: T::AccountId,
			/// `IncorrectHash` (proved round, commitment not validated) or `NoValidProof`.
			reason: SlashReason,
			/// The amount burned.
			amount: BalanceOf<T>,
		},
		/// A proved sequence was settled and removed from active storage.
		SequenceFinalized {
			/// The sequence.
			sequence: SequenceId,
			/// Its rollup.
			rollup: RollupId,
			/// The round that proved it.
			round: RoundIndex,
			/// Hash of the first valid proof.
			proof_hash: Hash32,
			/// Number of validated commitments.
			validated: u32,
			/// Total minted to validated committers (the reward less the rounding dust).
			rewarded: BalanceOf<T>,
		},
		/// A round ended without a valid proof; every committer was slashed.
		RoundFailed {
			/// The sequence.
			sequence: SequenceId,
			/// The failed round.
			round: RoundIndex,
			/// Number of committers slashed.
			committers: u32,
		},
		/// A sequence whose round failed is open again for commitments.
		SequenceReopened {
			/// The sequence.
			sequence: SequenceId,
			/// The new round.
			new_round: RoundIndex,
		},
		/// Settlement work did not fit in this block's budget and waits in the carry-over
		/// queue.
		SettlementDeferred {
			/// Number of sequences waiting.
			pending: u32,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// No rollup with this id.
		UnknownRollup,
		/// No unfinished sequence with this id.
		UnknownSequence,
		/// Only the rollup's sequencer may submit its sequences.
		NotSequencer,
		/// `MaxRollups` rollups are registered already.
		TooManyRollups,
		/// The rollup has `MaxOpenSequencesPerRollup` unfinished sequences already.
		TooManyOpenSequences,
		/// The rollup is deregistered and waits for its live rounds to settle.
		RollupRetiring,
		/// The verifying key does not decode.
		MalformedVerifyingKey,
		/// The verifying key expects more than `MaxPublicInputs` public inputs.
		TooManyPublicInputs,
		/// The number of public inputs differs from what the verifying key expects.
		PublicInputCountMismatch,
		/// A public input is not a canonical field element.
		NonCanonicalPublicInput,
		/// The caller is not an active prover (new commitments, and reveals by a caller without
		/// a commitment in the round, need one).
		NotActiveProver,
		/// The caller's free capacity (bonded stake not reserved by its open commitments) is
		/// below the minimum stake: wait for a round of it to settle, or bond more.
		InsufficientCapacity,
		/// The commit window of the round is over (from `T + C + 1`).
		CommitWindowClosed,
		/// The caller has a commitment in this round already.
		AlreadyCommitted,
		/// The round has `MaxCommitmentsPerSequence` commitments already, none with a smaller
		/// stake snapshot than the caller's.
		TooManyCommitments,
		/// No round of the sequence has started (no commitment yet): nothing to reveal.
		RoundNotStarted,
		/// The reveal window has not opened yet (it opens at `T + C + 1`).
		RevealNotOpen,
		/// The reveal window is over (it closed at `T + C + R`).
		RevealWindowClosed,
		/// The proof does not verify and matches no commitment of the caller.
		InvalidProof,
		/// The proof does not decode and matches no commitment of the caller.
		MalformedProof,
		/// The proof is valid but the sequence is proved already and the proof validates
		/// no further commitment.
		NothingToValidate,
		/// A sequence must carry batch data: the batch is empty.
		EmptyBatch,
		/// An unfinished sequence of the rollup has the same key version and public inputs:
		/// a proof of one would prove the other. Rollups make statements unique (the demo
		/// rollup chains state roots).
		DuplicateSequence,
		/// The sequence has a live round: it can be cancelled only while open.
		RoundLive,
		/// An id or version counter is exhausted.
		Overflow,
		/// Storage is inconsistent (defensive: never expected).
		Inconsistent,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Settles the rounds due now and carried over, within `MaxSettlementWeight`.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::settle_due(now, T::MaxSettlementWeight::get())
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
		/// verifier). The id is taken from a counter. Origin: `RegisterOrigin`.
		///
		/// Emits `RollupRegistered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_rollup(T::MaxPublicInputs::get()))]
		pub fn register_rollup(
			origin: OriginFor<T>,
			sequencer: T::AccountId,
			verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
		) -> DispatchResultWithPostInfo {
			T::RegisterOrigin::ensure_origin(origin)?;
			Self::do_register_rollup(sequencer, verifying_key)
		}

		/// Replace the verifying key of an active rollup. Sequences submitted before keep
		/// the key they were submitted under. Origin: `RegisterOrigin`.
		///
		/// Emits `VerifyingKeyUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_verifying_key(T::MaxPublicInputs::get()))]
		pub fn update_verifying_key(
			origin: OriginFor<T>,
			rollup: RollupId,
			verifying_key: BoundedVec<u8, T::MaxVerifyingKeyLen>,
		) -> DispatchResultWithPostInfo {
			T::RegisterOrigin::ensure_origin(origin)?;
			Self::do_update_verifying_key(rollup, verifying_key)
		}

		/// Deregister a rollup: no new sequences; sequences without a started round are
		/// dropped; live rounds settle normally (a failed one is not reopened); the record
		/// is removed with its last sequence. Origin: `RegisterOrigin`.
		///
		/// Emits `SequenceDropped` per dropped sequence, `RollupDeregistered`, and
		/// `RollupRemoved` if nothing is live.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::deregister_rollup(T::MaxOpenSequencesPerRollup::get()))]
		pub fn deregister_rollup(
			origin: OriginFor<T>,
			rollup: RollupId,
		) -> DispatchResultWithPostInfo {
			T::RegisterOrigin::ensure_origin(origin)?;
			Self::do_deregister_rollup(rollup)
		}

		/// Submit a sequence of `rollup` awaiting a validity proof. Only the rollup's
		/// sequencer; the public inputs are checked against the current verifying key.
		///
		/// `batch` is the sequence's data (for the demo rollup: the old state root and the
		/// transactions). It is carried in this extrinsic so that provers can read it from
		/// the block; the chain stores only `blake2_256(batch)` and its length.
		///
		/// Emits `SequenceSubmitted`.
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
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_sequence(who, rollup, public_inputs, &batch)
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

		/// Cancel a sequence that has no live round (phase Open): it is removed and its
		/// rollup's place freed. Origin: the rollup's sequencer, or `RegisterOrigin`.
		///
		/// Emits `SequenceCancelled`.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::cancel_sequence())]
		pub fn cancel_sequence(origin: OriginFor<T>, sequence: SequenceId) -> DispatchResult {
			let by = match T::RegisterOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_cancel_sequence(by, sequence)
		}
	}
}
