// The processes of the browser test: the fast dev node, the miner CLI (registration, two
// miners, the demo sequencer) and the dashboard's static server. Every child is stopped by
// `stopAll()` (SIGINT, then SIGKILL after a grace period) and, should the test process end
// without it, killed by an exit handler. Only children started here are ever signalled.

import { execFile, spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
// Where the binaries are and free ports: the end-to-end suite's helpers (Node built-ins only,
// so they load from here without e2e's packages).
import { freePort, minerBinary, nodeBinary } from '../../../e2e/lib/node.js';

export { freePort };

const execFileP = promisify(execFile);

export const TARGET_DIR = process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache/zkmine-target');

/** The binaries: `$ZKMINE_NODE` / `$ZKMINE_MINER`, else the debug builds of the target directory. */
export const NODE_BINARY = nodeBinary();
export const MINER_BINARY = minerBinary();

/** Throws a clear error when `binary` is missing or not executable. */
export function checkBinary(binary, what, hint) {
  if (!existsSync(binary)) throw new Error(`${what} not found: ${binary}\n${hint}`);
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    throw new Error(`${what} is not executable: ${binary}`);
  }
  return binary;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `fn()` until it returns a truthy value; rejects with `what` after `ms`. */
export async function waitUntil(fn, ms, what, everyMs = 250) {
  const deadline = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timeout after ${Math.round(ms / 1000)} s: ${what}${last ? ` (last error: ${last.message})` : ''}`);
    }
    await sleep(everyMs);
  }
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) c.child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const c of children) c.child.kill('SIGKILL');
    process.exit(130);
  });
}

/** A started process: its output's last lines, whether it exited, and `stop()`. */
class Child {
  lines = [];

  constructor(name, command, args, options = {}) {
    this.name = name;
    this.command = `${command} ${args.join(' ')}`;
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    this.exit = null;
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        children.delete(this);
        resolve(this.exit);
      });
      this.child.on('error', (error) => {
        this.exit = { code: null, signal: null, error };
        children.delete(this);
        resolve(this.exit);
      });
    });
    let partial = '';
    const collect = (chunk) => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop();
      this.lines.push(...lines);
      if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
    children.add(this);
  }

  tail(n = 30) {
    return this.lines.slice(-n).join('\n');
  }

  /** SIGINT, then SIGKILL after `graceMs`; resolves when it has exited. */
  async stop(graceMs = 8000) {
    if (this.exit) return this.exit;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => {
      if (!this.exit) this.child.kill('SIGKILL');
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    return this.exit;
  }
}

/** Stop every child started here, all at once; resolves when all have exited. */
export async function stopAll() {
  await Promise.all([...children].map((c) => c.stop()));
}

/** The tails of every child's output, for a failure report. */
export function reportAll(started, n = 25) {
  return started.filter(Boolean).map((c) => `--- ${c.name}: ${c.command}\n${c.exit ? `(exited: ${JSON.stringify(c.exit)})\n` : ''}${c.tail(n)}`).join('\n');
}

/**
 * The fast dev node (`--dev --tmp`, a fresh chain) on free ports, or on `rpcPort`;
 * `{ child, rpcPort, wsUrl }` once it answers JSON-RPC with block #1.
 */
export async function startNode(timeoutMs, rpcPort = null) {
  checkBinary(NODE_BINARY, 'zkmine fast node', 'Run scripts/test.sh (it builds it), or point ZKMINE_NODE at a node built with --features fast-runtime.');
  rpcPort = rpcPort ?? (await freePort());
  let p2pPort = await freePort();
  while (p2pPort === rpcPort) p2pPort = await freePort();
  const child = new Child('node', NODE_BINARY, [
    '--dev', '--tmp', '--rpc-port', String(rpcPort), '--port', String(p2pPort),
    '--no-prometheus', '--no-telemetry', '--no-mdns', '--rpc-cors', 'all',
  ]);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'chain_getHeader', params: [] });
  await waitUntil(async () => {
    if (child.exit) throw new Error(`the node exited: ${JSON.stringify(child.exit)}\n${child.tail()}`);
    const res = await fetch(`http://127.0.0.1:${rpcPort}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(2000) });
    const json = await res.json();
    return Number.parseInt(json.result?.number ?? '0x0', 16) >= 1;
  }, timeoutMs, `the node serving JSON-RPC on port ${rpcPort} with block #1`, 500);
  return { child, rpcPort, wsUrl: `ws://127.0.0.1:${rpcPort}` };
}

/** Run a short miner command to completion; its output, or an error with it. */
export async function minerRun(url, suri, args, timeoutMs) {
  checkBinary(MINER_BINARY, 'zkmine-miner', 'Build it next to the node (scripts/test.sh does), or point ZKMINE_MINER at it.');
  try {
    const { stdout } = await execFileP(MINER_BINARY, ['--url', url, '--suri', suri, ...args], { timeout: timeoutMs });
    return stdout;
  } catch (err) {
    throw new Error(`zkmine-miner ${args.join(' ')} as ${suri} failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
  }
}

/** A long-running miner command (`mine`, `sequencer`). */
export function minerStart(name, url, suri, args) {
  checkBinary(MINER_BINARY, 'zkmine-miner', 'Build it next to the node (scripts/test.sh does), or point ZKMINE_MINER at it.');
  return new Child(name, MINER_BINARY, ['--url', url, '--suri', suri, ...args]);
}

/** The dashboard's built files (`dist/`) served by `vite preview` on a free port; `{ child, url }`. */
export async function startPreview(dashboardDir, timeoutMs) {
  const dist = path.join(dashboardDir, 'dist/index.html');
  if (!existsSync(dist)) throw new Error(`the dashboard is not built (${dist} missing): run \`npm run build\` in dashboard/ (run-tests.sh does)`);
  const port = await freePort();
  const vite = path.join(dashboardDir, 'node_modules/vite/bin/vite.js');
  const child = new Child('vite preview', process.execPath, [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: dashboardDir });
  const url = `http://127.0.0.1:${port}/`;
  await waitUntil(async () => {
    if (child.exit) throw new Error(`vite preview exited: ${JSON.stringify(child.exit)}\n${child.tail()}`);
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  }, timeoutMs, `vite preview serving ${url}`);
  return { child, url };
}
