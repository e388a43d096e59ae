// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/use-translation';
import { actionLabel, detailPairs, domainLabel, groupActions } from './action-labels';
import { endOfLocalDay, startOfLocalDay } from './date-range';

const german = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate('de', key, values);

describe('audit action labels', () => {
  it('names known actions and domains in the language, and shows unknown ones as stored', () => {
    expect(actionLabel(german, 'campaign.start')).toBe('Kampagne gestartet');
    expect(domainLabel(german, 'suppression')).toBe('Sperrliste');
    expect(actionLabel(german, 'future.thing')).toBe('future.thing');
    expect(domainLabel(german, 'future')).toBe('future');
  });

  it('groups actions by domain for the filter', () => {
    expect(groupActions(['operator.login', 'campaign.start', 'campaign.create', 'db'])).toEqual([
      { domain: 'campaign', actions: ['campaign.create', 'campaign.start'] },
      { domain: 'db', actions: ['db'] },
      { domain: 'operator', actions: ['operator.login'] },
    ]);
  });

  it('writes details as pairs, leaving out empty values', () => {
    expect(detailPairs({ recipients: 120, keys: ['currency', 'retentionDays'], lists: [], startAt: null, limits: { perDay: 5 } })).toEqual([
      { key: 'recipients', value: '120' },
      { key: 'keys', value: 'currency, retentionDays' },
      { key: 'limits', value: '{"perDay":5}' },
    ]);
  });

  it('turns a picked day into the local day from midnight to midnight', () => {
    const start = startOfLocalDay('2026-03-29');
    const end = endOfLocalDay('2026-03-29');
    expect(new Date(start ?? '').getDate()).toBe(29);
    expect(new Date(start ?? '').getHours()).toBe(0);
    expect(new Date(end ?? '').getDate()).toBe(29);
    expect(new Date(end ?? '').getHours()).toBe(23);
    expect(new Date(end ?? '').getTime() + 1).toBe(new Date(2026, 2, 30).getTime());
    expect(startOfLocalDay('')).toBeUndefined();
  });
});
