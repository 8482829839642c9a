//! Proving fees and subsidies (PROTOCOL.md, "Per-sequence fees and subsidies").
//!
//! A sequence's fee is a list of contributions, each held on its payer under
//! [`HoldReason::SequenceFee`]: the sequencer's at submission, anyone's by `add_subsidy` until
//! the sequence is proved. Fees only move funds, never issuance:
//!
//! * Proved round: the pot is `reward + fee` (`reward` zero for an unslotted rollup); each
//!   validated commitment gets `floor(pot * s_i / S)` ([`zkmine_primitives::reward_share`]),
//!   in commitment order, out of the fee first (payers in the order they paid, with
//!   `transfer_on_hold`), the rest minted (never more than `reward` in all). What the shares
//!   leave of the fee (rounding dust, or all of it when nobody's commitment was validated)
//!   is released to the payers whose contributions were not used up (contributions are used
//!   in the order paid, so it is the later payers who get something back).
//! * Failed round: the fee stays for the next round.
//! * Cancelled, abandoned or dropped sequence: every contribution is released to its payer.

use crate::{
	BalanceOf, Config, Error, Event, FeePayment, HoldReason, Pallet, Round, Sequence, Sequences,
};
use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResult, ensure, traits::Get};
use sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};
use zkmine_primitives::{reward_share, ProverStaking, RoundIndex, SequenceId};

/// What a proved round paid: in all, and out of the fee (the rest was minted).
pub(crate) struct Payout<Balance> {
	pub rewarded: Balance,
	pub fee_paid: Balance,
}

impl<T: Config> Pallet<T> {
	/// Add `amount` from `who` to the fee of the unproved sequence `id`.
	pub(crate) fn do_add_subsidy(
		who: T::AccountId,
		id: SequenceId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		let mut sequence = Sequences::<T>::get(id).ok_or(Error::<T>::UnknownSequence)?;
		ensure!(sequence.proved.is_none(), Error::<T>::AlreadyProved);
		Self::add_fee(id, &mut sequence, &who, amount)?;
		Sequences::<T>::insert(id, sequence);
		Ok(())
	}

	/// Hold `amount` from `payer` and add it to `sequence`'s fee (the caller stores the
	/// sequence): at least `MinFeeContribution`, and a new payer only while the fee has
	/// fewer than `MaxFeePayers`.
	pub(crate) fn add_fee(
		id: SequenceId,
		sequence: &mut Sequence<T>,
		payer: &T::AccountId,
		amount: BalanceOf<T>,
	) -> Result<(), Error<T>> {
		ensure!(
			!amount.is_zero() && amount >= T::MinFeeContribution::get(),
			Error::<T>::FeeBelowMinimum
		);
		let existing = sequence.fee.iter().position(|f| &f.payer == payer);
		if existing.is_none() {
			let payers: u32 = sequence.fee.len().saturated_into();
			ensure!(payers < T::MaxFeePayers::get(), Error::<T>::TooManyFeePayers);
		}
		Self::hold(HoldReason::SequenceFee, payer, amount)?;
		match existing.and_then(|i| sequence.fee.get_mut(i)) {
			Some(entry) => entry.amount = entry.amount.saturating_add(amount),
			None => sequence
				.fee
				.try_push(FeePayment { payer: payer.clone(), amount })
				// Checked above; the hold is undone with the call if it ever failed.
				.map_err(|_| Error::<T>::TooManyFeePayers)?,
		}
		Self::deposit_event(Event::FeeAdded {
			sequence: id,
			payer: payer.clone(),
			amount,
			fee: sequence.fee_total(),
		});
		Ok(())
	}

	/// Release every contribution to the fee of `sequence` (removed unproved) to its payer.
	pub(crate) fn refund_fee(id: SequenceId, sequence: &Sequence<T>) {
		for entry in sequence.fee.iter() {
			Self::refund(id, &entry.payer, entry.amount);
		}
	}

	fn refund(id: SequenceId, payer: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		let amount = Self::release(HoldReason::SequenceFee, payer, amount);
		Self::deposit_event(Event::FeeRefunded { sequence: id, payer: payer.clone(), amount });
	}

	/// Pay the validated commitments of a proved `round` of `sequence` their shares of
	/// `reward + fee`, fee first, the rest minted; release what is left of the fee.
	pub(crate) fn pay_out(
		id: SequenceId,
		sequence: &Sequence<T>,
		round: &Round<T>,
		reward: BalanceOf<T>,
	) -> Payout<BalanceOf<T>> {
		let round_index: RoundIndex = sequence.round;
		let pot: u128 = reward.saturating_add(sequence.fee_total()).saturated_into();
		let total_stake = round
			.commitments
			.iter()
			.filter(|c| c.validated)
			.fold(0u128, |acc, c| acc.saturating_add(c.stake.saturated_into()));
		// What is left of each contribution, in the order paid.
		let mut fee_left: Vec<(T::AccountId, BalanceOf<T>)> =
			sequence.fee.iter().map(|f| (f.payer.clone(), f.amount)).collect();
		let mut mint_left = reward;
		let mut payout: Payout<BalanceOf<T>> =
			Payout { rewarded: Zero::zero(), fee_paid: Zero::zero() };

		for entry in round.commitments.iter().filter(|c| c.validated) {
			let share: BalanceOf<T> =
				reward_share(pot, entry.stake.saturated_into(), total_stake).saturated_into();
			let mut need = share;
			let mut from_fee = BalanceOf::<T>::zero();
			for (payer, left) in fee_left.iter_mut() {
				if need.is_zero() {
					break;
				}
				let take = need.min(*left);
				if !take.is_zero() && Self::pay_from_fee(payer, &entry.prover, take) {
					*left = left.saturating_sub(take);
					need = need.saturating_sub(take);
					from_fee = from_fee.saturating_add(take);
				}
			}
			let mint = need.min(mint_left);
			let minted = if !mint.is_zero() && Self::pay_reward(&entry.prover, mint) {
				mint_left = mint_left.saturating_sub(mint);
				mint
			} else {
				Zero::zero()
			};
			let amount = from_fee.saturating_add(minted);
			if amount.is_zero() {
				continue;
			}
			payout.rewarded = payout.rewarded.saturating_add(amount);
			payout.fee_paid = payout.fee_paid.saturating_add(from_fee);
			T::Staking::reward_paid(&entry.prover, amount);
			Self::deposit_event(Event::RewardPaid {
				sequence: id,
				round: round_index,
				who: entry.prover.clone(),
				amount,
				from_fee,
			});
		}
		for (payer, left) in fee_left.iter() {
			Self::refund(id, payer, *left);
		}
		payout
	}
}
