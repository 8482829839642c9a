// The page's settings and its messages: the rpc parameter, the wrong-chain check against the
// runtime's real metadata (and that metadata without the submission pallet or its API), the
// connection messages, the leaderboard's order, and numbers as people read them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULT_RPC, readConfig } from '../../src/config.js';
import { REQUIRED, chainProblem } from '../../src/data/chain.js';
import { statusMessage } from '../../src/data/connection.js';
import { blocksText, formatBalance, formatPerbill, formatSeconds, shortAddress, toUnits } from '../../src/data/format.js';
import { sortRows } from '../../src/data/leaderboard.js';
import { DEFAULT_HISTORY_BLOCKS, isPrunedError } from '../../src/data/store.js';
import { runtimeRegistry } from './metadata.js';

const URL_ = 'ws://127.0.0.1:9944';

/** What `describeRuntime` reports, from the runtime's checked-in metadata. */
function runtimeFromMetadata() {
  const { metadata } = runtimeRegistry();
  const latest = metadata.asLatest;
  const api = latest.apis.find((a) => a.name.toString() === 'ZkpSubmissionApi');
  return {
    chain: 'zkmine development',
    specName: 'zkmine',
    specVersion: 100,
    pallets: latest.pallets.map((p) => p.name.toString()),
    apis: latest.apis.map((a) => a.name.toString()),
    // polkadot.js names runtime calls in camelCase
    calls: api.methods.map((m) => m.name.toString().replace(/_([a-z])/g, (_, c) => c.toUpperCase())),
  };
}

describe('readConfig', () => {
  it('talks to ws://127.0.0.1:9944 by default', () => {
    assert.deepEqual(readConfig(''), { rpc: DEFAULT_RPC, historyBlocks: DEFAULT_HISTORY_BLOCKS });
    assert.equal(DEFAULT_RPC, 'ws://127.0.0.1:9944');
  });
  it('takes ?rpc= and ?history= as polkadot.js Apps takes rpc', () => {
    assert.deepEqual(readConfig('?rpc=ws://10.0.0.5:9955&history=300'), { rpc: 'ws://10.0.0.5:9955', historyBlocks: 300 });
    assert.equal(readConfig('?rpc=wss%3A%2F%2Fnode.example%2Frpc').rpc, 'wss://node.example/rpc');
  });
  it('explains a bad address or history', () => {
    assert.throws(() => readConfig('?rpc=127.0.0.1:9944'), (e) => e instanceof ConfigError && /did you mean \?rpc=ws:\/\/127\.0\.0\.1:9944\?/.test(e.message));
    assert.throws(() => readConfig('?rpc=http://127.0.0.1:9944'), /not a WebSocket address \(ws:\/\/ or wss:\/\/\)/);
    assert.throws(() => readConfig('?rpc=ws://'), /\?rpc=ws:\/\/ is not a URL/);
    assert.throws(() => readConfig('?history=-3'), /\?history=-3 must be a number of blocks/);
  });
});

describe('chainProblem', () => {
  it("accepts zkmine's runtime (its metadata has both pallets and ZkpSubmissionApi v3)", () => {
    const runtime = runtimeFromMetadata();
    for (const call of REQUIRED.apiCalls) assert.ok(runtime.calls.includes(call), call);
    assert.equal(chainProblem(runtime, URL_), null);
  });
  it('names the URL and the missing pallet on another chain', () => {
    const runtime = runtimeFromMetadata();
    runtime.pallets = runtime.pallets.filter((p) => p !== 'ZkpSubmission');
    const problem = chainProblem({ ...runtime, chain: 'Polkadot' }, URL_);
    assert.match(problem, /The node at ws:\/\/127\.0\.0\.1:9944 runs "Polkadot"/);
    assert.match(problem, /no ZkpSubmission pallet: it is not a zkmine chain/);
  });
  it('names a missing runtime API or call', () => {
    const runtime = runtimeFromMetadata();
    assert.match(chainProblem({ ...runtime, apis: runtime.apis.filter((a) => a !== 'ZkpSubmissionApi') }, URL_), /no ZkpSubmissionApi runtime API/);
    assert.match(chainProblem({ ...runtime, calls: runtime.calls.filter((c) => c !== 'proof') }, URL_), /ZkpSubmissionApi lacks proof/);
  });
});

