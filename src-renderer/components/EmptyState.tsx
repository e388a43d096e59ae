import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export function EmptyState({
  icon,
  title,
  children,
  actions,
}: {
  icon: IconName;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-state__icon">
        <Icon name={icon} size={40} />
      </div>
      <h2>{title}</h2>
      <p>{children}</p>
      {actions ? <div className="empty-state__actions">{actions}</div> : null}
    </section>
  );
}
