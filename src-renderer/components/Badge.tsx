import type { ReactNode } from 'react';

export function Badge({ tone, children, title }: { tone: 'neutral' | 'ok' | 'warn' | 'danger' | 'accent'; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge--${tone}`} title={title}>
      {children}
    </span>
  );
}
