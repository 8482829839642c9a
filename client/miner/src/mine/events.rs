//! Event handling: what each event of a followed block means for the miner's rounds, its
//! totals, its metrics and its log. Chain reads an event calls for (a new sequence's public
//! inputs) are returned as a [`Reaction`] for the caller to make.

use super::{
	metrics::Metrics,
	rounds::{OwnCommitment, Rounds},
};
use crate::{
	say,
	units::{format_units, token},
	warn,
	zkmine::{
		runtime_types::{
			pallet_prover_registry::pallet::Event as RegistryEvent,
			pallet_zkp_submission::pallet::Event as SubmissionEvent,
			zkmine_primitives::SlashReason,
		},
		Event,
	},
};
use subxt::utils::AccountId32;
use zkmine_primitives::{Hash32, SequenceId};

const ROLE: &str = "miner";

/// What the caller has to do after an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reaction {
	/// A new sequence: read it and start tracking it.
	Track {
		/// The sequence.
		sequence: SequenceId,
		/// Its rollup.
		rollup: u32,
		/// The key version it is under.
		key_version: u32,
		/// Its batch's data hash.
		data_hash: Hash32,
	},
	/// A sequence finished (settled or dropped): forget its kept proof.
	Forget(SequenceId),
}

/// React to `event` of block `number` for the miner of account `me`.
pub fn react(
	rounds: &mut Rounds,
	metrics: &Metrics,
	me: &AccountId32,
	number: u64,
	event: Event,
) -> Option<Reaction> {
	let tracked = |rounds: &Rounds, s: &SequenceId| rounds.tracked.contains_key(s);
	match event {
		Event::ZkpSubmission(SubmissionEvent::SequenceSubmitted {
			sequence,
			rollup,
			key_version,
			data_hash,
			data_len,
			..
		}) => {
			metrics.sequences_seen.inc();
			say!(ROLE, "sequence #{sequence} of rollup {rollup} submitted in block #{number} ({data_len} bytes of batch data)");
			return Some(Reaction::Track { sequence, rollup, key_version, data_hash: data_hash.0 });
		},
		Event::ZkpSubmission(SubmissionEvent::ProofHashCommitted {
			sequence,
			round,
			prover,
			commitment,
			stake,
			..
		}) if &prover == me => {
			metrics.commits.inc();
			match rounds.on_own_commitment(sequence, round, commitment) {
				OwnCommitment::Ours => say!(
					ROLE,
					"sequence #{sequence}: commitment on chain in block #{number} (round {round}, stake snapshot {})",
					format_units(stake)
				),
				OwnCommitment::Foreign => warn!(
					ROLE,
					"sequence #{sequence}: a commitment of this account that is not this miner's proof, in block #{number}: not revealing for it"
				),
			}
		},
		Event::ZkpSubmission(SubmissionEvent::CommitmentDisplaced {
			sequence,
			round,
			displaced,
			by,
			stake,
			..
		}) if &displaced == me => {
			if let Some(t) = rounds.tracked.get_mut(&sequence) {
				t.observe_round(round);
				if t.committed == Some(round) {
					t.committed = None;
				}
				t.stopped = Some(round);
			}
			warn!(ROLE, "sequence #{sequence}: our commitment was displaced in block #{number} by {by} (stake snapshot {}); not revealing for it", format_units(stake));
		},
		Event::ZkpSubmission(SubmissionEvent::RoundStarted {
			sequence,
			round,
			started_at,
			commit_end,
			reveal_end,
			settle_at,
		}) if tracked(rounds, &sequence) => {
			say!(ROLE, "sequence #{sequence}: round {round} started at T = #{started_at}: commit ..=#{commit_end}, reveal ..=#{reveal_end}, settles at #{settle_at}");
		},
		Event::ZkpSubmission(SubmissionEvent::SequenceProved { sequence, round, by, .. })
			if tracked(rounds, &sequence) =>
		{
			say!(ROLE, "sequence #{sequence}: proved in block #{number} (round {round}, first valid proof by {by})");
		},
		Event::ZkpSubmission(SubmissionEvent::CommitmentValidated {
			sequence,
			round,
			prover,
			..
		}) if &prover == me => {
			rounds.on_own_validation(sequence, round);
			say!(ROLE, "sequence #{sequence}: our commitment was validated in block #{number}");
		},
		Event::ZkpSubmission(SubmissionEvent::RewardPaid {
			sequence,
			who,
			amount,
			from_fee,
			..
		}) if &who == me => {
			let tally = &mut rounds.tally;
			tally.rewards = tally.rewards.saturating_add(1);
			tally.rewarded = tally.rewarded.saturating_add(amount);
			metrics.rewards.inc();
			metrics.rewarded_tokens.inc_by(tokens(amount));
			say!(
				ROLE,
				"sequence #{sequence}: reward {} ({} of it from the fee) in block #{number}; earned so far {}",
				format_units(amount),
				format_units(from_fee),
				format_units(tally.rewarded)
			);
		},
		Event::ProverRegistry(RegistryEvent::Slashed { who, amount, reason }) if &who == me => {
			let tally = &mut rounds.tally;
			tally.slashes = tally.slashes.saturating_add(1);
			tally.slashed = tally.slashed.saturating_add(amount);
			metrics.slashes.inc();
			metrics.slashed_tokens.inc_by(tokens(amount));
			warn!(
				ROLE,
				"SLASHED {} ({}) in block #{number}; slashed so far {}",
				format_units(amount),
				reason_name(&reason),
				format_units(tally.slashed)
			);
		},
		Event::ZkpSubmission(SubmissionEvent::SequenceReopened { sequence, new_round })
			if tracked(rounds, &sequence) =>
		{
			say!(
				ROLE,
				"sequence #{sequence}: no valid proof in time, reopened for round {new_round}"
			);
		},
		Event::ZkpSubmission(SubmissionEvent::SequenceFinalized {
			sequence,
			validated,
			rewarded,
			fee_paid,
			..
		}) => {
			if rounds.tracked.remove(&sequence).is_some() {
				say!(ROLE, "sequence #{sequence}: settled in block #{number}: {validated} commitment(s) validated, {} paid ({} minted, {} of fees)", format_units(rewarded), format_units(rewarded.saturating_sub(fee_paid)), format_units(fee_paid));
			}
			return Some(Reaction::Forget(sequence));
		},
		Event::ZkpSubmission(SubmissionEvent::SequenceDropped { sequence, .. }) => {
			if rounds.tracked.remove(&sequence).is_some() {
				say!(ROLE, "sequence #{sequence}: dropped (its rollup was deregistered)");
			}
			return Some(Reaction::Forget(sequence));
		},
		Event::ZkpSubmission(SubmissionEvent::SequenceCancelled { sequence, .. }) => {
			if rounds.tracked.remove(&sequence).is_some() {
				say!(ROLE, "sequence #{sequence}: cancelled by its sequencer or owner");
			}
			return Some(Reaction::Forget(sequence));
		},
		Event::ZkpSubmission(SubmissionEvent::SequenceAbandoned {
			sequence,
			failed_rounds,
			..
		}) => {
			if rounds.tracked.remove(&sequence).is_some() {
				say!(ROLE, "sequence #{sequence}: abandoned by the chain after {failed_rounds} failed round(s)");
			}
			return Some(Reaction::Forget(sequence));
		},
		_ => {},
	}
	None
}

