/** Small pure helpers shared by the chart layouts (no DOM). */
import { color as d3color, interpolateBlues } from 'd3';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A text label placed by a layout; the component renders it as an SVG <text>. */
export interface TextShape {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  fill: string;
  fontSize: number;
}

/** An axis tick: `value` in data units, `pos` in pixels along the axis, `text` formatted. */
export interface Tick {
  value: number;
  pos: number;
  text: string;
}

/** Fill for a tile/cell without a value (no customers, non-finite figure). */
export const EMPTY_FILL = '#eef0f3';

/**
 * Rough width in pixels of `text` set in a sans-serif face at `fontSize`: 0.6 em per character is a slight
 * over-estimate for digits and lower case, which is what "does it fit" needs.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/**
 * A sequential colour scale over `domain` that never returns NaN colours: an empty or degenerate domain
 * (one value, all values equal) maps every finite value to the middle of the ramp; non-finite values get
 * EMPTY_FILL. The ramp is used from 0.15 to 0.9 so the lightest tile still differs from the background and
 * the darkest keeps white text legible.
 */
export function sequentialColor(
  domain: readonly [number, number] | null,
  interpolate: (t: number) => string = interpolateBlues,
  range: readonly [number, number] = [0.15, 0.9],
): (v: number) => string {
  const [r0, r1] = range;
  return (v: number) => {
    if (!Number.isFinite(v) || !domain) return EMPTY_FILL;
    const [d0, d1] = domain;
    let t: number;
    if (!(d1 > d0)) t = 0.5;
    else t = Math.min(1, Math.max(0, (v - d0) / (d1 - d0)));
    return interpolate(r0 + t * (r1 - r0));
  };
}

/** Extent of the finite values, or null when there is none. */
export function finiteExtent(values: Iterable<number>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Dark or white text, whichever contrasts more with `fill` (WCAG relative luminance). */
export function textColorOn(fill: string): string {
  const c = d3color(fill)?.rgb();
  if (!c) return '#1a1a1a';
  const lin = (u: number) => {
    const s = u / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  // Contrast with white (1.05 / (l + 0.05)) vs with near-black #1a1a1a (≈ (l + 0.05) / 0.0602).
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0602 ? '#ffffff' : '#1a1a1a';
}

/** Number of decimals that distinguishes ticks spaced `step` apart for d3 tick steps (1, 2, 5 × 10^k): 1 → 0, 0.5 → 1, 0.05 → 2. */
export function decimalsForStep(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 0;
  return Math.max(0, Math.min(10, -Math.floor(Math.log10(step) + 1e-9)));
}

/** Whether a keydown on a role="button" element should activate it, as a native button would (Enter, Space). */
export function isActivationKey(key: string): boolean {
  return key === 'Enter' || key === ' ' || key === 'Spacebar';
}

/** The chart's size (non-finite or negative → 0) and its plot area inside the margins. */
export function plotFrame(
  size: { width: number; height: number },
  margin: Margin,
): { width: number; height: number; plot: { x: number; y: number; width: number; height: number } } {
  const width = Math.max(0, Number.isFinite(size.width) ? size.width : 0);
  const height = Math.max(0, Number.isFinite(size.height) ? size.height : 0);
  return {
    width,
    height,
    plot: {
      x: margin.left,
      y: margin.top,
      width: Math.max(0, width - margin.left - margin.right),
      height: Math.max(0, height - margin.top - margin.bottom),
    },
  };
}

/** Runs `action` for an activation key (Enter, Space), with the default (scrolling on Space) prevented. */
export function onActivationKey(e: KeyboardEvent, action: () => void): void {
  if (isActivationKey(e.key)) {
    e.preventDefault();
    action();
  }
}

/** A grid cell's rectangle, fill and centred text (the heat maps). */
export interface CellShape {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  textFill: string;
  text: string;
  textX: number;
  textY: number;
  /** The text fits inside the cell with 2 px to spare on each side. */
  showText: boolean;
}

/** The cell at (x, y) of size w × h, filled with `fill`, its `text` centred in a contrasting colour. */
export function cellShape(x: number, y: number, w: number, h: number, fill: string, text: string, fontSize: number): CellShape {
  return {
    x,
    y,
    width: w,
    height: h,
    fill,
    textFill: textColorOn(fill),
    text,
    textX: x + w / 2,
    textY: y + h / 2 + fontSize * 0.35,
    showText: estimateTextWidth(text, fontSize) + 4 <= w && fontSize + 2 <= h,
  };
}
