/**
 * Segment migration between two snapshots as a Sankey (d3-sankey): segments before on the left, segments after
 * on the right. The two sides are distinct nodes even for the same segment name (a stay is a link from
 * "Champions" on the left to "Champions" on the right), so the graph has no cycle. Node order on each side
 * is `segments` order when given, else by customers (most first), then name; a segment keeps its colour on
 * both sides. Links with no customers are left out.
 */
import { sankey, sankeyLinkHorizontal, type SankeyLink, type SankeyNode } from 'd3-sankey';
import { formatInt } from '../../i18n/format';
import type { MigrationFlow } from '../lifecycle-types';
import { seriesColor } from '../palette';
import { type Margin, plotFrame } from '../shared';

export type MigrationSide = 'before' | 'after';

export interface MigrationFlowOptions {
  width: number;
  height: number;
  locale?: string;
  /** Order of segments on both sides (others follow, by customers); 'New' need not be listed. */
  segments?: readonly string[];
  /** Room for the node labels on either side (default top 8, right 140, bottom 8, left 140). */
  margin?: Partial<Margin>;
  nodeWidth?: number;
  nodePadding?: number;
}

export interface MigrationNodeShape {
  /** 'before:Champions' or 'after:Champions'. */
  id: string;
  side: MigrationSide;
  segment: string;
  customers: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  fill: string;
  /** The customer count, formatted; the label goes outside the node, left of a before-node, right of an after-node. */
  countText: string;
  labelX: number;
  labelY: number;
  anchor: 'start' | 'end';
}

export interface MigrationLinkShape {
  before: string;
  after: string;
  customers: number;
  revenue: number;
  /** sankeyLinkHorizontal's path, drawn as a stroke `width` wide. */
  path: string;
  width: number;
  color: string;
  /** A stay (before = after). */
  stay: boolean;
}

export interface MigrationFlowLayout {
  empty: boolean;
  width: number;
  height: number;
  nodes: MigrationNodeShape[];
  links: MigrationLinkShape[];
}

const DEFAULT_MARGIN: Margin = { top: 8, right: 140, bottom: 8, left: 140 };

interface NodeExtra {
  id: string;
  side: MigrationSide;
  segment: string;
}
interface LinkExtra {
  before: string;
  after: string;
  customers: number;
  revenue: number;
}

/** Segments in display order: the given order first, then the rest by total customers (either side), most first, then name. */
export function segmentOrder(flows: readonly MigrationFlow[], given: readonly string[] = []): string[] {
  const total = new Map<string, number>();
  for (const f of flows) {
    total.set(f.before, (total.get(f.before) ?? 0) + f.customers);
    total.set(f.after, (total.get(f.after) ?? 0) + f.customers);
  }
  const rest = [...total.keys()]
    .filter((s) => !given.includes(s))
    .sort((a, b) => total.get(b)! - total.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  return [...given.filter((s) => total.has(s)), ...rest];
}

/** The Sankey of `flows` (rows with customers ≤ 0 or non-finite are left out). */
export function migrationFlowLayout(flows: readonly MigrationFlow[], options: MigrationFlowOptions): MigrationFlowLayout {
  const { locale, nodeWidth = 14, nodePadding = 10 } = options;
  const margin = { ...DEFAULT_MARGIN, ...options.margin };
  const { width, height, plot } = plotFrame(options, margin);
  const used = flows.filter((f) => Number.isFinite(f.customers) && f.customers > 0);
  if (used.length === 0 || plot.width <= 0 || plot.height <= 0) return { empty: true, width, height, nodes: [], links: [] };

  const order = segmentOrder(used, options.segments);
  const rank = new Map(order.map((s, i) => [s, i]));
  const nodes: NodeExtra[] = [];
  for (const side of ['before', 'after'] as const) {
    const present = new Set(used.map((f) => f[side]));
    for (const segment of order) if (present.has(segment)) nodes.push({ id: `${side}:${segment}`, side, segment });
  }
  const links = used.map((f) => ({
    source: `before:${f.before}`,
    target: `after:${f.after}`,
    value: f.customers,
    before: f.before,
    after: f.after,
    customers: f.customers,
    revenue: f.revenue,
  }));

  const bySegment = (a: { segment: string }, b: { segment: string }) => rank.get(a.segment)! - rank.get(b.segment)!;
  const graph = sankey<NodeExtra, LinkExtra>()
    .nodeId((n) => n.id)
    .nodeWidth(nodeWidth)
    .nodePadding(nodePadding)
    .nodeSort(bySegment)
    .linkSort((a, b) => bySegment(a.source as NodeExtra, b.source as NodeExtra) || bySegment(a.target as NodeExtra, b.target as NodeExtra))
    .extent([
      [plot.x, plot.y],
      [plot.x + plot.width, plot.y + plot.height],
    ])({ nodes: nodes.map((n) => ({ ...n })), links });

  const colorOf = (segment: string) => seriesColor(rank.get(segment)!);
  const path = sankeyLinkHorizontal<NodeExtra, LinkExtra>();
  return {
    empty: false,
    width,
    height,
    nodes: graph.nodes.map((n: SankeyNode<NodeExtra, LinkExtra>) => {
      const before = n.side === 'before';
      return {
        id: n.id,
        side: n.side,
        segment: n.segment,
        customers: n.value ?? 0,
        x0: n.x0!,
        x1: n.x1!,
        y0: n.y0!,
        y1: n.y1!,
        fill: colorOf(n.segment),
        countText: formatInt(n.value ?? 0, locale),
        labelX: before ? n.x0! - 6 : n.x1! + 6,
        labelY: (n.y0! + n.y1!) / 2,
        anchor: before ? 'end' : 'start',
      };
    }),
    links: graph.links.map((l: SankeyLink<NodeExtra, LinkExtra>) => ({
      before: l.before,
      after: l.after,
      customers: l.customers,
      revenue: l.revenue,
      path: path(l) ?? '',
      width: Math.max(1, l.width ?? 0),
      color: colorOf(l.before),
      stay: l.before === l.after,
    })),
  };
}

/** The k largest moves (before ≠ after, customers > 0), by customers (most first), then before, then after name. */
export function largestMoves(flows: readonly MigrationFlow[], k: number): MigrationFlow[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return flows
    .filter((f) => f.before !== f.after && f.customers > 0)
    .sort((a, b) => b.customers - a.customers || byName(a.before, b.before) || byName(a.after, b.after))
    .slice(0, Math.max(0, Math.floor(k)));
}

/** The k largest moves as sentences ("312 Champions became At Risk"), counts formatted in `locale`. */
export function largestMoveSentences(
  flows: readonly MigrationFlow[],
  k: number,
  sentence: (customers: string, before: string, after: string) => string,
  locale?: string,
): string[] {
  return largestMoves(flows, k).map((f) => sentence(formatInt(f.customers, locale), f.before, f.after));
}
