// Domains the composer's link check knows: URL shorteners, and brands phishing SMS imitate most
// in Germany and elsewhere (banks, parcel services, shops, telecoms) with the domains that really
// are theirs. A registrable domain ("paypal.com", "amazon.co.uk") in a brand's list is never flagged.

export interface Brand {
  /** As people write it: "PayPal", "Deutsche Bank". */
  name: string;
  /** The name as it appears in domains, without separators: "paypal", "deutschebank". */
  key: string;
  /** Registrable domains that belong to the brand. */
  domains: readonly string[];
}

const amazonTlds = ['com', 'de', 'at', 'ch', 'fr', 'it', 'es', 'nl', 'pl', 'se', 'co.uk', 'co.jp', 'ca', 'com.au', 'com.br', 'com.mx', 'com.tr', 'in', 'cn', 'sg', 'ae', 'sa', 'eg', 'be', 'ie'];

export const BRANDS: readonly Brand[] = [
  { name: 'PayPal', key: 'paypal', domains: ['paypal.com', 'paypal.de', 'paypal.me', 'paypalobjects.com', 'paypal-community.com'] },
  { name: 'Amazon', key: 'amazon', domains: [...amazonTlds.map((tld) => `amazon.${tld}`), 'amazonaws.com', 'amzn.to', 'amzn.eu'] },
  { name: 'Apple', key: 'apple', domains: ['apple.com', 'apple.de', 'icloud.com', 'me.com'] },
  { name: 'Microsoft', key: 'microsoft', domains: ['microsoft.com', 'microsoft.de', 'microsoftonline.com', 'live.com', 'outlook.com', 'office.com', 'microsoft365.com'] },
  { name: 'Google', key: 'google', domains: ['google.com', 'google.de', 'google.at', 'google.ch', 'google.co.uk', 'google.fr', 'g.co', 'goo.gl', 'youtube.com', 'gmail.com'] },
  { name: 'DHL', key: 'dhl', domains: ['dhl.de', 'dhl.com', 'dhl.at', 'dhl.ch', 'dhl.co.uk', 'dhlparcel.nl', 'deutschepost.de'] },
  { name: 'Deutsche Post', key: 'deutschepost', domains: ['deutschepost.de', 'deutschepost.com', 'dhl.de'] },
  { name: 'DPD', key: 'dpd', domains: ['dpd.de', 'dpd.com', 'dpd.at', 'dpd.co.uk', 'mydpd.de'] },
  { name: 'Hermes', key: 'hermes', domains: ['myhermes.de', 'hermesworld.com', 'hermes-europe.co.uk', 'evri.com', 'hermes.com'] },
  { name: 'UPS', key: 'ups', domains: ['ups.com'] },
  { name: 'FedEx', key: 'fedex', domains: ['fedex.com'] },
  { name: 'GLS', key: 'gls', domains: ['gls-pakete.de', 'gls-group.eu', 'gls-group.com'] },
  { name: 'Sparkasse', key: 'sparkasse', domains: ['sparkasse.de', 'sparkasse.at', 's-id.de'] },
  { name: 'Volksbank', key: 'volksbank', domains: ['volksbank.de', 'vr.de', 'bvr.de'] },
  { name: 'Postbank', key: 'postbank', domains: ['postbank.de'] },
  { name: 'Deutsche Bank', key: 'deutschebank', domains: ['deutsche-bank.de', 'db.com', 'deutschebank.de'] },
  { name: 'Commerzbank', key: 'commerzbank', domains: ['commerzbank.de', 'commerzbank.com'] },
  { name: 'ING', key: 'ing', domains: ['ing.de', 'ing.com', 'ing.nl', 'ing.be', 'ing-diba.de'] },
  { name: 'DKB', key: 'dkb', domains: ['dkb.de'] },
  { name: 'N26', key: 'n26', domains: ['n26.com'] },
  { name: 'Klarna', key: 'klarna', domains: ['klarna.com', 'klarna.de'] },
  { name: 'Telekom', key: 'telekom', domains: ['telekom.de', 'telekom.com', 't-mobile.com', 't-online.de'] },
  { name: 'Vodafone', key: 'vodafone', domains: ['vodafone.de', 'vodafone.com', 'vodafone.co.uk'] },
  { name: 'O2', key: 'o2', domains: ['o2online.de', 'o2.co.uk', 'telefonica.de'] },
  { name: 'Netflix', key: 'netflix', domains: ['netflix.com'] },
  { name: 'eBay', key: 'ebay', domains: ['ebay.de', 'ebay.com', 'ebay.at', 'ebay.ch', 'ebay.co.uk', 'ebay.fr', 'ebay.it', 'ebay.es'] },
  { name: 'WhatsApp', key: 'whatsapp', domains: ['whatsapp.com', 'whatsapp.net', 'wa.me'] },
  { name: 'Facebook', key: 'facebook', domains: ['facebook.com', 'fb.com', 'fb.me', 'meta.com'] },
  { name: 'Instagram', key: 'instagram', domains: ['instagram.com'] },
];

/** Services that hide where a link really goes. */
export const URL_SHORTENERS: readonly string[] = [
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'v.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc', 'tiny.one',
  'rb.gy', 't.ly', 'bl.ink', 'short.io', 'shorte.st', 'adf.ly', 'bit.do', 's.id', 'x.co', 'lnkd.in', 'db.tt', 'soo.gd', 'clck.ru', 'qr.ae', 'cli.re',
  'trib.al', 'surl.li', 'shorturl.com', 'amzn.to', 'amzn.eu', 'u.to', 'urlz.fr', 'kurzelinks.de', 'kurzlink.de', '0cn.de', 'l1nk.dev',
];

/** Public suffixes of two labels under which the next label is the registrable name. */
export const MULTI_LABEL_SUFFIXES: readonly string[] = [
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'co.jp', 'ne.jp', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.za', 'com.br', 'com.mx', 'com.tr',
  'com.cn', 'com.tw', 'com.hk', 'com.sg', 'co.in', 'co.at', 'or.at', 'com.pl', 'com.es', 'com.ar', 'co.il', 'co.kr',
];

/**
 * Top-level domains accepted for links written without "http" or "www." ("bit.ly/x",
 * "paypal-login.com"): any two-letter country code, plus these. Other words after a dot
 * ("Hr.Meier", "z.B.") are not links.
 */
export const GENERIC_TLDS: readonly string[] = [
  'com', 'net', 'org', 'info', 'biz', 'online', 'site', 'shop', 'store', 'app', 'dev', 'xyz', 'top', 'link', 'click', 'live', 'life', 'world', 'pro',
  'club', 'vip', 'icu', 'cyou', 'sbs', 'help', 'support', 'services', 'email', 'digital', 'bank', 'finance', 'money', 'pay', 'page', 'web',
  'website', 'space', 'tech', 'cloud', 'network', 'center', 'global', 'one', 'today', 'news', 'mobi', 'name', 'asia', 'berlin', 'hamburg', 'koeln',
  'bayern', 'gmbh', 'gov', 'edu', 'int',
];
