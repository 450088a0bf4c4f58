import { describe, expect, test } from 'vitest';
import type { Messages } from '../../../src/i18n/messages';
import type { UserError } from '../../../workers/errors';
import type { RuleProblem } from '../../../src/domain/segment-rules';
import { en } from '../../../src/i18n/en';
import { es } from '../../../src/i18n/es';
import { pt } from '../../../src/i18n/pt';
import { nl } from '../../../src/i18n/nl';

const translations: [string, Messages][] = [['es', es], ['pt', pt], ['nl', nl]];

/**
 * English texts a translation may keep as they are: names, codes, symbols and words that are the same in the
 * language. Keyed by the English text; the languages that keep it.
 */
const SAME: Record<string, readonly string[]> = {
  Cartera: ['es', 'pt', 'nl'],
  Parquet: ['es', 'pt', 'nl'],
  'UTF-8': ['es', 'pt', 'nl'],
  gzip: ['es', 'pt', 'nl'],
  'R': ['es', 'pt', 'nl'],
  'F': ['es', 'pt', 'nl'],
  'M': ['es', 'pt', 'nl'],
  '▲': ['es', 'pt', 'nl'],
  '▼': ['es', 'pt', 'nl'],
  '↑': ['es', 'pt', 'nl'],
  '↓': ['es', 'pt', 'nl'],
  '…': ['es', 'pt', 'nl'],
  Total: ['es', 'pt'],
  Scores: ['nl'],
  'Scores (R, F, M)': ['nl'],
  Segment: ['nl'],
  Orders: ['nl'],
  Order: ['nl'],
  Week: ['nl'],
  Cohort: ['nl'],
  'Key accounts': ['nl'],
  Model: ['nl'],
};

/**
 * Function messages whose sentence may be the same as English for the sample arguments: only figures and symbols
 * ("R 7, F 7", "D7"), or words that are the same in the language (Dutch "Score 7", "Segment: 7").
 */
const SAME_SENTENCE: Record<string, readonly string[]> = {
  'rfm.selectionCell': ['es', 'pt', 'nl'],
  'profile.scoresValue': ['es', 'pt', 'nl'],
  'profit.decile': ['es', 'pt', 'nl'],
  'rules.problem': ['es', 'pt', 'nl'],
  'lifecycleCharts.cohortHeatmap.rowLabel': ['es', 'pt', 'nl'],
  'lifecycleCharts.migrationFlow.node': ['es', 'pt', 'nl'],
  'lifecycleCharts.modelCheck.point': ['es', 'pt', 'nl'],
  'lifecycleCharts.pAlive.distribution.range': ['es', 'pt', 'nl'],
  'rfm.scoreHeader': ['nl'],
  'rfm.selectionSegment': ['nl'],
};

/** Every leaf of a messages object: [path, value]. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [[path, value]];
}

const get = (m: Messages, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], m);

const userErrors: UserError[] = [
  { kind: 'user-error', code: 'record-too-long', row: 3, facts: { bytes: 5452595, ended: true, separator: false, limit: 1048576 } },
  { kind: 'user-error', code: 'too-many-columns', facts: { columns: 2500, cut: true, limit: 2000 } },
  { kind: 'user-error', code: 'inconsistent-separator', facts: { delimiter: '\t', fields: 4, share: 0.42, sampled: 200 } },
  { kind: 'user-error', code: 'no-rows-used', facts: { counts: [{ reason: 'bad-date', rows: 12000 }], examples: [{ row: 2, reason: 'bad-date', text: '2024-13-45' }] } },
];
const ruleProblems: RuleProblem[] = [
  { rule: 0, field: 'name', code: 'empty-name' },
  { rule: 0, field: 'name', code: 'reserved-name', name: 'New' },
  { rule: 0, field: 'r', code: 'not-whole' },
  { rule: 0, field: 'f', code: 'out-of-range', lo: 1, hi: 7, bins: 5 },
  { rule: 0, field: 'm', code: 'reversed', lo: 4, hi: 2 },
];
const costProblems = (['not-decimal', 'margin-over-100', 'negative-cost'] as const).map((kind) => ({ kind, text: 'x', limits: { digits: 14, decimals: 4 } }));

/** Sample argument lists for a function message: several where the sentence depends on its arguments. */
function samples(path: string, arity: number): unknown[][] {
  switch (path) {
    case 'found':
      return userErrors.map((e) => [e]);
    case 'rules.ruleProblem':
      return ruleProblems.map((p) => [p]);
    case 'profit.problem':
      return costProblems.map((p) => ['Cost per order', p]);
    case 'where':
      return [['a.csv', 3, 'date']];
    case 'rules.ruleSubject':
      return [['', 2, false], ['Champions', 2, true]];
    case 'rules.boundLabel':
      return [['Champions', 'R', 'from'], ['Champions', 'R', 'to']];
    default:
      // Counts as 1 and as 7 (the singular and the plural); the same text stands for the formatted figures.
      return [Array(arity).fill(1).map((v, i) => (i % 2 ? '1' : v)), Array(arity).fill(7).map((v, i) => (i % 2 ? '7' : v))];
  }
}

