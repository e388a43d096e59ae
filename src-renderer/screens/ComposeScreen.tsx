import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiResult } from '../../src-shared/api';
import { templateValuesOf, type RecipientPreview } from '../../src-shared/api/methods/compose';
import type { ContactRow } from '../../src-shared/api/methods/contacts';
import { parseTemplate, renderTemplate } from '../../src-shared/template';
import { useApi } from '../app/api-context';
import { EmptyState } from '../components/EmptyState';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { useFormat } from '../i18n/use-format';
import { useTranslation } from '../i18n/use-translation';
import { useComposeStore } from '../state/compose-store';
import { useContactListsStore } from '../state/contact-lists-store';
import { useNavigationStore } from '../state/navigation-store';
import { CostEstimate } from './compose/CostEstimate';
import { MergeFieldPicker } from './compose/MergeFieldPicker';
import { MessageCounter } from './compose/MessageCounter';
import { RecipientPreviewList } from './compose/RecipientPreviewList';
import { TestSendPanel } from './compose/TestSendPanel';
import { LinkWarnings } from './compose/LinkWarnings';
import { UnicodeWarning } from './compose/UnicodeWarning';

const PREVIEW_RECIPIENTS = 10;

interface ServicePreview {
  key: string;
  recipients: RecipientPreview[];
  estimate: ApiResult<'compose.estimate'>;
}

