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

  it('translates what the queue says of a message interrupted in the modem (src-main/store/repositories/queue.ts)', () => {
    expect(de('Fanout stopped while the modem had this message; it may or may not have been sent')).toMatch(/^Fanout wurde beendet, während das Modem diese Nachricht hatte/);
    expect(de('Fanout stopped while the modem had part 2 of 3; part 1 was accepted by the network, part 2 may or may not have been sent')).toBe(
      'Fanout wurde beendet, während das Modem Teil 2 von 3 hatte: Teil 1 hat das Netz angenommen, Teil 2 wurde vielleicht gesendet, vielleicht nicht',
    );
    expect(de('Fanout stopped while the modem had part 4 of 5; parts 1–3 were accepted by the network, part 4 may or may not have been sent')).toBe(
      'Fanout wurde beendet, während das Modem Teil 4 von 5 hatte: Teile 1–3 hat das Netz angenommen, Teil 4 wurde vielleicht gesendet, vielleicht nicht',
    );
  });
});
