import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../src-shared/api';
import { hasOptOutHint } from '../../../src-shared/template/opt-out-hint';
import { useApi } from '../../app/api-context';
import { Dialog } from '../../components/Dialog';
import { fieldErrorTexts, fieldIssueText } from '../../app/field-issue-text';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FieldError } from '../../components/FieldError';
import { useTranslation } from '../../i18n/use-translation';
import { useCampaignsStore } from '../../state/campaigns-store';
import { useComposeStore } from '../../state/compose-store';
import { useContactListsStore } from '../../state/contact-lists-store';
import { useModemsStore } from '../../state/modems-store';
import { CampaignLimitsField } from './CampaignLimitsField';
import { CampaignPurposeField, type CampaignPurpose } from './CampaignPurposeField';
import { CampaignScheduleField, type CampaignTiming } from './CampaignScheduleField';
import { CampaignSimsField } from './CampaignSimsField';
import { campaignLimitsOf, limitsForEstimate, limitWindows, sendingSims, simLimitPlaceholder, type LimitTexts, type LimitWindow, type SimChoice } from './campaign-sims';
import { durationText } from './duration-text';
import { checkSchedule, suggestedSchedule } from './schedule-time';
import { minimumSendingMs } from './sending-time';

type Estimate = ApiResult<'campaigns.preview'>['estimate'];

// One empty list for "not loaded yet": a new [] on each read would make the store look changed on every render (React error 185).
const noLists: readonly never[] = [];

/** Fields whose refusal the dialog shows beside them rather than in the notice at the bottom. */
const fieldsShownBeside = ['name', 'listIds', 'template', 'simIds', ...limitWindows.map((window) => `limits.${window}`)];

