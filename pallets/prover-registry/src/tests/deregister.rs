//! `deregister`.

use super::*;
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;
use zkmine_primitives::ProverStaking;

#[test]
fn full_exit_unbond_withdraw_deregister() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		let total = issuance();
		assert_ok!(ProverRegistry::unbond(origin(1), 300));
		run_to_block(1 + UNBONDING_BLOCKS);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		events();

		assert_ok!(ProverRegistry::deregister(origin(1)));
		assert!(Provers::<Test>::get(1).is_none());
		assert_eq!(Provers::<Test>::count(), 0);
		assert_eq!(held(1), 0);
		assert_eq!(free(1), ENDOWMENT);
		assert_eq!(issuance(), total);
		assert!(!ProverRegistry::is_active(&1));
		assert_eq!(events(), vec![Event::Deregistered { who: 1 }]);

		// The account can come back.
		assert_ok!(ProverRegistry::register(origin(1), 200));
		assert_eq!(ledger(1), ProverLedger::new(200));
		assert_eq!(events(), vec![Event::Registered { who: 1, stake: 200 }]);
	});
}

#[test]
fn deregister_refused_while_bonded() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_noop!(ProverRegistry::deregister(origin(1)), Error::<Test>::StillBonded);
		assert_eq!(ledger(1), ProverLedger::new(300));
		assert!(events().is_empty());
	});
}

#[test]
fn deregister_refused_while_unbonding() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		assert_ok!(ProverRegistry::unbond(origin(1), 300));
		events();
		// Even once the chunk has matured: it must be withdrawn first.
		run_to_block(1 + UNBONDING_BLOCKS);
		assert_noop!(ProverRegistry::deregister(origin(1)), Error::<Test>::StillUnbonding);
		assert_eq!(chunks(1), vec![chunk(300, 1 + UNBONDING_BLOCKS)]);
		assert_eq!(held(1), 300);
		assert!(events().is_empty());
	});
}

#[test]
fn deregister_refused_while_commitments_are_pending() {
	ExtBuilder::default().prover(1, 300).build_and_execute(|| {
		// With slashing switched off a commitment reserves nothing, so the prover can unbond
		// everything while its commitments are outstanding: the pending counter alone keeps
		// it registered.
		IncorrectHashSlash::set(Perbill::zero());
		IncorrectProofSlash::set(Perbill::zero());
		NoValidProofSlash::set(Perbill::zero());
		let first = ProverRegistry::open_commitment(&1).expect("capacity");
		let second = ProverRegistry::open_commitment(&1).expect("capacity");
		assert_eq!((first.reserved, second.reserved), (0, 0));
		assert_ok!(ProverRegistry::unbond(origin(1), 300));
		run_to_block(1 + UNBONDING_BLOCKS);
		assert_ok!(ProverRegistry::withdraw_unbonded(origin(1)));
		events();

		assert_noop!(ProverRegistry::deregister(origin(1)), Error::<Test>::CommitmentsPending);
		ProverRegistry::close_commitment(&1, first.reserved);
		assert_noop!(ProverRegistry::deregister(origin(1)), Error::<Test>::CommitmentsPending);
		assert_eq!(ledger(1).pending_commitments, 1);
		assert!(events().is_empty());

		ProverRegistry::close_commitment(&1, second.reserved);
		assert_ok!(ProverRegistry::deregister(origin(1)));
		assert!(Provers::<Test>::get(1).is_none());
		assert_eq!(events(), vec![Event::Deregistered { who: 1 }]);
	});
}

#[test]
fn deregister_unknown_account_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(ProverRegistry::deregister(origin(1)), Error::<Test>::NotRegistered);
		assert_eq!(Provers::<Test>::count(), 0);
		assert!(events().is_empty());
	});
}
