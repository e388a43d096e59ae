import type { ReactNode } from 'react';

export function ScreenHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <header className="screen-header">
      <h1>{title}</h1>
      {actions ? <div className="screen-header__actions">{actions}</div> : null}
    </header>
  );
}
