/** Pure segment rules and presets: cell map, clamping, validation. Expected values written by hand. */
import { describe, expect, it } from 'vitest';
import { assignCells, cellsPerRule, clampRule, OTHERS, renameReserved, rfmCell, ruleMatches, validateRules } from '../../src/domain/segment-rules';
import { presetRules, RF_GRID_PRESET, RFM_PRESET } from '../../src/domain/segment-presets';
import { en } from '../../src/i18n/en';
import type { SegmentRule } from '../../src/domain/settings';

const segmentAt = (rules: SegmentRule[], bins: 3 | 4 | 5) => {
  const map = new Map(assignCells(rules, bins).map((c) => [c.cell, c.segment]));
  return (cell: number) => map.get(cell);
};

describe('assignCells', () => {
  it('lists every cell once, in cell order', () => {
    const cells = assignCells([], 5);
    expect(cells).toHaveLength(125);
    expect(cells[0]).toEqual({ cell: 111, r: 1, f: 1, m: 1, segment: OTHERS, rule: null });
    expect(cells[124]).toMatchObject({ cell: 555, r: 5, f: 5, m: 5 });
    expect(cells.map((c) => c.cell)).toEqual([...cells.map((c) => c.cell)].sort((a, b) => a - b));
    expect(assignCells([], 3)).toHaveLength(27);
    expect(assignCells([], 4)).toHaveLength(64);
    expect(rfmCell(3, 1, 2)).toBe(312);
  });

  it('first matching rule wins; unmatched cells are Others', () => {
    const rules: SegmentRule[] = [
      { name: 'Top', r: [3, 3], f: [3, 3], m: [1, 3] },
      { name: 'Recent', r: [2, 3], f: [1, 3], m: [1, 3] },
    ];
    const at = segmentAt(rules, 3);
    expect(at(333)).toBe('Top');
    expect(at(331)).toBe('Top');
    expect(at(321)).toBe('Recent');
    expect(at(211)).toBe('Recent');
    expect(at(133)).toBe('Others');
    // Top: 1·1·3 = 3 cells; Recent: 2·3·3 = 18 minus Top's 3 = 15; the 9 cells with R1 are Others.
    expect(cellsPerRule(rules, 3)).toEqual([3, 15]);
    expect(assignCells(rules, 3).filter((c) => c.rule === null)).toHaveLength(9);
  });

  it('ranges are inclusive', () => {
    const rule: SegmentRule = { name: 'x', r: [2, 4], f: [1, 1], m: [5, 5] };
    expect(ruleMatches(rule, 2, 1, 5)).toBe(true);
    expect(ruleMatches(rule, 4, 1, 5)).toBe(true);
    expect(ruleMatches(rule, 5, 1, 5)).toBe(false);
    expect(ruleMatches(rule, 3, 2, 5)).toBe(false);
    expect(ruleMatches(rule, 3, 1, 4)).toBe(false);
  });

  it('a broad rule first takes every cell of a later one (0 cells)', () => {
    const broad: SegmentRule = { name: 'Everyone', r: [1, 5], f: [1, 5], m: [1, 5] };
    const narrow: SegmentRule = { name: 'Champions', r: [5, 5], f: [5, 5], m: [5, 5] };
    expect(cellsPerRule([broad, narrow], 5)).toEqual([125, 0]);
    expect(cellsPerRule([narrow, broad], 5)).toEqual([1, 124]);
  });
});

