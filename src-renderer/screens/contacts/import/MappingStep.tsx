import { useMemo, useState } from 'react';
import type { ContactListSummary, ImportConsent } from '../../../../src-shared/api/methods/contacts';
import { useFormat } from '../../../i18n/use-format';
import { useTranslation } from '../../../i18n/use-translation';
import type { MessageKey } from '../../../i18n/en';
import { ConsentField } from './ConsentField';
import type { CsvPreview } from './ImportWizard';

export interface ImportMapping {
  list: { listId: number } | { listName: string };
  country: string;
  phoneColumn: number;
  nameColumns: number[];
  consent: ImportConsent;
}

const encodingKeys: Record<CsvPreview['encoding'], MessageKey> = {
  'utf-8': 'import.encoding.utf8',
  'utf-16le': 'import.encoding.utf16',
  'utf-16be': 'import.encoding.utf16',
  'windows-1252': 'import.encoding.windows1252',
};
const delimiterKeys: Record<CsvPreview['delimiter'], MessageKey> = {
  ',': 'import.delimiter.comma',
  ';': 'import.delimiter.semicolon',
  '\t': 'import.delimiter.tab',
};
const PREVIEW_ROWS = 6;

export function MappingStep({
  preview,
  lists,
  countries,
  defaultCountry,
  starting,
  onReread,
  onBack,
  onStart,
}: {
  preview: CsvPreview;
  lists: ContactListSummary[];
  countries: string[];
  defaultCountry: string;
  starting: boolean;
  onReread: (overrides: Partial<Pick<CsvPreview, 'encoding' | 'delimiter' | 'hasHeader'>>) => void;
  onBack: () => void;
  onStart: (mapping: ImportMapping) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [phoneColumn, setPhoneColumn] = useState<number | null>(preview.guessedPhoneColumn);
  const [nameColumns, setNameColumns] = useState<number[]>(preview.guessedNameColumns);
  const [country, setCountry] = useState(defaultCountry);
  const [target, setTarget] = useState<'new' | 'existing'>('new');
  const [listName, setListName] = useState(preview.fileName.replace(/\.[^.]*$/, ''));
  const [listId, setListId] = useState<number | null>(lists[0]?.id ?? null);
  const [consent, setConsent] = useState<ImportConsent>({ kind: 'none' });
  const sortedCountries = useMemo(
    () => countries.map((code) => ({ code, name: format.country(code) })).sort((a, b) => a.name.localeCompare(b.name)),
    [countries, format],
  );
  const mergeFields = preview.columns.filter((_, index) => index !== phoneColumn);
  const nameTaken = target === 'new' && lists.some((list) => list.name === listName.trim());
  // A declared consent must say what was agreed to, or it proves nothing.
  const consentReady = !(consent.kind === 'basis' && consent.basis === 'consent' && !consent.wording?.trim()) && !(consent.kind === 'column' && consent.column === phoneColumn);
  const ready = phoneColumn !== null && consentReady && (target === 'new' ? listName.trim() !== '' && !nameTaken : listId !== null);

  return (
    <form
      className="wizard-step"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready || phoneColumn === null) return;
        onStart({
          list: target === 'new' ? { listName: listName.trim() } : { listId: listId as number },
          country,
          phoneColumn,
          nameColumns: nameColumns.filter((index) => index !== phoneColumn),
          consent,
        });
      }}
    >
      <div className="file-facts" data-testid="import-detected">
        <span className="file-facts__name">{preview.fileName}</span>
        <label>
          <span>{t('import.readAs')}</span>
          <select value={preview.encoding} onChange={(event) => onReread({ encoding: event.target.value as CsvPreview['encoding'] })} data-testid="import-encoding">
            {(['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'] as const).map((encoding) => (
              <option key={encoding} value={encoding}>
                {t(encodingKeys[encoding])}
                {encoding === 'utf-16be' ? ' (BE)' : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('import.separatedBy')}</span>
          <select value={preview.delimiter} onChange={(event) => onReread({ delimiter: event.target.value as CsvPreview['delimiter'] })} data-testid="import-delimiter">
            {([',', ';', '\t'] as const).map((delimiter) => (
              <option key={delimiter} value={delimiter}>
                {t(delimiterKeys[delimiter])}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={preview.hasHeader} onChange={(event) => onReread({ hasHeader: event.target.checked })} />
          {t('import.hasHeader')}
        </label>
      </div>

      <div className="table-scroll">
        <table className="table table--compact" data-testid="import-preview">
          <thead>
            <tr>
              {preview.columns.map((column, index) => (
                <th key={index} scope="col" className={index === phoneColumn ? 'column--phone' : undefined}>
                  {column}
                  {index === phoneColumn ? <span className="column-tag">{t('import.phoneTag')}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.slice(0, PREVIEW_ROWS).map((row, rowIndex) => (
              <tr key={rowIndex}>
                {preview.columns.map((_, index) => (
                  <td key={index} className={index === phoneColumn ? 'column--phone' : undefined}>
                    {row[index] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="form-columns">
        <div className="field">
          <label htmlFor="import-phone-column">{t('import.phoneColumn')}</label>
          <select id="import-phone-column" value={phoneColumn ?? ''} onChange={(event) => setPhoneColumn(event.target.value === '' ? null : Number(event.target.value))}>
            {phoneColumn === null ? <option value="">{t('import.choosePhone')}</option> : null}
            {preview.columns.map((column, index) => (
              <option key={index} value={index}>
                {column}
              </option>
            ))}
          </select>
          {preview.guessedPhoneColumn === null ? <span className="field__help field__help--warn">{t('import.noPhoneGuess')}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="import-country">{t('import.country')}</label>
          <select id="import-country" value={country} onChange={(event) => setCountry(event.target.value)}>
            {sortedCountries.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.name}
              </option>
            ))}
          </select>
          <span className="field__help">{t('import.countryHelp')}</span>
        </div>
      </div>

      <fieldset className="field">
        <legend>{t('import.nameFrom')}</legend>
        <div className="chips">
          {preview.columns.map((column, index) =>
            index === phoneColumn ? null : (
              <label key={index} className={nameColumns.includes(index) ? 'chip chip--on' : 'chip'}>
                <input
                  type="checkbox"
                  checked={nameColumns.includes(index)}
                  onChange={(event) => setNameColumns(event.target.checked ? [...nameColumns, index].sort((a, b) => a - b) : nameColumns.filter((n) => n !== index))}
                />
                {column}
              </label>
            ),
          )}
        </div>
        <span className="field__help">
          {t('import.mergeFieldsHelp')} {mergeFields.map((field) => `{{${field}}}`).join(' ')}
        </span>
      </fieldset>

      <ConsentField columns={preview.columns} phoneColumn={phoneColumn} value={consent} onChange={setConsent} />

      <fieldset className="field">
        <legend>{t('import.intoList')}</legend>
        <div className="radio-rows">
          <label className="radio-row">
            <input type="radio" name="import-target" checked={target === 'new'} onChange={() => setTarget('new')} />
            <span>{t('import.newList')}</span>
            <input
              type="text"
              aria-label={t('import.newListName')}
              value={listName}
              disabled={target !== 'new'}
              onChange={(event) => setListName(event.target.value)}
              data-testid="import-list-name"
            />
          </label>
          {nameTaken ? <span className="field__help field__help--warn">{t('import.listNameTaken')}</span> : null}
          <label className="radio-row">
            <input type="radio" name="import-target" checked={target === 'existing'} disabled={lists.length === 0} onChange={() => setTarget('existing')} />
            <span>{t('import.existingList')}</span>
            <select aria-label={t('import.existingList')} value={listId ?? ''} disabled={target !== 'existing'} onChange={(event) => setListId(Number(event.target.value))}>
              {lists.map((list) => (
                <option key={list.id} value={list.id}>
                  {list.name} ({format.number(list.memberCount)})
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>

      <div className="wizard-actions">
        <button type="button" className="button button--secondary" onClick={onBack}>
          {t('import.otherFile')}
        </button>
        <button type="submit" className="button" disabled={!ready || starting}>
          {t('import.start')}
        </button>
      </div>
    </form>
  );
}
