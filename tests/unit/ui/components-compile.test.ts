import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';

const components = [
  'customers/CustomersTable.svelte', 'customers/CustomerProfile.svelte', 'rules/RulesEditor.svelte',
  'workbench/WorkbenchBar.svelte', 'workbench/SelectionBar.svelte', 'workbench/AnalysisDateField.svelte', 'workbench/PrintReport.svelte',
  'overview/OverviewPanel.svelte', 'overview/KeyFigures.svelte', 'rfm/SegmentMap.svelte', 'rfm/RfGridSection.svelte',
  'profit/WhaleSection.svelte', 'profit/ProfitBySegmentTable.svelte',
];

describe('view components compile', () => {
  test.each(components)('%s compiles for the client with no a11y warnings (and no others)', (file) => {
    const filename = fileURLToPath(new URL(`../../../src/ui/${file}`, import.meta.url));
    const source = readFileSync(filename, 'utf8');
    const result = compile(source, { generate: 'client', filename });
    const codes = result.warnings.map((w) => `${w.code}: ${w.message}`);
    expect(codes.filter((c) => c.startsWith('a11y'))).toEqual([]);
    expect(codes).toEqual([]);
    expect(result.js.code.length).toBeGreaterThan(0);
  });

  test.each(components)('%s uses Svelte 5 syntax only and keeps its text in the messages module', (file) => {
    const source = readFileSync(fileURLToPath(new URL(`../../../src/ui/${file}`, import.meta.url)), 'utf8');
    expect(source).not.toMatch(/export let|on:[a-z]+=|\$:\s/);
    expect(source).toContain("from '../../i18n/messages'");
  });
});