describe('rfm preset (R rfm 0.3.0 ten segments)', () => {
  it('has the ten documented segments in order', () => {
    expect(RFM_PRESET.map((r) => [r.name, ...r.r, ...r.f, ...r.m])).toEqual([
      ['Champions', 5, 5, 5, 5, 5, 5],
      ['Potential Loyalist', 3, 5, 3, 5, 2, 5],
      ['Loyal Customers', 2, 4, 2, 4, 2, 4],
      ['Promising', 3, 4, 1, 3, 3, 5],
      ['New Customers', 4, 5, 1, 3, 1, 5],
      ["Can't Lose Them", 1, 2, 3, 4, 4, 5],
      ['At Risk', 1, 2, 2, 5, 4, 5],
      ['Need Attention', 1, 3, 3, 5, 3, 5],
      ['About To Sleep', 2, 3, 1, 3, 1, 4],
      ['Lost', 1, 1, 1, 5, 1, 5],
    ]);
  });

  it('maps the cells quoted in the data READMEs', () => {
    const at = segmentAt(presetRules('rfm'), 5);
    expect(at(555)).toBe('Champions');
    expect(at(343)).toBe('Potential Loyalist'); // Abbey O'Reilly
    expect(at(444)).toBe('Potential Loyalist'); // CDNOW 00004 (PL comes before Loyal Customers)
    expect(at(412)).toBe('New Customers'); // Add Senger: Promising needs M ≥ 3
    expect(at(515)).toBe('New Customers');
    expect(at(521)).toBe('New Customers'); // 16446.0
    expect(at(323)).toBe('Loyal Customers'); // Aden Lesch (PL needs F ≥ 3)
    expect(at(155)).toBe('At Risk'); // 17850.0: Can't Lose Them needs F 3-4
    expect(at(145)).toBe("Can't Lose Them");
    expect(at(111)).toBe('Lost');
    expect(at(114)).toBe('Lost'); // CDNOW 00002
    expect(at(215)).toBe('Others'); // 12347.0 in December 2010: no rule has R2 F1 M5
    expect(at(334)).toBe('Potential Loyalist');
    expect(at(213)).toBe('About To Sleep');
    expect(at(135)).toBe("Can't Lose Them");
    expect(at(133)).toBe('Need Attention');
  });

  it('3 and 4 bins: bounds clamped into 1..k', () => {
    expect(presetRules('rfm', 5)).toEqual(RFM_PRESET);
    const three = presetRules('rfm', 3);
    expect(three.map((r) => [r.name, ...r.r, ...r.f, ...r.m])).toEqual([
      ['Champions', 3, 3, 3, 3, 3, 3],
      ['Potential Loyalist', 3, 3, 3, 3, 2, 3],
      ['Loyal Customers', 2, 3, 2, 3, 2, 3],
      ['Promising', 3, 3, 1, 3, 3, 3],
      ['New Customers', 3, 3, 1, 3, 1, 3],
      ["Can't Lose Them", 1, 2, 3, 3, 3, 3],
      ['At Risk', 1, 2, 2, 3, 3, 3],
      ['Need Attention', 1, 3, 3, 3, 3, 3],
      ['About To Sleep', 2, 3, 1, 3, 1, 3],
      ['Lost', 1, 1, 1, 3, 1, 3],
    ]);
    expect(validateRules(three, 3)).toEqual([]);
    // Cells per rule, 27 cells: Champions 333 (1); PL 332 (1); Loyal R2-3 F2-3 M2-3 = 8 minus 333, 332 = 6;
    // Promising R3 F1-3 M3 minus 333, 323 = 313 (1); New Customers R3 × F1-3 × M1-3 = 9 minus the 5
    // taken (313, 322, 323, 332, 333) → 311, 312, 321, 331 = 4; Can't Lose Them R1-2 F3 M3 = 133, 233 → 233
    // is Loyal → 1; At Risk R1-2 F2-3 M3 = 123, 133, 223, 233 minus taken → 123 (1); Need Attention
    // R1-3 F3 M3 → all taken (0); About To Sleep R2-3 × F1-3 × M1-3 minus taken → 211, 212, 213, 221,
    // 231 = 5; Lost R1 = 9 minus 133, 123 = 7; Others 27 − 27 = 0.
    expect(cellsPerRule(three, 3)).toEqual([1, 1, 6, 1, 4, 1, 1, 0, 5, 7]);
    const four = presetRules('rfm', 4);
    expect(four[1]).toEqual({ name: 'Potential Loyalist', r: [3, 4], f: [3, 4], m: [2, 4] });
    expect(four[0]).toEqual({ name: 'Champions', r: [4, 4], f: [4, 4], m: [4, 4] });
    expect(validateRules(four, 4)).toEqual([]);
    expect(assignCells(four, 4)).toHaveLength(64);
  });

  it('clampRule keeps the name and clamps each bound', () => {
    expect(clampRule({ name: 'n', r: [4, 5], f: [1, 5], m: [5, 5] }, 3)).toEqual({ name: 'n', r: [3, 3], f: [1, 3], m: [3, 3] });
    expect(clampRule({ name: 'n', r: [0, 2], f: [1, 1], m: [2, 9] }, 4)).toEqual({ name: 'n', r: [1, 2], f: [1, 1], m: [2, 4] });
  });

  it('presets are not modified through presetRules', () => {
    const copy = presetRules('rfm');
    copy[0].r[0] = 1;
    expect(RFM_PRESET[0].r).toEqual([5, 5]);
  });
});

