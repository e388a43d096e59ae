import { describe, expect, it } from 'vitest';
import { de as german } from '../../i18n/de';
import type { Translate } from '../../i18n/use-translation';
import { translateBlockedReason } from './blocked-reason';

describe('blocked reasons in the reader’s language', () => {
  // The German table itself (the hook's module needs a browser for the saved preference).
  const t: Translate = (key, values) => german[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole));
  const de = (reason: string) => translateBlockedReason(reason, t);
  it('translates the reasons the send policy stores, and shows others as stored', () => {
    expect(de('opted out')).toBe('Auf der Abmeldeliste');
    expect(de('no consent for marketing')).toBe('Keine Einwilligung für Werbung');
    expect(de("quiet hours (21:00–08:00 recipient's time)")).toBe('Ruhezeit (21:00–08:00 beim Empfänger)');
    expect(de('SIM limit of 100 per hour reached')).toBe('SIM-Limit erreicht (100 per hour)');
    expect(de('The network is busy')).toBe('The network is busy');
  });
});
