// The words Fanout recognises out of the box, per language. Sources: CTIA Messaging Principles and
// Best Practices (STOP, END, CANCEL, UNSUBSCRIBE, QUIT; START/UNSTOP; HELP/INFO), the FCC's 2024
// revocation rule (adds REVOKE, OPT OUT), common practice of German, French and Spanish bulk SMS
// providers (STOPP/ABMELDEN, ARRET, BAJA/ALTA) and Chinese carrier practice ("回复TD退订").
import type { ActingKeyword, ReplyLanguage } from '../../../src-shared/api/methods/keywords';

export const BUILT_IN_KEYWORDS: Readonly<Record<ActingKeyword, Readonly<Record<ReplyLanguage, readonly string[]>>>> = {
  stop: {
    en: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'END', 'QUIT', 'CANCEL', 'REVOKE', 'OPTOUT', 'OPT OUT'],
    de: ['STOP', 'STOPP', 'ABMELDEN', 'ABBESTELLEN', 'AUSTRAGEN'],
    fr: ['STOP', 'ARRET', 'ARRÊT', 'DESABONNER', 'DÉSABONNER', 'DESINSCRIRE', 'DÉSINSCRIRE'],
    es: ['STOP', 'BAJA', 'CANCELAR', 'DETENER', 'PARAR'],
    zh: ['TD', '退订', '退訂', '取消订阅', '取消訂閱', '停止'],
  },
  start: {
    en: ['START', 'UNSTOP', 'SUBSCRIBE'],
    de: ['START', 'ANMELDEN'],
    fr: ['START', 'ABONNER'],
    es: ['START', 'ALTA'],
    zh: ['订阅', '訂閱', '开始', '開始'],
  },
  help: {
    en: ['HELP', 'INFO'],
    de: ['HILFE', 'INFO'],
    fr: ['AIDE', 'INFO'],
    es: ['AYUDA', 'INFO'],
    zh: ['帮助', '幫助'],
  },
};

/**
 * STOP words that are also everyday words ("I'll be there at the END", "can I CANCEL my
 * appointment?"). They act when they are the whole reply, like every keyword, but inside a
 * longer reply they are not flagged as a near miss: that would flag half the replies to a
 * reminder service. The distinctive ones (STOP, ABMELDEN, 退订 …) are flagged wherever they appear.
 */
export const EVERYDAY_STOP_WORDS: ReadonlySet<string> = new Set(['END', 'QUIT', 'CANCEL', 'REVOKE', 'CANCELAR', 'PARAR', 'DETENER', 'TD', '停止']);

/** Answers as Fanout ships them. Each fits one SMS (checked by the tests); Spanish needs UCS-2 for its accents, so it is short. */
export const DEFAULT_ANSWER_TEXTS: Readonly<Record<ReplyLanguage, Readonly<Record<ActingKeyword, string>>>> = {
  en: {
    stop: 'You are unsubscribed and will get no more messages from us. Reply START to get them again.',
    start: 'You are subscribed again and will get our messages. Reply STOP to unsubscribe.',
    help: 'Reply STOP to get no more messages from us, START to get them again.',
  },
  de: {
    stop: 'Sie sind abgemeldet und erhalten keine Nachrichten mehr von uns. Mit START wieder anmelden.',
    start: 'Sie sind wieder angemeldet und erhalten unsere Nachrichten. Abmelden mit STOPP.',
    help: 'Antworten Sie STOPP, um keine Nachrichten mehr zu erhalten, oder START, um sie wieder zu erhalten.',
  },
  fr: {
    stop: 'Désabonnement confirmé, vous ne recevrez plus nos messages. Répondez START pour les recevoir à nouveau.',
    start: 'Vous recevrez à nouveau nos messages. Répondez STOP pour vous désabonner.',
    help: 'Répondez STOP pour ne plus recevoir nos messages, START pour les recevoir à nouveau.',
  },
  es: {
    stop: 'Baja confirmada: no recibirá más mensajes. Responda ALTA para volver.',
    start: 'Alta confirmada: recibirá nuestros mensajes. Responda BAJA para salir.',
    help: 'Responda BAJA para no recibir más mensajes, o ALTA para volver.',
  },
  zh: {
    stop: '您已退订，将不再收到我们的短信。回复“订阅”可重新接收。',
    start: '您已重新订阅，将继续收到我们的短信。回复“退订”可停止接收。',
    help: '回复“退订”不再接收我们的短信，回复“订阅”重新接收。',
  },
};

/** Which language a default country speaks, for answers to words shared by several languages. */
export function languageOfCountry(country: string): ReplyLanguage {
  if (['DE', 'AT', 'CH', 'LI', 'LU'].includes(country)) return 'de';
  if (['FR', 'BE', 'MC', 'SN', 'CI', 'CM', 'MA', 'TN', 'DZ'].includes(country)) return 'fr';
  if (['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY'].includes(country)) return 'es';
  if (['CN', 'TW', 'HK', 'MO', 'SG'].includes(country)) return 'zh';
  return 'en';
}
