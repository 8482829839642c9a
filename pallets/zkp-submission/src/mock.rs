//! Mock runtime: `frame_system`, `pallet_balances` (real issuance for minting and burning),
//! this pallet, a mock [`ProverStaking`] and a mock [`ProofVerifier`].
//!
//! * Stake: a prover has `bonded` and `unbonding` stake (recorded here, backed by its free
//!   balance); it is active while `bonded >= MIN_STAKE`. A slash takes `level(reason)` of the
//!   stake snapshot, capped by `bonded + unbonding`, bonded first, and burns it from the free
//!   balance with `pallet_balances`, so total issuance falls by exactly the burned amount.
//! * Verifier: a verifying key is `[n, tag..]` (n public inputs; `0xFF` first: malformed); a
//!   public input is non-canonical if its last byte is `>= 0xF0`; a proof is
//!   `[1] ++ blake2_256(vk ++ SCALE(inputs)) ++ salt` (valid), `[0] ++ anything` (well formed,
//!   invalid), anything else malformed. Distinct salts give distinct valid proofs.

use crate::{self as pallet_zkp_submission, *};
use codec::Encode;
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Precision, Preservation},
		ConstU128, Get, Hooks,
	},
	weights::Weight,
	BoundedVec,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};
use std::collections::BTreeMap;
use zkmine_primitives::{
	commitment_exposure, CommitRefusal, Exposure, FieldElement, PreparedKey, ProofVerifier,
	ProverCapacity, ProverStaking, RollupId, SequenceId, SlashReason, VerifierError,
};

pub type AccountId = u64;
pub type Balance = u128;
type Block = frame_system::mocking::MockBlock<Test>;

/// One unit of the currency (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;
/// Minimum bonded stake of an active prover.
pub const MIN_STAKE: Balance = 1_000 * UNIT;
/// Free balance given to every account on top of its stake.
pub const SPARE: Balance = 10 * UNIT;
/// The sequencer of the rollups the tests register.
pub const SEQUENCER: AccountId = 100;
/// The owner of the rollups the tests register (pays their deposits).
pub const OWNER: AccountId = 101;
/// Free balance of `SEQUENCER` and `OWNER` (deposits and fees).
pub const FUNDS: Balance = 1_000 * UNIT;
/// `RollupDepositBase` of the mock.
pub const DEPOSIT_BASE: Balance = 5 * UNIT;
/// `RollupDepositPerByte` of the mock (a mock key has 4 bytes).
pub const DEPOSIT_PER_BYTE: Balance = UNIT / 10;
/// `MinFeeContribution` of the mock.
pub const MIN_FEE: Balance = UNIT / 100;
/// Provers of the worked example and their stakes.
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// A registered prover whose bonded stake is below the minimum (inactive).
pub const POOR: AccountId = 6;
/// An account that is no prover at all.
pub const NOBODY: AccountId = 99;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ZkpSubmission: pallet_zkp_submission,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
	type AccountStore = System;
	type ExistentialDeposit = ConstU128<1>;
}

parameter_types! {
	/// 2 units per sequence: 128 per block over 64 rollup slots.
	pub static RewardPerSequence: Balance = 2 * UNIT;
	/// Settlement budget; tests shrink it to exercise the carry-over queue.
	pub static MaxSettlementWeight: Weight = Weight::from_parts(u64::MAX / 4, u64::MAX / 4);
	pub static IncorrectHashLevel: Perbill = Perbill::from_percent(10);
	pub static IncorrectProofLevel: Perbill = Perbill::from_percent(20);
	pub static NoValidProofLevel: Perbill = Perbill::from_percent(5);
	/// Window lengths and failed-round limit; tests change them mid-round.
	pub static CommitWindow: u32 = 10;
	pub static RevealWindow: u32 = 10;
	pub static MaxFailedRounds: u32 = 3;
}

