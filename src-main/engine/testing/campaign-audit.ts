// Test helper: compares what the virtual network received with what the database says, message
// by message. Reads the messages table directly because the store has no listing of messages
// yet (the campaign monitor will need one: QueueRepository.listMessages).
import type { Store } from '../../store';
import type { VirtualNetwork } from '../../simulator/virtual-network';

export interface MessageRow {
  id: number;
  recipient: string;
  state: string;
  reason: string | null;
}

export interface CampaignAudit {
  rows: MessageRow[];
  /** How often each recipient's message reached the network. */
  receivedCount: Map<string, number>;
  duplicates: string[];
  /** Marked sent (or delivered) but never reached the network. */
  sentButNotReceived: string[];
  /** Reached the network but marked as neither sent nor unknown. */
  receivedButNotRecorded: string[];
  byState: Map<string, string[]>;
}

export function auditCampaign(store: Store, campaignId: number, network: VirtualNetwork): CampaignAudit {
  const rows = store.database.sqlite
    .prepare<[number], MessageRow>('SELECT id, recipient_e164 AS recipient, state, reason FROM messages WHERE campaign_id = ? ORDER BY id')
    .all(campaignId);
  const receivedCount = new Map<string, number>();
  for (const message of network.submittedMessages()) receivedCount.set(message.to, (receivedCount.get(message.to) ?? 0) + 1);
  const byState = new Map<string, string[]>();
  for (const row of rows) byState.set(row.state, [...(byState.get(row.state) ?? []), row.recipient]);
  return {
    rows,
    receivedCount,
    duplicates: [...receivedCount].filter(([, n]) => n > 1).map(([to]) => to),
    sentButNotReceived: rows.filter((r) => (r.state === 'sent' || r.state === 'delivered') && !receivedCount.has(r.recipient)).map((r) => r.recipient),
    receivedButNotRecorded: rows.filter((r) => receivedCount.has(r.recipient) && !['sent', 'delivered', 'unknown'].includes(r.state)).map((r) => r.recipient),
    byState,
  };
}
