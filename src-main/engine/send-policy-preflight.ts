// Checks made once, when a campaign is created or started, for what the per-message policy cannot
// fix later: a marketing text sent on an existing-customer basis must tell people how to object
// (UWG §7(3) Nr. 4), so a campaign that lacks the hint is refused before anything is queued.
import { findOptOutHint, OPT_OUT_HINT_EXAMPLES } from '../../src-shared/template/opt-out-hint';
import type { CampaignPurpose, Store } from '../store';

export interface CampaignPolicyDraft {
  purpose: CampaignPurpose;
  template: string;
  listIds: readonly number[];
}

/** What stands between the draft and sending, in words for the user; undefined when nothing does. */
export function campaignPolicyProblem(store: Pick<Store, 'consents'>, draft: CampaignPolicyDraft, extraHints: readonly string[] = []): string | undefined {
  if (draft.purpose !== 'marketing') return undefined;
  const bases = store.consents.countInLists(draft.listIds, 'marketing');
  if (bases.existingCustomer === 0 || findOptOutHint(draft.template, extraHints) !== null) return undefined;
  const who = bases.existingCustomer === 1 ? '1 recipient is' : `${bases.existingCustomer.toLocaleString('en')} recipients are`;
  return (
    `${who} messaged as existing customers, without their consent: the law requires every such message to say how to object. ` +
    `Add an opt-out hint to the text, for example "${OPT_OUT_HINT_EXAMPLES.join('" or "')}".`
  );
}