#[derive_impl(pallet_zkp_submission::config_preludes::TestDefaultConfig)]
impl pallet_zkp_submission::Config for Test {
	type Currency = Balances;
	type Staking = MockStaking;
	type Verifier = MockVerifier;
	type RegisterOrigin = EnsureRoot<AccountId>;
	type RewardPerSequence = RewardPerSequence;
	type MaxSettlementWeight = MaxSettlementWeight;
	type CommitWindow = CommitWindow;
	type RevealWindow = RevealWindow;
	type MaxFailedRounds = MaxFailedRounds;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RollupDepositBase = ConstU128<DEPOSIT_BASE>;
	type RollupDepositPerByte = ConstU128<DEPOSIT_PER_BYTE>;
	type MinFeeContribution = ConstU128<MIN_FEE>;
	type MaxFeePayers = frame_support::traits::ConstU32<MAX_FEE_PAYERS>;
	type RewardSlots = frame_support::traits::ConstU32<REWARD_SLOTS>;
	type MaxRollups = frame_support::traits::ConstU32<MAX_ROLLUPS>;
	type MaxPreparedKeyLen = frame_support::traits::ConstU32<MOCK_PREPARED_KEY_LEN>;
}

/// `MaxFeePayers` of the mock.
pub const MAX_FEE_PAYERS: u32 = 4;
/// `RewardSlots` of the mock.
pub const REWARD_SLOTS: u32 = 3;
/// `MaxRollups` of the mock.
pub const MAX_ROLLUPS: u32 = 6;

/// The stake of one mock prover.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Stake {
	pub bonded: Balance,
	pub unbonding: Balance,
	/// Reserved by open commitments (the exposure rule of `zkmine_primitives`).
	pub reserved: Balance,
}

/// One slash as the backend saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlashRecord {
	pub who: AccountId,
	pub snapshot: Balance,
	pub reason: SlashReason,
	pub burned: Balance,
}

thread_local! {
	static STAKES: RefCell<BTreeMap<AccountId, Stake>> = const { RefCell::new(BTreeMap::new()) };
	static PENDING: RefCell<BTreeMap<AccountId, u32>> = const { RefCell::new(BTreeMap::new()) };
	static SLASHES: RefCell<Vec<SlashRecord>> = const { RefCell::new(Vec::new()) };
	static REWARDS: RefCell<BTreeMap<AccountId, Balance>> = const { RefCell::new(BTreeMap::new()) };
	static VERIFY_CALLS: RefCell<u32> = const { RefCell::new(0) };
	static VERIFIER_REFUSES: RefCell<Option<VerifierError>> = const { RefCell::new(None) };
	static INITIAL_ISSUANCE: RefCell<Balance> = const { RefCell::new(0) };
}

/// Mock of the prover registry.
pub struct MockStaking;

impl MockStaking {
	/// Give `who` a bonded stake of `stake`, backed by minted free balance.
	pub fn set_stake(who: AccountId, stake: Balance) {
		STAKES.with(|s| {
			let mut s = s.borrow_mut();
			let entry = s.entry(who).or_default();
			entry.bonded = stake;
		});
	}
	/// Move `amount` of `who`'s bonded stake to unbonding.
	pub fn unbond(who: AccountId, amount: Balance) {
		STAKES.with(|s| {
			let mut s = s.borrow_mut();
			let stake = s.get_mut(&who).expect("unbond of an unknown prover");
			assert!(
				amount <= stake.bonded.saturating_sub(stake.reserved),
				"the registry refuses to unbond reserved stake"
			);
			stake.bonded -= amount;
			stake.unbonding += amount;
		});
	}
	/// The stake of `who`.
	pub fn stake(who: AccountId) -> Stake {
		STAKES.with(|s| s.borrow().get(&who).copied().unwrap_or_default())
	}
	/// Outstanding commitments of `who` as notified by the pallet.
	pub fn pending(who: AccountId) -> u32 {
		PENDING.with(|p| p.borrow().get(&who).copied().unwrap_or(0))
	}
	/// All outstanding-commitment counts.
	pub fn all_pending() -> BTreeMap<AccountId, u32> {
		PENDING
			.with(|p| p.borrow().iter().filter(|(_, n)| **n > 0).map(|(a, n)| (*a, *n)).collect())
	}
	/// Slashes so far, in order.
	pub fn slashes() -> Vec<SlashRecord> {
		SLASHES.with(|s| s.borrow().clone())
	}
	/// Rewards reported to the backend with `reward_paid`, per prover.
	pub fn rewards() -> BTreeMap<AccountId, Balance> {
		REWARDS.with(|r| r.borrow().clone())
	}
	/// Total burned so far.
	pub fn burned() -> Balance {
		SLASHES.with(|s| s.borrow().iter().map(|r| r.burned).sum())
	}
	/// The largest slash level: what a commitment reserves of its snapshot.
	pub fn max_level() -> Perbill {
		IncorrectHashLevel::get()
			.max(IncorrectProofLevel::get())
			.max(NoValidProofLevel::get())
	}
	/// All reservations, per prover with any.
	pub fn all_reserved() -> BTreeMap<AccountId, Balance> {
		STAKES.with(|s| {
			s.borrow()
				.iter()
				.filter(|(_, st)| st.reserved > 0)
				.map(|(a, st)| (*a, st.reserved))
				.collect()
		})
	}
	fn level(reason: SlashReason) -> Perbill {
		match reason {
			SlashReason::IncorrectHash => IncorrectHashLevel::get(),
			SlashReason::IncorrectProof => IncorrectProofLevel::get(),
			SlashReason::NoValidProof => NoValidProofLevel::get(),
		}
	}
}

