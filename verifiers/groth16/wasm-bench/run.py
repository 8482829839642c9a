#!/usr/bin/env python3
"""Time the verifier in WASM with wasmtime (Cranelift): best of 3 runs of 30 calls each.

Usage: python3 run.py path/to/zkmine_groth16_wasm_bench.wasm  (needs `pip install wasmtime`)
"""
import sys
import time

import wasmtime

ITERATIONS = 30
engine = wasmtime.Engine()
module = wasmtime.Module.from_file(engine, sys.argv[1])
assert not list(module.imports), "the verifier must not need host functions"
store = wasmtime.Store(engine)
exports = wasmtime.Instance(store, module, []).exports(store)
print(f"wasmtime {wasmtime.__version__ if hasattr(wasmtime, '__version__') else ''}".strip())
for name in ["verify", "validate"]:
    func = exports[name]
    for n in [0, 1, 3, 8, 16]:
        assert func(store, n, 2) == 2, f"{name}({n}) failed"  # warm-up and correctness
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            ok = func(store, n, ITERATIONS)
            best = min(best, (time.perf_counter() - start) / ITERATIONS)
            assert ok == ITERATIONS, f"{name}({n}): {ok} of {ITERATIONS}"
        print(f"{name:8} n={n:2}: {best * 1e3:7.3f} ms")
