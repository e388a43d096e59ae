import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findLinks } from './find-links';
import { BRANDS } from './known-domains';
import { checkLinks, skeleton, type LinkWarningReason } from './link-warnings';
import { decodePunycode, hostToUnicode } from './punycode';

const reasonsOf = (text: string) => checkLinks(text).map((warning) => [warning.reason, warning.brand]);

describe('findLinks', () => {
  it('finds links with a scheme, with www. and bare domains, without trailing punctuation', () => {
    const text = 'Termin: https://praxis-mueller.de/termine?id=4. Oder www.dhl.de, bit.ly/3xYz! Mail: info@paypal-hilfe.com';
    expect(findLinks(text).map((link) => [link.text, link.scheme, link.host])).toEqual([
      ['https://praxis-mueller.de/termine?id=4', 'https', 'praxis-mueller.de'],
      ['www.dhl.de', null, 'www.dhl.de'],
      ['bit.ly/3xYz', null, 'bit.ly'],
    ]);
  });

  it('gives offsets that point at the link in the text', () => {
    const text = 'Hallo {{Vorname}}, siehe HTTP://Example.COM/x)';
    const [link] = findLinks(text);
    expect(link && text.slice(link.start, link.end)).toBe('HTTP://Example.COM/x');
    expect(link?.scheme).toBe('http');
    expect(link?.host).toBe('example.com');
  });

  it.each(['z.B. morgen', 'Hr.Meier kommt', 'am 12.03.2026 um 9.30 Uhr', 'Preis 3.50 EUR', 'Datei bericht.pdf', 'Ende.Punkt'])('finds no link in "%s"', (text) => {
    expect(findLinks(text)).toEqual([]);
  });

  it('finds links in Unicode and punycode', () => {
    expect(findLinks('Bitte pаypal.com öffnen').map((link) => link.host)).toEqual(['pаypal.com']);
    expect(findLinks('xn--pypal-4ve.com/login').map((link) => link.host)).toEqual(['xn--pypal-4ve.com']);
  });
});

describe('punycode', () => {
  it.each(['pаypal', 'аррӏе', 'müller-bäckerei', '退订', 'ebаy'])('decodes what Node encodes: %s', (label) => {
    const ascii = domainToASCII(`${label}.com`).split('.')[0] ?? '';
    expect(ascii.startsWith('xn--')).toBe(true);
    expect(decodePunycode(ascii.slice(4))).toBe(label);
    expect(hostToUnicode(`${ascii}.com`)).toBe(`${label}.com`);
  });

  it('refuses what is not punycode', () => {
    expect(decodePunycode('ab-ü')).toBeNull();
    expect(decodePunycode('9999999999')).toBeNull();
  });
});

describe('skeleton', () => {
  it('maps look-alikes onto one shape', () => {
    expect(skeleton('paypa1')).toBe(skeleton('paypal'));
    expect(skeleton('PaypaI')).toBe(skeleton('paypal'));
    expect(skeleton('g00gle')).toBe(skeleton('google'));
    expect(skeleton('rnicrosoft')).toBe(skeleton('microsoft'));
    expect(skeleton('аmаzоn')).toBe(skeleton('amazon'));
    expect(skeleton('amazon')).not.toBe(skeleton('amazin'));
  });
});