describe('statusMessage', () => {
  it('names the URL when the node cannot be reached or the connection is lost', () => {
    assert.match(statusMessage('unreachable', URL_), /Cannot reach a node at ws:\/\/127\.0\.0\.1:9944/);
    assert.match(statusMessage('reconnecting', URL_, 'best block #40'), /Lost the connection to ws:\/\/127\.0\.0\.1:9944; reconnecting.*\(best block #40\)/);
    assert.match(statusMessage('connecting', URL_), /Connecting to the node at ws:\/\/127\.0\.0\.1:9944/);
  });
});

describe('isPrunedError', () => {
  it("recognises the node's answer for a block whose state is gone", () => {
    assert.ok(isPrunedError(new Error('4003: Client error: Api called for an unknown Block: State already discarded for 0xc29b')));
    assert.ok(!isPrunedError(new Error('WebSocket is not connected')));
  });
});

describe('sortRows', () => {
  const rows = [
    { address: 'b', name: 'Bob', bonded: 5n, rewarded: 1n, slashed: 0n, unbondingTotal: 0n, pendingCommitments: 1, capacity: { active: true, free: 5n } },
    { address: 'a', name: 'Alice', bonded: 5n, rewarded: 3n, slashed: 2n, unbondingTotal: 0n, pendingCommitments: 0, capacity: { active: true, free: 1n } },
    { address: 'c', name: null, bonded: 9n, rewarded: 2n, slashed: 0n, unbondingTotal: 4n, pendingCommitments: 0, capacity: { active: false, free: 9n } },
  ];
  it('sorts by any column, either way, ties by address', () => {
    assert.deepEqual(sortRows(rows, 'rewarded', true).map((r) => r.address), ['a', 'c', 'b']);
    assert.deepEqual(sortRows(rows, 'rewarded', false).map((r) => r.address), ['b', 'c', 'a']);
    assert.deepEqual(sortRows(rows, 'bonded', true).map((r) => r.address), ['c', 'a', 'b']);
    assert.deepEqual(sortRows(rows, 'free', false).map((r) => r.address), ['a', 'b', 'c']);
    assert.deepEqual(sortRows(rows, 'active', true).map((r) => r.address), ['a', 'b', 'c']);
    assert.deepEqual(sortRows(rows, 'account', false).map((r) => r.address), ['a', 'b', 'c']);
  });
  it('refuses an unknown column', () => assert.throws(() => sortRows(rows, 'karma', true), /no leaderboard column "karma"/));
});

describe('format', () => {
  const ZKM = 10n ** 12n;
  it('writes balances in tokens, trailing zeros dropped, thousands grouped', () => {
    assert.equal(formatBalance(4n * ZKM / 10n, 12), '0.4');
    assert.equal(formatBalance(200_000n * ZKM, 12, { token: 'ZKM' }), '200\u2009000 ZKM');
    assert.equal(formatBalance(1n, 12), '0.000000000001');
    assert.equal(formatBalance(1n, 12, { maxFraction: 4 }), '0');
    assert.equal(formatBalance(-15n * ZKM / 10n, 12), '-1.5');
    assert.equal(formatBalance(0n, 12), '0');
    assert.throws(() => formatBalance(5, 12), /expected a BigInt/);
  });
  it('converts to floating tokens for charts', () => {
    assert.equal(toUnits(25n * ZKM / 10n, 12), 2.5);
    assert.equal(toUnits(0n, 12), 0);
  });
  it('writes durations, blocks, addresses, Perbill', () => {
    assert.equal(formatSeconds(4.4), '4 s');
    assert.equal(formatSeconds(125), '2 min 5 s');
    assert.equal(formatSeconds(7800), '2 h 10 min');
    assert.equal(blocksText(1), '1 block');
    assert.equal(blocksText(3), '3 blocks');
    assert.equal(shortAddress('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'), '5Grw…utQY');
    assert.equal(formatPerbill(100_000_000n), '10%');
    assert.equal(formatPerbill(50_000_000n), '5%');
  });
});
