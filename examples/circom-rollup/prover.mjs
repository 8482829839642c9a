#!/usr/bin/env node
// An external prover of zkmine-miner (protocol `zkmine-prover/1`, see the miner's README)
// for the circom example rollup: reads one request on standard input, proves the batch
// with snarkjs (`groth16.fullProve`, the proving key of `setup.sh`) and answers
// `{"proof": <snarkjs proof.json>}`, or `{"refused": "<reason>"}` for a sequence it cannot
// prove. Errors of its own (missing build artefacts) exit with status 1 and a message on
// standard error.
//
//   [[external]]                                 # in the miner's --provers file
//   rollup = 1
//   command = ["node", "examples/circom-rollup/prover.mjs"]
import { readFileSync } from 'node:fs';
import * as snarkjs from 'snarkjs';
import { artefacts, decodeBatch, prove, verifyingKey } from './rollup.mjs';

const answer = (value) => {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  // snarkjs keeps worker threads alive: leave explicitly.
  process.exit(0);
};

async function main() {
  artefacts();
  const request = JSON.parse(readFileSync(0, 'utf8'));
  if (request.protocol !== 'zkmine-prover/1') {
    return answer({ refused: `unknown protocol ${JSON.stringify(request.protocol)}` });
  }
  const signals = request.public_signals;
  if (!Array.isArray(signals) || signals.length !== 3) {
    return answer({ refused: `expected 3 public inputs (old_root, new_root, batch_hash), got ${signals?.length}` });
  }
  let batch;
  try {
    batch = decodeBatch(Buffer.from(String(request.batch).replace(/^0x/, ''), 'hex'));
  } catch (e) {
    return answer({ refused: e.message });
  }
  let proved;
  try {
    proved = await prove(batch, signals);
  } catch (e) {
    // The witness does not satisfy the circuit: the batch does not give these inputs.
    return answer({ refused: `the batch does not give the sequence's public inputs (${e.message.split('\n')[0]})` });
  }
  if (JSON.stringify(proved.publicSignals) !== JSON.stringify(signals)) {
    return answer({ refused: 'the proof is of other public inputs than the sequence' });
  }
  // A proof that does not verify would cost the miner its stake: check it first.
  if (!(await snarkjs.groth16.verify(await verifyingKey(), signals, proved.proof))) {
    return answer({ refused: 'snarkjs made a proof that does not verify' });
  }
  return answer({ proof: proved.proof });
}

main().catch((e) => {
  process.stderr.write(`circom-rollup prover: ${e.message}\n`);
  process.exit(1);
});
