// The page's settings, from its address: `?rpc=ws://HOST:PORT` (as polkadot.js Apps takes
// it) and `?history=N` (how many blocks back the backfill reads at most).

import { DEFAULT_HISTORY_BLOCKS } from './data/store.js';

export const DEFAULT_RPC = 'ws://127.0.0.1:9944';

/** A settings error a person can act on (shown instead of the page). */
export class ConfigError extends Error {}

/** `{ rpc, historyBlocks }` from a query string such as `location.search`. */
export function readConfig(search) {
  const params = new URLSearchParams(search);
  const rpc = (params.get('rpc') ?? DEFAULT_RPC).trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(rpc) && /^[\w.-]+(:\d+)?(\/.*)?$/.test(rpc)) {
    throw new ConfigError(`?rpc=${rpc} is not a WebSocket address (ws:// or wss://): did you mean ?rpc=ws://${rpc}?`);
  }
  let url;
  try {
    url = new URL(rpc);
  } catch {
    throw new ConfigError(`?rpc=${rpc} is not a URL: give the node's WebSocket address, e.g. ?rpc=${DEFAULT_RPC}`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new ConfigError(`?rpc=${rpc} is not a WebSocket address (ws:// or wss://), e.g. ?rpc=${DEFAULT_RPC}`);
  }
  let historyBlocks = DEFAULT_HISTORY_BLOCKS;
  if (params.has('history')) {
    historyBlocks = Number(params.get('history'));
    if (!Number.isInteger(historyBlocks) || historyBlocks < 0) {
      throw new ConfigError(`?history=${params.get('history')} must be a number of blocks (0 or more)`);
    }
  }
  return { rpc, historyBlocks };
}
