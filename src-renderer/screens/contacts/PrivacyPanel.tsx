import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import type { ContactRow } from '../../../src-shared/api/methods/contacts';
import { useApi } from '../../app/api-context';
import { saveDownloadedFile } from '../../api/save-download';
import { Badge } from '../../components/Badge';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPhoneNumber } from '../../components/phone-format';
import { useFormat } from '../../i18n/use-format';
import { useTranslation } from '../../i18n/use-translation';
import { useHasRole } from '../auth/auth-store';
import { ConsentForm, keepEnterInside } from './ConsentForm';

type PersonSummary = ApiResult<'privacy.person'>;

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));

/** One contact's data-subject rights: what is held (consent history, counts), export it, erase it. */
export function PrivacyPanel({
  contact,
  onClose,
  onErased,
  startAtErase = false,
}: {
  contact: ContactRow;
  onClose: () => void;
  onErased: (contact: ContactRow) => void;
  /** Opened from "Erase completely": the confirmation with its reason is shown at once. */
  startAtErase?: boolean;
}) {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const who = contact.name ?? formatPhoneNumber(contact.phoneE164);
  const [summary, setSummary] = useState<PersonSummary | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<'json' | 'csv' | 'erase' | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(startAtErase);
  const [reason, setReason] = useState(t('privacy.eraseReasonDefault'));
  const canRecordConsent = useHasRole('sender');
  const canErase = useHasRole('admin');
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<number | null>(null);
  const [withdrawSource, setWithdrawSource] = useState('');
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    api.call('privacy.person', { contactId: contact.id }).then(
      (result) => live && setSummary(result),
      (reason: unknown) => live && setError(asError(reason)),
    );
    return () => {
      live = false;
    };
  }, [api, contact.id, revision]);

  const withdraw = async (purpose: 'service' | 'marketing') => {
    setError(null);
    try {
      await api.call('contacts.withdrawConsent', { contactId: contact.id, purpose, source: withdrawSource.trim() });
      setWithdrawing(null);
      setWithdrawSource('');
      setRevision((value) => value + 1);
    } catch (reason) {
      setError(asError(reason));
    }
  };

  const exportAs = async (formatName: 'json' | 'csv') => {
    setBusy(formatName);
    setError(null);
    try {
      const result = await api.call('privacy.exportPerson', { contactId: contact.id, format: formatName });
      saveDownloadedFile(await api.download(result.downloadId));
      setExported(result.name);
    } catch (reason) {
      setError(asError(reason));
    } finally {
      setBusy(null);
    }
  };

  const erase = async () => {
    setBusy('erase');
    setError(null);
    try {
      await api.call('privacy.erasePerson', { contactId: contact.id, reason: reason.trim() });
      onErased(contact);
    } catch (reason) {
      setError(asError(reason));
      setBusy(null);
    }
  };

  return (
    <Dialog title={t('privacy.title', { who })} onClose={onClose} wide testId="privacy-panel">
      <div className="privacy-panel">
        {summary === null && error === null ? <p className="muted">{t('privacy.loading')}</p> : null}
        {summary ? (
          <>
            <section aria-labelledby="privacy-summary">
              <h3 id="privacy-summary">{t('privacy.summaryTitle')}</h3>
              <dl className="privacy-panel__counts">
                <div>
                  <dt>{t('privacy.messagesSent')}</dt>
                  <dd data-testid="privacy-messages">{summary.messages}</dd>
                </div>
                <div>
                  <dt>{t('privacy.replies')}</dt>
                  <dd>{summary.replies}</dd>
                </div>
                <div>
                  <dt>{t('privacy.autoReplies')}</dt>
                  <dd>{summary.autoReplies}</dd>
                </div>
                <div>
                  <dt>{t('privacy.optOutEvents')}</dt>
                  <dd>{summary.optOutEvents}</dd>
                </div>
              </dl>
              <p>{summary.onOptOutList ? <Badge tone="warn">{t('privacy.onOptOutList')}</Badge> : <span className="muted small">{t('privacy.notOnOptOutList')}</span>}</p>
            </section>
            <section aria-labelledby="privacy-consent">
              <h3 id="privacy-consent">{t('privacy.consentTitle')}</h3>
              {summary.consents.length === 0 ? <p className="muted">{t('privacy.consentNone')}</p> : null}
              <ul className="privacy-panel__consents">
                {summary.consents.map((consent) => (
                  <li key={consent.id}>
                    <div className="privacy-panel__consent-head">
                      <strong>
                        {t(`privacy.consentPurpose.${consent.purpose === 'marketing' ? 'marketing' : 'service'}`)} · {t(`privacy.consentBasis.${consent.basis === 'consent' ? 'consent' : 'existing-customer'}`)}
                      </strong>
                      {consent.withdrawnAt ? <Badge tone="neutral">{t('privacy.consentWithdrawn', { at: format.dateTime(consent.withdrawnAt) })}</Badge> : <Badge tone="ok">{t('privacy.consentActive')}</Badge>}
                    </div>
                    <p className="small">{t('privacy.consentGranted', { at: format.dateTime(consent.grantedAt), source: consent.source })}</p>
                    <p className="muted small">{t('privacy.consentBy', { who: consent.recordedBy })}</p>
                    {consent.wording ? <p className="muted small">{t('privacy.consentWording', { wording: consent.wording })}</p> : null}
                    {canRecordConsent && !consent.withdrawnAt && withdrawing !== consent.id ? (
                      <button type="button" className="button button--small button--ghost-danger" onClick={() => setWithdrawing(consent.id)}>
                        {t('consent.withdraw.button')}
                      </button>
                    ) : null}
                    {withdrawing === consent.id ? (
                      <div className="notice notice--warn consent-withdraw" role="alert" data-testid="consent-withdraw-confirm" onKeyDown={keepEnterInside}>
                        <strong>{t('consent.withdraw.confirmTitle', { purpose: t(`privacy.consentPurpose.${consent.purpose === 'marketing' ? 'marketing' : 'service'}`) })}</strong>
                        <p className="small">{t('consent.withdraw.confirmHelp')}</p>
                        <label className="field">
                          <span className="field__label">{t('consent.withdraw.source')}</span>
                          <input type="text" value={withdrawSource} maxLength={200} placeholder={t('consent.withdraw.sourcePlaceholder')} onChange={(event) => setWithdrawSource(event.target.value)} />
                        </label>
                        <div className="notice__actions">
                          <button type="button" className="button button--small button--secondary" onClick={() => setWithdrawing(null)}>
                            {t('consent.record.cancel')}
                          </button>
                          <button type="button" className="button button--small button--danger" disabled={withdrawSource.trim() === ''} onClick={() => void withdraw(consent.purpose === 'marketing' ? 'marketing' : 'service')}>
                            {t('consent.withdraw.confirm')}
                          </button>
                        </div>
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
              {canRecordConsent && !recording ? (
                <button type="button" className="button button--small button--secondary" onClick={() => setRecording(true)}>
                  {t('consent.record.open')}
                </button>
              ) : null}
              {canRecordConsent && recording ? (
                <ConsentForm
                  contactId={contact.id}
                  onCancel={() => setRecording(false)}
                  onRecorded={() => {
                    setRecording(false);
                    setRevision((value) => value + 1);
                  }}
                />
              ) : null}
            </section>
          </>
        ) : null}
        <section aria-labelledby="privacy-export">
          <h3 id="privacy-export">{t('privacy.exportTitle')}</h3>
          <p className="muted small">{t('privacy.exportHelp')}</p>
          <div className="privacy-panel__actions">
            <button type="button" className="button button--small button--secondary" disabled={busy !== null} onClick={() => void exportAs('json')}>
              {busy === 'json' ? t('privacy.exporting') : t('privacy.exportJson')}
            </button>
            <button type="button" className="button button--small button--secondary" disabled={busy !== null} onClick={() => void exportAs('csv')}>
              {busy === 'csv' ? t('privacy.exporting') : t('privacy.exportCsv')}
            </button>
          </div>
          {exported ? (
            <p className="small" role="status" data-testid="privacy-exported">
              {t('privacy.exported', { name: exported })}
            </p>
          ) : null}
        </section>
        <section aria-labelledby="privacy-erase" className="privacy-panel__erase">
          <h3 id="privacy-erase">{t('privacy.eraseTitle')}</h3>
          {!canErase ? (
            <p className="muted small">
              {t('privacy.eraseHelp')} {t('privacy.eraseAdminOnly')}
            </p>
          ) : !confirming ? (
            <div className="erase-box">
              <p className="muted small">{t('privacy.eraseHelp')}</p>
              <button type="button" className="button button--small button--ghost-danger" onClick={() => setConfirming(true)}>
                {t('privacy.eraseButton')}
              </button>
            </div>
          ) : (
            <div className="notice notice--error" role="alert" data-testid="privacy-erase-confirm">
              <strong>{t('privacy.eraseConfirmTitle', { who })}</strong>
              <p>
                <b>{t('privacy.eraseGoes')}: </b>
                {t('privacy.eraseGoesList')}
              </p>
              <p>
                <b>{t('privacy.eraseStays')}: </b>
                {t('privacy.eraseStaysList')}
              </p>
              <p>{t('privacy.eraseCannotUndo')}</p>
              <label className="field">
                <span>{t('privacy.eraseReason')}</span>
                <input type="text" value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)} />
              </label>
              <div className="notice__actions">
                <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(false)} disabled={busy === 'erase'}>
                  {t('privacy.eraseCancel')}
                </button>
                <button type="button" className="button button--small button--danger" onClick={() => void erase()} disabled={busy !== null || reason.trim() === ''}>
                  {busy === 'erase' ? t('privacy.erasing') : t('privacy.eraseConfirm')}
                </button>
              </div>
            </div>
          )}
        </section>
        {error ? <ErrorNotice error={error} /> : null}
      </div>
    </Dialog>
  );
}