impl ProverStaking<AccountId, Balance> for MockStaking {
	fn is_active(who: &AccountId) -> bool {
		Self::stake(*who).bonded >= MIN_STAKE
	}

	fn capacity(who: &AccountId) -> ProverCapacity<Balance> {
		let st = Self::stake(*who);
		let active = st.bonded >= MIN_STAKE;
		ProverCapacity {
			bonded: st.bonded,
			reserved: st.reserved,
			free: st.bonded.saturating_sub(st.reserved),
			active,
			next: if active {
				commitment_exposure(st.bonded, st.reserved, MIN_STAKE, Self::max_level())
			} else {
				None
			},
		}
	}

	fn open_commitment(who: &AccountId) -> Result<Exposure<Balance>, CommitRefusal> {
		let capacity = Self::capacity(who);
		if !capacity.active {
			return Err(CommitRefusal::NotActive);
		}
		let exposure = capacity.next.ok_or(CommitRefusal::InsufficientCapacity)?;
		STAKES.with(|s| {
			s.borrow_mut().get_mut(who).expect("active prover").reserved += exposure.reserved
		});
		PENDING.with(|p| *p.borrow_mut().entry(*who).or_default() += 1);
		Ok(exposure)
	}

	fn close_commitment(who: &AccountId, reserved: Balance) {
		PENDING.with(|p| {
			let mut p = p.borrow_mut();
			let n = p.get_mut(who).expect("closed a commitment that was never opened");
			*n = n.checked_sub(1).expect("more commitments closed than opened");
		});
		STAKES.with(|s| {
			let mut s = s.borrow_mut();
			let st = s.get_mut(who).expect("closed a commitment of an unknown prover");
			st.reserved = st.reserved.checked_sub(reserved).expect("released more than reserved");
		});
	}

	fn slash(who: &AccountId, stake_snapshot: Balance, reason: SlashReason) -> Balance {
		let wanted = Self::level(reason) * stake_snapshot;
		let burned = STAKES.with(|s| {
			let mut s = s.borrow_mut();
			let Some(stake) = s.get_mut(who) else { return 0 };
			let amount = wanted.min(stake.bonded + stake.unbonding);
			let from_bonded = amount.min(stake.bonded);
			stake.bonded -= from_bonded;
			stake.unbonding -= amount - from_bonded;
			amount
		});
		let burned = <Balances as Mutate<AccountId>>::burn_from(
			who,
			burned,
			Preservation::Expendable,
			Precision::Exact,
			Fortitude::Force,
		)
		.expect("the mock's stake is backed by free balance");
		SLASHES.with(|s| {
			s.borrow_mut()
				.push(SlashRecord { who: *who, snapshot: stake_snapshot, reason, burned })
		});
		burned
	}

