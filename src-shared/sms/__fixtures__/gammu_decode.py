"""Independent oracle for the codec tests: decodes PDUs with python-gammu (libgammu).

Reads one hex PDU per line on stdin (each starting with its SMSC field) and writes one JSON
object per line on stdout, in the same order, so one process can decode thousands of PDUs.
Run with Debian's /usr/bin/python3, which has the gammu module.
"""
import json
import sys

import gammu


def iso(value):
    return value.isoformat() if value is not None else None


def decode(line):
    try:
        sms = gammu.DecodePDU(bytes.fromhex(line), SMSC=True)
    except Exception as error:  # gammu raises its own error classes per failure
        return {"ok": False, "error": type(error).__name__}
    udh = sms["UDH"]
    text = sms["Text"]
    # gammu hands 8-bit payloads (and text under unusual headers) over as bytes.
    data = text.hex().upper() if isinstance(text, bytes) else None
    return {
        "ok": True,
        "type": sms["Type"],
        "number": sms["Number"],
        "text": None if data is not None else text,
        "data": data,
        "coding": sms["Coding"],
        "length": sms["Length"],
        "class": sms["Class"],
        "messageReference": sms["MessageReference"],
        "deliveryStatus": sms["DeliveryStatus"],
        "dateTime": iso(sms["DateTime"]),
        "smscNumber": sms["SMSC"]["Number"],
        "validity": sms["SMSC"]["Validity"],
        "udh": {
            "type": udh["Type"],
            "hex": udh["Text"].hex().upper(),
            "id8": udh["ID8bit"],
            "id16": udh["ID16bit"],
            "part": udh["PartNumber"],
            "all": udh["AllParts"],
        },
    }


def main():
    out = sys.stdout
    # Every input line gets an output line, an empty one included, so answers stay aligned.
    for line in sys.stdin:
        out.write(json.dumps(decode(line.strip())) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
