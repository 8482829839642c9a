//! Smoke tests of the built node: `--dev` finalizes blocks alone; `--chain local` with
//! Alice and Bob on loopback finalizes on both.

mod common;

use common::Node;
use std::time::Duration;

/// The debug node compiles the runtime's WASM at start; allow for it and a few slots.
const STARTUP_AND_FINALITY: Duration = Duration::from_secs(240);

#[test]
fn dev_chain_produces_and_finalizes_blocks() {
	let mut node = Node::start("dev", &["--dev"]);
	let finalized = node.wait_finalized(2, STARTUP_AND_FINALITY);
	assert!(finalized >= 2);
	let best = node.best_number().expect("the node answers chain_getHeader");
	assert!(best >= finalized, "best #{best} is behind finalized #{finalized}");
	let chain = node.rpc("system_chain", serde_json::json!([])).expect("system_chain");
	assert_eq!(chain, "zkmine development");
	let properties = node.rpc("system_properties", serde_json::json!([])).expect("properties");
	assert_eq!(properties["tokenSymbol"], "ZKM");
	assert!(node.stop(), "the node did not exit cleanly on SIGINT");
}

#[test]
fn local_network_of_alice_and_bob_finalizes() {
	// Fixed node keys so that Bob can name Alice as his boot node.
	let alice_key = "0000000000000000000000000000000000000000000000000000000000000001";
	let bob_key = "0000000000000000000000000000000000000000000000000000000000000002";
	let mut alice = Node::start("alice", &["--chain", "local", "--alice", "--node-key", alice_key]);
	let peer_id = {
		let start = std::time::Instant::now();
		loop {
			if let Some(id) = alice.rpc("system_localPeerId", serde_json::json!([])) {
				break id.as_str().map(str::to_owned).expect("peer id is a string");
			}
			assert!(
				start.elapsed() < STARTUP_AND_FINALITY,
				"alice's RPC never came up:\n{}",
				alice.log_tail(40)
			);
			std::thread::sleep(Duration::from_millis(500));
		}
	};
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{}", alice.p2p_port, peer_id);
	let mut bob = Node::start(
		"bob",
		&["--chain", "local", "--bob", "--node-key", bob_key, "--bootnodes", &bootnode],
	);

	// With two authorities GRANDPA needs both votes: finality on both proves they talk.
	let on_alice = alice.wait_finalized(3, STARTUP_AND_FINALITY);
	let on_bob = bob.wait_finalized(3, STARTUP_AND_FINALITY);
	assert!(on_alice >= 3 && on_bob >= 3);
	let peers = alice.rpc("system_health", serde_json::json!([])).expect("system_health");
	assert!(peers["peers"].as_u64().unwrap_or(0) >= 1, "alice has no peer: {peers}");
	assert!(bob.stop(), "bob did not exit cleanly");
	assert!(alice.stop(), "alice did not exit cleanly");
}
