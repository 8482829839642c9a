// Entry point: read the settings from the address, connect, start the live store, render.

import './styles.css';
import { ConfigError, readConfig } from './config.js';
import { devAccountNames, namesDevAccounts } from './data/accounts.js';
import { readChainInfo } from './data/chain.js';
import { Connection } from './data/connection.js';
import { LiveStore } from './data/store.js';
import { App } from './ui/app.js';

const app = new App(document.getElementById('app'));

async function main() {
  let config;
  try {
    config = readConfig(location.search);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    app.setStatus({ state: 'config', url: '', message: err.message });
    return;
  }
  document.title = `zkmine explorer · ${config.rpc}`;
  let store = null;
  const connection = new Connection(config.rpc, {
    onStatus: (status) => app.setStatus(status),
    onReconnected: async () => {
      // The same URL may now serve another chain (a dev node restarted with --tmp).
      const genesis = (await connection.api.rpc.chain.getBlockHash(0)).toHex();
      if (store && genesis !== store.info.genesisHash) {
        store.stop();
        app.setStatus({
          state: 'error',
          url: config.rpc,
          message: `The node at ${config.rpc} now serves another chain (its genesis block changed from ${store.info.genesisHash.slice(0, 10)}… to ${genesis.slice(0, 10)}…). Reload the page to follow it.`,
        });
      }
    },
  });
  const api = await connection.start();
  const info = await readChainInfo(api);
  const names = namesDevAccounts(info.chainType) ? devAccountNames(info.ss58) : new Map();
  store = new LiveStore(api, info, {
    historyBlocks: config.historyBlocks,
    onChange: () => {
      if (store.state.best !== null) connection.setLastSeen(`best block #${store.state.best}`);
      app.update();
    },
  });
  app.setContext({ store, info, names });
  await store.start();
  // For the browser test and the curious: the live objects.
  window.zkmineExplorer = { store, info, connection };
}

main().catch((err) => {
  console.error(err);
  app.setStatus({ state: 'error', url: '', message: `The dashboard stopped: ${err?.message ?? err}` });
});
