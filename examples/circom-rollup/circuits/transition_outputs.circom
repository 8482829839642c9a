pragma circom 2.0.0;

// Not proved: only its witness is computed, to get `new_root` and `batch_hash` for a batch
// (witness[1] and witness[2]: the outputs come right after the constant 1). make-vectors.sh
// uses it to write the inputs of batch.circom without a JavaScript Poseidon.

include "transition.circom";

component main = BatchTransition(4);
