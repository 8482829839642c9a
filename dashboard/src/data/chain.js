// What the dashboard needs to know about the chain it connected to: whether it is a zkmine
// chain at all, and its constants (block time, token, windows, stake and slash levels).

/**
 * The runtime's own transaction extensions, for polkadot.js: `CheckReveal` (the pool's check
 * of reveals, pallets/zkp-submission/src/extension.rs) adds nothing to an extrinsic or its
 * signed payload. (The dashboard signs nothing; this only tells polkadot.js it is known.)
 */
export const SIGNED_EXTENSIONS = { CheckReveal: { extrinsic: {}, payload: {} } };

/** The pallets and runtime API the dashboard reads; without them it is the wrong chain. */
export const REQUIRED = {
  pallets: ['ZkpSubmission', 'ProverRegistry'],
  api: 'ZkpSubmissionApi',
  apiCalls: ['sequenceStatus', 'proverCapacity', 'proof'],
};

/**
 * What the runtime offers, from a connected polkadot.js `api`: `{ chain, specName,
 * specVersion, pallets (metadata names), apis (runtime API names), calls (of
 * ZkpSubmissionApi) }`.
 */
export function describeRuntime(api) {
  const latest = api.runtimeMetadata.asLatest;
  const apis = latest.apis ? latest.apis.map((a) => a.name.toString()) : [];
  return {
    chain: api.runtimeChain.toString(),
    specName: api.runtimeVersion.specName.toString(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    pallets: latest.pallets.map((p) => p.name.toString()),
    apis,
    calls: Object.keys(api.call.zkpSubmissionApi ?? {}),
  };
}

/**
 * Why a runtime (as `describeRuntime` tells it) is not one the dashboard can show, in words
 * for a person, or null when it is a zkmine runtime.
 */
export function chainProblem(runtime, url) {
  const where = `The node at ${url} runs "${runtime.chain}" (runtime ${runtime.specName} v${runtime.specVersion})`;
  const missing = REQUIRED.pallets.filter((p) => !runtime.pallets.includes(p));
  if (missing.length) {
    return `${where}, which has no ${missing.join(' or ')} pallet: it is not a zkmine chain. ` +
      'Point the dashboard at a zkmine node with ?rpc=ws://HOST:PORT.';
  }
  if (!runtime.apis.includes(REQUIRED.api)) {
    return `${where}: its metadata lists no ${REQUIRED.api} runtime API, which the dashboard reads (a runtime too old or not a zkmine one).`;
  }
  const calls = REQUIRED.apiCalls.filter((c) => !runtime.calls.includes(c));
  if (calls.length) {
    return `${where}: its ${REQUIRED.api} lacks ${calls.join(', ')} (version 3 or newer needed; runtime too old).`;
  }
  return null;
}

/** The chain's block time in milliseconds: the Aura slot duration, else 2 * MinimumPeriod. */
export async function blockTimeMs(api) {
  if (api.call.auraApi?.slotDuration) return Number((await api.call.auraApi.slotDuration()).toString());
  return 2 * api.consts.timestamp.minimumPeriod.toNumber();
}

/** The constants the pages show, read from the runtime (BigInt for balances, Perbill parts as BigInt). */
export async function readChainInfo(api) {
  const zs = api.consts.zkpSubmission;
  const pr = api.consts.proverRegistry;
  const [blockMs, chainType, genesis, nodeName, nodeVersion] = await Promise.all([
    blockTimeMs(api),
    api.rpc.system.chainType(),
    api.rpc.chain.getBlockHash(0),
    api.rpc.system.name(),
    api.rpc.system.version(),
  ]);
  return {
    chain: api.runtimeChain.toString(),
    specName: api.runtimeVersion.specName.toString(),
    specVersion: api.runtimeVersion.specVersion.toNumber(),
    node: `${nodeName} ${nodeVersion}`,
    chainType: chainType.type,
    genesisHash: genesis.toHex(),
    ss58: api.registry.chainSS58 ?? 42,
    decimals: api.registry.chainDecimals[0],
    token: api.registry.chainTokens[0],
    blockMs,
    commitWindow: zs.commitWindow.toNumber(),
    revealWindow: zs.revealWindow.toNumber(),
    rewardPerSequence: zs.rewardPerSequence.toBigInt(),
    proofRetention: zs.proofRetention.toNumber(),
    maxCommitmentsPerSequence: zs.maxCommitmentsPerSequence.toNumber(),
    maxFailedRounds: zs.maxFailedRounds.toNumber(),
    minProverStake: pr.minProverStake.toBigInt(),
    unbondingPeriod: pr.unbondingPeriod.toNumber(),
    slash: {
      IncorrectHash: BigInt(pr.incorrectHashSlash.toString()),
      IncorrectProof: BigInt(pr.incorrectProofSlash.toString()),
      NoValidProof: BigInt(pr.noValidProofSlash.toString()),
    },
  };
}