/** Name, list and message (taken over from Compose), purpose, modems and limits, when to send, a last look at the totals, then send. */
export function NewCampaignDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const { t, language } = useTranslation();
  const draft = useComposeStore();
  const lists = useContactListsStore((state) => state.summary?.lists ?? noLists);
  const modems = useModemsStore((state) => state.modems);
  // Everything the engine may use; what the user can do about each one is on the Modems screen.
  const [simChoice, setSimChoice] = useState<SimChoice>({ mode: 'all', simIds: [] });
  const [limitTexts, setLimitTexts] = useState<LimitTexts>({ perMinute: '', perHour: '', perDay: '' });
  const [name, setName] = useState(() => t('campaigns.defaultName', { date: new Date().toLocaleDateString(language) }));
  const [listId, setListId] = useState<number | null>(draft.listId);
  const [template, setTemplate] = useState(draft.template);
  const [reports, setReports] = useState(true);
  // No purpose is chosen for the user: marketing has legal consequences they must decide on (issue 8).
  const [purpose, setPurpose] = useState<CampaignPurpose | null>(null);
  const [timing, setTiming] = useState<CampaignTiming>(() => ({ mode: 'now', ...suggestedSchedule(new Date()) }));
  // Settings keep quiet hours per purpose (issue 8); the one of the chosen purpose applies.
  const [quietHoursByPurpose, setQuietHoursByPurpose] = useState<Record<CampaignPurpose, { start: string; end: string } | null> | null>(null);
  const [respectQuietHours, setRespectQuietHours] = useState(true);
  // The estimate is shown only while it still belongs to the chosen list and text.
  const [estimated, setEstimated] = useState<{ key: string; estimate: Estimate } | null>(null);
  const draftKey = `${listId}\u0000${template}`;
  const estimate = estimated?.key === draftKey ? estimated.estimate : null;
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const sims = sendingSims(modems, simChoice);
  const chosenLimits = campaignLimitsOf(limitTexts);
  // A refused field's text goes once the person changes that field; the others stay until the next try.
  const [editedSinceRefusal, setEditedSinceRefusal] = useState<ReadonlySet<string>>(() => new Set());
  const edited = (field: string) => setEditedSinceRefusal((fields) => (fields.has(field) ? fields : new Set(fields).add(field)));
  const fieldErrors = new Map([...fieldErrorTexts(error, language)].filter(([field]) => !editedSinceRefusal.has(field)));
  const changeLimits = (next: LimitTexts) => {
    for (const window of limitWindows) if (next[window] !== limitTexts[window]) edited(`limits.${window}`);
    setLimitTexts(next);
  };
  // Typing that is no number is marked at once; numbers are judged by the service on "Create".
  const limitErrors: Partial<Record<LimitWindow, string>> = {};
  for (const window of limitWindows) {
    const typed = chosenLimits.unreadable.find((issue) => issue.path[1] === window);
    const text = typed ? fieldIssueText(typed, language) : fieldErrors.get(`limits.${window}`);
    if (text) limitErrors[window] = text;
  }
  const placeholders = Object.fromEntries(
    limitWindows.map((window) => {
      const placeholder = simLimitPlaceholder(modems, simChoice, window);
      return [window, t(placeholder.key, placeholder.values)];
    }),
  ) as Record<LimitWindow, string>;
  const sendingTime = estimate ? minimumSendingMs(estimate.totalParts, limitsForEstimate(sims, chosenLimits.limits)) : null;
  const quietHours = purpose && quietHoursByPurpose ? quietHoursByPurpose[purpose] : null;
  const schedule = timing.mode === 'later' ? checkSchedule(timing, new Date()) : null;

  useEffect(() => {
    void useContactListsStore.getState().reload(api);
    let current = true;
    api.call('settings.get', {}).then(
      ({ settings }) => {
        if (!current) return;
        const activeWindow = ({ enabled, start, end }: { enabled: boolean; start: string; end: string }) => (enabled ? { start, end } : null);
        setQuietHoursByPurpose({ service: activeWindow(settings.quietHours), marketing: activeWindow(settings.marketingQuietHours) });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (listId === null || template.trim() === '') return;
    let current = true;
    const key = `${listId}\u0000${template}`;
    const timer = setTimeout(() => {
      api.call('campaigns.preview', { template, listIds: [listId], limit: 1 }).then(
        (preview) => current && setEstimated({ key, estimate: preview.estimate }),
        // The totals are a convenience; creating the campaign reports any real problem.
        () => undefined,
      );
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, listId, template]);

  // The dialog scrolls: after a refusal the keyboard (and the eye) goes to the first field refused.
  useEffect(() => {
    if (error) document.querySelector<HTMLElement>('[data-testid="new-campaign"] [aria-invalid="true"]')?.focus();
  }, [error]);

  const create = async () => {
    if (listId === null || purpose === null) return;
    // Checked again on the click: the chosen time may have passed while the dialog stood open.
    const startCheck = timing.mode === 'later' ? checkSchedule(timing, new Date()) : null;
    if (startCheck && !startCheck.ok) return;
    setBusy(true);
    setError(null);
    setEditedSinceRefusal(new Set());
    try {
      const created = await api.call('campaigns.create', {
        name,
        template,
        listIds: [listId],
        purpose,
        startAt: startCheck?.ok ? startCheck.startAt.toISOString() : null,
        requestStatusReport: reports,
        quietHours: quietHours && respectQuietHours ? quietHours : null,
        simIds: simChoice.mode === 'chosen' ? [...simChoice.simIds] : [],
        limits: chosenLimits.limits,
      });
      await api.call('campaigns.start', { campaignId: created.campaign.id });
      useCampaignsStore.getState().upsert(await api.call('campaigns.get', { campaignId: created.campaign.id }));
      draft.setListId(listId);
      onClose();
    } catch (reason) {
      setError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setBusy(false);
    }
  };

  const incomplete =
    listId === null ||
    template.trim() === '' ||
    name.trim() === '' ||
    purpose === null ||
    (schedule !== null && !schedule.ok) ||
    (simChoice.mode === 'chosen' && simChoice.simIds.length === 0) ||
    chosenLimits.unreadable.length > 0;
  return (
    <Dialog
      title={t('campaigns.new')}
      onClose={onClose}
      testId="new-campaign"
      footer={
        <>
          {purpose === null ? <span className="muted new-campaign__missing">{t('campaigns.purposeMissing')}</span> : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="button" onClick={() => void create()} disabled={busy || incomplete}>
            {busy ? t('campaigns.creating') : timing.mode === 'later' ? t('campaigns.createAndSchedule') : t('campaigns.createAndStart')}
          </button>
        </>
      }
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor="campaign-name">{t('campaigns.name')}</label>
          <input
            id="campaign-name"
            type="text"
            value={name}
            onChange={(event) => {
              edited('name');
              setName(event.target.value);
            }}
            maxLength={200}
            aria-invalid={fieldErrors.has('name') ? true : undefined}
            aria-describedby={fieldErrors.has('name') ? 'campaign-name-error' : undefined}
          />
          <FieldError id="campaign-name-error" text={fieldErrors.get('name')} />
        </div>
        <div className="field">
          <label htmlFor="campaign-list">{t('campaigns.list')}</label>
          <select
            id="campaign-list"
            value={listId ?? ''}
            onChange={(event) => {
              edited('listIds');
              setListId(event.target.value === '' ? null : Number(event.target.value));
            }}
            aria-invalid={fieldErrors.has('listIds') ? true : undefined}
            aria-describedby={fieldErrors.has('listIds') ? 'campaign-list-error' : undefined}
          >
            <option value="">{t('campaigns.chooseList')}</option>
            {lists.map((list) => (
              <option key={list.id} value={list.id}>
                {list.name}
              </option>
            ))}
          </select>
          <FieldError id="campaign-list-error" text={fieldErrors.get('listIds')} />
        </div>
        <div className="field">
          <label htmlFor="campaign-text">{t('campaigns.message')}</label>
          <textarea
            id="campaign-text"
            rows={4}
            value={template}
            onChange={(event) => {
              edited('template');
              setTemplate(event.target.value);
            }}
            aria-invalid={fieldErrors.has('template') ? true : undefined}
            aria-describedby={fieldErrors.has('template') ? 'campaign-text-error' : undefined}
          />
          <FieldError id="campaign-text-error" text={fieldErrors.get('template')} />
          <p className="muted">{t('campaigns.messageHint')}</p>
        </div>
        <CampaignPurposeField purpose={purpose} onChange={setPurpose} optOutHintMissing={template.trim() !== '' && !hasOptOutHint(template)} />
        <CampaignSimsField
          modems={modems}
          choice={simChoice}
          onChange={(choice) => {
            edited('simIds');
            setSimChoice(choice);
          }}
          error={fieldErrors.get('simIds')}
        />
        <CampaignLimitsField texts={limitTexts} onChange={changeLimits} placeholders={placeholders} errors={limitErrors} />
        <CampaignScheduleField timing={timing} onChange={setTiming} check={schedule} />
        <label className="checkbox">
          <input type="checkbox" checked={reports} onChange={(event) => setReports(event.target.checked)} />
          {t('campaigns.requestReports')}
        </label>
        {quietHours ? (
          <label className="checkbox">
            <input type="checkbox" checked={respectQuietHours} onChange={(event) => setRespectQuietHours(event.target.checked)} />
            {t('campaigns.respectQuietHours', { start: quietHours.start, end: quietHours.end })}
          </label>
        ) : null}
      </div>
      {estimate ? (
        <div className="campaign-estimate" data-testid="campaign-estimate">
          <p>{t('campaigns.estimate', { recipients: estimate.recipients - estimate.optedOut, parts: estimate.totalParts, optedOut: estimate.optedOut })}</p>
          {sendingTime !== null ? (
            <p className="campaign-estimate__time" data-testid="campaign-sending-time">
              {sendingTime === 0 ? t('campaignDuration.unlimited') : t('campaignDuration.atLeast', { duration: durationText(sendingTime, t), sims: sims.length })}
            </p>
          ) : null}
        </div>
      ) : null}
      {sims.length === 0 ? (
        <p className="notice notice--warn" data-testid="campaign-no-sims">
          {simChoice.mode === 'chosen' && simChoice.simIds.length > 0 ? t('campaignSims.noneReady') : t('campaigns.noModems')}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} shownBesideFields={fieldsShownBeside} /> : null}
    </Dialog>
  );
}
