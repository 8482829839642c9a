#!/usr/bin/env bash
# Check that the real snarkjs accepts what zkmine-formats writes: convert every vector of
# test-vectors/snarkjs/ to the wire format and back (`zkmine-miner convert`), then
# run `snarkjs groth16 verify` on the results. Also checks that the files come back byte for
# byte and that a proof with the other pair's public inputs is refused.
#
#   bash check-roundtrip.sh [VECTORS_DIR]     # default ../../test-vectors/snarkjs
set -euo pipefail
cd "$(dirname "$0")"
VECTORS="$(cd "${1:-../../test-vectors/snarkjs}" && pwd)"
OUT="$PWD/build/roundtrip"

if [ ! -d node_modules ]; then
	npm ci --no-audit --no-fund
fi
SNARKJS=(node node_modules/snarkjs/build/cli.cjs)
source ../../scripts/env.sh
cargo build -q -p zkmine-miner
MINER="$CARGO_TARGET_DIR/debug/zkmine-miner"

rm -rf "$OUT" && mkdir -p "$OUT"
# convert KIND NAME: NAME.json -> NAME.wire -> $OUT/NAME.json (`zkmine-miner convert`)
convert() {
	"$MINER" convert "$1" "$VECTORS/$2.json" --out "$OUT/$2.wire"
	"$MINER" convert "$1" --to-snarkjs "$OUT/$2.wire" --out "$OUT/$2.json"
	if cmp -s "$VECTORS/$2.json" "$OUT/$2.json"; then
		echo "$2.json: identical after the round trip"
	else
		echo "$2.json: differs after the round trip" >&2
		exit 1
	fi
}
convert key verification_key
for n in 1 2; do
	convert proof "proof_$n"
	convert inputs "public_$n"
done

passed=0
for n in 1 2; do
	"${SNARKJS[@]}" groth16 verify "$OUT/verification_key.json" "$OUT/public_$n.json" "$OUT/proof_$n.json"
	passed=$((passed + 1))
done
if "${SNARKJS[@]}" groth16 verify "$OUT/verification_key.json" "$OUT/public_2.json" \
	"$OUT/proof_1.json" > /dev/null 2>&1; then
	echo "error: snarkjs accepted proof 1 with the public inputs of batch 2" >&2
	exit 1
fi
echo "snarkjs refuses proof 1 with the public inputs of batch 2, as it should"
echo "check-roundtrip: $passed converted proofs verified by snarkjs"
