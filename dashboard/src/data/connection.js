// The connection to the node: polkadot.js's WsProvider (which retries on its own) and
// ApiPromise, and what a person should be told about it at each moment.
//
// States (`status.state`):
//   connecting    first attempt under way
//   unreachable   no connection was ever made; retrying
//   live          connected to a zkmine chain
//   reconnecting  was connected, lost the connection; retrying
//   wrong-chain   connected, but the runtime is not zkmine's (no zkpSubmission pallet, ...)
//   error         anything else that stops the page (e.g. the metadata cannot be read)

import { ApiPromise, WsProvider } from '@polkadot/api';
import { SIGNED_EXTENSIONS, chainProblem, describeRuntime } from './chain.js';

/** How often the provider retries a lost or failed connection (milliseconds). */
export const RETRY_MS = 2500;

/** The message for a state, naming the URL. */
export function statusMessage(state, url, detail = '') {
  switch (state) {
    case 'connecting':
      return `Connecting to the node at ${url} …`;
    case 'unreachable':
      return `Cannot reach a node at ${url}. Is it running (bash scripts/dev.sh), is the address right, ` +
        `and does it accept this page (--rpc-cors)? Retrying every ${RETRY_MS / 1000} s.`;
    case 'reconnecting':
      return `Lost the connection to ${url}; reconnecting every ${RETRY_MS / 1000} s. ` +
        `The page shows the last state it saw${detail ? ` (${detail})` : ''}.`;
    case 'live':
      return `Connected to ${url}.`;
    case 'wrong-chain':
    case 'error':
      return detail;
    default:
      return `${state}: ${detail}`;
  }
}

/**
 * Connects to `url` and reports every change of state to `onStatus({ state, message, url })`.
 * `ready` resolves with the ApiPromise once connected to a zkmine chain (never for another
 * chain). `onReconnected()` is called when a lost connection comes back.
 */
export class Connection {
  #provider = null;
  #everConnected = false;
  #state = null;
  #lastSeen = '';

  constructor(url, { onStatus = () => {}, onReconnected = () => {} } = {}) {
    this.url = url;
    this.onStatus = onStatus;
    this.onReconnected = onReconnected;
    this.api = null;
  }

  get state() {
    return this.#state;
  }

  /** What the page last showed, for the reconnecting message (`best block #123`). */
  setLastSeen(text) {
    this.#lastSeen = text;
  }

  #set(state, detail = '') {
    this.#state = state;
    this.onStatus({ state, url: this.url, message: statusMessage(state, this.url, detail) });
  }

  /** Start connecting; resolves with the api when it is ready on a zkmine chain. */
  start() {
    this.#set('connecting');
    const provider = new WsProvider(this.url, RETRY_MS);
    this.#provider = provider;
    provider.on('error', () => {
      if (!this.#everConnected) this.#set('unreachable');
    });
    provider.on('disconnected', () => {
      if (this.#everConnected && this.#state === 'live') this.#set('reconnecting', this.#lastSeen);
      else if (!this.#everConnected && this.#state === 'connecting') this.#set('unreachable');
    });
    provider.on('connected', () => {
      if (this.#everConnected && this.#state === 'reconnecting') {
        this.#set('live');
        this.onReconnected();
      }
    });
    return new Promise((resolve) => {
      const api = new ApiPromise({ provider, noInitWarn: true, throwOnConnect: false, signedExtensions: SIGNED_EXTENSIONS });
      this.api = api;
      // The api repeats the provider's connection errors as its own 'error' events: those are
      // the provider's states above. A failed initialisation rejects isReadyOrError.
      api.isReadyOrError.then(
        () => {
          this.#everConnected = true;
          let problem;
          try {
            problem = chainProblem(describeRuntime(api), this.url);
          } catch (err) {
            problem = `The node at ${this.url} answered, but its metadata could not be read: ${err.message}`;
          }
          if (problem) {
            this.#set('wrong-chain', problem);
            provider.disconnect().catch(() => {});
            return;
          }
          this.#set('live');
          resolve(api);
        },
        (err) => {
          this.#set('error', `The node at ${this.url} answered, but polkadot.js could not initialise: ${err?.message ?? err}`);
        },
      );
    });
  }

  async stop() {
    if (this.api) await this.api.disconnect().catch(() => {});
    else if (this.#provider) await this.#provider.disconnect().catch(() => {});
  }
}
