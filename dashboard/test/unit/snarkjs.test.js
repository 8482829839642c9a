// Wire-format proofs to snarkjs proof.json: the real snarkjs files of test-vectors/snarkjs
// compressed by the rules of docs/WIRE-FORMAT.md and read back byte for byte; the demo
// rollup's wire proofs (test-vectors/groth16) read and compressed back; the real converter
// (`zkmine-miner convert proof --to-snarkjs`) when it is built; and every malformed case.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bn254 } from '@noble/curves/bn254.js';
import { u8aConcat, u8aToHex } from '@polkadot/util';
import { decompressG1, decompressG2, proofToSnarkjs, snarkjsText } from '../../src/data/snarkjs.js';

const VECTORS = fileURLToPath(new URL('../../../test-vectors/', import.meta.url));
const readJson = (file) => JSON.parse(readFileSync(path.join(VECTORS, file), 'utf8'));
const Q = bn254.fields.Fp.ORDER;

// ---- compression by docs/WIRE-FORMAT.md ("From snarkjs and circom"), for the round trip ----

function le32(decimal) {
  let v = BigInt(decimal);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
const larger = (y) => y > (Q - y) % Q;
function g1(p) {
  if (p[2] === '0') return Uint8Array.from({ length: 32 }, (_, i) => (i === 31 ? 0x40 : 0));
  const out = le32(p[0]);
  if (larger(BigInt(p[1]))) out[31] |= 0x80;
  return out;
}
function g2(p) {
  const out = u8aConcat(le32(p[0][0]), le32(p[0][1]));
  const [y0, y1] = p[1].map(BigInt);
  if (y1 !== 0n ? larger(y1) : larger(y0)) out[63] |= 0x80;
  return out;
}
const compress = (proof) => u8aToHex(u8aConcat(g1(proof.pi_a), g2(proof.pi_b), g1(proof.pi_c)));

describe('proofToSnarkjs', () => {
  for (const name of ['proof_1.json', 'proof_2.json']) {
    it(`gives back snarkjs's own ${name}, byte for byte`, () => {
      const text = readFileSync(path.join(VECTORS, 'snarkjs', name), 'utf8').trim();
      const wire = compress(JSON.parse(text));
      assert.equal(snarkjsText(proofToSnarkjs(wire)), text);
    });
  }

  it("reads every valid demo-rollup proof and compresses back to the chain's bytes", () => {
    const cases = readJson('groth16/valid.json').cases;
    assert.ok(cases.length >= 4);
    for (const c of cases) {
      const json = proofToSnarkjs(c.proof);
      assert.equal(json.protocol, 'groth16');
      assert.equal(json.curve, 'bn128');
      assert.equal(compress(json), c.proof, c.name);
    }
  });

  const miner = process.env.ZKMINE_MINER || path.join(process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache/zkmine-target'), 'debug/zkmine-miner');
  it('agrees with zkmine-miner convert proof --to-snarkjs', { skip: existsSync(miner) ? false : `no converter at ${miner}` }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zkmine-dashboard-'));
    try {
      for (const c of readJson('groth16/valid.json').cases) {
        const file = path.join(dir, `${c.name}.hex`);
        writeFileSync(file, `${c.proof}\n`);
        const theirs = execFileSync(miner, ['convert', 'proof', file, '--to-snarkjs'], { encoding: 'utf8', timeout: 30_000 }).trim();
        assert.equal(snarkjsText(proofToSnarkjs(c.proof)), theirs, c.name);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the points at infinity as snarkjs does', () => {
    const infinity1 = new Uint8Array(32);
    infinity1[31] = 0x40;
    const infinity2 = new Uint8Array(64);
    infinity2[63] = 0x40;
    assert.deepEqual(decompressG1(infinity1), ['0', '1', '0']);
    assert.deepEqual(decompressG2(infinity2), [['0', '0'], ['1', '0'], ['0', '0']]);
  });
});

describe('malformed wire proofs', () => {
  const valid = readJson('groth16/valid.json').cases[0].proof;
  const bytes = () => Uint8Array.from(Buffer.from(valid.slice(2), 'hex'));

  it('refuses another length', () => {
    assert.throws(() => proofToSnarkjs(`${valid}00`), /proof: expected 128 bytes, got 129/);
    assert.throws(() => proofToSnarkjs('0x'), /expected 128 bytes, got 0/);
  });

  it('refuses what is not hex', () => {
    assert.throws(() => proofToSnarkjs('efa9'), /proof: expected 0x-prefixed hex/);
    assert.throws(() => proofToSnarkjs(42), /proof: expected 0x-prefixed hex/);
  });

  it('refuses both flag bits', () => {
    const b = bytes();
    b[31] |= 0xc0;
    assert.throws(() => proofToSnarkjs(b), /pi_a: invalid flags/);
  });

  it('refuses the point at infinity with other bits set', () => {
    const b = bytes();
    b[127] = (b[127] & 0x3f) | 0x40;
    assert.throws(() => proofToSnarkjs(b), /pi_c: the point at infinity must have all other bits zero/);
  });

  it('refuses a coordinate not below q', () => {
    const b = bytes();
    b.set(le32((Q + 1n).toString()).subarray(0, 31), 96);
    b[127] = le32((Q + 1n).toString())[31];
    assert.throws(() => proofToSnarkjs(b), /pi_c: coordinate is not below the base field modulus q/);
  });

  it('refuses an x that is not on the curve', () => {
    // the smallest x for which x^3 + 3 has no square root in Fq
    const { Fp } = bn254.fields;
    let x = 1n;
    while (Fp.eql(Fp.pow(Fp.add(Fp.mul(Fp.sqr(x), x), 3n), (Q - 1n) / 2n), Fp.ONE)) x += 1n;
    const b = bytes();
    b.set(le32(x.toString()), 0);
    assert.throws(() => proofToSnarkjs(b), /pi_a: x is not on the curve/);
  });

  it('refuses a G2 point off the twist', () => {
    const b = bytes();
    b.set(new Uint8Array(64).fill(0x11), 32);
    b[95] &= 0x3f;
    assert.throws(() => proofToSnarkjs(b), /pi_b: (x is not on the twist|not a valid G2 point)/);
  });
});
