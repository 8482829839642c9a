pragma circom 2.0.0;

// The proved circuit: a valid batch of 4 amounts takes the state `old_root` to `new_root`
// and hashes to `batch_hash` (see transition.circom).
//
// Public inputs, in this order (the order of `public.json` and of the chain's public
// inputs): old_root, new_root, batch_hash. Private: the amounts.

include "transition.circom";

template Batch(n) {
    signal input old_root;
    signal input new_root;
    signal input batch_hash;
    signal input amounts[n];

    component t = BatchTransition(n);
    t.old_root <== old_root;
    for (var i = 0; i < n; i++) {
        t.amounts[i] <== amounts[i];
    }
    new_root === t.new_root;
    batch_hash === t.batch_hash;
}

component main {public [old_root, new_root, batch_hash]} = Batch(4);
