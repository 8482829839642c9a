// The circom example rollup's rules, shared by its prover and its sequencer: the batch data
// format and the state transition (computed by the circuit's witness helper, never
// re-implemented here).
//
// A batch, as the sequencer puts it in `submit_sequence` and provers read it back, is the
// UTF-8 JSON `{"old_root": "<decimal>", "amounts": ["<decimal>" x 4]}`: what the circuit's
// private inputs need besides the public ones. The public inputs, in the circuit's order,
// are `[old_root, new_root, batch_hash]` with `new_root = Poseidon(old_root, sum(amounts))`
// and `batch_hash = Poseidon(amounts)`.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as snarkjs from 'snarkjs';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const BUILD = join(HERE, 'build');
export const AMOUNTS = 4;
/** Each amount is below 2^32 (the circuit range-checks it). */
export const AMOUNT_LIMIT = 2n ** 32n;

/** The build artefacts `setup.sh` makes; an error naming the command if one is missing. */
export function artefacts() {
  const files = {
    wasm: join(BUILD, 'batch_js', 'batch.wasm'),
    zkey: join(BUILD, 'batch_final.zkey'),
    vkey: join(BUILD, 'verification_key.json'),
    transition: join(BUILD, 'transition_outputs_js', 'transition_outputs.wasm'),
  };
  for (const [name, path] of Object.entries(files)) {
    if (!existsSync(path)) {
      throw new Error(`${name} missing (${path}): run bash examples/circom-rollup/setup.sh`);
    }
  }
  return files;
}

/** The batch bytes of `{ oldRoot, amounts }` (decimal strings). */
export function encodeBatch({ oldRoot, amounts }) {
  return Buffer.from(JSON.stringify({ old_root: oldRoot, amounts }), 'utf8');
}

/** The `{ oldRoot, amounts }` of batch bytes; an error saying what is wrong. */
export function decodeBatch(bytes) {
  let value;
  try {
    value = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new Error('the batch is not the JSON of a circom-rollup batch');
  }
  const decimal = (s) => typeof s === 'string' && /^[0-9]+$/.test(s);
  if (!decimal(value?.old_root)) throw new Error('batch.old_root: expected a decimal string');
  if (!Array.isArray(value.amounts) || value.amounts.length !== AMOUNTS) {
    throw new Error(`batch.amounts: expected ${AMOUNTS} decimal strings`);
  }
  value.amounts.forEach((a, i) => {
    if (!decimal(a) || BigInt(a) >= AMOUNT_LIMIT) throw new Error(`batch.amounts[${i}]: expected a decimal below 2^32`);
  });
  return { oldRoot: value.old_root, amounts: value.amounts };
}

/**
 * The public inputs of a batch (`[old_root, new_root, batch_hash]`, decimal strings, as in
 * snarkjs's public.json), computed by the witness helper circuit.
 */
export async function publicSignals({ oldRoot, amounts }) {
  const { transition } = artefacts();
  const dir = await mkdtemp(join(tmpdir(), 'circom-rollup-'));
  try {
    const wtns = join(dir, 'transition.wtns');
    await snarkjs.wtns.calculate({ old_root: oldRoot, amounts }, transition, wtns);
    const witness = await snarkjs.wtns.exportJson(wtns);
    // witness[0] is the constant 1; the outputs new_root and batch_hash follow.
    return [oldRoot, witness[1].toString(), witness[2].toString()];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prove a batch with the proving key; `{ proof, publicSignals }` as snarkjs gives them. */
export async function prove({ oldRoot, amounts }, [old, newRoot, batchHash]) {
  const { wasm, zkey } = artefacts();
  const input = { old_root: old, new_root: newRoot, batch_hash: batchHash, amounts };
  if (old !== oldRoot) throw new Error('the batch starts from another state root than the sequence');
  return snarkjs.groth16.fullProve(input, wasm, zkey);
}

/** The verifying key `setup.sh` made (snarkjs JSON). */
export async function verifyingKey() {
  return JSON.parse(await readFile(artefacts().vkey, 'utf8'));
}
