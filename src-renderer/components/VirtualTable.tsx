import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollTopForRow, visibleRows } from './virtual-rows';

export interface VirtualTableColumn {
  key: string;
  label: string;
  /** A CSS grid track, e.g. "minmax(140px, 1fr)". */
  width: string;
}

/**
 * A table that draws only the rows in view, so a million rows scroll as smoothly as ten. The
 * rows' data is fetched by the owner (page by page, from the service) as `onRangeChange` reports
 * what is in view. Arrow keys, Page Up/Down, Home and End move the active row; Enter and Delete
 * are passed to the owner.
 */
export function VirtualTable({
  label,
  columns,
  rowCount,
  rowHeight = 44,
  renderCells,
  onRangeChange,
  onOpen,
  onDelete,
  testId,
}: {
  label: string;
  columns: VirtualTableColumn[];
  rowCount: number;
  rowHeight?: number;
  /** Cells of row `index`, or null while its page is loading. */
  renderCells: (index: number) => ReactNode[] | null;
  onRangeChange: (first: number, lastExclusive: number) => void;
  onOpen?: (index: number) => void;
  onDelete?: (index: number) => void;
  testId?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ scrollTop: 0, height: 480 });
  const [chosen, setActive] = useState(0);
  // A shorter result (a new search) keeps the active row inside the table.
  const active = Math.min(chosen, Math.max(0, rowCount - 1));
  const focusActive = useRef(false);
  const template = columns.map((column) => column.width).join(' ');

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport({ scrollTop: element.scrollTop, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const rows = visibleRows({ scrollTop: viewport.scrollTop, viewportHeight: viewport.height, rowCount, rowHeight });
  const last = rows.first + rows.count;

  useEffect(() => {
    onRangeChange(rows.first, last);
  }, [rows.first, last, onRangeChange]);

  useEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    scroller.current?.querySelector<HTMLElement>(`[data-row-index="${active}"]`)?.focus({ preventScroll: true });
  });

  const moveTo = useCallback(
    (index: number) => {
      const element = scroller.current;
      if (!element || rowCount === 0) return;
      const target = Math.min(rowCount - 1, Math.max(0, index));
      element.scrollTop = scrollTopForRow({ index: target, scrollTop: element.scrollTop, viewportHeight: element.clientHeight, rowCount, rowHeight });
      setViewport({ scrollTop: element.scrollTop, height: element.clientHeight });
      focusActive.current = true;
      setActive(target);
    },
    [rowCount, rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!(event.target instanceof HTMLElement) || event.target.dataset.rowIndex === undefined) return;
    const page = Math.max(1, Math.floor(viewport.height / rowHeight) - 1);
    const moves: Record<string, number> = { ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + page, PageUp: active - page, Home: 0, End: rowCount - 1 };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      moveTo(next);
    } else if (event.key === 'Enter' && onOpen) {
      event.preventDefault();
      onOpen(active);
    } else if (event.key === 'Delete' && onDelete) {
      event.preventDefault();
      onDelete(active);
    }
  };

  // The active row may have scrolled out of view; then the first drawn row keeps the table reachable by Tab.
  const tabbable = active >= rows.first && active < last ? active : rows.first;
  const drawn: ReactNode[] = [];
  for (let offset = 0; offset < rows.count; offset++) {
    const index = rows.first + offset;
    const cells = renderCells(index);
    drawn.push(
      <div
        // Keyed by position, so a row keeps its element (and focus) when its data arrives.
        key={index}
        role="row"
        aria-rowindex={index + 2}
        className={index === active ? 'vtable__row vtable__row--active' : 'vtable__row'}
        style={{ top: rows.firstTop + offset * rowHeight, height: rowHeight, gridTemplateColumns: template }}
        tabIndex={index === tabbable ? 0 : -1}
        data-row-index={index}
        onFocus={() => setActive(index)}
        onDoubleClick={() => onOpen?.(index)}
      >
        {cells
          ? cells.map((cell, column) => (
              <div role="cell" key={columns[column]?.key ?? column} className="vtable__cell">
                {cell}
              </div>
            ))
          : columns.map((column) => (
              <div role="cell" key={column.key} className="vtable__cell">
                <span className="skeleton" />
              </div>
            ))}
      </div>,
    );
  }

  return (
    <div className="vtable" role="table" aria-label={label} aria-rowcount={rowCount + 1} data-testid={testId}>
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="vtable__head" style={{ gridTemplateColumns: template }}>
          {columns.map((column) => (
            <div role="columnheader" key={column.key} className="vtable__cell">
              {column.label}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="vtable__scroller"
        role="rowgroup"
        onScroll={(event) => setViewport({ scrollTop: event.currentTarget.scrollTop, height: event.currentTarget.clientHeight })}
        onKeyDown={onKeyDown}
      >
        <div className="vtable__spacer" style={{ height: rows.scrollHeight }}>
          {drawn}
        </div>
      </div>
    </div>
  );
}