	fn reward_paid(who: &AccountId, amount: Balance) {
		REWARDS.with(|r| *r.borrow_mut().entry(*who).or_default() += amount);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_make_active(who: &AccountId, stake: Balance) {
		let _ = <Balances as Mutate<AccountId>>::mint_into(who, stake + SPARE);
		Self::set_stake(*who, stake.max(MIN_STAKE));
	}
}

/// Mock of the Groth16 verifier.
pub struct MockVerifier;

/// Tag of a well-formed valid-looking proof.
pub const PROOF_VALID_TAG: u8 = 1;
/// Tag of a well-formed proof that never verifies.
pub const PROOF_INVALID_TAG: u8 = 0;
/// First byte of a prepared mock key.
pub const PREPARED_TAG: u8 = 0x50;
/// `prepared_key_len` of the mock verifier, whatever the inputs (keys are 4 to 7 bytes,
/// prepared one more), and the mock's `MaxPreparedKeyLen`: a longer key prepares to more
/// than the bound.
pub const MOCK_PREPARED_KEY_LEN: u32 = 8;

impl MockVerifier {
	/// A verifying key expecting `inputs` public inputs (`tag` makes keys distinct).
	pub fn key(inputs: u8, tag: u8) -> Vec<u8> {
		vec![inputs, tag, 0xAB, 0xCD]
	}
	/// A verifying key like [`Self::key`], padded to `len` bytes (4 to 7 are accepted).
	pub fn key_of_len(inputs: u8, tag: u8, len: usize) -> Vec<u8> {
		let mut key = Self::key(inputs, tag);
		key.resize(len, 0xAB);
		key
	}
	/// What `prepare_verifying_key` stores for a valid `vk`: `PREPARED_TAG ++ vk` (so that a
	/// test can tell a prepared key from a wire-format one).
	pub fn prepared(vk: &[u8]) -> Vec<u8> {
		let mut out = vec![PREPARED_TAG];
		out.extend_from_slice(vk);
		out
	}
	/// The statement a valid proof commits to.
	pub fn statement(vk: &[u8], inputs: &[FieldElement]) -> [u8; 32] {
		let mut pre = vk.to_vec();
		inputs.to_vec().encode_to(&mut pre);
		sp_io::hashing::blake2_256(&pre)
	}
	/// A valid proof of `vk` and `inputs`; distinct `salt`s give distinct proofs.
	pub fn valid_proof(vk: &[u8], inputs: &[FieldElement], salt: u8) -> Vec<u8> {
		let mut p = vec![PROOF_VALID_TAG];
		p.extend_from_slice(&Self::statement(vk, inputs));
		p.push(salt);
		p
	}
	/// From now on, `verify` fails with `error` (a verifier that no longer accepts a stored
	/// key or inputs); `None` restores it.
	pub fn refuse_with(error: Option<VerifierError>) {
		VERIFIER_REFUSES.with(|v| *v.borrow_mut() = error);
	}
	/// Number of `verify` calls so far.
	pub fn verify_calls() -> u32 {
		VERIFY_CALLS.with(|v| *v.borrow())
	}
	fn expected_inputs(vk: &[u8]) -> Result<u32, VerifierError> {
		match vk.first() {
			None | Some(0xFF) => Err(VerifierError::MalformedVerifyingKey),
			Some(n) => Ok(u32::from(*n)),
		}
	}
}

impl ProofVerifier for MockVerifier {
	fn prepare_verifying_key(
		vk: &[u8],
		max_public_inputs: u32,
	) -> Result<PreparedKey, VerifierError> {
		let n = Self::expected_inputs(vk)?;
		if n > max_public_inputs {
			return Err(VerifierError::TooManyPublicInputs);
		}
		Ok(PreparedKey { public_inputs: n, bytes: Self::prepared(vk) })
	}

	fn prepared_key_len(_public_inputs: u32) -> u32 {
		MOCK_PREPARED_KEY_LEN
	}

	fn validate_public_inputs(
		prepared: &[u8],
		public_inputs: &[FieldElement],
	) -> Result<(), VerifierError> {
		let vk = match prepared.split_first() {
			Some((&PREPARED_TAG, vk)) => vk,
			_ => return Err(VerifierError::MalformedVerifyingKey),
		};
		if Self::expected_inputs(vk)? as usize != public_inputs.len() {
			return Err(VerifierError::PublicInputCountMismatch);
		}
		if public_inputs.iter().any(|i| i[31] >= 0xF0) {
			return Err(VerifierError::NonCanonicalPublicInput);
		}
		Ok(())
	}

