//! Settlement by actual weight on the real runtime (its generated weights, its
//! `MaxSettlementWeight`): the rounds of all 64 rollups, 3 commitments each, all proved with
//! real Groth16 proofs and all due in the same block, settle in that block, within budget.

mod common;

use common::{execute_block, hex, new_ext};
use frame_support::{assert_ok, traits::fungible::Mutate, weights::Weight};
use pallet_zkp_submission::WeightInfo;
use sp_runtime::BoundedVec;
use zkmine_primitives::{commitment, proof_hash};
use zkmine_runtime::{
	configs::zkmine::{MaxSettlementWeight, ROLLUP_SLOTS},
	currency::UNIT,
	AccountId, Balances, Runtime, RuntimeEvent, RuntimeOrigin, System, ZkpSubmission,
};

/// The runtime's generated weights of the submission pallet.
type W = pallet_zkp_submission::weights::SubstrateWeight<Runtime>;

/// Sequence A of the test vectors: its inputs, batch and three distinct valid proofs.
fn sequence_a() -> (Vec<[u8; 32]>, Vec<u8>, Vec<Vec<u8>>) {
	let json: serde_json::Value =
		serde_json::from_str(include_str!("../../test-vectors/groth16/valid.json"))
			.expect("valid.json parses");
	let cases: Vec<&serde_json::Value> = json["cases"]
		.as_array()
		.expect("cases")
		.iter()
		.filter(|c| c["name"].as_str().is_some_and(|n| n.starts_with("sequence_a")))
		.collect();
	let inputs = cases[0]["public_inputs"]
		.as_array()
		.expect("inputs")
		.iter()
		.map(|i| hex(i.as_str().expect("hex")).try_into().expect("32 bytes"))
		.collect();
	let batch = core::iter::once(&cases[0]["sequence"]["old_state_root"])
		.chain(cases[0]["sequence"]["transactions"].as_array().expect("transactions"))
		.flat_map(|e| hex(e.as_str().expect("hex")))
		.collect();
	let proofs = cases.iter().map(|c| hex(c["proof"].as_str().expect("proof"))).collect();
	(inputs, batch, proofs)
}

fn key() -> Vec<u8> {
	zkmine_runtime::genesis_config_presets::demo_rollup_verifying_key().expect("demo key")
}

