//! Sanity of the configuration (`integrity_test`) and the invariants of PROTOCOL.md checked
//! by `try_state` (and after every unit test).

use crate::{Config, Pallet, WeightInfo};
use frame_support::traits::Get;
use zkmine_primitives::ProofVerifier;

#[cfg(any(feature = "try-runtime", test))]
use {
	crate::{
		BalanceOf, Deadlines, HoldReason, MaxLiveSequences, NextRollupId, NextSequenceId,
		ProofExpiries, Proofs, RollupStatus, Rollups, Rounds, Sequences, SettlementQueue,
		SlottedRollups, Statements, VerifyingKeys,
	},
	alloc::{collections::btree_map::BTreeMap, vec::Vec},
	frame_support::ensure,
	frame_support::traits::fungible::InspectHold,
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::traits::{Saturating, Zero},
	sp_runtime::{SaturatedConversion, TryRuntimeError},
	zkmine_primitives::{commitment, statement_hash, ProverStaking, SequenceId},
};

impl<T: Config> Pallet<T> {
	/// Panics if the configuration cannot work (run by `integrity_test`).
	pub(crate) fn check_config() {
		assert!(T::CommitWindow::get() > 0, "CommitWindow must be positive");
		assert!(T::RevealWindow::get() > 0, "RevealWindow must be positive");
		assert!(T::MaxRollups::get() > 0, "MaxRollups must be positive");
		assert!(
			T::MaxOpenSequencesPerRollup::get() > 0,
			"MaxOpenSequencesPerRollup must be positive"
		);
		assert!(
			T::MaxCommitmentsPerSequence::get() > 0,
			"MaxCommitmentsPerSequence must be positive"
		);
		assert!(T::MaxFailedRounds::get() > 0, "MaxFailedRounds must be positive");
		assert!(T::MaxProofLen::get() > 0, "MaxProofLen must be positive");
		assert!(T::MaxVerifyingKeyLen::get() > 0, "MaxVerifyingKeyLen must be positive");
		assert!(
			T::Verifier::prepared_key_len(T::MaxPublicInputs::get()) <= T::MaxPreparedKeyLen::get(),
			"MaxPreparedKeyLen must hold a prepared key with MaxPublicInputs inputs"
		);
		assert!(
			T::MaxRollups::get().checked_mul(T::MaxOpenSequencesPerRollup::get()).is_some(),
			"MaxRollups * MaxOpenSequencesPerRollup must fit in a u32"
		);
		assert!(T::MaxFeePayers::get() > 0, "MaxFeePayers must be positive");
		assert!(T::ProofRetention::get() > 0, "ProofRetention must be positive");
		assert!(
			T::RewardSlots::get() <= T::MaxRollups::get(),
			"RewardSlots cannot exceed MaxRollups"
		);
		assert!(
			T::WeightInfo::prune_proofs(crate::MaxLiveSequences::<T>::get())
				.all_lte(T::MaxSettlementWeight::get()),
			"MaxSettlementWeight must cover pruning the proofs of a block's settlement"
		);
		let one_round = T::WeightInfo::prune_proofs(0)
			.saturating_add(T::WeightInfo::settle_base())
			.saturating_add(Self::settle_weight(T::MaxCommitmentsPerSequence::get()));
		assert!(
			one_round.all_lte(T::MaxSettlementWeight::get()),
			"MaxSettlementWeight must cover the settlement of one full round"
		);
	}

	/// Check the invariants of the pallet's storage.
	///
	/// * Rollups: at most `MaxRollups`, ids below `NextRollupId`, their sequence lists match
	///   the sequences, retiring ones only keep sequences with a live round.
	/// * Verifying keys: every version is referenced exactly `users` times.
	/// * Sequences: ids below `NextSequenceId`; a round exists exactly when `T` is set; its
	///   commitments are one per prover; validated ones match a remembered valid proof; no
	///   round is older than `MaxFailedRounds` allows.
	/// * Statements: each unfinished sequence's statement maps to it, and nothing else is
	///   kept (no duplicate sequence can exist).
	/// * Exposure: each commitment reserves at most its snapshot, and the registry's
	///   reservation of every committer equals the sum over its open commitments.
	/// * Settlement: every round with a `T` is due at `T + C + R + 1` and is scheduled exactly
	///   once, in the deadline index (due in the future) or the carry-over queue (due now or
	///   before); nothing else is scheduled, and nothing was left behind.
	/// * Slots: `SlottedRollups` counts the slotted rollups, at most `RewardSlots`.
	/// * Deposits: what each owner holds for `RollupDeposit` is the sum of its rollups'
	///   deposits.
	/// * Fees: what each payer holds for `SequenceFee` is the sum of its contributions to
	///   unfinished sequences; each contribution is at least `MinFeeContribution`, one per
	///   payer per sequence.
	/// * Proofs: every proved unfinished sequence has its proof kept (same hash, no expiry);
	///   no unproved one has one; every other kept proof (of a finished sequence) expires in
	///   the future, listed once in the expiry index at that block; the index lists nothing
	///   else.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let now = frame_system::Pallet::<T>::block_number();

