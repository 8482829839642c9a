// The demo rollup's Groth16 test vectors (test-vectors/groth16) and the client-side
// commitment function.

import { readFileSync } from 'node:fs';
import { hexToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, decodeAddress } from '@polkadot/util-crypto';

const VECTORS = new URL('../../test-vectors/groth16/', import.meta.url);

function load(name) {
  return JSON.parse(readFileSync(new URL(`${name}.json`, VECTORS), 'utf8'));
}

function caseNamed(file, name) {
  const found = file.cases.find((c) => c.name === name);
  if (!found) throw new Error(`test vector ${name} not found in ${file.description}`);
  return found;
}

/**
 * The batch data of a demo-rollup sequence, as `submit_sequence` carries it: the old state
 * root followed by each transaction, 32 bytes each.
 */
export function batchBytes(sequence) {
  return u8aConcat(hexToU8a(sequence.old_state_root), ...sequence.transactions.map((t) => hexToU8a(t)));
}

/** `blake2_256(proof)`: the proof hash, hex. */
export function proofHash(proof) {
  return u8aToHex(blake2AsU8a(proof, 256));
}

/**
 * The commitment `address` must submit for `proof`, computed in JavaScript:
 * `blake2_256(blake2_256(proof) ++ SCALE(AccountId32))` (SCALE of an AccountId32 is its 32
 * raw bytes).
 */
export function commitmentOf(proof, address) {
  const bytes = typeof proof === 'string' ? hexToU8a(proof) : proof;
  return u8aToHex(blake2AsU8a(u8aConcat(blake2AsU8a(bytes, 256), decodeAddress(address)), 256));
}

/**
 * The demo rollup's verifying key in the wire format, hex (`verifying_key.json`): what
 * registration takes. The chain stores keys prepared and names them by `blake2_256` of
 * these bytes (`keyHash`).
 */
export function demoVerifyingKey() {
  return load('verifying_key').verifying_key;
}

/** Everything the scenarios need from the committed vectors, checked for consistency. */
export function loadVectors() {
  const valid = load('valid');
  const invalid = load('invalid');
  const malformed = load('malformed');
  const a = ['sequence_a_proof_1', 'sequence_a_proof_2', 'sequence_a_proof_3'].map((n) =>
    caseNamed(valid, n),
  );
  for (const c of a.slice(1)) {
    if (JSON.stringify(c.public_inputs) !== JSON.stringify(a[0].public_inputs)) {
      throw new Error(`${c.name} has other public inputs than ${a[0].name}`);
    }
    if (
      c.sequence.old_state_root !== a[0].sequence.old_state_root ||
      JSON.stringify(c.sequence.transactions) !== JSON.stringify(a[0].sequence.transactions)
    ) {
      throw new Error(`${c.name} is not a proof of the same sequence as ${a[0].name}`);
    }
  }
  const proofs = a.map((c) => c.proof);
  if (new Set(proofs).size !== proofs.length) throw new Error('the three proofs of A are not distinct');

  const b = caseNamed(valid, 'sequence_b_proof_1');
  if (JSON.stringify(b.public_inputs) === JSON.stringify(a[0].public_inputs)) {
    throw new Error('sequences A and B have the same public inputs');
  }
  const invalidForA = caseNamed(invalid, 'proof_b_inputs_a');
  const invalidForB = caseNamed(invalid, 'proof_a_inputs_b');
  for (const [c, inputs] of [[invalidForA, a[0].public_inputs], [invalidForB, b.public_inputs]]) {
    if (JSON.stringify(c.public_inputs) !== JSON.stringify(inputs)) {
      throw new Error(`${c.name} is not checked against the inputs it is used with`);
    }
  }

  const truncated = caseNamed(malformed, 'proof_truncated').proof;
  return {
    /**
     * Sequence A of the demo rollup: public inputs (hex), batch bytes (160), its three
     * distinct valid proofs and a well-formed proof that does not verify against it.
     */
    sequenceA: {
      name: 'A',
      publicInputs: a[0].public_inputs,
      batch: batchBytes(a[0].sequence),
      transactions: a[0].sequence.transactions.length,
      validProofs: proofs,
      invalidProof: invalidForA.proof,
    },
    /**
     * Sequence B (A's new state root, other transactions): another statement, with one
     * valid proof, and a proof of A that does not verify against it.
     */
    sequenceB: {
      name: 'B',
      publicInputs: b.public_inputs,
      batch: batchBytes(b.sequence),
      transactions: b.sequence.transactions.length,
      validProofs: [b.proof],
      invalidProof: invalidForB.proof,
    },
    /** Three distinct valid proofs of sequence A (hex). */
    validProofs: proofs,
    /** Well-formed proofs that do not verify against A's public inputs. */
    invalidProof: invalidForA.proof,
    /** Proofs that do not decode. */
    truncatedProof: truncated,
    bitflipProof: caseNamed(malformed, 'proof_bitflip_b').proof,
    /** Bytes that are no proof at all. */
    garbageProof: u8aToHex(new TextEncoder().encode('this is not a Groth16 proof, just garbage bytes')),
  };
}
