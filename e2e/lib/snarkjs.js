// The circom example rollup's real snarkjs files (test-vectors/snarkjs, made from
// examples/circom-rollup) in the chain's wire format: converted by the real converter,
// `zkmine-miner convert key|proof|inputs FILE` (next to the node binary, see minerBinary),
// and checked against a conversion in JavaScript that follows docs/WIRE-FORMAT.md, "From
// snarkjs and circom", so that the two agree byte for byte.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, accessSync, constants as fsConstants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { minerBinary } from './node.js';

const VECTORS = fileURLToPath(new URL('../../test-vectors/snarkjs/', import.meta.url));

/** BN254's base field modulus `q` (coordinates) and scalar field modulus `r` (public inputs). */
const Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Throws a clear error when the converter is missing or not executable. */
export function checkMinerBinary(binary = minerBinary()) {
  if (!existsSync(binary)) {
    throw new Error(
      `zkmine-miner not found: ${binary}\nBuild it next to the node (cargo build -p zkmine-miner, ` +
        'same CARGO_TARGET_DIR) or point ZKMINE_MINER at it.',
    );
  }
  accessSync(binary, fsConstants.X_OK);
  return binary;
}

/** `zkmine-miner convert <kind> <file> [--to-snarkjs]`: its standard output, trimmed. */
function runConvert(kind, file, toSnarkjs = false) {
  const args = ['convert', kind, file, ...(toSnarkjs ? ['--to-snarkjs'] : [])];
  return execFileSync(checkMinerBinary(), args, { encoding: 'utf8', timeout: 30_000 }).trim();
}

/** The wire bytes (`0x`-hex) of a snarkjs `verification_key.json` or `proof.json`, or the public inputs of a `public.json` (hex list), by the converter. */
export function convertFile(kind, file) {
  const out = runConvert(kind, file);
  if (kind === 'inputs') return JSON.parse(out);
  assert.match(out, /^0x([0-9a-f]{2})+$/, `zkmine-miner convert ${kind} ${file}: ${out.slice(0, 80)}`);
  return out;
}

/** The converter's way back: wire bytes (`0x`-hex) of a `kind` to snarkjs JSON (parsed). */
export function convertToSnarkjs(kind, wireHex) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zkmine-e2e-'));
  try {
    const file = path.join(dir, `${kind}.hex`);
    writeFileSync(file, `${wireHex}\n`);
    return JSON.parse(runConvert(kind, file, true));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the rules of docs/WIRE-FORMAT.md, "From snarkjs and circom", in JavaScript ----

/** `le32(v)`: a decimal string as 32 little-endian bytes (below `modulus`). */
function le32(decimal, modulus) {
  assert.match(decimal, /^[0-9]+$/, `a decimal string: ${decimal}`);
  let v = BigInt(decimal);
  assert.ok(v < modulus, `${decimal} is not below the modulus`);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Whether `y` is the larger of `y` and `q - y`. */
const larger = (y) => y > (Q - y) % Q;

/** A G1 point `[x, y, "1"]`: `le32(x)`, bit 7 of byte 31 set iff `y` is the larger root. */
function g1(point) {
  assert.equal(point[2], '1', 'z = 1');
  const out = le32(point[0], Q);
  if (larger(BigInt(point[1]))) out[31] |= 0x80;
  return out;
}

/** A G2 point `[[x0, x1], [y0, y1], ["1", "0"]]`: `le32(x0) ++ le32(x1)`, the flag from `y` (by `c1`, then `c0`) in byte 63. */
function g2(point) {
  assert.deepEqual(point[2], ['1', '0'], 'z = 1');
  const out = u8aConcat(le32(point[0][0], Q), le32(point[0][1], Q));
  const [y0, y1] = point[1].map(BigInt);
  if (y1 !== 0n ? larger(y1) : larger(y0)) out[63] |= 0x80;
  return out;
}

/** A snarkjs `verification_key.json` in the wire format (hex), in JavaScript. */
export function verifyingKeyToWire(vk) {
  assert.equal(vk.protocol, 'groth16');
  assert.equal(vk.curve, 'bn128');
  assert.equal(vk.IC.length, vk.nPublic + 1, 'IC holds nPublic + 1 points');
  const n = new Uint8Array(8);
  new DataView(n.buffer).setBigUint64(0, BigInt(vk.nPublic + 1), true);
  return u8aToHex(u8aConcat(g1(vk.vk_alpha_1), g2(vk.vk_beta_2), g2(vk.vk_gamma_2), g2(vk.vk_delta_2), n, ...vk.IC.map(g1)));
}

/** A snarkjs `proof.json` in the wire format (128 bytes, hex), in JavaScript. */
export function proofToWire(proof) {
  assert.equal(proof.protocol, 'groth16');
  assert.equal(proof.curve, 'bn128');
  return u8aToHex(u8aConcat(g1(proof.pi_a), g2(proof.pi_b), g1(proof.pi_c)));
}

/** A snarkjs `public.json` as the chain's public inputs (hex list), in JavaScript. */
export function publicInputsToWire(signals) {
  return signals.map((s) => u8aToHex(le32(s, R)));
}

const readJson = (name) => JSON.parse(readFileSync(path.join(VECTORS, name), 'utf8'));

/**
 * The circom example rollup in the wire format: `{ key, keyLength, batches: [{ name,
 * publicInputs, batch, proof, snarkjsProof, amounts }] }` for batches 1 and 2, converted
 * by `zkmine-miner` and checked against the JavaScript conversion. A batch's data (what
 * `submit_sequence` carries) is its four private amounts, `le32` each: the rollup's
 * transactions.
 */
export function loadCircomRollup() {
  const keyFile = path.join(VECTORS, 'verification_key.json');
  const key = convertFile('key', keyFile);
  assert.equal(key, verifyingKeyToWire(readJson('verification_key.json')), 'verifying key: zkmine-miner = WIRE-FORMAT.md in JavaScript');
  const batches = ['1', '2'].map((name) => {
    const proof = convertFile('proof', path.join(VECTORS, `proof_${name}.json`));
    const snarkjsProof = readJson(`proof_${name}.json`);
    assert.equal(proof, proofToWire(snarkjsProof), `proof_${name}: zkmine-miner = WIRE-FORMAT.md in JavaScript`);
    assert.equal((proof.length - 2) / 2, 128, `proof_${name}: 128 bytes`);
    const publicInputs = convertFile('inputs', path.join(VECTORS, `public_${name}.json`));
    assert.deepEqual(publicInputs, publicInputsToWire(readJson(`public_${name}.json`)), `public_${name}: zkmine-miner = WIRE-FORMAT.md in JavaScript`);
    const input = readJson(`input_${name}.json`);
    return {
      name,
      publicInputs,
      batch: u8aConcat(...input.amounts.map((a) => le32(a, R))),
      proof,
      snarkjsProof,
      amounts: input.amounts,
    };
  });
  assert.equal(batches[1].publicInputs[0], batches[0].publicInputs[1], "batch 2 starts from batch 1's new root");
  return { key, keyLength: (key.length - 2) / 2, batches };
}