	fn verify(
		vk: &[u8],
		public_inputs: &[FieldElement],
		proof: &[u8],
	) -> Result<bool, VerifierError> {
		VERIFY_CALLS.with(|v| *v.borrow_mut() += 1);
		if let Some(e) = VERIFIER_REFUSES.with(|v| *v.borrow()) {
			return Err(e);
		}
		Self::validate_public_inputs(vk, public_inputs)?;
		match proof.first() {
			Some(&PROOF_VALID_TAG) if proof.len() >= 33 => {
				Ok(proof[1..33] == Self::statement(vk, public_inputs))
			},
			Some(&PROOF_INVALID_TAG) => Ok(false),
			_ => Err(VerifierError::MalformedProof),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn benchmark_fixture(public_inputs: u32) -> (Vec<u8>, Vec<FieldElement>, Vec<u8>) {
		let vk = Self::key(public_inputs as u8, 0xBE);
		let inputs: Vec<FieldElement> = (0..public_inputs).map(|i| [i as u8; 32]).collect();
		let proof = Self::valid_proof(&Self::prepared(&vk), &inputs, 0);
		(vk, inputs, proof)
	}
}

/// Builds test externalities with provers and their stakes.
pub struct ExtBuilder {
	provers: Vec<(AccountId, Balance)>,
	genesis_rollups: Vec<(AccountId, Vec<u8>)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		// The worked example's stakes, plus two more provers and an inactive one.
		Self {
			provers: vec![
				(ALICE, 200_000 * UNIT),
				(BOB, 500_000 * UNIT),
				(CHARLIE, 300_000 * UNIT),
				(DAVE, 100_000 * UNIT),
				(EVE, 100_000 * UNIT),
				(POOR, MIN_STAKE - 1),
			],
			genesis_rollups: vec![],
		}
	}
}

impl ExtBuilder {
	/// Add (or replace) a prover with `stake`.
	pub fn prover(mut self, who: AccountId, stake: Balance) -> Self {
		self.provers.retain(|(a, _)| *a != who);
		self.provers.push((who, stake));
		self
	}

	/// Register a rollup in the pallet's genesis config.
	pub fn genesis_rollup(mut self, sequencer: AccountId, key: Vec<u8>) -> Self {
		self.genesis_rollups.push((sequencer, key));
		self
	}

	/// The externalities, at block 1, with the mock state reset.
	pub fn build(self) -> sp_io::TestExternalities {
		STAKES.with(|s| s.borrow_mut().clear());
		PENDING.with(|p| p.borrow_mut().clear());
		SLASHES.with(|s| s.borrow_mut().clear());
		REWARDS.with(|r| r.borrow_mut().clear());
		VERIFY_CALLS.with(|v| *v.borrow_mut() = 0);
		VERIFIER_REFUSES.with(|v| *v.borrow_mut() = None);

		let mut balances: Vec<(AccountId, Balance)> =
			self.provers.iter().map(|(a, s)| (*a, s + SPARE)).collect();
		balances.push((SEQUENCER, FUNDS));
		balances.push((OWNER, FUNDS));
		balances.push((NOBODY, SPARE));
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		crate::GenesisConfig::<Test> { rollups: self.genesis_rollups }
			.assimilate_storage(&mut storage)
			.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		let provers = self.provers;
		ext.execute_with(|| {
			System::set_block_number(1);
			for (who, stake) in provers {
				MockStaking::set_stake(who, stake);
			}
			INITIAL_ISSUANCE.with(|i| *i.borrow_mut() = Balances::total_issuance());
		});
		ext
	}

	/// Run `test`, then check the pallet's invariants and the mock's bookkeeping.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			check_invariants();
		});
	}
}