describe('rf-grid preset', () => {
  it('maps every R×F pair as the grid says, whatever M', () => {
    const grid: Record<string, string> = {
      '11': 'Hibernating', '12': 'Hibernating', '21': 'Hibernating', '22': 'Hibernating',
      '13': 'At Risk', '14': 'At Risk', '23': 'At Risk', '24': 'At Risk',
      '15': "Can't Lose Them", '25': "Can't Lose Them",
      '31': 'About To Sleep', '32': 'About To Sleep', '33': 'Need Attention', '34': 'Loyal Customers', '35': 'Loyal Customers',
      '41': 'Promising', '42': 'Potential Loyalist', '43': 'Potential Loyalist', '44': 'Loyal Customers', '45': 'Loyal Customers',
      '51': 'New Customers', '52': 'Potential Loyalist', '53': 'Potential Loyalist', '54': 'Champions', '55': 'Champions',
    };
    const cells = assignCells(presetRules('rf-grid'), 5);
    for (const c of cells) expect(c.segment, String(c.cell)).toBe(grid[`${c.r}${c.f}`]);
    expect(cells.some((c) => c.rule === null)).toBe(false);
    expect(RF_GRID_PRESET.every((r) => r.m[0] === 1 && r.m[1] === 5)).toBe(true);
  });

  it('3 bins: clamped, still no Others', () => {
    const three = presetRules('rf-grid', 3);
    const at = segmentAt(three, 3);
    // R1-2 F1-2 Hibernating; R1-2 F3-3 At Risk (clamped from F3-4) takes F3 before Can't Lose Them (F3);
    // R3 = the old R3, R4 and R5 rows, first wins: F1-2 About To Sleep, F3 Need Attention.
    expect(at(111)).toBe('Hibernating');
    expect(at(131)).toBe('At Risk');
    expect(at(311)).toBe('About To Sleep');
    expect(at(333)).toBe('Need Attention');
    expect(cellsPerRule(three, 3)[2]).toBe(0); // Can't Lose Them
    expect(assignCells(three, 3).some((c) => c.rule === null)).toBe(false);
  });
});

describe('validateRules', () => {
  it('accepts the presets', () => {
    expect(validateRules(presetRules('rfm'), 5)).toEqual([]);
    expect(validateRules(presetRules('rf-grid'), 5)).toEqual([]);
  });

  it('reports empty names, ranges outside 1..k, reversed ranges and non-integers', () => {
    const rules: SegmentRule[] = [
      { name: '', r: [1, 5], f: [1, 5], m: [1, 5] },
      { name: 'A', r: [0, 2], f: [4, 6], m: [3, 2] },
      { name: 'B', r: [1.5, 2], f: [1, 1], m: [1, 1] },
    ];
    const problems = validateRules(rules, 5);
    expect(problems).toEqual([
      { rule: 0, field: 'name', code: 'empty-name' },
      { rule: 1, field: 'r', code: 'out-of-range', lo: 0, hi: 2, bins: 5 },
      { rule: 1, field: 'f', code: 'out-of-range', lo: 4, hi: 6, bins: 5 },
      { rule: 1, field: 'm', code: 'reversed', lo: 3, hi: 2 },
      { rule: 2, field: 'r', code: 'not-whole' },
    ]);
    // The English sentences of those codes (the UI shows the current language's).
    expect(problems.map((x) => en.rules.ruleProblem(x))).toEqual([
      'The segment name is empty.',
      'R 0–2 is outside the scores 1–5.',
      'F 4–6 is outside the scores 1–5.',
      'M runs from 3 down to 2: low must not exceed high.',
      'R must be two whole scores (low, high).',
    ]);
  });

  it("refuses the migration's reserved name 'New' (any case, any surrounding spaces), not names that contain it", () => {
    const rule = (name: string): SegmentRule => ({ name, r: [1, 5], f: [1, 5], m: [1, 5] });
    const problems = validateRules([rule('New'), rule(' new '), rule('NEW'), rule('New customers'), rule('Newcomers'), rule('Renew')], 5);
    expect(problems).toEqual([
      { rule: 0, field: 'name', code: 'reserved-name', name: 'New' },
      { rule: 1, field: 'name', code: 'reserved-name', name: ' new ' },
      { rule: 2, field: 'name', code: 'reserved-name', name: 'NEW' },
    ]);
    expect(en.rules.ruleProblem(problems[1])).toBe(
      'The name “new” is reserved: the migration uses it for customers with no order by the comparison date. Choose another name, for example “New customers”.',
    );
  });

  it('renameReserved: a rule named New becomes "New customers", numbered when that name is taken', () => {
    const rule = (name: string): SegmentRule => ({ name, r: [1, 5], f: [1, 5], m: [1, 5] });
    expect(renameReserved([rule('A'), rule('B')])).toEqual({ rules: [rule('A'), rule('B')], renamed: null });
    expect(renameReserved([rule('A'), rule(' new')])).toEqual({ rules: [rule('A'), rule('New customers')], renamed: 'New customers' });
    expect(renameReserved([rule('New'), rule('New customers'), rule('New customers (2)')]).rules.map((r) => r.name))
      .toEqual(['New customers (3)', 'New customers', 'New customers (2)']);
  });

  it('a 5-bin preset is out of range for 3 bins until clamped', () => {
    expect(validateRules(RFM_PRESET, 3).length).toBeGreaterThan(0);
    expect(validateRules(presetRules('rfm', 3), 3)).toEqual([]);
  });

  it('allows duplicate names (several rules feeding one segment)', () => {
    expect(validateRules(presetRules('rf-grid'), 5)).toEqual([]);
    expect(RF_GRID_PRESET.filter((r) => r.name === 'Loyal Customers')).toHaveLength(2);
  });
});
