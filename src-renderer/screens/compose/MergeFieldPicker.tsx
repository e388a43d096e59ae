import { useTranslation } from '../../i18n/use-translation';

/** Buttons that put {{Field}} where the cursor is. */
export function MergeFieldPicker({ fields, onInsert }: { fields: string[]; onInsert: (placeholder: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="merge-fields" role="group" aria-label={t('compose.insertField')}>
      <span className="merge-fields__label">{t('compose.insertField')}</span>
      {fields.map((field) => (
        <button key={field} type="button" className="chip chip--button" onClick={() => onInsert(`{{${field}}}`)}>
          {`{{${field}}}`}
        </button>
      ))}
    </div>
  );
}
