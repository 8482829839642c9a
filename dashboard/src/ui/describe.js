// One line of words per event, for the feed and a prover's history.

import { html } from 'lit-html';
import { account, balance, block, hash } from './widgets.js';

const seq = (d) => html`sequence #${d.sequence}`;

/** A readable line for an event (`eventValue`); unknown events by name with their fields. */
export function describeEvent(ctx, e) {
  const d = e.data;
  const a = (x) => account(ctx, x);
  const b = (x) => balance(ctx, x);
  switch (`${e.section}.${e.method}`) {
    case 'zkpSubmission.RewardPaid':
      return html`<span class="kind reward">reward</span> ${a(d.who)} got ${b(d.amount)} for ${seq(d)} (round ${d.round}; ${b(d.fromFee)} of it from the fee)`;
    case 'zkpSubmission.CommitterSlashed':
      return html`<span class="kind slash">slash</span> ${a(d.who)} lost ${b(d.amount)} (${d.reason}) in ${seq(d)}, round ${d.round}`;
    case 'zkpSubmission.IncorrectProofSlashed':
      return html`<span class="kind slash">slash</span> ${a(d.prover)} lost ${b(d.slashed)} for revealing ${d.malformed ? 'a malformed' : 'an invalid'} proof ${hash(d.proofHash)} in ${seq(d)}, round ${d.round}`;
    case 'zkpSubmission.CommitmentDisplaced':
      return html`<span class="kind displacement">displaced</span> ${a(d.displaced)} (snapshot ${b(d.displacedStake)}) lost its place in ${seq(d)}, round ${d.round}, to ${a(d.by)} (${b(d.stake)}); no slash`;
    case 'zkpSubmission.RoundFailed':
      return html`<span class="kind failed">failed round</span> ${seq(d)}, round ${d.round}: no valid proof, ${d.committers} committer(s) slashed`;
    case 'zkpSubmission.SequenceAbandoned':
      return html`<span class="kind failed">abandoned</span> ${seq(d)} of rollup ${d.rollup} after ${d.failedRounds} failed rounds; its fee returned`;
    case 'zkpSubmission.SequenceSubmitted':
      return html`<span class="kind sequence">submitted</span> ${seq(d)} of rollup ${d.rollup} (key v${d.keyVersion}, ${d.dataLen} bytes, fee ${b(d.fee)})`;
    case 'zkpSubmission.SequenceProved':
      return html`<span class="kind sequence">proved</span> ${seq(d)} of rollup ${d.rollup} in round ${d.round} by ${a(d.by)} (proof ${hash(d.proofHash)})`;
    case 'zkpSubmission.SequenceFinalized':
      return html`<span class="kind sequence">settled</span> ${seq(d)} of rollup ${d.rollup}: ${d.validated} validated, ${b(d.rewarded)} paid (${b(d.feePaid)} from the fee)`;
    case 'zkpSubmission.SequenceReopened':
      return html`<span class="kind sequence">reopened</span> ${seq(d)} for round ${d.newRound}`;
    case 'zkpSubmission.SequenceCancelled':
      return html`<span class="kind sequence">cancelled</span> ${seq(d)} of rollup ${d.rollup}${d.by ? html` by ${a(d.by)}` : ' by governance'}`;
    case 'zkpSubmission.SequenceDropped':
      return html`<span class="kind sequence">dropped</span> ${seq(d)} of rollup ${d.rollup} (round ${d.round}; its rollup was deregistered)`;
    case 'zkpSubmission.RoundStarted':
      return html`round ${d.round} of ${seq(d)} started at ${block(d.startedAt)}: commit ..${block(d.commitEnd)}, reveal ..${block(d.revealEnd)}, settles ${block(d.settleAt)}`;
    case 'zkpSubmission.ProofHashCommitted':
      return html`${a(d.prover)} committed ${hash(d.commitment)} to ${seq(d)}, round ${d.round} (snapshot ${b(d.stake)}, reserves ${b(d.reserved)})`;
    case 'zkpSubmission.CommitmentValidated':
      return html`${a(d.prover)}'s commitment to ${seq(d)}, round ${d.round}, validated by proof ${hash(d.proofHash)}`;
    case 'proverRegistry.Registered':
      return html`${a(d.who)} registered with ${b(d.stake)}`;
    case 'proverRegistry.Bonded':
      return html`${a(d.who)} bonded ${b(d.amount)} more (${b(d.bonded)} bonded)`;
    case 'proverRegistry.UnbondingStarted':
      return html`${a(d.who)} started unbonding ${b(d.amount)}, withdrawable from ${block(d.unlockAt)}`;
    case 'proverRegistry.Withdrawn':
      return html`${a(d.who)} withdrew ${b(d.amount)}`;
    case 'proverRegistry.Deregistered':
      return html`${a(d.who)} left the registry`;
    case 'proverRegistry.Slashed':
      return html`${a(d.who)}: ${b(d.amount)} burned (${d.reason})`;
    case 'proverRegistry.BecameInactive':
      return html`${a(d.who)} became inactive (${b(d.bonded)} bonded)`;
    case 'proverRegistry.BecameActive':
      return html`${a(d.who)} became active again (${b(d.bonded)} bonded)`;
    default:
      return html`${e.section}.${e.method}`;
  }
}
