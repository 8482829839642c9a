#!/usr/bin/env bash
# Make the snarkjs test vectors of client/formats (test-vectors/snarkjs/): the example
# rollup's verifying key and two proofs of two consecutive batches, all made by snarkjs.
#
#   bash make-vectors.sh [OUT_DIR]     # default ../../test-vectors/snarkjs; or: npm run vectors
#
# Runs setup.sh first if build/ has no key. The key is reproducible (setup.sh); the proofs
# are not: snarkjs's prover draws fresh randomness (r, s) every time, so each run gives new,
# equally valid proof.json files (their public.json files stay the same).
set -euo pipefail
cd "$(dirname "$0")"
OUT="${1:-../../test-vectors/snarkjs}"

if [ ! -f build/batch_final.zkey ] || [ ! -f build/verification_key.json ]; then
	bash setup.sh
fi
SNARKJS=(node node_modules/snarkjs/build/cli.cjs)
mkdir -p "$OUT" build/vectors

# Write build/vectors/input_N.json (the full input of batch.circom) for the batch
# OLD_ROOT, AMOUNTS...: new_root and batch_hash are computed by the witness helper
# transition_outputs.circom (witness[1] and witness[2]).
batch_input() {
	local n="$1" old_root="$2"
	shift 2
	local amounts
	amounts=$(printf '"%s",' "$@")
	amounts="[${amounts%,}]"
	echo "{\"old_root\": \"$old_root\", \"amounts\": $amounts}" > "build/vectors/transition_$n.json"
	node build/transition_outputs_js/generate_witness.js \
		build/transition_outputs_js/transition_outputs.wasm \
		"build/vectors/transition_$n.json" "build/vectors/transition_$n.wtns"
	"${SNARKJS[@]}" wtns export json "build/vectors/transition_$n.wtns" \
		"build/vectors/transition_$n.wtns.json"
	node -e '
		const fs = require("fs");
		const [t, w, out] = process.argv.slice(1);
		const input = JSON.parse(fs.readFileSync(t, "utf8"));
		const wtns = JSON.parse(fs.readFileSync(w, "utf8"));
		const full = { old_root: input.old_root, new_root: wtns[1], batch_hash: wtns[2], amounts: input.amounts };
		fs.writeFileSync(out, JSON.stringify(full, null, 1) + "\n");
	' "build/vectors/transition_$n.json" "build/vectors/transition_$n.wtns.json" \
		"build/vectors/input_$n.json"
}

# Prove batch N from build/vectors/input_N.json, check the proof with snarkjs, copy it out.
prove() {
	local n="$1"
	"${SNARKJS[@]}" groth16 fullprove "build/vectors/input_$n.json" build/batch_js/batch.wasm \
		build/batch_final.zkey "build/vectors/proof_$n.json" "build/vectors/public_$n.json"
	"${SNARKJS[@]}" groth16 verify build/verification_key.json "build/vectors/public_$n.json" \
		"build/vectors/proof_$n.json"
	cp "build/vectors/input_$n.json" "build/vectors/proof_$n.json" "build/vectors/public_$n.json" "$OUT/"
}

# Batch 1 starts from the genesis root 0; batch 2 starts from batch 1's new root.
batch_input 1 0 1 2 3 4
prove 1
NEW_ROOT_1=$(node -e 'console.log(require("./build/vectors/input_1.json").new_root)')
batch_input 2 "$NEW_ROOT_1" 4294967295 0 77 1000000
prove 2

# The other pair's public inputs must not verify.
if "${SNARKJS[@]}" groth16 verify build/verification_key.json build/vectors/public_2.json \
	build/vectors/proof_1.json > /dev/null 2>&1; then
	echo "error: proof 1 verified with the public inputs of batch 2" >&2
	exit 1
fi
cp build/verification_key.json "$OUT/"
echo "== vectors written to $OUT"
