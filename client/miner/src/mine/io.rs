//! The miner's chain reads: a sequence's status and commitments, the prover's capacity, a
//! batch from its block, a rollup's key and slot, the chain's constants. Thin wrappers over
//! the runtime API and storage, so that the block loop reads as the protocol does.

use super::rule::{RoundPhase, WindowEnds};
use crate::{
	chain::{fetch, AtBlock, Chain},
	zkmine::{
		self,
		runtime_types::{
			pallet_zkp_submission::types::{Phase, SequenceStatus, VerifyingKeyRecord},
			zkmine_primitives::ProverCapacity,
		},
	},
};
use anyhow::{anyhow, Result};
use std::time::Duration;
use subxt::utils::AccountId32;
use zkmine_primitives::{batch_data_hash, Hash32, SequenceId};

/// A sequence's round as the runtime API `sequence_status` reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status {
	/// The round.
	pub round: u32,
	/// Its phase.
	pub phase: RoundPhase,
	/// Its windows, once it has a `T`.
	pub windows: Option<WindowEnds>,
}

/// Where sequence `id` stands at `at`; `None` once it is finished.
pub async fn status(at: &AtBlock, id: SequenceId) -> Result<Option<Status>> {
	let status = at
		.runtime_apis()
		.call(zkmine::runtime_apis().zkp_submission_api().sequence_status(id))
		.await?;
	Ok(status.map(status_of))
}

/// The miner's view of the runtime API's `SequenceStatus`.
pub fn status_of(s: SequenceStatus<u32>) -> Status {
	Status {
		round: s.round,
		phase: match s.phase {
			Phase::Open => RoundPhase::Open,
			Phase::Commit => RoundPhase::Commit,
			Phase::Reveal => RoundPhase::Reveal,
			Phase::AwaitingSettlement => RoundPhase::Settling,
		},
		windows: s.windows.map(|w| WindowEnds {
			commit_end: w.commit_end.into(),
			reveal_start: w.reveal_start.into(),
			reveal_end: w.reveal_end.into(),
		}),
	}
}

/// One commitment of a round.
#[derive(Clone, Debug)]
pub struct Committed {
	/// The prover.
	pub prover: AccountId32,
	/// Its commitment.
	pub commitment: Hash32,
	/// Its stake snapshot.
	pub stake: u128,
	/// Whether a valid proof matching it was revealed.
	pub validated: bool,
}

/// The commitments of sequence `id`'s current round.
pub async fn commitments(at: &AtBlock, id: SequenceId) -> Result<Vec<Committed>> {
	let list = at
		.runtime_apis()
		.call(zkmine::runtime_apis().zkp_submission_api().commitments(id))
		.await?;
	Ok(list
		.into_iter()
		.map(|c| Committed {
			prover: c.prover,
			commitment: c.commitment,
			stake: c.stake,
			validated: c.validated,
		})
		.collect())
}

/// What a commitment of `who` made now would weigh (the chain's exposure rule).
pub async fn capacity(at: &AtBlock, who: &AccountId32) -> Result<ProverCapacity<u128>> {
	Ok(at
		.runtime_apis()
		.call(zkmine::runtime_apis().zkp_submission_api().prover_capacity(*who))
		.await?)
}

/// The fee held for sequence `id` (0 if none or finished).
pub async fn sequence_fee(at: &AtBlock, id: SequenceId) -> Result<u128> {
	Ok(at
		.runtime_apis()
		.call(zkmine::runtime_apis().zkp_submission_api().sequence_fee(id))
		.await?
		.unwrap_or(0))
}

/// `blake2_256(proof_hash ++ SCALE(who))`, from the runtime API (the chain's own function).
pub async fn commitment_of(at: &AtBlock, proof: &[u8], who: &AccountId32) -> Result<Hash32> {
	Ok(at
		.runtime_apis()
		.call(zkmine::runtime_apis().zkp_submission_api().commitment(proof.to_vec(), *who))
		.await?)
}

/// The verifying key `(rollup, version)`, if registered.
pub async fn verifying_key(
	at: &AtBlock,
	rollup: u32,
	version: u32,
) -> Result<Option<VerifyingKeyRecord>> {
	fetch(at, zkmine::storage().zkp_submission().verifying_keys(), (rollup, version)).await
}

