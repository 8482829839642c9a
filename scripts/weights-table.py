#!/usr/bin/env python3
"""Prints a Markdown table of the weights in generated `weights.rs` files.

For each function of `SubstrateWeight`: the base ref_time (µs, including the database
reads and writes at the runtime's `DbWeight`, ParityDB's as measured by `benchmark storage`
and read from `runtime/src/weights/paritydb_weights.rs`), the base proof size, and the growth
per unit of each component.

    python3 scripts/weights-table.py pallets/*/src/weights.rs
"""
import re
import sys


def db_weights(path="runtime/src/weights/paritydb_weights.rs"):
    """(read, write) in picoseconds from the generated ParityDB weights."""
    text = open(path).read()
    read = re.search(r"read: ([\d_]+) \* constants::WEIGHT_REF_TIME_PER_NANOS", text)
    write = re.search(r"write: ([\d_]+) \* constants::WEIGHT_REF_TIME_PER_NANOS", text)
    return (int(read.group(1).replace("_", "")) * 1000, int(write.group(1).replace("_", "")) * 1000)


READ_PS, WRITE_PS = db_weights()


def parse(path):
    text = open(path).read()
    body = text.split("impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T>", 1)[1]
    body = body.split("impl WeightInfo for ()", 1)[0]
    rows = []
    for m in re.finditer(r"fn (\w+)\(([^)]*)\) -> Weight \{(.*?)\n\t\}", body, re.S):
        name, params, code = m.group(1), m.group(2), m.group(3)
        num = lambda s: int(s.replace("_", ""))
        base = re.search(r"Weight::from_parts\(([\d_]+), ([\d_]+)\)", code)
        ref, proof = num(base.group(1)), num(base.group(2))
        reads = re.search(r"reads\(([\d_]+)_u64\)\)", code)
        writes = re.search(r"writes\(([\d_]+)_u64\)\)", code)
        ref += (num(reads.group(1)) if reads else 0) * READ_PS
        ref += (num(writes.group(1)) if writes else 0) * WRITE_PS
        growth = {}
        for s in re.finditer(r"from_parts\(([\d_]+), 0\)\.saturating_mul\((\w+)\.into", code):
            growth.setdefault(s.group(2), [0, 0, 0])[0] += num(s.group(1))
        for s in re.finditer(r"reads\(\(([\d_]+)_u64\)\.saturating_mul\((\w+)\.into", code):
            growth.setdefault(s.group(2), [0, 0, 0])[0] += num(s.group(1)) * READ_PS
        for s in re.finditer(r"writes\(\(([\d_]+)_u64\)\.saturating_mul\((\w+)\.into", code):
            growth.setdefault(s.group(2), [0, 0, 0])[0] += num(s.group(1)) * WRITE_PS
        for s in re.finditer(r"from_parts\(0, ([\d_]+)\)\.saturating_mul\((\w+)\.into", code):
            growth.setdefault(s.group(2), [0, 0, 0])[1] += num(s.group(1))
        rows.append((name, params.strip(), ref, proof, growth))
    return rows


def main():
    print("| pallet | function | ref_time (µs) | proof size (bytes) | growth per component unit |")
    print("|---|---|---:|---:|---|")
    for path in sys.argv[1:]:
        pallet = path.split("/")[1]
        for name, params, ref, proof, growth in parse(path):
            g = "; ".join(
                f"`{c}`: +{t / 1e6:.1f} µs, +{p} B" for c, (t, p, _) in sorted(growth.items())
            ) or "—"
            print(f"| {pallet} | `{name}({params.rstrip(', ')})` | {ref / 1e6:.1f} | {proof} | {g} |")


if __name__ == "__main__":
    main()