/// `planck` in whole tokens, for metrics.
fn tokens(planck: u128) -> f64 {
	planck as f64 / token().unit() as f64
}

fn reason_name(reason: &SlashReason) -> &'static str {
	match reason {
		SlashReason::IncorrectHash => "IncorrectHashSlash: committed, not validated",
		SlashReason::IncorrectProof => {
			"IncorrectProofSlash: revealed a proof that failed verification"
		},
		SlashReason::NoValidProof => "NoValidProofSlash: the round ended without a valid proof",
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mine::rounds::{Tracked, Work};

	const UNIT: u128 = 1_000_000_000_000;

	fn me() -> AccountId32 {
		AccountId32([1; 32])
	}

	fn other() -> AccountId32 {
		AccountId32([2; 32])
	}

	fn proved(rounds: &mut Rounds, id: SequenceId, commitment: Hash32) {
		let mut t = Tracked::new(0, 0, 3, [0; 32], vec![], 0);
		t.work = Work::Proved { proof: vec![9], commitment };
		rounds.tracked.insert(id, t);
	}

	fn committed(sequence: SequenceId, prover: AccountId32, commitment: Hash32) -> Event {
		Event::ZkpSubmission(SubmissionEvent::ProofHashCommitted {
			sequence,
			round: 0,
			prover,
			commitment,
			stake: 200_000 * UNIT,
			reserved: 40_000 * UNIT,
		})
	}

	#[test]
	fn own_commitments_rewards_and_slashes_move_the_rounds_and_the_metrics() {
		let (mut rounds, metrics) = (Rounds::default(), Metrics::unregistered().expect("metrics"));
		proved(&mut rounds, 5, [7; 32]);
		// Somebody else's commitment changes nothing; ours is waiting for its reveal.
		assert_eq!(react(&mut rounds, &metrics, &me(), 10, committed(5, other(), [8; 32])), None);
		assert_eq!((rounds.pending_reveals(), metrics.commits.get()), (0, 0));
		react(&mut rounds, &metrics, &me(), 10, committed(5, me(), [7; 32]));
		assert_eq!((rounds.pending_reveals(), metrics.commits.get()), (1, 1));
		assert_eq!(rounds.tracked[&5].committed, Some(0));

		let paid = |who| {
			Event::ZkpSubmission(SubmissionEvent::RewardPaid {
				sequence: 5,
				round: 0,
				who,
				amount: 4 * UNIT / 10,
				from_fee: 0,
			})
		};
		react(&mut rounds, &metrics, &me(), 31, paid(other()));
		react(&mut rounds, &metrics, &me(), 31, paid(me()));
		assert_eq!((rounds.tally.rewards, rounds.tally.rewarded), (1, 4 * UNIT / 10));
		assert_eq!(metrics.rewards.get(), 1);
		assert!((metrics.rewarded_tokens.get() - 0.4).abs() < 1e-9);

		let slashed = Event::ProverRegistry(RegistryEvent::Slashed {
			who: me(),
			amount: 20_000 * UNIT,
			reason: SlashReason::IncorrectHash,
		});
		react(&mut rounds, &metrics, &me(), 31, slashed);
		assert_eq!((rounds.tally.slashes, rounds.tally.slashed), (1, 20_000 * UNIT));
		assert_eq!(metrics.slashes.get(), 1);
	}

	#[test]
	fn new_and_finished_sequences_are_handed_to_the_caller() {
		let (mut rounds, metrics) = (Rounds::default(), Metrics::unregistered().expect("metrics"));
		let submitted = Event::ZkpSubmission(SubmissionEvent::SequenceSubmitted {
			sequence: 6,
			rollup: 1,
			key_version: 2,
			data_hash: subxt::utils::H256([3; 32]),
			data_len: 160,
			public_inputs: 3,
			fee: 0,
		});
		assert_eq!(
			react(&mut rounds, &metrics, &me(), 40, submitted),
			Some(Reaction::Track { sequence: 6, rollup: 1, key_version: 2, data_hash: [3; 32] })
		);
		assert_eq!(metrics.sequences_seen.get(), 1);
		proved(&mut rounds, 6, [7; 32]);
		let finalized = Event::ZkpSubmission(SubmissionEvent::SequenceFinalized {
			sequence: 6,
			rollup: 1,
			round: 0,
			proof_hash: [4; 32],
			validated: 2,
			rewarded: 2 * UNIT,
			fee_paid: 0,
		});
		assert_eq!(react(&mut rounds, &metrics, &me(), 61, finalized), Some(Reaction::Forget(6)));
		assert!(rounds.tracked.is_empty());
		// Cancelled and abandoned sequences are forgotten too.
		proved(&mut rounds, 7, [7; 32]);
		let cancelled = Event::ZkpSubmission(SubmissionEvent::SequenceCancelled {
			sequence: 7,
			rollup: 1,
			by: Some(other()),
		});
		assert_eq!(react(&mut rounds, &metrics, &me(), 62, cancelled), Some(Reaction::Forget(7)));
		proved(&mut rounds, 8, [7; 32]);
		let abandoned = Event::ZkpSubmission(SubmissionEvent::SequenceAbandoned {
			sequence: 8,
			rollup: 1,
			failed_rounds: 3,
		});
		assert_eq!(react(&mut rounds, &metrics, &me(), 63, abandoned), Some(Reaction::Forget(8)));
		assert!(rounds.tracked.is_empty());
	}

	#[test]
	fn a_displaced_commitment_is_not_revealed() {
		let (mut rounds, metrics) = (Rounds::default(), Metrics::unregistered().expect("metrics"));
		proved(&mut rounds, 5, [7; 32]);
		react(&mut rounds, &metrics, &me(), 10, committed(5, me(), [7; 32]));
		let displaced = Event::ZkpSubmission(SubmissionEvent::CommitmentDisplaced {
			sequence: 5,
			round: 0,
			displaced: me(),
			displaced_stake: 200_000 * UNIT,
			by: other(),
			stake: 500_000 * UNIT,
		});
		react(&mut rounds, &metrics, &me(), 12, displaced);
		let t = &rounds.tracked[&5];
		assert_eq!((t.committed, t.stopped), (None, Some(0)));
		assert_eq!(rounds.pending_reveals(), 0);
	}
}