		// Rollups and key references.
		let rollups: u32 = Rollups::<T>::iter().count().saturated_into();
		ensure!(rollups == Rollups::<T>::count(), "rollup counter out of sync");
		ensure!(rollups <= T::MaxRollups::get(), "too many rollups");
		let mut key_users: BTreeMap<(u32, u32), u32> = BTreeMap::new();
		let mut slotted: u32 = 0;
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, rollup) in Rollups::<T>::iter() {
			ensure!(id < NextRollupId::<T>::get(), "rollup id not below the counter");
			if rollup.slotted {
				slotted.saturating_inc();
			}
			let entry = deposits.entry(rollup.owner.clone()).or_default();
			*entry = entry.saturating_add(rollup.deposit.unwrap_or_else(Zero::zero));
			if rollup.status == RollupStatus::Active {
				let entry = key_users.entry((id, rollup.key_version)).or_default();
				*entry = entry.saturating_add(1);
			} else {
				ensure!(!rollup.sequences.is_empty(), "retiring rollup without live sequences");
			}
			for s in rollup.sequences.iter() {
				let sequence = Sequences::<T>::get(s).ok_or("rollup lists a missing sequence")?;
				ensure!(sequence.rollup == id, "sequence listed by another rollup");
				if rollup.status == RollupStatus::Retiring {
					ensure!(sequence.windows.is_some(), "retiring rollup keeps an open sequence");
				}
			}
		}

		ensure!(slotted == SlottedRollups::<T>::get(), "slot counter out of sync");
		ensure!(slotted <= T::RewardSlots::get(), "more slotted rollups than reward slots");
		for (owner, sum) in deposits.iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::RollupDeposit.into(), owner) == *sum,
				"deposit held differs from the owner's rollups"
			);
		}

		// Sequences and rounds.
		let mut scheduled_due: BTreeMap<SequenceId, BlockNumberFor<T>> = BTreeMap::new();
		let mut reserved: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut sequences: u32 = 0;
		let mut fees: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (id, sequence) in Sequences::<T>::iter() {
			sequences.saturating_inc();
			let mut payers = Vec::new();
			for f in sequence.fee.iter() {
				ensure!(!payers.contains(&f.payer), "two fee entries of one payer");
				payers.push(f.payer.clone());
				ensure!(
					!f.amount.is_zero() && f.amount >= T::MinFeeContribution::get(),
					"fee contribution below the minimum"
				);
				let entry = fees.entry(f.payer.clone()).or_default();
				*entry = entry.saturating_add(f.amount);
			}
			ensure!(id < NextSequenceId::<T>::get(), "sequence id not below the counter");
			ensure!(sequence.round < T::MaxFailedRounds::get(), "sequence outlived its rounds");
			let statement =
				statement_hash(sequence.rollup, sequence.key_version, &sequence.public_inputs);
			ensure!(Statements::<T>::get(statement) == Some(id), "statement not indexed");
			let rollup =
				Rollups::<T>::get(sequence.rollup).ok_or("sequence of a missing rollup")?;
			ensure!(rollup.sequences.contains(&id), "sequence not listed by its rollup");
			let entry = key_users.entry((sequence.rollup, sequence.key_version)).or_default();
			*entry = entry.saturating_add(1);

			match sequence.windows {
				None => {
					ensure!(!Rounds::<T>::contains_key(id), "open sequence with a round");
					ensure!(sequence.proved.is_none(), "open sequence marked proved");
				},
				Some(windows) => {
					let round = Rounds::<T>::get(id).ok_or("started round without data")?;
					let mut provers = Vec::new();
					for c in round.commitments.iter() {
						ensure!(!provers.contains(&c.prover), "two commitments of one prover");
						provers.push(c.prover.clone());
						ensure!(c.reserved <= c.stake, "commitment reserves more than its stake");
						let entry = reserved.entry(c.prover.clone()).or_default();
						*entry = entry.saturating_add(c.reserved);
						if c.validated {
							ensure!(sequence.proved.is_some(), "validated but not proved");
							ensure!(
								round
									.valid_proofs
									.iter()
									.any(|h| commitment(h, &c.prover) == c.commitment),
								"validated commitment matches no valid proof"
							);
						}
					}
					let validated = round.commitments.iter().filter(|c| c.validated).count();
					ensure!(
						round.valid_proofs.len() <= validated,
						"valid proofs validated nothing"
					);
					scheduled_due.insert(id, windows.settle_at);
				},
			}
			match (&sequence.proved, Proofs::<T>::get(id)) {
				(Some(p), Some(kept)) => ensure!(
					kept.proof_hash == p.proof_hash && kept.expires_at.is_none(),
					"kept proof differs from the proved one"
				),
				(Some(_), None) => return Err("proved sequence without its proof kept".into()),
				(None, Some(_)) => return Err("proof kept for an unproved sequence".into()),
				(None, None) => {},
			}
		}
		for (payer, sum) in fees.iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::SequenceFee.into(), payer) == *sum,
				"fee held differs from the payer's contributions"
			);
		}
		let mut expiring: BTreeMap<SequenceId, BlockNumberFor<T>> = BTreeMap::new();
		for (id, kept) in Proofs::<T>::iter() {
			if let Some(expires) = kept.expires_at {
				ensure!(expires > now, "proof kept past its expiry");
				expiring.insert(id, expires);
			}
		}
		let mut listed: u32 = 0;
		for (block, ids) in ProofExpiries::<T>::iter() {
			ensure!(!ids.is_empty(), "empty proof expiry entry kept");
			for id in ids.iter() {
				listed.saturating_inc();
				ensure!(expiring.get(id) == Some(&block), "proof expiry index out of sync");
			}
		}
		ensure!(listed == expiring.len().saturated_into::<u32>(), "proof expiry index out of sync");
		let statements: u32 = Statements::<T>::iter_keys().count().saturated_into();
		ensure!(statements == sequences, "statement kept for no sequence");
		for (who, sum) in reserved.iter() {
			ensure!(
				T::Staking::capacity(who).reserved == *sum,
				"registry reservation differs from the open commitments"
			);
		}
		for ((rollup, version), users) in key_users.iter() {
			let key = VerifyingKeys::<T>::get(rollup, version).ok_or("referenced key missing")?;
			ensure!(key.users == *users, "verifying key reference count wrong");
		}
		ensure!(
			VerifyingKeys::<T>::iter_keys().all(|k| key_users.contains_key(&k)),
			"unreferenced verifying key kept"
		);

		// Settlement: each started round scheduled exactly once, none left behind.
		let mut seen: BTreeMap<SequenceId, ()> = BTreeMap::new();
		for (block, due) in Deadlines::<T>::iter() {
			ensure!(block > now, "deadline index entry left behind");
			ensure!(!due.is_empty(), "empty deadline entry kept");
			for id in due.iter() {
				ensure!(seen.insert(*id, ()).is_none(), "sequence scheduled twice");
				ensure!(scheduled_due.get(id) == Some(&block), "scheduled at the wrong block");
			}
		}
		let queue = SettlementQueue::<T>::get();
		let bound: usize = MaxLiveSequences::<T>::get().saturated_into();
		ensure!(queue.len() <= bound, "queue too long");
		for id in queue.iter() {
			ensure!(seen.insert(*id, ()).is_none(), "sequence scheduled twice");
			let due = scheduled_due.get(id).ok_or("queued sequence has no live round")?;
			ensure!(*due <= now, "queued before its settlement block");
		}
		ensure!(
			scheduled_due.keys().all(|id| seen.contains_key(id)),
			"started round not scheduled"
		);
		Ok(())
	}
}