/// The pallet's `try_state`, plus: outstanding commitments as notified to the staking
/// backend equal the commitments in live rounds, and total issuance moved only by minted
/// rewards and burned slashes.
pub fn check_invariants() {
	ZkpSubmission::do_try_state().expect("try_state");
	let mut expected: BTreeMap<AccountId, u32> = BTreeMap::new();
	for (_, round) in crate::Rounds::<Test>::iter() {
		for c in round.commitments.iter() {
			*expected.entry(c.prover).or_default() += 1;
		}
	}
	assert_eq!(MockStaking::all_pending(), expected, "commitment notifications out of sync");
	let mut reserved: BTreeMap<AccountId, Balance> = BTreeMap::new();
	for (_, round) in crate::Rounds::<Test>::iter() {
		for c in round.commitments.iter() {
			*reserved.entry(c.prover).or_default() += c.reserved;
		}
	}
	reserved.retain(|_, r| *r > 0);
	assert_eq!(MockStaking::all_reserved(), reserved, "reservations out of sync");
	for (who, st) in STAKES.with(|s| s.borrow().clone()) {
		assert!(st.reserved <= st.bonded + st.unbonding, "{who} reserves more than it holds");
	}
	let initial = INITIAL_ISSUANCE.with(|i| *i.borrow());
	assert_eq!(
		Balances::total_issuance(),
		initial + minted() - MockStaking::burned(),
		"issuance moved by something else than rewards and slashes"
	);
}

/// Sum of all minted rewards so far (`RewardPaid` amounts less what came from fees).
pub fn minted() -> Balance {
	events()
		.into_iter()
		.filter_map(|e| match e {
			crate::Event::RewardPaid { amount, from_fee, .. } => Some(amount - from_fee),
			_ => None,
		})
		.sum()
}

/// The events of this pallet so far, oldest first.
pub fn events() -> Vec<crate::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ZkpSubmission(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// The events of this pallet after the first `mark` ones (`mark = events().len()` earlier).
pub fn events_since(mark: usize) -> Vec<crate::Event<Test>> {
	events().into_iter().skip(mark).collect()
}

/// Run blocks up to `n` (hooks included).
pub fn run_to(n: u64) {
	System::run_to_block::<AllPalletsWithSystem>(n);
}

/// Move to block `n` and run only this pallet's `on_initialize`; the weight it returned.
pub fn initialize_block(n: u64) -> Weight {
	System::set_block_number(n);
	ZkpSubmission::on_initialize(n)
}

/// What the hook spends before settling when no proof expires: looking for expired proofs.
pub fn prune_nothing() -> Weight {
	<() as crate::WeightInfo>::prune_proofs(0)
}

/// A settlement budget for `rounds` failed rounds of one commitment each per block (and the
/// hook's look for expired proofs).
pub fn budget_for_single_rounds(rounds: u64) -> Weight {
	prune_nothing()
		.saturating_add(<() as crate::WeightInfo>::settle_base())
		.saturating_add(<() as crate::WeightInfo>::settle_failed(1, 0).saturating_mul(rounds))
}

/// A settlement budget for `rounds` full rounds per block (and the hook's look for expired
/// proofs).
pub fn budget_for_full_rounds(rounds: u64) -> Weight {
	prune_nothing()
		.saturating_add(<() as crate::WeightInfo>::settle_base())
		.saturating_add(
			ZkpSubmission::settle_weight(<Test as Config>::MaxCommitmentsPerSequence::get())
				.saturating_mul(rounds),
		)
}

/// Register a rollup of `OWNER` with sequencer `SEQUENCER` whose key expects `inputs`
/// public inputs, and give it a reward slot; its id.
pub fn register(inputs: u8) -> RollupId {
	let id = register_open(inputs);
	frame_support::assert_ok!(ZkpSubmission::assign_slot(RuntimeOrigin::root(), id));
	id
}

/// Register a rollup of `OWNER` with sequencer `SEQUENCER` whose key expects `inputs`
/// public inputs, without a reward slot (paid by fees only); its id.
pub fn register_open(inputs: u8) -> RollupId {
	let id = crate::NextRollupId::<Test>::get();
	frame_support::assert_ok!(ZkpSubmission::register_rollup(
		RuntimeOrigin::signed(OWNER),
		SEQUENCER,
		bounded(MockVerifier::key(inputs, id as u8)),
	));
	id
}

/// The deposit of a rollup with a mock key (4 bytes).
pub const MOCK_DEPOSIT: Balance = DEPOSIT_BASE + 4 * DEPOSIT_PER_BYTE;

/// What `who` holds for `reason`.
pub fn held(reason: crate::HoldReason, who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&RuntimeHoldReason::ZkpSubmission(reason), &who)
}

