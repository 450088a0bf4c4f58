/**
 * Segment map: one tile per segment, area = customers (d3.treemap, squarify), colour = revenue share or
 * average monetary value on a sequential scale. Pure: rows and a size in, plain shapes out.
 */
import { hierarchy, treemap, treemapSquarify, interpolateBlues, type HierarchyNode } from 'd3';
import { formatInt, formatPercent } from '../../i18n/format';
import { estimateTextWidth, finiteExtent, sequentialColor, textColorOn } from '../shared';

export interface SegmentRow {
  /** The segment's stable name (what a selection holds). */
  segment: string;
  /** The name shown on the tile, when it differs from `segment` (a translated preset name). */
  label?: string;
  customers: number;
  revenue: number;
  /** Share of total revenue as a fraction (0.312 = 31.2 %). */
  revenueShare: number;
  avgMonetary: number;
}

export type TreemapColorBy = 'revenueShare' | 'avgMonetary';

export interface TreemapOptions {
  width: number;
  height: number;
  colorBy: TreemapColorBy;
  /** Gap in pixels between tiles and around the edge (default 2). */
  padding?: number;
  /** Locale of the numbers in the tile labels (default: the current language's). */
  locale?: string;
  /** Font size of the label lines in pixels (default 12). */
  fontSize?: number;
  /** Colour ramp, t in [0, 1] → CSS colour (default d3.interpolateBlues). */
  interpolate?: (t: number) => string;
}

export interface TileLabelLine {
  text: string;
  /** Baseline, absolute in the SVG. */
  y: number;
  bold: boolean;
}

export interface TreemapTile {
  segment: string;
  row: SegmentRow;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The colour figure (row[colorBy]). */
  value: number;
  fill: string;
  /** Text colour that contrasts with `fill`. */
  textFill: string;
  /** Whether all label lines fit inside the tile (rough text-width estimate). */
  showLabel: boolean;
  /** Label lines: name, customers, revenue share — absolute positions, left-aligned at `labelX`. */
  labelX: number;
  lines: TileLabelLine[];
}

export interface TreemapLayout {
  width: number;
  height: number;
  tiles: TreemapTile[];
  /** Extent of the colour figure over the drawn tiles, or null when there is none. */
  colorDomain: [number, number] | null;
}

const LABEL_INSET = 4;

/**
 * Rows with no customers (0, negative, NaN) get no tile. Tiles are sorted by customers, largest first
 * (ties by segment name), and laid out in that order.
 */
export function treemapLayout(rows: readonly SegmentRow[], options: TreemapOptions): TreemapLayout {
  const { colorBy, padding = 2, locale, fontSize = 12, interpolate = interpolateBlues } = options;
  const width = Math.max(0, Number.isFinite(options.width) ? options.width : 0);
  const height = Math.max(0, Number.isFinite(options.height) ? options.height : 0);
  const kept = rows.filter((r) => Number.isFinite(r.customers) && r.customers > 0);
  if (kept.length === 0 || width === 0 || height === 0) return { width, height, tiles: [], colorDomain: null };

  type Datum = { row?: SegmentRow; children?: Datum[] };
  const root: HierarchyNode<Datum> = hierarchy<Datum>({ children: kept.map((row) => ({ row })) })
    .sum((d) => (d.row ? d.row.customers : 0))
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.data.row?.segment ?? '').localeCompare(b.data.row?.segment ?? ''));
  const laid = treemap<Datum>().tile(treemapSquarify).size([width, height]).padding(padding).round(false)(root);

  const leaves = laid.leaves();
  const colorDomain = finiteExtent(leaves.map((l) => l.data.row![colorBy]));
  const color = sequentialColor(colorDomain, interpolate);
  const lineHeight = Math.round(fontSize * 1.25);

  const tiles = leaves.map((leaf): TreemapTile => {
    const row = leaf.data.row!;
    const x = leaf.x0;
    const y = leaf.y0;
    const w = Math.max(0, leaf.x1 - leaf.x0);
    const h = Math.max(0, leaf.y1 - leaf.y0);
    const value = row[colorBy];
    const fill = color(value);
    const texts = [row.label ?? row.segment, formatInt(row.customers, locale), formatPercent(row.revenueShare, locale)];
    const widest = Math.max(...texts.map((t, i) => estimateTextWidth(t, fontSize) * (i === 0 ? 1.08 : 1)));
    const showLabel = widest + 2 * LABEL_INSET <= w && texts.length * lineHeight + 2 * LABEL_INSET <= h;
    const lines = texts.map((text, i) => ({ text, y: y + LABEL_INSET + fontSize + i * lineHeight, bold: i === 0 }));
    return {
      segment: row.segment,
      row,
      x,
      y,
      width: w,
      height: h,
      value,
      fill,
      textFill: textColorOn(fill),
      showLabel,
      labelX: x + LABEL_INSET,
      lines,
    };
  });
  return { width, height, tiles, colorDomain };
}
