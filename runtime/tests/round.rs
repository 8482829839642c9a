//! A full round of the two-step submission on the runtime with real Groth16 proofs from the
//! committed test vectors: the demo rollup registered at genesis, a sequence, three
//! commitments, three distinct valid proofs revealed, automatic settlement at T+21, and the
//! reward split by stake exactly as PROTOCOL.md's worked example.

mod common;

use common::{execute_block, hex, new_ext, signed};
use frame_support::traits::fungible::{Inspect, InspectHold};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Ferdie};
use sp_runtime::BoundedVec;
use zkmine_primitives::{commitment, proof_hash};
use zkmine_runtime::{
	currency::UNIT, Balances, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, System,
};

/// One case of `test-vectors/groth16/valid.json`.
struct Case {
	name: String,
	public_inputs: Vec<[u8; 32]>,
	proof: Vec<u8>,
	/// The sequence's batch data: old state root followed by the transactions, 32 bytes
	/// each (the demo rollup's batch format).
	batch: Vec<u8>,
}

fn valid_cases() -> Vec<Case> {
	let json: serde_json::Value =
		serde_json::from_str(include_str!("../../test-vectors/groth16/valid.json"))
			.expect("valid.json parses");
	json["cases"]
		.as_array()
		.expect("cases")
		.iter()
		.map(|c| Case {
			name: c["name"].as_str().expect("name").to_owned(),
			public_inputs: c["public_inputs"]
				.as_array()
				.expect("inputs")
				.iter()
				.map(|i| hex(i.as_str().expect("hex input")).try_into().expect("32 bytes"))
				.collect(),
			proof: hex(c["proof"].as_str().expect("proof")),
			batch: core::iter::once(&c["sequence"]["old_state_root"])
				.chain(c["sequence"]["transactions"].as_array().expect("transactions"))
				.flat_map(|e| hex(e.as_str().expect("hex element")))
				.collect(),
		})
		.collect()
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

fn fees_paid() -> u128 {
	events()
		.iter()
		.filter_map(|e| match e {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid { actual_fee, .. },
			) => Some(*actual_fee),
			_ => None,
		})
		.sum()
}

fn held(who: Sr25519Keyring) -> u128 {
	Balances::balance_on_hold(
		&RuntimeHoldReason::ProverRegistry(pallet_prover_registry::HoldReason::ProverStake),
		&who.to_account_id(),
	)
}

#[test]
fn development_genesis_registers_the_demo_rollup() {
	new_ext("development").execute_with(|| {
		let rollup = pallet_zkp_submission::Rollups::<Runtime>::get(0).expect("demo rollup 0");
		assert_eq!(rollup.sequencer, Ferdie.to_account_id());
		let key = pallet_zkp_submission::VerifyingKeys::<Runtime>::get(0, rollup.key_version)
			.expect("its verifying key");
		let registered = zkmine_runtime::genesis_config_presets::demo_rollup_verifying_key()
			.expect("the demo key");
		assert_eq!(key.key_hash, zkmine_primitives::verifying_key_hash(&registered));
		// Stored prepared by the host function (here a native call), as the verifier lays
		// keys out: 901 bytes for three inputs.
		assert_eq!(key.prepared.len(), zkmine_groth16_host::layout::prepared_key_size(3));
		assert_eq!(key.public_inputs, 3);
	});
}

