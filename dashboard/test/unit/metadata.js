// The runtime's metadata for decoding tests: the checked-in copy the miner is built from
// (client/miner/metadata/zkmine.scale, regenerated with the runtime), in a polkadot.js
// TypeRegistry, so that values are made and read with the chain's real type layout.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { u8aConcat } from '@polkadot/util';
import { SIGNED_EXTENSIONS } from '../../src/data/chain.js';

export const METADATA_FILE = fileURLToPath(new URL('../../../client/miner/metadata/zkmine.scale', import.meta.url));

/** A registry with the runtime's metadata (SS58 42, 12 decimals, ZKM as the chain has them). */
export function runtimeRegistry() {
  if (!existsSync(METADATA_FILE)) {
    throw new Error(`runtime metadata not found: ${METADATA_FILE} (the miner's checked-in copy of the runtime's metadata)`);
  }
  const registry = new TypeRegistry();
  const metadata = new Metadata(registry, readFileSync(METADATA_FILE));
  registry.setMetadata(metadata, undefined, SIGNED_EXTENSIONS);
  registry.setChainProperties(registry.createType('ChainProperties', { ss58Format: 42, tokenDecimals: [12], tokenSymbol: ['ZKM'] }));
  return { registry, metadata };
}

/** A pallet's index in the runtime (the first byte of its events). */
export function palletIndex(registry, pallet) {
  const found = registry.metadata.pallets.find((p) => p.name.toString() === pallet);
  if (!found) throw new Error(`no pallet ${pallet} in the metadata`);
  return found.index.toNumber();
}

/**
 * `system.events` as the node returns it: the SCALE bytes of `Vec<EventRecord>` built from
 * `[{ phase, pallet, event }]` (`phase` JSON of `FrameSystemPhase`, `pallet` its metadata
 * name, `event` JSON of that pallet's event enum, e.g. `{ RewardPaid: {...} }`), decoded
 * again: a runtime event is the pallet's index followed by the pallet's event.
 */
export function eventRecords(registry, records) {
  const encoded = records.map(({ phase, pallet, event }) =>
    u8aConcat(
      registry.createType('FrameSystemPhase', phase).toU8a(),
      Uint8Array.of(palletIndex(registry, pallet)),
      registry.createType(`Pallet${pallet}Event`, event).toU8a(),
      registry.createType('Vec<H256>', []).toU8a(),
    ),
  );
  const length = registry.createType('Compact<u32>', records.length).toU8a();
  return registry.createType('Vec<EventRecord>', u8aConcat(length, ...encoded));
}
