#!/usr/bin/env bash
# Compile the example rollup circuit with circom 2 (the npm WASM build, `circom2`) and run a
# small, local and deterministic Groth16 setup with snarkjs. Downloads nothing but the npm
# packages pinned in package.json (`npm ci`); every output goes to build/ (gitignored).
#
#   bash setup.sh          # or: npm run setup
#
# Outputs:
#   build/batch.r1cs, build/batch.sym, build/batch_js/      the proved circuit
#   build/transition_outputs_js/                            computes new_root, batch_hash
#   build/pot10_final.ptau                                  powers of tau, 2^10, phase 2 ready
#   build/batch_final.zkey                                  the Groth16 proving key
#   build/verification_key.json                             its verifying key (snarkjs JSON)
#
# Determinism: snarkjs's `contribute` always mixes 64 bytes from the OS into the entropy it
# is given, so a contribution with fixed entropy is not reproducible. Both phases therefore
# get one random beacon each (a public hash, iterated 2^10 times), which snarkjs applies
# deterministically: the same package versions always give the same key, byte for byte.
# A beacon alone is of course no trusted setup (anyone can recompute the toxic waste): this
# key is a test fixture, never to be used for anything of value.
set -euo pipefail
cd "$(dirname "$0")"

# The beacons: arbitrary fixed 32-byte hex strings (a real ceremony would use a public
# value nobody could predict, e.g. a future block hash).
PHASE1_BEACON=5d7a2c1b0e4f8a9c3d6b2e1f0a9c8b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a10
PHASE2_BEACON=a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90
POWER=10 # 2^10 = 1024 >= constraints + public inputs + 1 (665 + 3 + 1)

if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund
fi
SNARKJS=(node node_modules/snarkjs/build/cli.cjs)
CIRCOM=(node node_modules/circom2/cli.js)

mkdir -p build
echo "== circom: batch.circom (proved) and transition_outputs.circom (witness helper)"
"${CIRCOM[@]}" circuits/batch.circom --O2 --r1cs --wasm --sym -o build
"${CIRCOM[@]}" circuits/transition_outputs.circom --O2 --wasm -o build
"${SNARKJS[@]}" r1cs info build/batch.r1cs

echo "== powers of tau (phase 1), 2^$POWER, one beacon"
"${SNARKJS[@]}" powersoftau new bn128 "$POWER" build/pot10_0000.ptau
"${SNARKJS[@]}" powersoftau beacon build/pot10_0000.ptau build/pot10_beacon.ptau \
	"$PHASE1_BEACON" 10 -n="zkmine circom-rollup phase 1 beacon"
"${SNARKJS[@]}" powersoftau prepare phase2 build/pot10_beacon.ptau build/pot10_final.ptau
"${SNARKJS[@]}" powersoftau verify build/pot10_final.ptau

echo "== Groth16 setup (phase 2), one beacon"
"${SNARKJS[@]}" groth16 setup build/batch.r1cs build/pot10_final.ptau build/batch_0000.zkey
"${SNARKJS[@]}" zkey beacon build/batch_0000.zkey build/batch_final.zkey \
	"$PHASE2_BEACON" 10 -n="zkmine circom-rollup phase 2 beacon"
"${SNARKJS[@]}" zkey verify build/batch.r1cs build/pot10_final.ptau build/batch_final.zkey
"${SNARKJS[@]}" zkey export verificationkey build/batch_final.zkey build/verification_key.json

echo "== done: build/batch_final.zkey, build/verification_key.json"
