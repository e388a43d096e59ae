// Throughput of the GSM codec (src-shared/sms) on a mixed corpus, with trivial baselines over
// the same corpus in the same run to put the figures in proportion.
// Run: npx tsx bench/codec.ts
import { countMessage, decodePdu, encodeDeliver, encodeSubmit } from '../src-shared/sms';
import type { SubmitRequest } from '../src-shared/sms';

const CORPUS_SIZE = 2000;
const MIN_DURATION_MS = 1500;

// Deterministic pseudo-random generator so runs compare.
let seed = 0x2545f491;
function random(): number {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 0x100000000;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const GSM = 'Hallo Anna, Ihr Termin ist morgen um 10:30. Antworten Sie mit STOP zum Abbestellen. ';
const EXTENSION = 'Preis: 20 € [inkl. MwSt] {Rabatt} ~ ';
const UNICODE = 'Привет! Ваш заказ готов 😀👍🏽 🇩🇪 ';
const CJK = '您的验证码是 4821，请勿泄露。';

function makeText(): string {
  const kind = random();
  if (kind < 0.5) return GSM.slice(0, 40 + Math.floor(random() * 120));
  if (kind < 0.7) return (GSM + EXTENSION).repeat(1 + Math.floor(random() * 4));
  if (kind < 0.9) return UNICODE.repeat(1 + Math.floor(random() * 3));
  return CJK.repeat(1 + Math.floor(random() * 5));
}

const corpus: SubmitRequest[] = Array.from({ length: CORPUS_SIZE }, (_, i) => ({
  to: pick(['+4917012345678', '+905321234567', '01701234567']),
  text: makeText(),
  requestStatusReport: random() < 0.5,
  concatReference: i % 256,
}));
const pdus = corpus.flatMap((req) => encodeSubmit(req).map((part) => part.pdu));
const received = new Date('2025-06-01T12:00:00Z');
const deliverPdus = corpus.flatMap((req, i) =>
  encodeDeliver({
    from: i % 3 === 0 ? 'Fanout' : req.to,
    text: req.text,
    timestamp: received,
    concatReference: i % 256,
  }).map((part) => part.pdu),
);

/** Runs work over the whole corpus repeatedly for at least MIN_DURATION_MS; items per second. */
function measure(items: number, work: () => void): number {
  work(); // warm-up
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    work();
    rounds++;
    elapsed = performance.now() - start;
  } while (elapsed < MIN_DURATION_MS);
  return (items * rounds) / (elapsed / 1000);
}

let sink = 0;
const utf8 = new TextEncoder();
const format = (perSecond: number) => Math.round(perSecond).toLocaleString('en-US');

const encodeRate = measure(corpus.length, () => {
  for (const req of corpus) sink += encodeSubmit(req).length;
});
const decodeRate = measure(pdus.length, () => {
  for (const pdu of pdus) sink += decodePdu(pdu, { direction: 'mo' }).ok ? 1 : 0;
});
const decodeDeliverRate = measure(deliverPdus.length, () => {
  for (const pdu of deliverPdus) sink += decodePdu(pdu, { direction: 'mt' }).ok ? 1 : 0;
});
const countRate = measure(corpus.length, () => {
  for (const req of corpus) sink += countMessage(req.text).parts;
});
const jsonRate = measure(corpus.length, () => {
  for (const req of corpus) sink += JSON.stringify(req).length;
});
const hexRate = measure(corpus.length, () => {
  for (const req of corpus) sink += Buffer.from(utf8.encode(req.text)).toString('hex').length;
});

console.log(
  `corpus: ${corpus.length} messages (GSM-7, GSM-7 with extension characters, UCS-2 with emoji, CJK), ${pdus.length} PDUs`,
);
console.log(`encodeSubmit: ${format(encodeRate)} messages/s`);
console.log(`decodePdu (SMS-SUBMIT): ${format(decodeRate)} PDUs/s`);
console.log(`decodePdu (SMS-DELIVER): ${format(decodeDeliverRate)} PDUs/s`);
console.log(`countMessage: ${format(countRate)} messages/s`);
console.log(`baseline JSON.stringify(request): ${format(jsonRate)} messages/s`);
console.log(`baseline UTF-8 hex of text: ${format(hexRate)} messages/s`);
if (sink === -1) console.log('unreachable');
