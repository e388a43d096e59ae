// Identities for virtual modems: IMEIs with a valid check digit (TS 23.003 §6.2.1), IMSIs and
// ICCIDs derived from them, and the nibble-swapped ICCID form Huawei firmware prints.

let serialCounter = 0;

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** A fresh IMEI, different for every virtual modem of this process and, very likely, of others. */
export function nextVirtualImei(): string {
  serialCounter += 1;
  const serial = serialCounter + Math.floor(Math.random() * 1_000_000) * 100;
  const body = `86${String(4_000_000_000_000 + serial).padStart(12, '0')}`.slice(0, 14);
  return `${body}${luhnCheckDigit(body)}`;
}

/** Each pair of digits swapped, as stored on the SIM (TS 11.11 §10.1.1). */
export function swapNibbles(digits: string): string {
  return digits.replace(/(.)(.)/g, '$2$1');
}
