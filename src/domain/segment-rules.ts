/**
 * Named segments from R, F, M scores: pure functions, no SQL.
 *
 * A segment rule (see `SegmentRule`) gives inclusive score ranges for R, F and M. Rules are ordered:
 * a customer belongs to the FIRST rule whose three ranges contain its scores; a customer matched by
 * no rule belongs to `OTHERS` ('Others').
 *
 * Rules act only on the three scores, so the segment is a function of the RFM cell (r·100 + f·10 + m):
 * `assignCells` maps each of the bins³ cells (125 with 5 bins) to its rule once, in TypeScript, and
 * the SQL joins customers to that small table. Editing a rule therefore rebuilds bins³ rows, never a
 * customer's figures or scores.
 *
 * Several rules may carry the same name (the R-by-F grid preset names 'Loyal Customers' twice): the
 * segment is the name; rule counts are per rule (by position), segment counts per name.
 */
import type { SegmentRule } from './settings';

/** The segment of the customers that no rule matches. */
export const OTHERS = 'Others';

/**
 * The migration's "before" segment of a customer with no order by the comparison date (sql/migration.ts). No rule
 * may carry this name: its customers would be counted as new customers there, and shown as one node with them.
 */
export const NEW_SEGMENT = 'New';

/** Whether a rule name is the reserved `NEW_SEGMENT` (ignoring case and surrounding spaces, so no look-alike). */
export function isReservedName(name: string): boolean {
  return name.trim().toLowerCase() === NEW_SEGMENT.toLowerCase();
}

/**
 * Rules with every reserved name (`isReservedName`) replaced by "New customers" (or "New customers (2)", … when a
 * rule already has that name, so no two segments merge). For set-ups written before the name was reserved.
 */
export function renameReserved(rules: readonly SegmentRule[]): { rules: SegmentRule[]; renamed: string | null } {
  if (!rules.some((r) => typeof r.name === 'string' && isReservedName(r.name))) return { rules: rules.slice(), renamed: null };
  const taken = new Set(rules.map((r) => r.name));
  let name = 'New customers';
  for (let k = 2; taken.has(name); k++) name = `New customers (${k})`;
  return { rules: rules.map((r) => (typeof r.name === 'string' && isReservedName(r.name) ? { ...r, name } : r)), renamed: name };
}

/** Number of score bins the scoring supports. */
export type Bins = 3 | 4 | 5;

/** One RFM cell and the rule that takes it. */
export interface CellSegment {
  /** r·100 + f·10 + m. */
  cell: number;
  r: number;
  f: number;
  m: number;
  /** The segment name: the first matching rule's name, or 'Others'. */
  segment: string;
  /** Index (0-based) in the rule list of the first matching rule; null for 'Others'. */
  rule: number | null;
}

/** The RFM cell number of three scores. */
export function rfmCell(r: number, f: number, m: number): number {
  return r * 100 + f * 10 + m;
}

/** Whether a rule's three inclusive ranges contain the scores. */
export function ruleMatches(rule: SegmentRule, r: number, f: number, m: number): boolean {
  return r >= rule.r[0] && r <= rule.r[1] && f >= rule.f[0] && f <= rule.f[1] && m >= rule.m[0] && m <= rule.m[1];
}

/**
 * Every cell of a `bins`-score grid with its segment, in cell order (111, 112, … kkk).
 * First matching rule wins; no match gives 'Others' with rule null.
 * The rules are used as given: ranges that reach past `bins` simply match nothing there
 * (apply `clampRules` first to adapt a 5-bin preset to 3 or 4 bins).
 */
export function assignCells(rules: readonly SegmentRule[], bins: Bins): CellSegment[] {
  const out: CellSegment[] = [];
  for (let r = 1; r <= bins; r++)
    for (let f = 1; f <= bins; f++)
      for (let m = 1; m <= bins; m++) {
        const i = rules.findIndex((rule) => ruleMatches(rule, r, f, m));
        out.push({ cell: rfmCell(r, f, m), r, f, m, segment: i < 0 ? OTHERS : rules[i].name, rule: i < 0 ? null : i });
      }
  return out;
}

/** Number of cells each rule takes (index = rule position) once earlier rules have taken theirs. */
export function cellsPerRule(rules: readonly SegmentRule[], bins: Bins): number[] {
  const counts = rules.map(() => 0);
  for (const c of assignCells(rules, bins)) if (c.rule !== null) counts[c.rule]++;
  return counts;
}

/**
 * A rule written for `from` bins (5 for the presets) adapted to `bins` scores: every bound is
 * clamped into 1..bins (min(bound, bins)). So "R5" becomes "R = the top score" and "R3-5" becomes
 * "R3" with 3 bins. Ranges then overlap more, and since the first matching rule wins, later rules
 * may lose every cell (their count shows 0). With 5 bins the rule is returned unchanged.
 */
export function clampRule(rule: SegmentRule, bins: Bins): SegmentRule {
  const c = (v: number) => Math.min(Math.max(v, 1), bins);
  const range = (x: [number, number]): [number, number] => [c(x[0]), c(x[1])];
  return { name: rule.name, r: range(rule.r), f: range(rule.f), m: range(rule.m) };
}

/** `clampRule` on every rule, order kept. */
export function clampRules(rules: readonly SegmentRule[], bins: Bins): SegmentRule[] {
  return rules.map((rule) => clampRule(rule, bins));
}

/**
 * A problem found in a rule list, as a code and its figures (the sentence is the UI language's, see
 * `Messages.rules.ruleProblem`); `rule` is the 0-based position of the rule.
 */
export type RuleProblem = { rule: number } & (
  | { field: 'name'; code: 'empty-name' }
  | { field: 'name'; code: 'reserved-name'; name: string }
  | { field: 'r' | 'f' | 'm'; code: 'not-whole' }
  | { field: 'r' | 'f' | 'm'; code: 'out-of-range'; lo: number; hi: number; bins: number }
  | { field: 'r' | 'f' | 'm'; code: 'reversed'; lo: number; hi: number }
);

/**
 * Checks a rule list for `bins` scores: a name that is not blank and not the reserved `NEW_SEGMENT`; for r, f and
 * m two integers,
 * low ≤ high, both within 1..bins. Returns every problem (empty = valid). Duplicate names are
 * allowed (several rules may feed one segment); a rule that takes no cell is not an error here
 * (see `cellsPerRule`).
 */
export function validateRules(rules: readonly SegmentRule[], bins: Bins): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rules.forEach((rule, i) => {
    if (typeof rule.name !== 'string' || rule.name.trim() === '')
      problems.push({ rule: i, field: 'name', code: 'empty-name' });
    else if (isReservedName(rule.name)) problems.push({ rule: i, field: 'name', code: 'reserved-name', name: rule.name });
    for (const field of ['r', 'f', 'm'] as const) {
      const range = rule[field];
      if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => Number.isInteger(v))) {
        problems.push({ rule: i, field, code: 'not-whole' });
        continue;
      }
      const [lo, hi] = range;
      if (lo < 1 || hi > bins || lo > bins || hi < 1)
        problems.push({ rule: i, field, code: 'out-of-range', lo, hi, bins });
      if (lo > hi) problems.push({ rule: i, field, code: 'reversed', lo, hi });
    }
  });
  return problems;
}
