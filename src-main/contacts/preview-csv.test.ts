import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContactImportError } from './import-error';
import { previewCsv } from './preview-csv';

const fixture = (name: string) => fileURLToPath(new URL(`../../test-fixtures/csv/${name}`, import.meta.url));

describe('previewCsv', () => {
  it('reads a UTF-8 file with BOM: comma, header, phone column by title', async () => {
    const preview = await previewCsv(fixture('utf8-bom-comma.csv'), { defaultCountry: 'DE' });
    expect(preview).toMatchObject({ encoding: 'utf-8', delimiter: ',', hasHeader: true, columns: ['Name', 'Phone', 'City', 'Note'], guessedPhoneColumn: 1, guessedNameColumns: [0] });
    expect(preview.rows[0]).toEqual(['Anna Schmidt', '+49 151 23456701', 'Berlin', '']);
    expect(preview.rows[1]?.[0]).toBe('李伟');
    expect(preview.rows[2]?.[3]).toBe('likes "quotes"');
  });

  it('reads what German Excel writes: Windows-1252, semicolons, umlauts, "Handy"', async () => {
    const preview = await previewCsv(fixture('excel-de-windows1252.csv'));
    expect(preview).toMatchObject({ encoding: 'windows-1252', delimiter: ';', hasHeader: true, guessedPhoneColumn: 2, guessedNameColumns: [0, 1] });
    expect(preview.columns).toEqual(['Vorname', 'Nachname', 'Handy', 'Straße', 'Ort']);
    expect(preview.rows[0]).toEqual(['Jörg', 'Müller', '0170 1234567', 'Hauptstraße 1', 'Köln']);
    expect(preview.rows[3]?.[0]).toBe('Åsa');
  });

  it('reads Excel "Unicode text": UTF-16 LE with BOM and tabs', async () => {
    const preview = await previewCsv(fixture('excel-unicode-utf16le.txt'));
    expect(preview).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', hasHeader: true, columns: ['Name', 'Mobil', 'Stadt'], guessedPhoneColumn: 1 });
    expect(preview.rows[1]).toEqual(['王芳', '+86 139 1234 5678', '上海']);
  });

  it('recognises UTF-16 without a BOM by its zero bytes', async () => {
    const preview = await previewCsv(fixture('utf16le-no-bom.csv'));
    expect(preview).toMatchObject({ encoding: 'utf-16le', delimiter: ',', columns: ['phone', 'name'], guessedPhoneColumn: 0 });
  });

  it('sees that a file has no header row and finds the phone column by its content', async () => {
    const preview = await previewCsv(fixture('no-header.tsv'));
    expect(preview).toMatchObject({ delimiter: '\t', hasHeader: false, columns: ['Column 1', 'Column 2', 'Column 3'], guessedPhoneColumn: 0 });
    expect(preview.rows).toHaveLength(3);
  });

  it('keeps quoted delimiters and line breaks inside their field', async () => {
    const preview = await previewCsv(fixture('quoted-fields.csv'));
    expect(preview.delimiter).toBe(';');
    expect(preview.rows[0]).toEqual(['+49 151 23456731', 'Müller; Hans', 'first line\nsecond line; with delimiter']);
    expect(preview.rows[1]?.[1]).toBe('Dr. "Doc" Brown');
  });

  it('guesses phone columns titled in other languages', async () => {
    const { guessColumns } = await import('./sniff-table');
    const body = [['x', '+49 151 23456701', 'y']];
    for (const title of ['Téléphone portable', 'Teléfono móvil', 'Celular', '手机号码', '电话', 'Rufnummer', 'Mobile number']) {
      expect(guessColumns([['Name', title, 'Other'], ...body], 'DE').phoneColumn).toBe(1);
    }
  });

  it('refuses an empty file and binary data in plain words', async () => {
    await expect(previewCsv(fixture('empty.csv'))).rejects.toMatchObject({ code: 'empty-file', message: expect.stringMatching(/empty/) });
    const binary = previewCsv(fixture('binary-garbage.csv'));
    await expect(binary).rejects.toBeInstanceOf(ContactImportError);
    await expect(binary).rejects.toMatchObject({ code: 'binary-file', message: expect.stringMatching(/does not look like a CSV/) });
    await expect(previewCsv(fixture('does-not-exist.csv'))).rejects.toMatchObject({ code: 'file-unreadable' });
  });
});
