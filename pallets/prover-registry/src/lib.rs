#![cfg_attr(not(feature = "std"), no_std)]
#![doc = include_str!("../README.md")]

extern crate alloc;

pub use pallet::*;
pub use types::{ProverLedger, UnbondingChunk, UnbondingChunks};
pub use weights::WeightInfo;

mod asset;
mod invariants;
mod slash;
mod stake;
mod staking;
mod types;

pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

/// Log target of this pallet.
pub(crate) const LOG_TARGET: &str = "runtime::prover-registry";

/// The balance type of the currency that backs the stake.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			BuildGenesisConfig,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use zkmine_primitives::SlashReason;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the prover registry.
	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency in which stake is held (`pallet-balances` in the runtime).
		///
		/// Stake is placed on hold under [`HoldReason::ProverStake`]; slashes burn held funds.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason, which must include this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Bonded stake a prover needs to register and to be active (allowed to commit and
		/// reveal). Must exceed the existential deposit (checked in `integrity_test`).
		#[pallet::constant]
		type MinProverStake: Get<BalanceOf<Self>>;

		/// Blocks between `unbond` and the moment the unbonded chunk can be withdrawn.
		///
		/// Must be strictly greater than [`Config::SlashableWindow`] (checked in
		/// `integrity_test`) so that stake backing a commitment cannot leave before the
		/// commitment's round is settled.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The longest time, in blocks, for which a commitment can stay unsettled: the
		/// submission pallet's `CommitWindow + RevealWindow` plus slack for settlement that
		/// is carried over to later blocks. Only used by `integrity_test`.
		#[pallet::constant]
		type SlashableWindow: Get<BlockNumberFor<Self>>;

		/// Maximum number of unbonding chunks a prover may have at once. Bounds the ledger
		/// and the cost of slashing and withdrawing.
		#[pallet::constant]
		type MaxUnbondingChunks: Get<u32>;

		/// Share of the stake snapshot slashed for [`SlashReason::IncorrectHash`]: the prover
		/// committed in a round that produced a valid proof, but its commitment matched none.
		#[pallet::constant]
		type IncorrectHashSlash: Get<Perbill>;

		/// Share of the stake snapshot slashed for [`SlashReason::IncorrectProof`]: the
		/// prover revealed a proof that matched its own commitment and failed verification.
		#[pallet::constant]
		type IncorrectProofSlash: Get<Perbill>;

		/// Share of the stake snapshot slashed for [`SlashReason::NoValidProof`]: the round
		/// ended without any valid proof, so every committer is punished.
		#[pallet::constant]
		type NoValidProofSlash: Get<Perbill>;

		/// Weights of this pallet's calls and of the slash path.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Stake of a registered prover: bonded plus still unbonding.
		#[codec(index = 0)]
		ProverStake,
	}

	/// The stake ledger of every registered prover: bonded stake, unbonding chunks and the
	/// number of its commitments that are still outstanding in the submission pallet.
	///
	/// Invariant: the balance held under [`HoldReason::ProverStake`] equals `bonded` plus the
	/// sum of the unbonding chunks.
	#[pallet::storage]
	pub type Provers<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, ProverLedger<T>, OptionQuery>;

	/// Events of the prover registry: one for every change of a prover's stake or status.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A prover registered and is active.
		Registered {
			/// The prover.
			who: T::AccountId,
			/// The stake placed on hold and bonded.
			stake: BalanceOf<T>,
		},
		/// A prover added stake to its bonded stake.
		Bonded {
			/// The prover.
			who: T::AccountId,
			/// The stake added and placed on hold.
			amount: BalanceOf<T>,
			/// The bonded stake after the call.
			bonded: BalanceOf<T>,
		},
		/// A prover started unbonding stake; it stays on hold (and slashable) until
		/// `unlock_at`, then `withdraw_unbonded` releases it.
		UnbondingStarted {
			/// The prover.
			who: T::AccountId,
			/// The stake moved from bonded to unbonding.
			amount: BalanceOf<T>,
			/// The first block in which the chunk can be withdrawn.
			unlock_at: BlockNumberFor<T>,
			/// The bonded stake after the call.
			bonded: BalanceOf<T>,
		},
		/// Unbonded stake whose unbonding period ended was released from hold.
		Withdrawn {
			/// The prover.
			who: T::AccountId,
			/// The stake released to the prover's free balance.
			amount: BalanceOf<T>,
		},
		/// A prover with nothing bonded, unbonding or pending left the registry.
		Deregistered {
			/// The former prover.
			who: T::AccountId,
		},
		/// A prover was slashed; the amount was burned (total issuance fell by it).
		Slashed {
			/// The prover.
			who: T::AccountId,
			/// The stake burned, bonded first, then unbonding chunks newest first.
			amount: BalanceOf<T>,
			/// Why the prover was slashed.
			reason: SlashReason,
		},
		/// A prover's bonded stake fell below `MinProverStake` (by `unbond` or a slash): it
		/// can no longer commit or reveal.
		BecameInactive {
			/// The prover.
			who: T::AccountId,
			/// Its bonded stake now.
			bonded: BalanceOf<T>,
		},
		/// An inactive prover's bonded stake reached `MinProverStake` again (by
		/// `bond_extra`): it can commit and reveal again.
		BecameActive {
			/// The prover.
			who: T::AccountId,
			/// Its bonded stake now.
			bonded: BalanceOf<T>,
		},
	}

	/// Errors of the prover registry's calls: one for each way a call can fail.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a registered prover.
		AlreadyRegistered,
		/// The account is not a registered prover.
		NotRegistered,
		/// `register` was called with less than `MinProverStake`.
		BelowMinimumStake,
		/// The amount is zero.
		ZeroAmount,
		/// The account cannot put that much on hold: its free balance, less the existential
		/// deposit it must keep, is too small.
		InsufficientFreeBalance,
		/// `unbond` asked for more than the bonded stake.
		InsufficientBonded,
		/// `unbond` would leave bonded stake above zero but below `MinProverStake`; unbond
		/// less, or unbond everything.
		BondedBelowMinimum,
		/// `unbond` would take stake reserved by open commitments: it is released when they
		/// settle. `ProverCapacity::free` (runtime API) is what can be unbonded now.
		StakeReserved,
		/// The prover already has `MaxUnbondingChunks` unbonding chunks; withdraw matured
		/// ones first or wait until they mature.
		TooManyUnbondingChunks,
		/// No unbonding chunk has reached the end of its unbonding period.
		NothingToWithdraw,
		/// `deregister` refused: the prover still has bonded stake (unbond it first).
		StillBonded,
		/// `deregister` refused: the prover still has unbonding chunks (withdraw them first).
		StillUnbonding,
		/// `deregister` refused: commitments of the prover are still outstanding.
		CommitmentsPending,
	}

	/// Provers registered when the chain starts.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Provers registered at genesis with their stake (each at least `MinProverStake`,
		/// the account funded by the balances genesis with stake plus existential deposit).
		pub provers: Vec<(T::AccountId, BalanceOf<T>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::do_genesis_register(&self.provers);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			Self::do_integrity_test();
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the caller as a prover, placing `stake` on hold as bonded stake.
		///
		/// `stake` must be at least `MinProverStake`; the caller must keep the existential
		/// deposit free besides it. The prover is active at once. Emits `Registered`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			#[pallet::compact] stake: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(&who, stake)
		}

		/// Put `amount` more of the caller's free balance on hold as bonded stake.
		///
		/// Emits `Bonded`, and `BecameActive` if this lifts an inactive prover to the minimum.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::bond_extra())]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_extra(&who, amount)
		}

		/// Move `amount` of bonded stake into a new unbonding chunk that can be withdrawn
		/// `UnbondingPeriod` blocks from now. The chunk stays on hold and slashable until then.
		///
		/// The bonded stake left must cover the stake reserved by open commitments, and be
		/// zero or at least `MinProverStake`. Several unbonds in
		/// the same block share one chunk; at most `MaxUnbondingChunks` chunks exist at once.
		/// Emits `UnbondingStarted`, and `BecameInactive` if everything was unbonded by an
		/// active prover.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond())]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond(&who, amount)
		}

		/// Release every unbonding chunk of the caller whose unbonding period has ended.
		///
		/// Emits `Withdrawn`. The weight is refunded down to the number of chunks the prover had.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded(T::MaxUnbondingChunks::get()))]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let chunks = Self::do_withdraw_unbonded(&who)?;
			Ok(Some(T::WeightInfo::withdraw_unbonded(chunks)).into())
		}

		/// Leave the registry. Only possible with nothing bonded, nothing unbonding and no
		/// outstanding commitment. Emits `Deregistered`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::deregister())]
		pub fn deregister(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister(&who)
		}
	}
}
