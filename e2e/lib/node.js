// Starting and stopping a zkmine dev node (`--dev --tmp`) for the end-to-end tests.
//
// The node is always stopped: by `stop()` (SIGINT, then SIGKILL after a grace period), and
// by process handlers should the test process exit or be interrupted without calling it.

import { spawn } from 'node:child_process';
import { existsSync, accessSync, constants as fsConstants } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where scripts/test.sh puts the fast-runtime dev node (`$CARGO_TARGET_DIR`, by default
 * `~/.cache/zkmine-target`, see scripts/env.sh). */
export const DEFAULT_NODE_BINARY = path.join(
  process.env.CARGO_TARGET_DIR || path.join(os.homedir(), '.cache/zkmine-target'),
  'debug/zkmine-node-fast',
);

/** The node binary to test: `$ZKMINE_NODE`, else the default build path. */
export function nodeBinary() {
  return process.env.ZKMINE_NODE || DEFAULT_NODE_BINARY;
}

/**
 * The converter `zkmine-miner` (snarkjs JSON to the chain's wire format): `$ZKMINE_MINER`,
 * else next to the node binary (the same `$CARGO_TARGET_DIR/debug`, see DEFAULT_NODE_BINARY).
 */
export function minerBinary() {
  return process.env.ZKMINE_MINER || path.join(path.dirname(nodeBinary()), 'zkmine-miner');
}

/** Throws a clear error when the node binary is missing or not executable. */
export function checkNodeBinary(binary) {
  if (!existsSync(binary)) {
    throw new Error(
      `zkmine node binary not found: ${binary}\n` +
        'Run scripts/test.sh, which builds the fast-runtime node there, or point ZKMINE_NODE ' +
        'at a node built with `--features fast-runtime`.',
    );
  }
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    throw new Error(`zkmine node binary is not executable: ${binary}`);
  }
}

/** A TCP port that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last `limit` lines written to a stream. */
class LineTail {
  #lines = [];
  #partial = '';
  constructor(limit) {
    this.limit = limit;
  }
  push(chunk) {
    const text = this.#partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#partial = lines.pop();
    for (const line of lines) {
      this.#lines.push(line);
      if (this.#lines.length > this.limit) this.#lines.shift();
    }
  }
  text(count = this.limit) {
    const all = this.#partial ? [...this.#lines, this.#partial] : this.#lines;
    return all.slice(-count).join('\n');
  }
}

// Nodes started by this process, killed hard if the process exits without stopping them.
const running = new Set();
let handlersInstalled = false;

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      for (const child of running) {
        try {
          child.kill('SIGKILL');
        } catch {
          // already gone
        }
      }
      process.exit(128 + (os.constants.signals[signal] ?? 1));
    });
  }
}

/**
 * Start `binary --dev --tmp` on free ports. Returns `{ wsUrl, rpcPort, p2pPort, pid,
 * logTail(n), exited, stop() }`; `exited` is a promise settled when the process ends.
 */
export async function startDevNode({ binary = nodeBinary(), extraArgs = [], logLines = 400 } = {}) {
  checkNodeBinary(binary);
  installExitHandlers();
  const rpcPort = await freePort();
  let p2pPort = await freePort();
  while (p2pPort === rpcPort) p2pPort = await freePort();

  const args = [
    '--dev',
    '--tmp',
    '--rpc-port',
    String(rpcPort),
    '--port',
    String(p2pPort),
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-cors',
    'all',
    ...extraArgs,
  ];
  const tail = new LineTail(logLines);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout.on('data', (chunk) => tail.push(chunk));
  child.stderr.on('data', (chunk) => tail.push(chunk));

  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      running.delete(child);
      exitInfo = { code, signal };
      resolve(exitInfo);
    });
    child.on('error', (err) => {
      running.delete(child);
      exitInfo = { code: null, signal: null, error: err };
      resolve(exitInfo);
    });
  });

  /** Stop the node: SIGINT, then SIGKILL if it is still running after `graceMs`. */
  async function stop(graceMs = 10_000) {
    if (exitInfo) return exitInfo;
    child.kill('SIGINT');
    let timer;
    const killed = new Promise((resolve) => {
      timer = setTimeout(() => {
        if (!exitInfo) child.kill('SIGKILL');
        resolve();
      }, graceMs);
    });
    await Promise.race([exited, killed]);
    clearTimeout(timer);
    return exited;
  }

  return {
    binary,
    args,
    pid: child.pid,
    rpcPort,
    p2pPort,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    exited,
    exitInfo: () => exitInfo,
    logTail: (lines = 80) => tail.text(lines),
    stop,
  };
}
