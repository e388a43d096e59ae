# Writes the CSV fixtures in this folder (run: python3 make-fixtures.py). Kept so a fixture can be
# changed deliberately; the files themselves are committed and read by src-main/contacts tests.
import random
# 1. UTF-8 with BOM, comma, header in English; a duplicate in another notation, an invalid number.
rows = [
 "Name,Phone,City,Note",
 "Anna Schmidt,+49 151 23456701,Berlin,",
 "李伟,+86 138 0013 8000,北京,VIP",
 "Zoë Brontë,0151 23456702,Köln,\"likes \"\"quotes\"\"\"",
 "Anna Again,+4915123456701,Berlin,duplicate of row 2",
 "Nobody,n/a,Hamburg,",
 "Jörg Weiß,0049 151 23456703,München,",
]
open("utf8-bom-comma.csv","wb").write(b"\xef\xbb\xbf" + ("\n".join(rows)+"\n").encode("utf-8"))

# 2. German Excel: Windows-1252, semicolon, CRLF, umlauts and ß.
rows = [
 "Vorname;Nachname;Handy;Straße;Ort",
 "Jörg;Müller;0170 1234567;Hauptstraße 1;Köln",
 "Bärbel;Größe;0171/2345678;Äußere Str. 5;Düsseldorf",
 "Ümit;Öztürk;+49 172 3456789;Ölweg 3;Würzburg",
 "Åsa;Ærø;01734567890;;Flensburg",
]
open("excel-de-windows1252.csv","wb").write(("\r\n".join(rows)+"\r\n").encode("cp1252"))

# 3. Excel "Unicode text": UTF-16 LE with BOM, tab-separated.
rows = ["Name\tMobil\tStadt", "Jörg Müller\t0170 1234567\tKöln", "王芳\t+86 139 1234 5678\t上海", "Łukasz Żółw\t+48 512 345 678\tKraków"]
open("excel-unicode-utf16le.txt","wb").write(b"\xff\xfe" + ("\r\n".join(rows)+"\r\n").encode("utf-16-le"))

# 4. UTF-16 LE without BOM (recognised by its zero bytes), comma.
rows = ["phone,name", "+4915123456711,Eins", "+4915123456712,Zwei"]
open("utf16le-no-bom.csv","wb").write(("\n".join(rows)+"\n").encode("utf-16-le"))

# 5. TSV without a header row.
rows = ["+49 151 23456721\tErika\tMusterfrau", "+49 151 23456722\tMax\tMustermann", "0151 23456723\tLisa\tMeier"]
open("no-header.tsv","wb").write(("\n".join(rows)+"\n").encode("utf-8"))

# 6. Quoted fields with embedded newlines, delimiters and quotes.
rows = [
 'Mobile;Name;Comment',
 '"+49 151 23456731";"Müller; Hans";"first line',
 'second line; with delimiter"',
 '+49 151 23456732;"Dr. ""Doc"" Brown";"a ""quoted"" word"',
 '"+49 151 23456733";"Smith, Jane";""',
]
open("quoted-fields.csv","wb").write(("\n".join(rows)+"\n").encode("utf-8"))

# 7. Ragged rows: too few and too many fields; trailing delimiters are fine.
rows = [
 "Telefon,Vorname,Nachname",
 "+49 151 23456741,Anna,Alt",
 "+49 151 23456742,Bernd",
 "+49 151 23456743,Clara,Cremer,extra,fields",
 "+49 151 23456744,Dora,Dorn,,",
 "+49 151 23456745,Emil,Ernst",
]
open("ragged-rows.csv","wb").write(("\n".join(rows)+"\n").encode("utf-8"))

# 8. Binary garbage (deterministic).
rnd = random.Random(42)
open("binary-garbage.csv","wb").write(bytes(rnd.randrange(256) for _ in range(8192)))

# 9. Empty file.
open("empty.csv","wb").write(b"")

# 10. A quote opened near the end and never closed.
rows = ["phone,name", "+49 151 23456751,Ok", "+49 151 23456752,\"Never closed", "+49 151 23456753,Lost"]
open("unterminated-quote.csv","wb").write(("\n".join(rows)+"\n").encode("utf-8"))
