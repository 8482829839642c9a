// The scenarios, run concurrently on one dev node (see test/e2e.test.js).
import configuration from './00-configuration.js';
import registration from './01-registration.js';
import workedExample from './02-worked-example.js';
import noValidProof from './03-no-valid-proof.js';
import windowEdges from './04-window-edges.js';
import badInput from './05-bad-input.js';
import runtimeApi from './06-runtime-api.js';
import slashLevels from './07-slash-levels.js';
import sybil from './08-sybil.js';
import metadataHash from './09-metadata-hash.js';
import revealFlood from './10-reveal-flood.js';
import openRollup from './11-open-rollup-fees-proofs.js';

export default [
  configuration,
  registration,
  workedExample,
  noValidProof,
  windowEdges,
  badInput,
  runtimeApi,
  slashLevels,
  sybil,
  metadataHash,
  revealFlood,
  openRollup,
];
