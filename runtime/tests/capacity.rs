//! Reveal capacity by weight, from the runtime's generated weights (`weights.rs` of the
//! pallet and `runtime/src/weights/`: the transaction extensions, the base extrinsic and the
//! ParityDB database weights, all benchmarked on the release node with the host function):
//! what one reveal of the demo rollup is charged, and how many fit in a block. A regression
//! guard on the weights, not a timing: the timings are the benchmarks' (`docs/BENCHMARKS.md`).
//! The target is 700 reveals per block by weight.

mod common;

use codec::Encode;
use frame_support::dispatch::{DispatchClass, GetDispatchInfo};
use pallet_zkp_submission::WeightInfo;
use sp_keyring::Sr25519Keyring::Alice;
use sp_runtime::{traits::TransactionExtension, BoundedVec};
use zkmine_runtime::{
	configs::{RuntimeBlockLength, RuntimeBlockWeights},
	Runtime, RuntimeCall,
};

/// The runtime's generated weights of the submission pallet.
type W = pallet_zkp_submission::weights::SubstrateWeight<Runtime>;

/// One millisecond of reference time.
const MS: u64 = 1_000_000_000;

#[test]
fn a_reveal_is_charged_at_most_2_ms_and_a_block_holds_700() {
	// A reveal of the demo rollup (3 inputs, a 128-byte proof) in a full round.
	let call = RuntimeCall::ZkpSubmission(pallet_zkp_submission::Call::submit_proof {
		sequence: 0,
		proof: BoundedVec::try_from(vec![0u8; 128]).expect("bound"),
	});
	let refunded = W::submit_proof(3, 32);
	assert!(
		refunded.ref_time() <= 2 * MS,
		"submit_proof(3, 32) is charged {refunded:?}, more than 2.0 ms"
	);
	// Charged up front: the bound (16 inputs, 32 commitments), refunded to the path taken.
	assert!(call.get_dispatch_info().call_weight.ref_time() >= refunded.ref_time());

	let extension = common::extension(0);
	let extensions = extension.weight(&call);
	let reveal_check = extension.8.weight(&call);
	assert_eq!(reveal_check, W::check_reveal(), "CheckReveal charges its benchmark");
	let other = extensions.saturating_sub(reveal_check);
	println!(
		"extensions: CheckReveal {} µs; CheckGenesis {}, CheckEra {}, CheckNonce {}, CheckWeight {}, \
		 ChargeTransactionPayment {}, WeightReclaim {} µs",
		reveal_check.ref_time() / 1_000_000,
		extension.3.weight(&call).ref_time() / 1_000_000,
		extension.4.weight(&call).ref_time() / 1_000_000,
		extension.5.weight(&call).ref_time() / 1_000_000,
		extension.6.weight(&call).ref_time() / 1_000_000,
		extension.7.weight(&call).ref_time() / 1_000_000,
		extension.10.weight(&call).ref_time() / 1_000_000,
	);
	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let one = normal.base_extrinsic.saturating_add(refunded).saturating_add(extensions);
	let budget = normal.max_total.expect("a normal limit");
	let by_weight = budget.ref_time() / one.ref_time();

	let length = common::new_ext("development")
		.execute_with(|| common::signed(Alice, call.clone(), 0).encode().len() as u64);
	let max_length = u64::from(*RuntimeBlockLength::get().max.get(DispatchClass::Normal));
	let by_length = max_length / length;
	println!(
		"one reveal: {} µs (submit_proof(3, 32) {} µs, extensions {} µs of which others {} µs, \
		 base {} µs), {length} bytes; per block: {by_weight} by weight of {} ms, {by_length} by length",
		one.ref_time() / 1_000_000,
		refunded.ref_time() / 1_000_000,
		extensions.ref_time() / 1_000_000,
		other.ref_time() / 1_000_000,
		normal.base_extrinsic.ref_time() / 1_000_000,
		budget.ref_time() / MS,
	);
	// 108 with the first milestone's verification floor; 572 with FRAME's default extension,
	// base and RocksDB weights (issue 13, first part).
	assert!(by_weight >= 700, "{by_weight} reveals per block by weight");
	assert!(by_length >= by_weight, "length is not the limit");

	// A junk reveal (fails verification, no refund) pays the bound charged up front.
	let bound = call.get_dispatch_info().call_weight;
	let junk = normal.base_extrinsic.saturating_add(bound).saturating_add(extensions);
	let junk_per_block = budget.ref_time() / junk.ref_time();
	println!(
		"a junk reveal: {} µs (bound {} µs), {junk_per_block} per block by weight",
		junk.ref_time() / 1_000_000,
		bound.ref_time() / 1_000_000,
	);
	assert!(junk_per_block < by_weight, "a failing reveal is charged more than a valid one");
}
