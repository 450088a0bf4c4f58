/**
 * Pure arithmetic of the virtualised customers table: which rows are in the DOM for a scroll position, which
 * pages of rows they need, and how a very tall list (a million rows × 28 px = 28,000,000 px, beyond what some
 * browsers let an element be) is squeezed into a scroll height the browser can hold.
 */

/** Rows [start, end) (0-based, end exclusive). */
export interface RowRange {
  start: number;
  end: number;
}

const finite = (v: number, fallback = 0) => (Number.isFinite(v) ? v : fallback);

/**
 * The rows to render for `scrollTop` (px from the top of the rows) in a viewport `viewportHeight` px tall:
 * every row at least partly visible, plus `overscan` rows above and below, clamped to 0..total. A scrollTop
 * beyond the end (the list just got shorter) shows the last rows.
 */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan: number): RowRange {
  const n = Math.max(0, Math.floor(finite(total)));
  if (n === 0 || !(rowHeight > 0)) return { start: 0, end: 0 };
  const top = Math.max(0, finite(scrollTop));
  const vh = Math.max(0, finite(viewportHeight));
  const os = Math.max(0, Math.floor(finite(overscan)));
  const fits = Math.max(1, Math.ceil(vh / rowHeight));
  const first = Math.min(Math.floor(top / rowHeight), Math.max(0, n - fits));
  const last = Math.max(first + 1, Math.min(n, Math.ceil((top + vh) / rowHeight)));
  return { start: Math.max(0, first - os), end: Math.min(n, last + os) };
}

/** Indices of the pages of `pageSize` rows that hold rows [start, end), ascending. */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (!(end > start) || !(pageSize > 0)) return [];
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, start) / pageSize); p <= Math.floor((end - 1) / pageSize); p++) out.push(p);
  return out;
}

/** Largest scroll height used (px); taller lists are scaled down. Below Firefox's limit (≈17.9 million px). */
export const MAX_SCROLL_HEIGHT = 15_000_000;

/** The rendered window for a scroll position: rows and the heights of the spacer rows around them. */
export interface RowWindow extends RowRange {
  /** Height of the spacer above the rendered rows (px). */
  padTop: number;
  /** Height of the spacer below them (px). */
  padBottom: number;
  /** Scroll height of all rows (px): total × rowHeight, at most `maxHeight`. */
  height: number;
  /** Virtual rows scrolled per physical px (1 unless the list is taller than `maxHeight`). */
  ratio: number;
}

function scale(viewportHeight: number, rowHeight: number, total: number, maxHeight: number) {
  const content = Math.max(0, Math.floor(finite(total))) * rowHeight;
  const height = Math.min(content, maxHeight);
  const vh = Math.max(0, finite(viewportHeight));
  const maxVirtual = Math.max(0, content - vh);
  const maxPhysical = Math.max(0, height - vh);
  const ratio = maxPhysical > 0 && maxVirtual > maxPhysical ? maxVirtual / maxPhysical : 1;
  return { height, vh, maxPhysical, ratio };
}

/**
 * `visibleRange` plus the spacer heights, for a physical `scrollTop`. When the list fits in `maxHeight` the
 * rows sit at index × rowHeight (padTop = start × rowHeight); otherwise a physical px scrolls `ratio` virtual px
 * and the rendered rows are placed so that the one at the virtual scroll position shows at the viewport top.
 */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): RowWindow {
  if (!(rowHeight > 0)) return { start: 0, end: 0, padTop: 0, padBottom: 0, height: 0, ratio: 1 };
  const { height, vh, maxPhysical, ratio } = scale(viewportHeight, rowHeight, total, maxHeight);
  const s = Math.min(Math.max(0, finite(scrollTop)), maxPhysical);
  const virtualTop = s * ratio;
  const { start, end } = visibleRange(virtualTop, vh, rowHeight, total, overscan);
  const rows = (end - start) * rowHeight;
  const padTop = Math.min(Math.max(0, s - (virtualTop - start * rowHeight)), Math.max(0, height - rows));
  return { start, end, padTop, padBottom: Math.max(0, height - padTop - rows), height, ratio };
}

/**
 * The physical scrollTop that brings row `index` fully into view with the least scrolling (unchanged when it
 * already is): its top at the viewport top when it is above, its bottom at the viewport bottom when below.
 */
export function scrollTopToShow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  maxHeight = MAX_SCROLL_HEIGHT,
): number {
  if (!(rowHeight > 0)) return 0;
  const { vh, maxPhysical, ratio } = scale(viewportHeight, rowHeight, total, maxHeight);
  const s = Math.min(Math.max(0, finite(scrollTop)), maxPhysical);
  const virtualTop = s * ratio;
  const rowTop = Math.max(0, index) * rowHeight;
  const rowBottom = rowTop + rowHeight;
  let target = s;
  if (rowTop < virtualTop) target = Math.floor(rowTop / ratio);
  else if (rowBottom > virtualTop + vh) target = Math.ceil((rowBottom - vh) / ratio);
  return Math.min(Math.max(0, target), maxPhysical);
}
