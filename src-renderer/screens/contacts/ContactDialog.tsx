import { useState } from 'react';
import type { ContactRow } from '../../../src-shared/api/methods/contacts';
import { useApi } from '../../app/api-context';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useTranslation } from '../../i18n/use-translation';
import { formatPhoneNumber } from '../../components/phone-format';
import { PrivacyPanel } from './PrivacyPanel';
import { useHasRole } from '../auth/auth-store';

interface FieldDraft {
  id: number;
  name: string;
  value: string;
}

let nextFieldId = 1;
let timeZones: string[] | undefined;
/** The zones this runtime knows, read once (about 400). */
const knownTimeZones = () => (timeZones ??= Intl.supportedValuesOf('timeZone'));
const toDrafts = (fields: Record<string, string>): FieldDraft[] => Object.entries(fields).map(([name, value]) => ({ id: nextFieldId++, name, value }));

/** Adds a contact by hand (contact = null) or edits one; editing also offers opt-out and delete. */
export function ContactDialog({
  contact,
  listId,
  onClose,
  onSaved,
  onDelete,
  onOptOut,
  onErased,
}: {
  contact: ContactRow | null;
  /** The list a new contact goes into, if one is open. */
  listId: number | null;
  onClose: () => void;
  onSaved: (contact: ContactRow) => void;
  onDelete: (contact: ContactRow) => void;
  onOptOut: (contact: ContactRow) => void;
  /** After an erasure from the privacy panel (export, consent history, erase). */
  onErased: (contact: ContactRow) => void;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const [phone, setPhone] = useState(contact?.phoneE164 ?? '');
  const [name, setName] = useState(contact?.name ?? '');
  const [fields, setFields] = useState<FieldDraft[]>(() => toDrafts(contact?.fields ?? {}));
  const [timeZone, setTimeZone] = useState(contact?.timeZone ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const [privacyOpen, setPrivacyOpen] = useState<'overview' | 'erase' | null>(null);
  const canErase = useHasRole('admin');
  const initialFields = JSON.stringify(Object.entries(contact?.fields ?? {}));
  const dirty =
    phone !== (contact?.phoneE164 ?? '') ||
    name !== (contact?.name ?? '') ||
    timeZone !== (contact?.timeZone ?? '') ||
    JSON.stringify(fields.map((field) => [field.name, field.value])) !== initialFields;
  // Escape, × or a click beside the dialog must not throw away what was typed.
  const requestClose = () => (dirty ? setConfirmDiscard(true) : onClose());

  const save = async () => {
    const record: Record<string, string> = {};
    for (const field of fields) if (field.name.trim() !== '') record[field.name.trim()] = field.value;
    setSaving(true);
    setError(null);
    try {
      const saved = contact
        ? await api.call('contacts.update', { id: contact.id, name: name.trim() || null, fields: record, timeZone: timeZone || null })
        : await api.call('contacts.create', { phone, name: name.trim() || null, fields: record, ...(listId !== null ? { listIds: [listId] } : {}) });
      onSaved(saved);
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
      setSaving(false);
    }
  };

  return (
    <Dialog
      title={contact ? t('contacts.editTitle') : t('contacts.addTitle')}
      onClose={requestClose}
      testId="contact-dialog"
      footer={
        <>
          {contact ? (
            <div className="dialog__footer-start">
              {!contact.optedOut ? (
                <button type="button" className="button button--secondary" onClick={() => onOptOut(contact)}>
                  {t('contacts.addToOptOut')}
                </button>
              ) : null}
              <button type="button" className="button button--ghost-danger" onClick={() => onDelete(contact)}>
                {t('common.delete')}
              </button>
            </div>
          ) : null}
          <button type="button" className="button button--secondary" onClick={requestClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="contact-form" className="button" disabled={saving}>
            {saving ? t('common.saving') : t('common.save')}
          </button>
        </>
      }
    >
      <form
        id="contact-form"
        className="form-grid"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor="contact-phone">{t('contacts.column.phone')}</label>
          {contact ? (
            <div className="field__static">
              <span className="mono-number">{formatPhoneNumber(contact.phoneE164)}</span>
              {contact.optedOut ? <Badge tone="danger">{t('contacts.optedOut')}</Badge> : null}
            </div>
          ) : (
            <>
              <input id="contact-phone" type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} required data-autofocus />
              <span className="field__help">{t('contacts.phoneHelp')}</span>
            </>
          )}
        </div>
        <div className="field">
          <label htmlFor="contact-name">{t('contacts.column.name')}</label>
          <input id="contact-name" type="text" value={name} onChange={(event) => setName(event.target.value)} {...(contact ? { 'data-autofocus': true } : {})} />
        </div>
        {contact ? (
          <div className="field">
            <label htmlFor="contact-time-zone">{t('consent.timeZone.label')}</label>
            <select id="contact-time-zone" value={timeZone} onChange={(event) => setTimeZone(event.target.value)} data-testid="contact-time-zone">
              <option value="">{t('consent.timeZone.fromNumber')}</option>
              {knownTimeZones().map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <span className="field__help">{t('consent.timeZone.help')}</span>
          </div>
        ) : null}
        <fieldset className="field">
          <legend>{t('contacts.mergeFields')}</legend>
          {fields.length === 0 ? <p className="muted">{t('contacts.noFields')}</p> : null}
          <div className="field-rows">
            {fields.map((field, index) => (
              <div className="field-row" key={field.id}>
                <input
                  type="text"
                  aria-label={t('contacts.fieldName', { number: index + 1 })}
                  placeholder={t('contacts.fieldNamePlaceholder')}
                  value={field.name}
                  onChange={(event) => setFields(fields.map((f) => (f.id === field.id ? { ...f, name: event.target.value } : f)))}
                />
                <input
                  type="text"
                  aria-label={t('contacts.fieldValue', { name: field.name || index + 1 })}
                  value={field.value}
                  onChange={(event) => setFields(fields.map((f) => (f.id === field.id ? { ...f, value: event.target.value } : f)))}
                />
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('contacts.removeField', { name: field.name || index + 1 })}
                  onClick={() => setFields(fields.filter((f) => f.id !== field.id))}
                >
                  ×
                </button>
              </div>
            ))}
          </div>
          <button type="button" className="button button--small button--secondary" onClick={() => setFields([...fields, { id: nextFieldId++, name: '', value: '' }])}>
            {t('contacts.addField')}
          </button>
        </fieldset>
        {contact ? (
          <div className="erase-box">
            <div>
              <strong>{t('contacts.eraseTitle')}</strong>
              <p className="muted small">{t('contacts.eraseHelp')}</p>
            </div>
            <div className="erase-box__actions">
              <button type="button" className="button button--small button--secondary" onClick={() => setPrivacyOpen('overview')}>
                {t('privacy.open')}
              </button>
              {canErase ? (
                <button type="button" className="button button--small button--ghost-danger" onClick={() => setPrivacyOpen('erase')}>
                  {t('contacts.erase')}
                </button>
              ) : null}
            </div>
          </div>
        ) : null}
        {contact && privacyOpen ? (
          <PrivacyPanel contact={contact} startAtErase={privacyOpen === 'erase'} onClose={() => setPrivacyOpen(null)} onErased={onErased} />
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {confirmDiscard ? (
          <div className="notice notice--warn" role="alert" data-testid="discard-changes">
            <strong>{t('contacts.unsaved')}</strong>
            <div className="notice__actions">
              <button type="button" className="button button--small button--secondary" onClick={() => setConfirmDiscard(false)} autoFocus>
                {t('contacts.keepEditing')}
              </button>
              <button type="button" className="button button--small button--danger" onClick={onClose}>
                {t('contacts.discard')}
              </button>
            </div>
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
