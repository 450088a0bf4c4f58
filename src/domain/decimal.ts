/**
 * Exact decimals, in one place: money and cost-model values travel as decimal text ("2500315.6300", "2.50") and
 * are read here into integers (BigInt units of 10^−scale), summed or compared exactly, and written back as text.
 * A binary float never decides a figure; it appears once, at the end, where a chart needs a number.
 */

/** An exact decimal: value = units ÷ 10^scale. */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** The parts of plain decimal text: optional sign, digits, optional point and digits ("-12.30", "+.5", "7."). */
interface Parts {
  sign: '' | '+' | '-';
  whole: string;
  /** Present when the text has a point (possibly empty: "7."). */
  frac: string | null;
}

function parts(text: string): Parts | null {
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) return null;
  return { sign: (m[1] ?? '') as Parts['sign'], whole: m[2], frac: m[3] ?? null };
}

/**
 * Reads decimal text as a person may type it ("2.50", "-3", ".5", "+1.", spaces around) exactly: the smallest
 * scale that holds it (trailing zeros dropped). Null when it is not one, or when it has more integer digits or
 * decimals than the limits.
 */
export function parseDecimal(
  text: string | null | undefined, limits: { integerDigits?: number; decimals?: number } = {},
): Decimal | null {
  if (typeof text !== 'string') return null;
  const p = parts(text.trim());
  if (!p) return null;
  const whole = p.whole.replace(/^0+(?=\d)/, '');
  const frac = (p.frac ?? '').replace(/0+$/, '');
  if (whole.length > (limits.integerDigits ?? Infinity) || frac.length > (limits.decimals ?? Infinity)) return null;
  const units = BigInt((whole || '0') + frac);
  return { units: p.sign === '-' ? -units : units, scale: frac.length };
}

/**
 * Units of 10^−scale of decimal text as DuckDB prints a DECIMAL ('-12.3400', '7', '0.5'): a minus sign at most, at
 * least one whole digit, and 1 … scale decimals after a point. Throws on anything else (the engine's own text).
 */
export function fixedUnits(text: string, scale: number): bigint {
  const p = parts(text);
  if (!p || p.sign === '+' || p.whole === '' || p.frac === '' || (p.frac ?? '').length > scale) {
    throw new Error(`Not a decimal with at most ${scale} places: ${text}`);
  }
  const units = BigInt(p.whole) * 10n ** BigInt(scale) + BigInt((p.frac ?? '').padEnd(scale, '0') || '0');
  return p.sign === '-' ? -units : units;
}

/** Units of 10^−scale as decimal text with `scale` places, as DuckDB prints a DECIMAL(38, scale) ('-0.5000'). */
export function unitsText(units: bigint, scale: number): string {
  const one = 10n ** BigInt(scale);
  const abs = units < 0n ? -units : units;
  const frac = scale > 0 ? `.${(abs % one).toString().padStart(scale, '0')}` : '';
  return `${units < 0n ? '-' : ''}${abs / one}${frac}`;
}

/**
 * Decimal text as whole hundredths, rounded half up on the third decimal ("2500315.635" → 250031564n), for money
 * shown with two decimals; null when the text is not DuckDB's plain decimal text.
 */
export function roundedCents(text: string): { negative: boolean; cents: bigint } | null {
  const p = parts(text);
  if (!p || p.sign === '+' || p.whole === '' || p.frac === '') return null;
  const frac = p.frac ?? '';
  let cents = BigInt(p.whole + (frac + '00').slice(0, 2));
  if (Number(frac[2] ?? '0') >= 5) cents += 1n;
  return { negative: p.sign === '-', cents };
}