/// `n` canonical public inputs (distinct per `seed`).
pub fn inputs(n: u8, seed: u8) -> BoundedVec<FieldElement, <Test as Config>::MaxPublicInputs> {
	let v: Vec<FieldElement> = (0..n)
		.map(|i| {
			let mut f = [seed; 32];
			f[0] = i;
			f[31] = 0;
			f
		})
		.collect();
	bounded(v)
}

/// Submit a sequence of `rollup` (as many public inputs as its key expects), without a fee;
/// its id.
pub fn submit(rollup: RollupId) -> SequenceId {
	submit_with_fee(rollup, 0)
}

/// Submit a sequence of `rollup` with a proving fee of `fee` held from `SEQUENCER`; its id.
pub fn submit_with_fee(rollup: RollupId, fee: Balance) -> SequenceId {
	let id = crate::NextSequenceId::<Test>::get();
	let n = crate::VerifyingKeys::<Test>::get(
		rollup,
		crate::Rollups::<Test>::get(rollup).expect("rollup").key_version,
	)
	.expect("key")
	.public_inputs as u8;
	frame_support::assert_ok!(ZkpSubmission::submit_sequence(
		RuntimeOrigin::signed(SEQUENCER),
		rollup,
		inputs(n, id as u8),
		bounded(vec![id as u8; 4]),
		fee,
	));
	id
}

/// A valid proof of sequence `id` (distinct per `salt`).
pub fn valid_proof(id: SequenceId, salt: u8) -> Vec<u8> {
	let s = crate::Sequences::<Test>::get(id).expect("sequence");
	let key = crate::VerifyingKeys::<Test>::get(s.rollup, s.key_version).expect("key");
	MockVerifier::valid_proof(&key.prepared, &s.public_inputs, salt)
}

/// A well-formed proof that does not verify (distinct per `salt`).
pub fn invalid_proof(salt: u8) -> Vec<u8> {
	vec![PROOF_INVALID_TAG, salt, 7, 7]
}

/// A proof that does not decode.
pub fn malformed_proof(salt: u8) -> Vec<u8> {
	vec![0xEE, salt]
}

/// The commitment of `who` to `proof`.
pub fn commitment_for(proof: &[u8], who: AccountId) -> [u8; 32] {
	zkmine_primitives::commitment(&zkmine_primitives::proof_hash(proof), &who)
}

/// Commit `who` to `proof` for `sequence`.
pub fn commit(who: AccountId, sequence: SequenceId, proof: &[u8]) {
	frame_support::assert_ok!(ZkpSubmission::commit_proof_hash(
		RuntimeOrigin::signed(who),
		sequence,
		commitment_for(proof, who),
	));
}

/// Try to commit `who` to `proof` for `sequence` (the call's result).
pub fn try_commit(
	who: AccountId,
	sequence: SequenceId,
	proof: &[u8],
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	ZkpSubmission::commit_proof_hash(
		RuntimeOrigin::signed(who),
		sequence,
		commitment_for(proof, who),
	)
}

/// Reveal `proof` for `sequence` as `who`.
pub fn reveal(
	who: AccountId,
	sequence: SequenceId,
	proof: &[u8],
) -> frame_support::dispatch::DispatchResultWithPostInfo {
	ZkpSubmission::submit_proof(RuntimeOrigin::signed(who), sequence, bounded(proof.to_vec()))
}

/// The worked example's round: Alice, Bob and Charlie (stakes 2:5:3) commit to one valid
/// proof of `seq` at block `t`; Bob reveals it at `t + 11`, validating all three. The proof.
pub fn prove_worked_example(seq: SequenceId, t: u64) -> Vec<u8> {
	run_to(t);
	let proof = valid_proof(seq, 0);
	for who in [ALICE, BOB, CHARLIE] {
		commit(who, seq, &proof);
	}
	run_to(t + 11);
	frame_support::assert_ok!(reveal(BOB, seq, &proof));
	proof
}

/// A bounded vector, panicking if too long (tests only).
pub fn bounded<T, S: frame_support::traits::Get<u32>>(v: Vec<T>) -> BoundedVec<T, S> {
	BoundedVec::try_from(v).unwrap_or_else(|_| panic!("too long for the bound"))
}

/// Free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// New test externalities for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_test_ext() -> sp_io::TestExternalities {
	ExtBuilder::default().build()
}
