//! A mock runtime with `pallet-balances` and the registry, and its [`ExtBuilder`].

use crate::{self as pallet_prover_registry};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Hooks},
};
use sp_runtime::{BuildStorage, Perbill};

/// Account ids of the mock.
pub type AccountId = u64;
/// Balances of the mock.
pub type Balance = u64;
type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		ProverRegistry: pallet_prover_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

parameter_types! {
	pub static ExistentialDeposit: Balance = ED;
	pub static MinProverStake: Balance = MIN_STAKE;
	pub static UnbondingPeriod: u64 = UNBONDING_BLOCKS;
	pub static SlashableWindow: u64 = SLASHABLE_BLOCKS;
	pub static IncorrectHashSlash: Perbill = Perbill::from_percent(10);
	pub static IncorrectProofSlash: Perbill = Perbill::from_percent(20);
	pub static NoValidProofSlash: Perbill = Perbill::from_percent(5);
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type ExistentialDeposit = ExistentialDeposit;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_prover_registry::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MinProverStake = MinProverStake;
	type UnbondingPeriod = UnbondingPeriod;
	type SlashableWindow = SlashableWindow;
	type MaxUnbondingChunks = ConstU32<MAX_CHUNKS>;
	type IncorrectHashSlash = IncorrectHashSlash;
	type IncorrectProofSlash = IncorrectProofSlash;
	type NoValidProofSlash = NoValidProofSlash;
	type WeightInfo = ();
}

/// Existential deposit of the mock.
pub const ED: Balance = 10;
/// `MinProverStake` of the mock.
pub const MIN_STAKE: Balance = 100;
/// `UnbondingPeriod` of the mock.
pub const UNBONDING_BLOCKS: u64 = 30;
/// `SlashableWindow` of the mock: commit window 10 + reveal window 10 + slack 5.
pub const SLASHABLE_BLOCKS: u64 = 25;
/// `MaxUnbondingChunks` of the mock.
pub const MAX_CHUNKS: u32 = 4;
/// Free balance of the endowed accounts 1 to 5.
pub const ENDOWMENT: Balance = 1_000;

/// Account 1..=5 are endowed with [`ENDOWMENT`]; account 9 with only [`MIN_STAKE`] (it
/// cannot stake the minimum and keep the existential deposit). Nobody is registered unless
/// [`ExtBuilder::prover`] says so.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	provers: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		let mut balances: Vec<_> = (1..=5).map(|who| (who, ENDOWMENT)).collect();
		balances.push((9, MIN_STAKE));
		Self { balances, provers: vec![] }
	}
}

impl ExtBuilder {
	/// Register `who` with `stake` at genesis.
	pub fn prover(mut self, who: AccountId, stake: Balance) -> Self {
		self.provers.push((who, stake));
		self
	}

	/// The externalities, at block 1 (so that events are recorded).
	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default()
			.build_storage()
			.expect("system genesis builds");
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.expect("balances genesis builds");
		pallet_prover_registry::GenesisConfig::<Test> { provers: self.provers }
			.assimilate_storage(&mut storage)
			.expect("registry genesis builds");
		let mut ext = sp_io::TestExternalities::new(storage);
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Run `test`, then check the storage invariants (`try_state`) and the configuration
	/// (`integrity_test`).
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			ProverRegistry::do_try_state().expect("try_state holds after the test");
			<ProverRegistry as Hooks<u64>>::integrity_test();
		});
	}
}
