import { useEffect } from 'react';
import { useTranslation } from '../i18n/use-translation';
import { useToastStore, type Toast } from '../state/toast-store';

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useToastStore((state) => state.dismiss);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), toast.action ? 10_000 : 5_000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast--${toast.tone}`} role="status">
      <span>{toast.message}</span>
      {toast.action ? (
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      ) : null}
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => dismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

/** Short notices at the bottom of the window, e.g. "Contact deleted — Undo". */
export function ToastHost() {
  const toasts = useToastStore((state) => state.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
