/**
 * Which rows of a very long table to draw. Browsers cap how tall an element may be (about 33.5
 * million CSS pixels in Chromium), so a million 40-pixel rows cannot simply be stacked: past
 * `maxScrollHeight` the scroll range is compressed and each scroll pixel moves over more than
 * one pixel of rows. Rows stay their real height on screen.
 */
export interface VisibleRows {
  /** Height of the element inside the scroller. */
  scrollHeight: number;
  /** Index of the first row drawn, and how many. */
  first: number;
  count: number;
  /** Where the first drawn row sits, in the scroller's own coordinates. */
  firstTop: number;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

export function visibleRows(options: {
  scrollTop: number;
  viewportHeight: number;
  rowCount: number;
  rowHeight: number;
  overscan?: number;
  maxScrollHeight?: number;
}): VisibleRows {
  const { viewportHeight, rowCount, rowHeight } = options;
  const overscan = options.overscan ?? 6;
  const maxScrollHeight = options.maxScrollHeight ?? MAX_SCROLL_HEIGHT;
  const realHeight = rowCount * rowHeight;
  const scrollHeight = Math.min(realHeight, maxScrollHeight);
  const scrollRange = Math.max(0, scrollHeight - viewportHeight);
  const realRange = Math.max(0, realHeight - viewportHeight);
  const scrollTop = Math.min(Math.max(0, options.scrollTop), scrollRange);
  // How far down the real (uncompressed) table the viewport's top edge is.
  const realTop = scrollRange === 0 ? 0 : (scrollTop / scrollRange) * realRange;
  const firstVisible = Math.floor(realTop / rowHeight);
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(rowCount, Math.ceil((realTop + viewportHeight) / rowHeight) + overscan);
  return {
    scrollHeight,
    first,
    count: Math.max(0, last - first),
    firstTop: scrollTop + (first * rowHeight - realTop),
  };
}

/** The scrollTop that brings row `index` into view, keeping the current position if it already is. */
export function scrollTopForRow(options: {
  index: number;
  scrollTop: number;
  viewportHeight: number;
  rowCount: number;
  rowHeight: number;
  maxScrollHeight?: number;
}): number {
  const { index, viewportHeight, rowCount, rowHeight } = options;
  const maxScrollHeight = options.maxScrollHeight ?? MAX_SCROLL_HEIGHT;
  const realHeight = rowCount * rowHeight;
  const scrollRange = Math.max(0, Math.min(realHeight, maxScrollHeight) - viewportHeight);
  const realRange = Math.max(0, realHeight - viewportHeight);
  if (realRange === 0) return 0;
  const ratio = scrollRange / realRange;
  const realTop = (options.scrollTop / (scrollRange || 1)) * realRange;
  const rowTop = index * rowHeight;
  if (rowTop < realTop) return rowTop * ratio;
  if (rowTop + rowHeight > realTop + viewportHeight) return (rowTop + rowHeight - viewportHeight) * ratio;
  return options.scrollTop;
}
