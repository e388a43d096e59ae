"""Independent encoder for the codec tests: builds SMS PDUs with python-gammu (libgammu).

Reads one JSON object per line on stdin: {"text", "unicode", "number", "layout"} where layout is
"Submit" or "Deliver", and writes one JSON line per input: {"ok": true, "pdus": [hex, ...]} with
each PDU starting with its SMSC field, or {"ok": false, "error": name}.
Run with Debian's /usr/bin/python3, which has the gammu module.
"""
import datetime
import json
import sys

import gammu

SMSC = "+491710760000"
# A fixed service centre time so Deliver PDUs are reproducible.
TIMESTAMP = datetime.datetime(2025, 6, 1, 12, 30, 45)


def encode(request):
    info = {
        "Class": -1,
        "Unicode": request["unicode"],
        "Entries": [{"ID": "ConcatenatedTextLong", "Buffer": request["text"]}],
    }
    pdus = []
    for message in gammu.EncodeSMS(info):
        message["SMSC"] = {"Location": 0, "Number": SMSC}
        message["Number"] = request["number"]
        message["DateTime"] = TIMESTAMP
        message["Type"] = request["layout"]
        pdus.append(gammu.EncodePDU(message, request["layout"]).hex().upper())
    return pdus


def main():
    out = sys.stdout
    for line in sys.stdin:
        try:
            result = {"ok": True, "pdus": encode(json.loads(line))}
        except Exception as error:  # gammu raises its own error classes per failure
            result = {"ok": False, "error": type(error).__name__}
        out.write(json.dumps(result) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