#[test]
fn the_rounds_of_64_rollups_with_3_commitments_settle_in_the_block_they_are_due() {
	let (inputs, batch, proofs) = sequence_a();
	assert_eq!(proofs.len(), 3);
	assert_eq!(ROLLUP_SLOTS, 64);
	new_ext("development").execute_with(|| {
		execute_block(vec![]);
		let ferdie: AccountId = sp_keyring::Sr25519Keyring::Ferdie.to_account_id();
		// 63 more rollups with the demo key (the demo rollup 0 is in genesis).
		// Registered by Ferdie (deposits) and given the other 63 reward slots by governance.
		for _ in 1..ROLLUP_SLOTS {
			let rollup = pallet_zkp_submission::NextRollupId::<Runtime>::get();
			assert_ok!(ZkpSubmission::register_rollup(
				RuntimeOrigin::signed(ferdie.clone()),
				ferdie.clone(),
				BoundedVec::try_from(key()).expect("bound")
			));
			assert_ok!(ZkpSubmission::assign_slot(RuntimeOrigin::root(), rollup));
		}
		// One sequence per rollup, the same statement under 64 rollups.
		let sequences: Vec<u64> = (0..ROLLUP_SLOTS)
			.map(|rollup| {
				let id = pallet_zkp_submission::NextSequenceId::<Runtime>::get();
				assert_ok!(ZkpSubmission::submit_sequence(
					RuntimeOrigin::signed(ferdie.clone()),
					rollup,
					BoundedVec::try_from(inputs.clone()).expect("bound"),
					BoundedVec::try_from(batch.clone()).expect("bound"),
					0,
				));
				id
			})
			.collect();
		// 192 provers, three per sequence, each committing to one of the three proofs.
		let stake = 20_000 * UNIT;
		let provers: Vec<[AccountId; 3]> = (0..ROLLUP_SLOTS)
			.map(|r| {
				core::array::from_fn(|i| {
					let mut raw = [0u8; 32];
					raw[..4].copy_from_slice(&r.to_le_bytes());
					raw[4] = i as u8 + 1;
					let who = AccountId::from(raw);
					assert_ok!(Balances::mint_into(&who, stake + 10 * UNIT));
					assert_ok!(zkmine_runtime::ProverRegistry::register(
						RuntimeOrigin::signed(who.clone()),
						stake
					));
					who
				})
			})
			.collect();
		execute_block(vec![]);
		let t = System::block_number();
		for (sequence, who) in sequences.iter().zip(&provers) {
			for (w, proof) in who.iter().zip(&proofs) {
				assert_ok!(ZkpSubmission::commit_proof_hash(
					RuntimeOrigin::signed(w.clone()),
					*sequence,
					commitment(&proof_hash(proof), w)
				));
			}
		}
		while System::block_number() < t + 11 {
			execute_block(vec![]);
		}
		for (sequence, who) in sequences.iter().zip(&provers) {
			for (w, proof) in who.iter().zip(&proofs) {
				assert_ok!(ZkpSubmission::submit_proof(
					RuntimeOrigin::signed(w.clone()),
					*sequence,
					BoundedVec::try_from(proof.clone()).expect("bound")
				));
			}
		}
		while System::block_number() < t + 20 {
			execute_block(vec![]);
		}
		assert_eq!(pallet_zkp_submission::Deadlines::<Runtime>::get(t + 21).len(), 64);

		// T + 21: every round is due.
		execute_block(vec![]);
		let events: Vec<RuntimeEvent> = System::events().into_iter().map(|r| r.event).collect();
		let finalized = events
			.iter()
			.filter(|e| {
				matches!(
					e,
					RuntimeEvent::ZkpSubmission(
						pallet_zkp_submission::Event::SequenceFinalized { .. }
					)
				)
			})
			.count();
		let paid = events
			.iter()
			.filter(|e| {
				matches!(
					e,
					RuntimeEvent::ZkpSubmission(pallet_zkp_submission::Event::RewardPaid { .. })
				)
			})
			.count();
		assert_eq!((finalized, paid), (64, 192), "all 64 rounds settled, 3 rewards each");
		assert!(!events.iter().any(|e| matches!(
			e,
			RuntimeEvent::ZkpSubmission(pallet_zkp_submission::Event::SettlementDeferred { .. })
		)));
		assert!(pallet_zkp_submission::SettlementQueue::<Runtime>::get().is_empty());
		assert!(sequences
			.iter()
			.all(|s| !pallet_zkp_submission::Sequences::<Runtime>::contains_key(s)));
		// What settlement was charged (on_initialize's weight is mandatory), against its budget.
		let charged: Weight =
			*System::block_weight().get(frame_support::dispatch::DispatchClass::Mandatory);
		let budget = MaxSettlementWeight::get();
		// Each proved round of 3 validated commitments is charged `settle_proved(3)`.
		let rounds = W::settle_base().saturating_add(W::settle_proved(3, 0).saturating_mul(64));
		assert!(rounds.all_lte(budget), "64 proved rounds of 3: {rounds:?} within {budget:?}");
		assert!(charged.ref_time() >= rounds.ref_time(), "charged {charged:?}, rounds {rounds:?}");
		println!(
			"64 proved rounds of 3: {} ms of settlement weight, budget {} ms, block {} ms mandatory",
			rounds.ref_time() / 1_000_000_000,
			budget.ref_time() / 1_000_000_000,
			charged.ref_time() / 1_000_000_000
		);
	});
}
