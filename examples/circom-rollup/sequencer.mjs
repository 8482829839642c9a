#!/usr/bin/env node
// The circom example rollup's sequencer: makes batches of random amounts on top of the last
// state root, computes their public inputs with the circuit's witness helper, and submits
// each as a sequence with `zkmine-miner rollup submit` (the one client of the chain), with
// a proving fee. It keeps each batch's files (batch, public.json, input.json) in --out.
//
//   node examples/circom-rollup/sequencer.mjs --rollup 1 --suri //Ferdie --count 2 \
//     [--fee 1] [--url ws://127.0.0.1:9944] [--old-root 0] [--every 0] \
//     [--out build/sequences] [--miner PATH]
//
// --miner defaults to `zkmine-miner` in $CARGO_TARGET_DIR/debug (or target/debug), else the
// PATH. The state root chains from --old-root (default 0): batch n+1 starts from batch n's
// new root. Prints `sequence #N: ...` per submitted sequence.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { AMOUNTS, BUILD, HERE, encodeBatch, publicSignals } from './rollup.mjs';

const { values: args } = parseArgs({
  options: {
    rollup: { type: 'string' },
    suri: { type: 'string' },
    url: { type: 'string', default: 'ws://127.0.0.1:9944' },
    count: { type: 'string', default: '1' },
    fee: { type: 'string', default: '0' },
    'old-root': { type: 'string', default: '0' },
    every: { type: 'string', default: '0' },
    out: { type: 'string', default: join(BUILD, 'sequences') },
    miner: { type: 'string' },
  },
});
if (!args.rollup || !args.suri) {
  process.stderr.write('usage: sequencer.mjs --rollup N --suri SURI [--count N] [--fee ZKM] ...\n');
  process.exit(2);
}

function minerBinary() {
  if (args.miner) return args.miner;
  const target = process.env.CARGO_TARGET_DIR ?? join(HERE, '..', '..', 'target');
  const built = join(target, 'debug', 'zkmine-miner');
  return existsSync(built) ? built : 'zkmine-miner';
}

async function main() {
  const miner = minerBinary();
  await mkdir(args.out, { recursive: true });
  let root = args['old-root'];
  for (let n = 1; n <= Number(args.count); n += 1) {
    const amounts = Array.from({ length: AMOUNTS }, () => String(randomInt(0, 2 ** 32 - 1)));
    const batch = { oldRoot: root, amounts };
    const signals = await publicSignals(batch);
    const base = join(args.out, `rollup${args.rollup}-root${root.slice(0, 12)}`);
    await writeFile(`${base}.batch.json`, encodeBatch(batch));
    await writeFile(`${base}.public.json`, `${JSON.stringify(signals)}\n`);
    const output = execFileSync(
      miner,
      ['--url', args.url, '--suri', args.suri, 'rollup', 'submit', '--rollup', args.rollup,
        '--public', `${base}.public.json`, '--batch', `${base}.batch.json`, '--fee', args.fee],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const id = output.match(/SequenceSubmitted: sequence #(\d+)/)?.[1];
    if (!id) throw new Error(`no SequenceSubmitted in the miner's output:\n${output}`);
    process.stdout.write(`sequence #${id}: rollup ${args.rollup}, root ${root} -> ${signals[1]}, fee ${args.fee} ZKM, files ${base}.*\n`);
    root = signals[1];
    if (Number(args.every) > 0 && n < Number(args.count)) {
      await new Promise((r) => setTimeout(r, Number(args.every) * 1000));
    }
  }
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`circom-rollup sequencer: ${e.message}\n`);
  process.exit(1);
});
