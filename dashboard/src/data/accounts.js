// Names for well-known development accounts (//Alice ... //Ferdie and their //stash), shown
// beside their addresses on a development or local chain only.

import { Keyring } from '@polkadot/keyring';

export const DEV_ACCOUNTS = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/**
 * A map from SS58 address (in `ss58Format`) to the dev account's name (`Alice`,
 * `Alice//stash`), derived with sr25519 like the node's dev keys. Needs the WASM crypto to be
 * ready (polkadot.js's ApiPromise waits for it before it is ready).
 */
export function devAccountNames(ss58Format = 42) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format });
  const names = new Map();
  for (const name of DEV_ACCOUNTS) {
    names.set(keyring.addFromUri(`//${name}`).address, name);
    names.set(keyring.addFromUri(`//${name}//stash`).address, `${name}//stash`);
  }
  return names;
}

/** Whether a chain type (`system_chainType`) is one whose dev accounts are worth naming. */
export function namesDevAccounts(chainType) {
  return chainType === 'Development' || chainType === 'Local';
}