describe.each(translations)('%s', (code, messages) => {
  const english = leaves(en);

  test('has every key of English, nested objects included, and no other', () => {
    expect(leaves(messages).map(([p]) => p).sort()).toEqual(english.map(([p]) => p).sort());
  });

  test('every text is translated, except the short allow-list of words that are the same', () => {
    const untranslated = english
      .filter(([path, v]) => typeof v === 'string' && get(messages, path) === v && !SAME[v]?.includes(code))
      .map(([path, v]) => `${path}: ${String(v)}`);
    expect(untranslated).toEqual([]);
  });

  test('the allow-list is honest: each word it allows is kept by that language somewhere', () => {
    const kept = new Set(english.filter(([path, v]) => typeof v === 'string' && get(messages, path) === v).map(([, v]) => v));
    const unused = Object.entries(SAME).filter(([word, codes]) => codes.includes(code) && !kept.has(word)).map(([word]) => word);
    expect(unused).toEqual([]);
  });

  test('every function message returns a non-empty sentence of its own language', () => {
    const same = new Set<string>();
    for (const [path, fn] of english) {
      if (typeof fn !== 'function') continue;
      const mine = get(messages, path) as (...a: unknown[]) => unknown;
      expect(typeof mine, path).toBe('function');
      for (const args of samples(path, fn.length)) {
        const text = mine(...args);
        expect(typeof text === 'string' && text.trim().length > 0, `${path}(${JSON.stringify(args)})`).toBe(true);
        if (text === fn(...args)) same.add(path);
      }
    }
    const allowed = Object.keys(SAME_SENTENCE).filter((p) => SAME_SENTENCE[p].includes(code));
    expect([...same].filter((p) => !allowed.includes(p))).toEqual([]);
    // The allow-list is honest: each sentence it allows is the same as English here.
    expect(allowed.filter((p) => !same.has(p))).toEqual([]);
  });

  test('the preset segments and Others all have labels', () => {
    expect(Object.keys(messages.segmentNames).sort()).toEqual(Object.keys(en.segmentNames).sort());
  });
});

describe('plural forms and figures, hand-written', () => {
  test.each([
    [es, '1 cliente', '2 clientes', 'se ha omitido la línea sobre el encabezado', 'se han omitido 3 líneas'],
    [pt, '1 cliente', '2 clientes', 'a linha acima do cabeçalho foi ignorada', '3 linhas acima do cabeçalho foram ignoradas'],
    [nl, '1 klant', '2 klanten', 'de regel boven de kopregel overgeslagen', '3 regels boven de kopregel overgeslagen'],
  ])('%#: customers and skipped lines', (m, one, two, preambleOne, preambleThree) => {
    expect(m.customersTable.count(1, '1')).toBe(one);
    expect(m.customersTable.count(2, '2')).toBe(two);
    expect(m.fileFormat.preamble(1)).toContain(preambleOne);
    expect(m.fileFormat.preamble(3)).toContain(preambleThree);
  });

  test('P(alive) curves: one repeat purchase in the singular, the others in the plural, in every language', () => {
    const series = (m: typeof en) => m.lifecycleCharts.pAlive.byRecency.series;
    expect(['1', '2', '7+'].map(series(en))).toEqual(['1 repeat purchase', '2 repeat purchases', '7+ repeat purchases']);
    expect(['1', '2'].map(series(es))).toEqual(['1 compra repetida', '2 compras repetidas']);
    expect(['1', '2'].map(series(pt))).toEqual(['1 compra repetida', '2 compras repetidas']);
    expect(['1', '2'].map(series(nl))).toEqual(['1 herhaalaankoop', '2 herhaalaankopen']);
  });

  test('the timeline of one order and of several, in Spanish', () => {
    expect(es.profile.timelineDescription(1, '1', '1997-01-01', '1998-07-01', '10,00', '10,00', 0, '0')).toMatch(/^Cronología de un pedido desde /);
    const many = es.profile.timelineDescription(12, '12', 'a', 'b', '-5,00', '10,00', 2, '2');
    expect(many).toMatch(/^Cronología de 12 pedidos /);
    expect(many).toContain(' 2 pedidos son negativos y apuntan hacia abajo.');
    expect(es.profile.timelineDescription(12, '12', 'a', 'b', '-5,00', '10,00', 1, '1')).toContain(' Un pedido es negativo y apunta hacia abajo.');
  });

  test('figures in the found sentences follow the language: 2500 columns, 5.2 MiB', () => {
    expect(es.found(userErrors[0])).toBe('La línea 3 mide 5,2 MiB sin ningún separador: no parece una tabla (el límite es 1,0 MiB por fila).');
    expect(nl.found(userErrors[1])).toBe('De eerste rij heeft minstens 2.500 kolommen; er worden er hoogstens 2.000 gelezen.');
    expect(pt.found(userErrors[3])).toBe('Linhas não usadas: 12.000 × Data que não pode ser lida.\nPrimeiras linhas:\nlinha 2 (Data que não pode ser lida): 2024-13-45');
  });
});
