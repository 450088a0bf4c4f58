/** Display formatting of numbers (the figures themselves are computed in SQL). */

const int = new Intl.NumberFormat('en');
const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 69659 → "69,659". */
export function formatInt(n: number): string {
  return int.format(n);
}

/** Exact decimal text "2500315.6300" → "2,500,315.63" without going through a float. */
export function formatDecimalText(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const [, sign, whole, frac = ''] = m;
  let cents = BigInt(whole + (frac + '00').slice(0, 2));
  if (Number(frac[2] ?? '0') >= 5) cents += 1n; // half-up on the third decimal
  const w = (cents / 100n).toString();
  const c = (cents % 100n).toString().padStart(2, '0');
  return `${sign}${w.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${c}`;
}

/** A money number for display. */
export function formatMoney(n: number): string {
  return money.format(n);
}

/** Bytes as KB/MB/GB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}
