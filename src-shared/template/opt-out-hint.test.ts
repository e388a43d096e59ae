import { describe, expect, it } from 'vitest';
import { findOptOutHint, hasOptOutHint } from './opt-out-hint';

describe('opt-out hint', () => {
  it.each([
    ['Sommerschlussverkauf bei Müller! Abmelden: STOP an 0151 12345678', 'STOP an'],
    ['Summer sale! Reply STOP to opt out', 'Reply STOP'],
    ['Soldes ! STOP  au 36111', 'STOP au'],
    ['Rebajas: envía BAJA al 22333', 'BAJA al'],
    ['夏季促销，回复退订', '回复退订'],
    ['Angebot der Woche.\nSTOPP\tan 0170 1234567', 'STOPP an'],
  ])('finds the hint in %j', (text, hint) => {
    expect(findOptOutHint(text)).toBe(hint);
  });

  it('finds nothing in a text without one, and the user’s own phrases count', () => {
    const text = 'Sommerschlussverkauf bei Müller! Nur heute 20 % auf alles.';
    expect(hasOptOutHint(text)).toBe(false);
    expect(hasOptOutHint('Keine Lust mehr? Schreib NEIN an 0151 1234', ['nein an'])).toBe(true);
    expect(hasOptOutHint('Keine Lust mehr? Schreib NEIN an 0151 1234')).toBe(false);
    // An empty configured phrase must not match every text.
    expect(hasOptOutHint(text, ['', '   '])).toBe(false);
  });
});
