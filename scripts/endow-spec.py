#!/usr/bin/env python3
"""Adds ACCOUNTS endowed accounts to the genesis of a chain spec, for the database-weight
benchmark (`scripts/benchmark.sh`, stage `runtime`): a state with many more keys than the
dev chain's, so that every storage read walks a trie as deep as a used chain's.

    python3 scripts/endow-spec.py SPEC_JSON ACCOUNTS > OUT_JSON

The accounts are `blake2_256("zkmine-db-<i>")` (nobody knows a private key of them), each
given a thousandth of the smallest dev balance. The spec's genesis must be a
`runtimeGenesis` patch or config with `balances.balances`, as `zkmine-node
export-chain-spec` writes it. Python's integers keep the u128 amounts exact.
"""
import hashlib
import json
import sys

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def ss58(public: bytes, prefix: int = 42) -> str:
    """SS58 address of a 32-byte account id (simple one-byte prefix)."""
    body = bytes([prefix]) + public
    checksum = hashlib.blake2b(b"SS58PRE" + body, digest_size=64).digest()[:2]
    raw = body + checksum
    n = int.from_bytes(raw, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = ALPHABET[r] + out
    return "1" * (len(raw) - len(raw.lstrip(b"\0"))) + out


def main() -> int:
    if len(sys.argv) != 3 or not sys.argv[2].isdigit():
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    genesis = spec.get("genesis", {}).get("runtimeGenesis", {})
    config = genesis.get("patch") or genesis.get("config") or {}
    balances = config.get("balances", {}).get("balances")
    if not isinstance(balances, list) or not balances:
        print(f"{sys.argv[1]}: no genesis.runtimeGenesis.(patch|config).balances.balances",
              file=sys.stderr)
        return 1
    amount = min(int(a) for _, a in balances) // 1000
    for i in range(int(sys.argv[2])):
        account = hashlib.blake2b(f"zkmine-db-{i}".encode(), digest_size=32).digest()
        balances.append([ss58(account), amount])
    json.dump(spec, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
