//! The data types of the prover registry.

use crate::{BalanceOf, Config};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::BoundedVec, traits::Get, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Saturating};

/// Stake that left the bonded stake and waits for the end of its unbonding period.
///
/// It stays on hold and can still be slashed until it is withdrawn.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct UnbondingChunk<Balance, BlockNumber> {
	/// The stake in this chunk.
	pub value: Balance,
	/// The first block in which the chunk can be withdrawn.
	pub unlock_at: BlockNumber,
}

/// The chunks of one prover, oldest first (the order in which `unbond` created them).
pub type UnbondingChunks<T> =
	BoundedVec<UnbondingChunk<BalanceOf<T>, BlockNumberFor<T>>, <T as Config>::MaxUnbondingChunks>;

/// The stake ledger of one registered prover.
#[derive(
	Encode,
	Decode,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct ProverLedger<T: Config> {
	/// Stake that is bonded: it counts towards being active and is what the submission pallet
	/// snapshots at commit time.
	pub bonded: BalanceOf<T>,
	/// Stake that is unbonding, oldest chunk first. At most `MaxUnbondingChunks` chunks.
	pub unbonding: UnbondingChunks<T>,
	/// Commitments of this prover that the submission pallet has not settled or removed
	/// yet. While it is non-zero the prover cannot deregister.
	pub pending_commitments: u32,
	/// Bonded stake reserved by those commitments: the sum of their reservations, each the
	/// largest slash that commitment can incur. Never above `bonded`: `unbond` cannot take
	/// reserved stake, and a new commitment reserves only from the free capacity.
	pub reserved: BalanceOf<T>,
	/// Lifetime statistics: the rewards minted to this prover by the submission pallet
	/// since it registered.
	pub rewarded: BalanceOf<T>,
	/// Lifetime statistics: the stake slashed (burned) from this prover since it
	/// registered.
	pub slashed: BalanceOf<T>,
}

impl<T: Config> ProverLedger<T> {
	/// A ledger with `bonded` stake, no unbonding chunk, no pending commitment and empty
	/// statistics.
	pub fn new(bonded: BalanceOf<T>) -> Self {
		Self {
			bonded,
			unbonding: Default::default(),
			pending_commitments: 0,
			reserved: Zero::zero(),
			rewarded: Zero::zero(),
			slashed: Zero::zero(),
		}
	}

	/// The sum of all unbonding chunks.
	pub fn unbonding_total(&self) -> BalanceOf<T> {
		self.unbonding
			.iter()
			.fold(Zero::zero(), |sum: BalanceOf<T>, chunk| sum.saturating_add(chunk.value))
	}

	/// Everything this ledger accounts for: bonded plus unbonding. Equals the balance held
	/// under [`crate::HoldReason::ProverStake`].
	pub fn total(&self) -> BalanceOf<T> {
		self.bonded.saturating_add(self.unbonding_total())
	}

	/// Bonded stake not reserved by open commitments: what a new commitment can weigh.
	pub fn free(&self) -> BalanceOf<T> {
		self.bonded.saturating_sub(self.reserved)
	}

	/// Whether bonded stake reaches `MinProverStake`.
	pub fn is_active(&self) -> bool {
		self.bonded >= T::MinProverStake::get()
	}
}