export function ComposeScreen() {
  const api = useApi();
  const { t } = useTranslation();
  const format = useFormat();
  const goTo = useNavigationStore((state) => state.goTo);
  const { summary, error: listsError, reload } = useContactListsStore();
  const { template, listId: storedListId, setTemplate, setListId } = useComposeStore();
  const editor = useRef<HTMLTextAreaElement>(null);
  const [listFields, setListFields] = useState<{ listId: number; fields: string[] } | null>(null);
  const [sample, setSample] = useState<{ listId: number; contact: ContactRow | null } | null>(null);
  const [preview, setPreview] = useState<ServicePreview | null>(null);
  const [previewError, setPreviewError] = useState<Error | null>(null);

  useEffect(() => {
    void reload(api);
  }, [api, reload]);

  const lists = summary?.lists ?? [];
  const list = lists.find((candidate) => candidate.id === storedListId) ?? lists[0] ?? null;
  const listId = list?.id ?? null;
  const previewKey = JSON.stringify([listId, template]);

  // The list's merge fields for the picker, and the first recipient's values, so the counter
  // counts the message as that person gets it.
  useEffect(() => {
    if (listId === null) return;
    let current = true;
    api.call('contacts.search', { listId, offset: 0, limit: 1 }).then(
      (page) => current && setSample({ listId, contact: page.contacts[0] ?? null }),
      () => current && setSample({ listId, contact: null }),
    );
    api.call('contacts.listFields', { listId }).then(
      (result) => current && setListFields({ listId, fields: result.fields }),
      () => current && setListFields({ listId, fields: [] }),
    );
    return () => {
      current = false;
    };
  }, [api, listId]);

  // The service renders the preview and the estimate once typing pauses.
  useEffect(() => {
    if (listId === null || template.trim() === '') return;
    let current = true;
    const timer = setTimeout(() => {
      Promise.all([
        api.call('compose.preview', { template, listId, limit: PREVIEW_RECIPIENTS }),
        api.call('compose.estimate', { template, listId }),
      ]).then(
        ([rendered, estimate]) => {
          if (!current) return;
          setPreview({ key: previewKey, recipients: rendered.recipients, estimate });
          setPreviewError(null);
        },
        (reason: unknown) => current && setPreviewError(reason instanceof Error ? reason : new Error(String(reason))),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, listId, template, previewKey]);

  const sampleContact = sample && sample.listId === listId ? sample.contact : null;
  const sampleText = useMemo(() => (sampleContact ? renderTemplate(template, templateValuesOf(sampleContact)).text : template), [sampleContact, template]);
  const problems = useMemo(() => parseTemplate(template).problems, [template]);
  const knownFields = listFields && listFields.listId === listId ? listFields.fields : null;
  const fields = useMemo(() => {
    const names = new Set(knownFields ?? []);
    for (const builtIn of ['Name', 'Phone']) names.add(builtIn);
    return [...names];
  }, [knownFields]);
  const unknownFields = useMemo(() => {
    if (!knownFields) return [];
    const known = new Set(fields.map((field) => field.trim().toLowerCase()));
    return parseTemplate(template)
      .fields.filter((field) => !known.has(field.trim().toLowerCase()))
      .filter((field) => !template.includes(`{{${field}|`));
  }, [fields, knownFields, template]);

  const insert = (placeholder: string) => {
    const box = editor.current;
    const start = box?.selectionStart ?? template.length;
    const end = box?.selectionEnd ?? template.length;
    setTemplate(template.slice(0, start) + placeholder + template.slice(end));
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  };

  if (summary && lists.length === 0) {
    return (
      <>
        <ScreenHeader title={t('compose.title')} />
        <EmptyState
          icon="compose"
          title={t('compose.noLists.title')}
          actions={
            <button type="button" className="button" onClick={() => goTo('contacts')}>
              {t('compose.noLists.action')}
            </button>
          }
        >
          {t('compose.noLists.body')}
        </EmptyState>
      </>
    );
  }

  const writing = template.trim() !== '';
  const current = writing && preview?.key === previewKey ? preview : null;
  const shown = writing ? (current ?? preview) : null;
  const waitingText = writing ? t('compose.previewNeedsList') : t('compose.writeFirst');
  return (
    <>
      <ScreenHeader title={t('compose.title')} />
      {listsError ? <ErrorNotice error={listsError} onRetry={() => void reload(api)} /> : null}
      <div className="compose-layout">
        <section className="panel compose-editor" aria-labelledby="compose-message-title">
          <h2 id="compose-message-title">{t('compose.message')}</h2>
          <div className="field field--wide">
            <label htmlFor="compose-list">{t('compose.sendTo')}</label>
            <select id="compose-list" value={listId ?? ''} onChange={(event) => setListId(Number(event.target.value))}>
              {lists.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {t('compose.listOption', { name: candidate.name, count: format.number(candidate.memberCount) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field field--wide">
            <label htmlFor="compose-text">{t('compose.text')}</label>
            <MergeFieldPicker fields={fields} onInsert={insert} />
            <textarea
              id="compose-text"
              ref={editor}
              className="compose-text"
              rows={7}
              value={template}
              placeholder={t('compose.placeholder')}
              onChange={(event) => setTemplate(event.target.value)}
              aria-describedby="compose-counter"
            />
            <div id="compose-counter">
              <MessageCounter text={sampleText} sampleFor={sampleContact && template.includes('{{') ? (sampleContact.name ?? sampleContact.phoneE164) : null} />
            </div>
          </div>
          {problems.map((problem) => (
            <p key={`${problem.kind}-${problem.at}`} className="field__help field__help--warn">
              {problem.kind === 'unclosed-field' ? t('compose.unclosedField') : t('compose.emptyFieldName')}
            </p>
          ))}
          {unknownFields.length > 0 ? (
            <p className="field__help field__help--warn" data-testid="unknown-fields">
              {t('compose.unknownFields', { fields: unknownFields.join(', ') })}
            </p>
          ) : null}
          <UnicodeWarning template={template} onReplace={setTemplate} />
          <LinkWarnings template={template} />
        </section>
        <div className="compose-side">
          <section className="panel" aria-labelledby="compose-cost-title">
            <h2 id="compose-cost-title">{t('compose.costTitle')}</h2>
            <CostEstimate estimate={shown?.estimate ?? null} loading={writing && current === null} emptyText={waitingText} />
          </section>
          <section className="panel" aria-labelledby="compose-preview-title">
            <h2 id="compose-preview-title">{t('compose.previewTitle', { count: PREVIEW_RECIPIENTS })}</h2>
            {previewError ? <ErrorNotice error={previewError} /> : null}
            <RecipientPreviewList recipients={shown?.recipients ?? null} loading={writing && current === null} emptyText={waitingText} />
          </section>
          <TestSendPanel text={sampleText} />
        </div>
      </div>
    </>
  );
}
