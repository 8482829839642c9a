pragma circom 2.0.0;

// The state transition of the zkmine circom example rollup, shared by `batch.circom` (the
// proved circuit) and `transition_outputs.circom` (which only computes its outputs, to
// make witnesses).
//
// A batch is `n` amounts, each below 2^32. Applying it to the state `old_root` gives
//     batch_hash = Poseidon(amounts[0], ..., amounts[n-1])
//     new_root   = Poseidon(old_root, amounts[0] + ... + amounts[n-1])
// (circomlib's Poseidon over the BN254 scalar field).

include "../node_modules/circomlib/circuits/poseidon.circom";
include "../node_modules/circomlib/circuits/bitify.circom";

template BatchTransition(n) {
    signal input old_root;
    signal input amounts[n];
    signal output new_root;
    signal output batch_hash;

    // Every amount fits in 32 bits, so the sum cannot wrap around the field.
    component range[n];
    for (var i = 0; i < n; i++) {
        range[i] = Num2Bits(32);
        range[i].in <== amounts[i];
    }

    var sum = 0;
    for (var i = 0; i < n; i++) {
        sum += amounts[i];
    }

    component hash = Poseidon(n);
    for (var i = 0; i < n; i++) {
        hash.inputs[i] <== amounts[i];
    }
    batch_hash <== hash.out;

    component root = Poseidon(2);
    root.inputs[0] <== old_root;
    root.inputs[1] <== sum;
    new_root <== root.out;
}