describe('checkLinks: flagged', () => {
  it.each<[string, LinkWarningReason, string | null]>([
    ['http://praxis-mueller.de/termin', 'plain-http', null],
    ['Ihr Paket: bit.ly/3abc', 'shortener', null],
    ['https://tinyurl.com/y6abc', 'shortener', null],
    ['t.co/xyz', 'shortener', null],
    ['goo.gl/maps/x', 'shortener', null],
    ['ow.ly/abc is.gd/abc', 'shortener', null],
    ['https://cutt.ly/x', 'shortener', null],
    ['amzn.to/3x', 'shortener', null],
    ['https://paypa1.com/login', 'lookalike-spelling', 'PayPal'],
    ['www.amaz0n.de/konto', 'lookalike-spelling', 'Amazon'],
    ['rnicrosoft.com/reset', 'lookalike-spelling', 'Microsoft'],
    ['https://amazom.de', 'lookalike-spelling', 'Amazon'],
    ['https://paypall.com', 'brand-in-domain', 'PayPal'],
    ['https://pаypal.com/login', 'lookalike-characters', 'PayPal'],
    ['https://xn--pypal-4ve.com/login', 'lookalike-characters', 'PayPal'],
    ['https://amazon-verify-account.com', 'brand-in-domain', 'Amazon'],
    ['dhl-paket-zustellung.info/track', 'brand-in-domain', 'DHL'],
    ['sparkasse-sicherheit.de/tan', 'brand-in-domain', 'Sparkasse'],
    ['deutsche-bank-login.com', 'brand-in-domain', 'Deutsche Bank'],
    ['https://ing-diba-kontosperre.com', 'brand-in-domain', 'ING'],
    ['n26-verify.net', 'brand-in-domain', 'N26'],
    ['https://netflix-billing.help', 'brand-in-domain', 'Netflix'],
    ['https://paypal.com.secure-login.net/x', 'brand-in-subdomain', 'PayPal'],
    ['https://dhl.de-track.info/12345', 'brand-in-subdomain', 'DHL'],
    ['https://login.telekom.kundenservice-online.com', 'brand-in-subdomain', 'Telekom'],
    ['https://paypal.xyz', 'brand-unofficial-domain', 'PayPal'],
    ['postbank.online/login', 'brand-unofficial-domain', 'Postbank'],
  ])('%s → %s', (text, reason, brand) => {
    expect(reasonsOf(text)).toContainEqual([reason, brand]);
  });

  it('flags several things about one link', () => {
    expect(reasonsOf('http://paypal-konto-check.com')).toEqual([
      ['plain-http', null],
      ['brand-in-domain', 'PayPal'],
    ]);
  });

  it('shows the decoded host, where the look-alike letters can be seen', () => {
    const [warning] = checkLinks('https://xn--pypal-4ve.com/');
    expect(warning?.displayHost).toBe('pаypal.com');
  });

  it('flags mixed alphabets in a name that imitates no known brand', () => {
    expect(reasonsOf('https://bаckerei-schmidt.de')).toEqual([['mixed-scripts', null]]);
  });
});

describe('checkLinks: left alone', () => {
  it.each([
    'https://www.paypal.com/de/signin',
    'paypal.me/praxis',
    'https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=123',
    'www.dhl.de',
    'https://www.amazon.de/gp/css/order-history',
    'https://www.amazon.co.uk/x',
    'https://appleid.apple.com',
    'https://login.microsoftonline.com',
    'https://www.google.com/maps/place/x',
    'https://www.sparkasse.de',
    'https://www.deutsche-bank.de/pk.html',
    'https://www.ing.de/x',
    'https://n26.com/de-de',
    'https://www.telekom.de/kundencenter',
    'https://www.myhermes.de/empfangen/sendungsverfolgung/',
    'https://www.ups.com/track',
    'https://www.ebay.de/myb',
    'https://praxis-mueller.de/termine',
    'www.zahnarzt-berlin.de',
    'https://booking.com/hotel',
    'https://shopping-center-nord.de',
    'https://www.grouponline.de',
    'https://www.xn--mller-kva.de/kontakt',
    'https://www.bäckerei-schmidt.de',
    'https://192.168.1.10/status',
    'Wir sehen uns am 12.03. um 9.30 Uhr, z.B. in der Praxis.',
  ])('%s', (text) => {
    expect(checkLinks(text)).toEqual([]);
  });

  it("never flags a brand's own domains", () => {
    for (const brand of BRANDS) {
      for (const domain of brand.domains) {
        const flagged = checkLinks(`https://www.${domain}/konto`).filter((warning) => warning.reason !== 'shortener');
        expect(flagged, domain).toEqual([]);
      }
    }
  });
});
