// Column titles people use for phone numbers and names, in the languages Fanout's users write
// spreadsheets in. Compared after lower-casing and removing accents, spaces and punctuation.

/** Strongest first: a "Mobil" column beats a "Telefon" column beats a "Nummer" column. */
export const PHONE_HEADER_NAMES: readonly (readonly string[])[] = [
  ['mobile', 'mobilephone', 'mobilenumber', 'mobileno', 'cell', 'cellphone', 'cellular', 'handy', 'handynummer', 'mobil', 'mobilnummer', 'mobiltelefon', 'mobilfunknummer', 'portable', 'telephoneportable', 'movil', 'telefonomovil', 'celular', 'cellulare', 'msisdn', 'sms', '手机', '手机号', '手机号码', '移动电话'],
  ['phone', 'phonenumber', 'phoneno', 'telephone', 'tel', 'telefon', 'telefonnummer', 'rufnummer', 'telephonenumber', 'telefono', 'numerodetelephone', 'numerodetelefono', 'telefone', '电话', '电话号码', '联系电话'],
  ['number', 'nummer', 'numero', 'no', 'nr', '号码'],
];

export const FULL_NAME_HEADERS: readonly string[] = ['name', 'fullname', 'vollstandigername', 'kontakt', 'contact', 'nom', 'nomcomplet', 'nombre', 'nombrecompleto', 'nome', '姓名', '名字'];
export const FIRST_NAME_HEADERS: readonly string[] = ['firstname', 'givenname', 'vorname', 'prenom', 'nombrepila', '名'];
export const LAST_NAME_HEADERS: readonly string[] = ['lastname', 'surname', 'familyname', 'nachname', 'familienname', 'nomdefamille', 'apellido', 'apellidos', 'cognome', '姓'];

/** "Téléphone (mobile)" → "telephonemobile"; Chinese and other letters stay. */
export function canonicalHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** 0 for the strongest phone names, higher is weaker, undefined when it is not a phone title. */
export function phoneHeaderRank(header: string): number | undefined {
  const name = canonicalHeader(header);
  if (name === '') return undefined;
  for (let rank = 0; rank < PHONE_HEADER_NAMES.length; rank++) {
    if (PHONE_HEADER_NAMES[rank]?.includes(name)) return rank;
  }
  // Compound titles: "Mobilnummer privat", "Phone (work)", "手机号码1".
  for (let rank = 0; rank < 2; rank++) {
    if (PHONE_HEADER_NAMES[rank]?.some((known) => known.length >= 4 && name.includes(known))) return rank + 0.5;
  }
  return undefined;
}

export function isKnownHeader(header: string): boolean {
  const name = canonicalHeader(header);
  return phoneHeaderRank(header) !== undefined || FULL_NAME_HEADERS.includes(name) || FIRST_NAME_HEADERS.includes(name) || LAST_NAME_HEADERS.includes(name);
}
