//! The proof that proved a sequence: kept from its reveal, given an expiry at settlement,
//! queryable until then, pruned by the hook at the expiry block.

use crate::{mock::*, ProofExpiries, ProofRecord, Proofs, WeightInfo};
use frame_support::{assert_ok, traits::Get};
use zkmine_primitives::proof_hash;

const T: u64 = 3;
/// The mock's `ProofRetention`.
fn retention() -> u64 {
	<<Test as crate::Config>::ProofRetention as Get<u32>>::get().into()
}

/// A sequence proved by Alice's proof at `T + 11` (Bob's commitment to another valid proof
/// is revealed after). Its id and Alice's proof.
fn proved() -> (u64, Vec<u8>) {
	let rollup = register(2);
	let seq = submit(rollup);
	run_to(T);
	let (alice, bob) = (valid_proof(seq, 0), valid_proof(seq, 1));
	commit(ALICE, seq, &alice);
	commit(BOB, seq, &bob);
	run_to(T + 11);
	assert_ok!(reveal(ALICE, seq, &alice));
	run_to(T + 12);
	assert_ok!(reveal(BOB, seq, &bob));
	(seq, alice)
}

#[test]
fn the_first_valid_proof_is_kept_from_its_reveal() {
	ExtBuilder::default().build_and_execute(|| {
		let (seq, alice) = proved();
		let expected = ProofRecord {
			rollup: 0,
			key_version: 0,
			round: 0,
			proof_hash: proof_hash(&alice),
			proof: alice.clone(),
			by: ALICE,
			proved_at: T + 11,
			expires_at: None,
		};
		// The second valid proof (Bob's) did not replace it.
		assert_eq!(ZkpSubmission::fetch_proof(seq), Some(expected.clone()));
		assert!(ProofExpiries::<Test>::iter().next().is_none());

		run_to(T + 21);
		let expires = T + 21 + retention();
		assert_eq!(
			ZkpSubmission::fetch_proof(seq),
			Some(ProofRecord { expires_at: Some(expires), ..expected })
		);
		assert_eq!(ProofExpiries::<Test>::get(expires).into_inner(), vec![seq]);
	});
}

#[test]
fn the_proof_is_pruned_exactly_at_its_expiry() {
	ExtBuilder::default().build_and_execute(|| {
		let (seq, _) = proved();
		run_to(T + 21);
		let expires = T + 21 + retention();
		run_to(expires - 1);
		assert!(ZkpSubmission::fetch_proof(seq).is_some(), "kept through the last block");
		let used = initialize_block(expires);
		assert_eq!(ZkpSubmission::fetch_proof(seq), None);
		assert!(!Proofs::<Test>::contains_key(seq));
		assert!(!ProofExpiries::<Test>::contains_key(expires));
		assert_eq!(
			used,
			<() as WeightInfo>::prune_proofs(1) + <() as WeightInfo>::settle_idle(),
			"the hook charges what it pruned"
		);
	});
}

#[test]
fn a_failed_round_keeps_no_proof() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let seq = submit(rollup);
		run_to(T);
		commit(ALICE, seq, &valid_proof(seq, 0));
		run_to(T + 11);
		// A proof that does not verify is not kept.
		assert!(reveal(ALICE, seq, &invalid_proof(1)).is_err());
		assert_eq!(Proofs::<Test>::iter().count(), 0);
		run_to(T + 21);
		assert_eq!(ZkpSubmission::fetch_proof(seq), None);
		assert_eq!(Proofs::<Test>::iter().count(), 0);
	});
}

#[test]
fn proofs_of_one_block_expire_together() {
	ExtBuilder::default().build_and_execute(|| {
		let rollup = register(2);
		let (a, b) = (submit(rollup), submit(rollup));
		run_to(T);
		for seq in [a, b] {
			commit(ALICE, seq, &valid_proof(seq, 0));
		}
		run_to(T + 11);
		for seq in [a, b] {
			assert_ok!(reveal(ALICE, seq, &valid_proof(seq, 0)));
		}
		run_to(T + 21);
		let expires = T + 21 + retention();
		assert_eq!(ProofExpiries::<Test>::get(expires).into_inner(), vec![a, b]);
		let used = initialize_block(expires);
		assert_eq!(used, <() as WeightInfo>::prune_proofs(2) + <() as WeightInfo>::settle_idle());
		assert_eq!(Proofs::<Test>::iter().count(), 0);
	});
}
