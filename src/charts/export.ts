/**
 * A chart on the page as a standalone file: SVG (the chart's own markup with the styles its CSS classes give
 * inlined, a background, xmlns and its size) or PNG (that SVG drawn at 2× on a canvas). Nothing is fetched.
 * The text functions are pure; `chartSvgText` and `chartPng` read the page (computed styles, a canvas).
 */

/** Properties that CSS classes give the marks and that a file opened on its own would lose. */
export const INLINED_STYLES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility',
] as const;

/** A style attribute's text from property values, in the given order; empty values are left out. */
export function styleText(values: Readonly<Record<string, string>>, properties: readonly string[] = INLINED_STYLES): string {
  return properties.filter((p) => values[p]).map((p) => `${p}:${values[p]}`).join(';');
}

const escapeAttr = (v: string) => v.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * The file's text around a chart's inner markup: an XML declaration, an <svg> with the SVG namespace, width,
 * height and viewBox, and a background rectangle under everything.
 */
export function standaloneSvgText(inner: string, size: { width: number; height: number; viewBox?: string | null }, background = '#ffffff'): string {
  const { width, height } = size;
  const viewBox = size.viewBox || `0 0 ${width} ${height}`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${escapeAttr(viewBox)}">`
    + `<rect x="0" y="0" width="100%" height="100%" fill="${escapeAttr(background)}"/>${inner}</svg>\n`;
}

/** A file name from a chart's title: lower case, runs of other characters as one hyphen ("R × F grid" → "r-f-grid"). */
export function chartFileName(title: string, ext: 'svg' | 'png'): string {
  const base = title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${base || 'chart'}.${ext}`;
}

/** The PNG's pixel size for a chart of CSS size width × height at `scale` (2: sharp on high-density screens). */
export function pngSize(width: number, height: number, scale = 2): { width: number; height: number } {
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** The chart as standalone SVG text: a clone of `svg` whose elements carry their computed styles. */
export function chartSvgText(svg: SVGSVGElement, background = '#ffffff'): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((el, i) => {
    const computed = getComputedStyle(el);
    const values = Object.fromEntries(INLINED_STYLES.map((p) => [p, computed.getPropertyValue(p)]));
    const style = styleText(values);
    if (style) copies[i].setAttribute('style', style);
    copies[i].removeAttribute('class');
  });
  return standaloneSvgText(clone.innerHTML, { ...chartSize(svg), viewBox: svg.getAttribute('viewBox') }, background);
}

/** The chart's CSS size: its width and height attributes, else its box on the page. */
function chartSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = svg.getBoundingClientRect();
  return { width: Number(svg.getAttribute('width')) || Math.round(box.width), height: Number(svg.getAttribute('height')) || Math.round(box.height) };
}

/** The chart as a PNG blob at `scale`×: its standalone SVG drawn from a blob: URL onto a canvas. */
export async function chartPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = chartSvgText(svg);
  const { width, height } = chartSize(svg);
  const size = pngSize(width, height, scale);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image(size.width, size.height);
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    canvas.getContext('2d')!.drawImage(image, 0, 0, size.width, size.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