/// Whether `rollup` holds a reward slot (its proved sequences mint the reward).
pub async fn slotted(at: &AtBlock, rollup: u32) -> Result<bool> {
	Ok(fetch(at, zkmine::storage().zkp_submission().rollups(), (rollup,))
		.await?
		.is_some_and(|r| r.slotted))
}

/// The chain's constants the miner's rules use.
#[derive(Clone, Copy, Debug, Default)]
pub struct Constants {
	/// The minted reward of a proved sequence of a slotted rollup.
	pub reward_per_sequence: u128,
	/// `MaxCommitmentsPerSequence`.
	pub max_commitments: u32,
	/// `RevealWindow`, in blocks.
	pub reveal_window: u32,
	/// Time between blocks (Aura's slot duration).
	pub block_time: Duration,
}

/// Read [`Constants`] from the chain.
pub async fn constants(chain: &Chain) -> Result<Constants> {
	let at = chain.api.at_current_block().await?;
	let c = at.constants();
	let reward_per_sequence =
		c.entry(zkmine::constants().zkp_submission().reward_per_sequence())?;
	let max_commitments =
		c.entry(zkmine::constants().zkp_submission().max_commitments_per_sequence())?;
	let reveal_window = c.entry(zkmine::constants().zkp_submission().reveal_window())?;
	let slot = at
		.runtime_apis()
		.call(zkmine::runtime_apis().aura_api().slot_duration())
		.await?;
	Ok(Constants {
		reward_per_sequence,
		max_commitments,
		reveal_window,
		block_time: Duration::from_millis(slot.0.max(1)),
	})
}

/// The batch of the sequence submitted in block `number` whose data hashes to `data_hash`:
/// the `submit_sequence` extrinsics of the block's body (no state of the block is needed, so
/// old blocks work on a pruned node too).
pub async fn find_batch(chain: &Chain, number: u64, data_hash: &Hash32) -> Result<Option<Vec<u8>>> {
	let Some(hash) = chain.legacy.chain_get_block_hash(Some(number.into())).await? else {
		return Ok(None);
	};
	let Some(block) = chain.legacy.chain_get_block(Some(hash)).await? else { return Ok(None) };
	let bodies: Vec<Vec<u8>> = block.block.extrinsics.into_iter().map(|b| b.0).collect();
	let at = chain.api.at_current_block().await?;
	let extrinsics = at.extrinsics().from_bytes(bodies).await;
	for extrinsic in extrinsics.iter() {
		let Ok(extrinsic) = extrinsic else { continue };
		if let Some(Ok(call)) =
			extrinsic.decode_call_data_fields_as::<zkmine::zkp_submission::calls::SubmitSequence>()
		{
			if batch_data_hash(&call.batch.0) == *data_hash {
				return Ok(Some(call.batch.0));
			}
		}
	}
	Ok(None)
}

/// The hash of block `number`.
pub async fn block_hash(chain: &Chain, number: u64) -> Result<[u8; 32]> {
	Ok(chain
		.legacy
		.chain_get_block_hash(Some(number.into()))
		.await?
		.ok_or_else(|| anyhow!("no block #{number}"))?
		.0)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::zkmine::runtime_types::pallet_zkp_submission::types::Windows;

	#[test]
	fn the_runtime_apis_status_becomes_the_rules_phase_and_windows() {
		let windows = Windows {
			commit_start: 100,
			commit_end: 110,
			reveal_start: 111,
			reveal_end: 120,
			settle_at: 121,
		};
		let status = |phase, windows| SequenceStatus {
			rollup: 0,
			round: 2,
			phase,
			windows,
			proved: None,
			commitments: 1,
		};
		let reveal = status_of(status(Phase::Reveal, Some(windows)));
		assert_eq!(
			reveal,
			Status {
				round: 2,
				phase: RoundPhase::Reveal,
				windows: Some(WindowEnds { commit_end: 110, reveal_start: 111, reveal_end: 120 }),
			}
		);
		assert_eq!(status_of(status(Phase::Open, None)).phase, RoundPhase::Open);
		assert_eq!(status_of(status(Phase::Open, None)).windows, None);
		assert_eq!(status_of(status(Phase::Commit, None)).phase, RoundPhase::Commit);
		assert_eq!(status_of(status(Phase::AwaitingSettlement, None)).phase, RoundPhase::Settling);
	}
}