#[test]
fn full_round_with_real_groth16_proofs_pays_the_worked_example() {
	let cases = valid_cases();
	let of_a: Vec<&Case> = cases.iter().filter(|c| c.name.starts_with("sequence_a")).collect();
	assert!(of_a.len() >= 3, "three distinct proofs of sequence A");
	let inputs = of_a[0].public_inputs.clone();
	assert!(of_a.iter().all(|c| c.public_inputs == inputs), "same sequence, same inputs");
	let batch = of_a[0].batch.clone();
	assert_eq!(batch.len(), 5 * 32, "old root and four transactions");
	let provers = [(Alice, 200_000 * UNIT), (Bob, 500_000 * UNIT), (Charlie, 300_000 * UNIT)];

	new_ext("development").execute_with(|| {
		// Block 1: three provers register, the sequencer submits a sequence.
		let mut xts: Vec<_> = provers
			.iter()
			.map(|(who, stake)| {
				signed(
					*who,
					RuntimeCall::ProverRegistry(pallet_prover_registry::Call::register {
						stake: *stake,
					}),
					0,
				)
			})
			.collect();
		xts.push(signed(
			Ferdie,
			RuntimeCall::ZkpSubmission(pallet_zkp_submission::Call::submit_sequence {
				rollup: 0,
				public_inputs: BoundedVec::try_from(inputs.clone()).expect("within bound"),
				batch: BoundedVec::try_from(batch.clone()).expect("within bound"),
				fee: 0,
			}),
			0,
		));
		for r in execute_block(xts) {
			assert_eq!(r, Ok(Ok(())));
		}
		for (who, stake) in provers {
			assert_eq!(held(who), stake);
		}
		let sequence = 0u64;
		let stored =
			pallet_zkp_submission::Sequences::<Runtime>::get(sequence).expect("sequence 0");
		// The chain keeps only the hash and length of the batch (it is in the block body).
		assert_eq!(stored.data_hash, H256(sp_io::hashing::blake2_256(&batch)));
		assert_eq!(stored.data_len, 160);

		// Block 2 = T: each prover commits to its own proof.
		let commits = provers
			.iter()
			.zip(&of_a)
			.map(|((who, _), case)| {
				let c = commitment(&proof_hash(&case.proof), &who.to_account_id());
				signed(
					*who,
					RuntimeCall::ZkpSubmission(pallet_zkp_submission::Call::commit_proof_hash {
						sequence,
						commitment: c,
					}),
					1,
				)
			})
			.collect();
		for r in execute_block(commits) {
			assert_eq!(r, Ok(Ok(())));
		}
		let t = System::block_number();
		assert_eq!(t, 2);
		let status = zkmine_runtime::ZkpSubmission::sequence_status(sequence).expect("status");
		assert_eq!(status.commitments, 3);

		// Up to T + 10: the commit window; nothing to do.
		while System::block_number() < t + 10 {
			execute_block(vec![]);
		}
		// T + 11: the three reveal their (distinct, valid) proofs.
		let issuance_before = Balances::total_issuance();
		let reveals = provers
			.iter()
			.zip(&of_a)
			.map(|((who, _), case)| {
				signed(
					*who,
					RuntimeCall::ZkpSubmission(pallet_zkp_submission::Call::submit_proof {
						sequence,
						proof: BoundedVec::try_from(case.proof.clone()).expect("proof bound"),
					}),
					2,
				)
			})
			.collect();
		for r in execute_block(reveals) {
			assert_eq!(r, Ok(Ok(())));
		}
		assert_eq!(System::block_number(), t + 11);
		// Events are per block: take the reveal block's fees now.
		let reveal_fees = fees_paid();
		assert!(reveal_fees > 0);
		assert!(events().iter().any(|e| matches!(
			e,
			RuntimeEvent::ZkpSubmission(pallet_zkp_submission::Event::SequenceProved { .. })
		)));
		let validated = pallet_zkp_submission::Rounds::<Runtime>::get(sequence)
			.expect("round")
			.commitments
			.iter()
			.filter(|c| c.validated)
			.count();
		assert_eq!(validated, 3, "each distinct proof validated its own commitment");

		// Settlement happens at T + 21 by itself, not before.
		while System::block_number() < t + 20 {
			execute_block(vec![]);
		}
		assert!(pallet_zkp_submission::Sequences::<Runtime>::contains_key(sequence));
		let balances_before: Vec<u128> =
			provers.iter().map(|(w, _)| Balances::balance(&w.to_account_id())).collect();
		execute_block(vec![]);
		assert_eq!(System::block_number(), t + 21);
		assert!(!pallet_zkp_submission::Sequences::<Runtime>::contains_key(sequence));

		// 0.4, 1.0 and 0.6 units, exactly; issuance rises by the 2 units minted, less the fees
		// burned by the reveal transactions.
		let expected = [UNIT * 4 / 10, UNIT, UNIT * 6 / 10];
		for (((who, _), reward), before) in provers.iter().zip(expected).zip(balances_before) {
			assert_eq!(Balances::balance(&who.to_account_id()) - before, reward);
			assert!(events().contains(&RuntimeEvent::ZkpSubmission(
				pallet_zkp_submission::Event::RewardPaid {
					sequence,
					round: 0,
					who: who.to_account_id(),
					amount: reward,
					from_fee: 0,
				}
			)));
		}
		assert_eq!(Balances::total_issuance() + reveal_fees, issuance_before + 2 * UNIT);
		let rollup = pallet_zkp_submission::Rollups::<Runtime>::get(0).expect("rollup");
		assert_eq!(rollup.latest_proved, Some(sequence));
		for (who, stake) in provers {
			assert_eq!(held(who), stake, "nobody was slashed");
		}
	});
}
