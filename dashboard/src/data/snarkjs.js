// A proof in the chain's wire format (128 bytes: arkworks' compressed G1 `a`, G2 `b`, G1 `c`,
// docs/WIRE-FORMAT.md) as a snarkjs `proof.json`, the way `zkmine-miner convert proof FILE
// --to-snarkjs` writes it (client/formats): each point decompressed, `y` chosen by the flag,
// on the curve and in the prime-order subgroup, coordinates as decimal strings.
//
// The field and curve arithmetic (square roots in Fq and Fq2, the subgroup check) is
// @noble/curves' bn254; this module only reads the wire layout and its flags.

import { bn254 } from '@noble/curves/bn254.js';
import { hexToU8a } from '@polkadot/util';

const { Fp, Fp2 } = bn254.fields;
const Q = Fp.ORDER;

/** Wire sizes (docs/WIRE-FORMAT.md). */
export const G1_SIZE = 32;
export const G2_SIZE = 64;
export const PROOF_SIZE = G1_SIZE + G2_SIZE + G1_SIZE;

/** A wire-format error naming the field, like client/formats' errors. */
export class WireFormatError extends Error {
  constructor(field, message) {
    super(`${field}: ${message}`);
    this.name = 'WireFormatError';
    this.field = field;
  }
}

/** 32 little-endian bytes as an integer. */
function le(bytes) {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

/** An `Fq` from 32 little-endian bytes, which must be below `q`. */
function fq(bytes, field) {
  const v = le(bytes);
  if (v >= Q) throw new WireFormatError(field, 'coordinate is not below the base field modulus q');
  return v;
}

/** Whether `y` is the larger of `y` and `q - y` (as integers in `[0, q)`). */
const largerFp = (y) => y > Fp.neg(y);

/** For `Fq2`, compared lexicographically by `c1`, then by `c0`. */
function largerFp2(y) {
  const n = Fp2.neg(y);
  return y.c1 !== n.c1 ? y.c1 > n.c1 : y.c0 > n.c0;
}

/**
 * The flags of a point's last byte: `{ larger, infinity, cleared }`, `cleared` the point's
 * bytes without them. Bits 7 and 6 both set is invalid; infinity must have no other bit.
 */
function flags(bytes, field) {
  const last = bytes[bytes.length - 1];
  const larger = (last & 0x80) !== 0;
  const infinity = (last & 0x40) !== 0;
  if (larger && infinity) throw new WireFormatError(field, 'invalid flags (both bits 7 and 6 set)');
  const cleared = Uint8Array.from(bytes);
  cleared[cleared.length - 1] &= 0x3f;
  if (infinity && cleared.some((b) => b !== 0)) {
    throw new WireFormatError(field, 'the point at infinity must have all other bits zero');
  }
  return { larger, infinity, cleared };
}

/** A compressed G1 point as snarkjs's `[x, y, "1"]` (`["0", "1", "0"]` at infinity). */
export function decompressG1(bytes, field = 'G1') {
  if (bytes.length !== G1_SIZE) throw new WireFormatError(field, `expected ${G1_SIZE} bytes, got ${bytes.length}`);
  const { larger, infinity, cleared } = flags(bytes, field);
  if (infinity) return ['0', '1', '0'];
  const x = fq(cleared, field);
  const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 3n); // y^2 = x^3 + 3
  let y;
  try {
    y = Fp.sqrt(rhs);
  } catch {
    throw new WireFormatError(field, 'x is not on the curve (x^3 + 3 has no square root)');
  }
  if (largerFp(y) !== larger) y = Fp.neg(y);
  try {
    bn254.G1.Point.fromAffine({ x, y }).assertValidity();
  } catch (err) {
    throw new WireFormatError(field, `not a valid G1 point (${err.message})`);
  }
  return [x.toString(), y.toString(), '1'];
}

/** A compressed G2 point as snarkjs's `[[x0, x1], [y0, y1], ["1", "0"]]`. */
export function decompressG2(bytes, field = 'G2') {
  if (bytes.length !== G2_SIZE) throw new WireFormatError(field, `expected ${G2_SIZE} bytes, got ${bytes.length}`);
  const { larger, infinity, cleared } = flags(bytes, field);
  if (infinity) return [['0', '0'], ['1', '0'], ['0', '0']];
  const x = Fp2.create({ c0: fq(cleared.subarray(0, 32), `${field}.x.c0`), c1: fq(cleared.subarray(32, 64), `${field}.x.c1`) });
  const b = bn254.G2.Point.CURVE().b; // 3 / (u + 9), the twist's constant
  const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
  let y;
  try {
    y = Fp2.sqrt(rhs);
  } catch {
    throw new WireFormatError(field, 'x is not on the twist (x^3 + b has no square root in Fq2)');
  }
  if (largerFp2(y) !== larger) y = Fp2.neg(y);
  try {
    bn254.G2.Point.fromAffine({ x, y }).assertValidity();
  } catch (err) {
    throw new WireFormatError(field, `not a valid G2 point (${err.message})`);
  }
  return [
    [x.c0.toString(), x.c1.toString()],
    [y.c0.toString(), y.c1.toString()],
    ['1', '0'],
  ];
}

/** Bytes from `0x`-hex or a Uint8Array, with a clear error for anything else. */
function toBytes(wire) {
  if (wire instanceof Uint8Array) return wire;
  if (typeof wire === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(wire)) return hexToU8a(wire);
  throw new WireFormatError('proof', 'expected 0x-prefixed hex or bytes');
}

/**
 * A wire-format proof (`0x`-hex or bytes, 128 bytes) as a snarkjs `proof.json` object:
 * `{ pi_a, pi_b, pi_c, protocol: "groth16", curve: "bn128" }`.
 */
export function proofToSnarkjs(wire) {
  const bytes = toBytes(wire);
  if (bytes.length !== PROOF_SIZE) throw new WireFormatError('proof', `expected ${PROOF_SIZE} bytes, got ${bytes.length}`);
  return {
    pi_a: decompressG1(bytes.subarray(0, 32), 'pi_a'),
    pi_b: decompressG2(bytes.subarray(32, 96), 'pi_b'),
    pi_c: decompressG1(bytes.subarray(96, 128), 'pi_c'),
    protocol: 'groth16',
    curve: 'bn128',
  };
}

/** The text of a snarkjs JSON file: indented by one space, no trailing newline, as snarkjs writes it. */
export function snarkjsText(value) {
  return JSON.stringify(value, null, 1);
}
