//! [`CheckReveal`]: the transaction pool's check of `submit_proof`, so that the reveal window
//! cannot be bought with doomed reveals.
//!
//! A reveal that cannot succeed never enters the pool or a block: it is refused with
//! `InvalidTransaction::Custom(code)` (the codes of [`RevealRefusal`]) for an unknown
//! sequence, a round not started, a block outside the reveal window, a sender that neither
//! committed nor is an active prover, or a proof that matches no open commitment of a
//! sequence that is proved already. A reveal whose proof matches a commitment of the round
//! not yet validated (checked by hashing, no pairing) gets [`MATCHING_REVEAL_PRIORITY`] on
//! top of its fee priority, so that blocks take it before any reveal that does not. Every
//! reveal's longevity ends with its window.
//!
//! The same checks run again when the transaction is applied in a block (a block holding a
//! doomed reveal is invalid), and the call itself keeps its own checks.

use crate::{Call, Config, Error, Pallet, WeightInfo};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::DispatchInfo, pallet_prelude::TransactionSource, traits::IsSubType, weights::Weight,
	CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{
		AsSystemOriginSigner, DispatchInfoOf, DispatchOriginOf, Dispatchable, Implication,
		TransactionExtension, ValidateResult,
	},
	transaction_validity::{
		InvalidTransaction, TransactionLongevity, TransactionPriority, ValidTransaction,
	},
	SaturatedConversion, Saturating,
};
use zkmine_primitives::proof_hash;

/// Added to the priority of a reveal whose proof matches an open commitment of its round.
/// Far above any fee priority an honest transaction has (`ChargeTransactionPayment` gives
/// `tip x transactions per block`): outbidding it takes a tip of about 2^63 / 700 base units
/// per junk reveal (`docs/SECURITY.md`).
pub const MATCHING_REVEAL_PRIORITY: TransactionPriority = TransactionPriority::MAX / 2;

/// Why the pool refused a reveal: the `u8` of `InvalidTransaction::Custom`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum RevealRefusal {
	/// No such sequence (never submitted, or finished).
	UnknownSequence = 1,
	/// The sequence has no round yet (no commitment window has opened).
	RoundNotStarted = 2,
	/// The reveal window of the round has not opened at the block the reveal would enter.
	RevealNotOpen = 3,
	/// The reveal window of the round has closed.
	RevealWindowClosed = 4,
	/// The sender has no commitment in the round and is not an active prover.
	NotActiveProver = 5,
	/// The sequence is proved and the proof matches no commitment still to validate.
	NothingToValidate = 6,
	/// A stored round is missing (a broken invariant; never expected).
	Inconsistent = 7,
}

impl RevealRefusal {
	/// The refusal for an error of [`Pallet::admit_reveal`].
	fn from_error<T: Config>(error: Error<T>) -> Self {
		match error {
			Error::<T>::UnknownSequence => Self::UnknownSequence,
			Error::<T>::RoundNotStarted => Self::RoundNotStarted,
			Error::<T>::RevealNotOpen => Self::RevealNotOpen,
			Error::<T>::RevealWindowClosed => Self::RevealWindowClosed,
			Error::<T>::NotActiveProver => Self::NotActiveProver,
			_ => Self::Inconsistent,
		}
	}

	/// The code as a pool error.
	pub fn invalid(self) -> InvalidTransaction {
		InvalidTransaction::Custom(self as u8)
	}

	/// The refusal a code stands for (clients map pool errors back with this).
	pub fn from_code(code: u8) -> Option<Self> {
		[
			Self::UnknownSequence,
			Self::RoundNotStarted,
			Self::RevealNotOpen,
			Self::RevealWindowClosed,
			Self::NotActiveProver,
			Self::NothingToValidate,
			Self::Inconsistent,
		]
		.into_iter()
		.find(|r| *r as u8 == code)
	}
}

/// How the pool ranks an admissible reveal.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RevealAdmission {
	/// Its proof matches a commitment of the round not validated yet.
	pub matching: bool,
	/// Blocks until its window closes, counting the current one.
	pub longevity: TransactionLongevity,
}

impl<T: Config> Pallet<T> {
	/// The pool's verdict on a reveal of `proof` for `sequence` by `who` at the current block.
	pub fn check_reveal(
		who: &T::AccountId,
		sequence: zkmine_primitives::SequenceId,
		proof: &[u8],
	) -> Result<RevealAdmission, RevealRefusal> {
		let admitted = Self::admit_reveal(who, sequence).map_err(RevealRefusal::from_error)?;
		let matching = Self::matches_open_commitment(&admitted.round, &proof_hash(proof));
		if admitted.sequence.proved.is_some() && !matching {
			return Err(RevealRefusal::NothingToValidate);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let longevity = admitted
			.reveal_end
			.saturating_sub(now)
			.saturating_add(1u32.into())
			.saturated_into();
		Ok(RevealAdmission { matching, longevity })
	}
}

/// The transaction extension (see the module docs). Carries no data: it adds nothing to a
/// transaction's bytes or signed payload.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	CloneNoBound,
	EqNoBound,
	PartialEqNoBound,
	DefaultNoBound,
	DebugNoBound,
	TypeInfo,
)]
#[scale_info(skip_type_params(T))]
pub struct CheckReveal<T: Config + Send + Sync>(PhantomData<T>);

impl<T: Config + Send + Sync> CheckReveal<T> {
	/// The extension.
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckReveal<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo> + IsSubType<Call<T>>,
	<T::RuntimeCall as Dispatchable>::RuntimeOrigin: AsSystemOriginSigner<T::AccountId> + Clone,
{
	const IDENTIFIER: &'static str = "CheckReveal";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	/// The benchmarked check for a reveal (worst case: a full round), nothing otherwise.
	fn weight(&self, call: &T::RuntimeCall) -> Weight {
		match call.is_sub_type() {
			Some(Call::submit_proof { .. }) => T::WeightInfo::check_reveal(),
			_ => Weight::zero(),
		}
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<T::RuntimeCall>,
		call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: (),
		_inherited_implication: &impl Implication,
		_source: TransactionSource,
	) -> ValidateResult<(), T::RuntimeCall> {
		let Some(Call::submit_proof { sequence, proof }) = call.is_sub_type() else {
			return Ok((ValidTransaction::default(), (), origin));
		};
		// Unsigned reveals are refused by the call's own origin check.
		let Some(who) = origin.as_system_origin_signer() else {
			return Ok((ValidTransaction::default(), (), origin));
		};
		let admission = Pallet::<T>::check_reveal(who, *sequence, proof)
			.map_err(|refusal| refusal.invalid())?;
		let valid = ValidTransaction {
			priority: if admission.matching { MATCHING_REVEAL_PRIORITY } else { 0 },
			longevity: admission.longevity,
			..ValidTransaction::default()
		};
		Ok((valid, (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
