import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { decodeShareLink, encodeShareLink, isShareLink } from '../../src/domain/share-link';
import { saveState, defaultView } from '../../src/domain/saved-state';
import { defaultSettings } from '../../src/domain/defaults';
import { presetRules } from '../../src/domain/segment-presets';
import type { AnalysisSettings } from '../../src/domain/settings';

const SHARED_DATA = join(new URL('.', import.meta.url).pathname, '..', '..', '..', 'shared', 'data');

/** CDNOW's settings as a user leaves them: its column names, a date, 4 scores, the R-by-F grid, a cost model. */
function cdnowSettings(): AnalysisSettings {
  return {
    ...defaultSettings(),
    mapping: { customer: 'customer_id', order: null, date: 'date', amount: 'dollar_value', quantity: 'number_of_cds', unitPrice: null, cost: null, profit: null },
    dateFormat: 'ymd-compact',
    analysisDate: '1998-04-01',
    bins: 4,
    segmentPreset: 'rf-grid',
    segmentRules: presetRules('rf-grid', 4),
    costModel: { marginPct: '30', costPerOrder: '2.50', costPerReturn: '0', costPerCustomerYear: '1.25', adequateLevel: '5' },
  };
}

/** The payload of a fragment, decoded here with Node's zlib (not the code under test). */
function payloadOf(fragment: string): Record<string, unknown> {
  expect(fragment).toMatch(/^#s=[A-Za-z0-9_-]+$/);
  return JSON.parse(inflateRawSync(Buffer.from(fragment.slice(3), 'base64url')).toString('utf8'));
}

describe('share link', () => {
  it('round-trips the settings, view, selection, language and source address', async () => {
    const settings = cdnowSettings();
    const view = { treemapColorBy: 'avgMonetary', gridMetric: 'revenue', tab: 'migration', cohortMode: 'revenue', csvDialect: 'semicolon' } as const;
    const selection = { kind: 'segment', segment: 'Champions' } as const;
    const link = await encodeShareLink(saveState(settings, view, selection), 'en', 'https://example.org/tx.csv');
    expect(isShareLink(link)).toBe(true);
    expect(payloadOf(link)).toMatchObject({ version: 1, language: 'en', url: 'https://example.org/tx.csv', selection });
    expect(await decodeShareLink(link)).toEqual({ ok: true, setup: { state: { version: 1, settings, view, selection }, language: 'en', url: 'https://example.org/tx.csv' } });
    // A local file: no address; the link is short enough for any mail client.
    const local = await encodeShareLink(saveState(settings, view, selection), 'en', null);
    expect(local.length).toBeLessThan(1500);
    const back = await decodeShareLink(local);
    expect(back.ok && back.setup.url).toBe(null);
  });

  it('opens a hand-written version-1 value saved before the view and the lifecycle settings existed', async () => {
    const v1 = {
      version: 1,
      settings: {
        mapping: { customer: 'id', order: null, date: 'day', amount: 'net', quantity: null, unitPrice: null, cost: null, profit: null },
        dateFormat: 'dmy', decimalMark: 'comma', analysisDate: '2024-01-01', monetaryMode: 'average', scoreMethod: 'equal-size',
        bins: 3, customCuts: null, segmentPreset: 'custom', segmentRules: [{ name: 'Best', r: [3, 3], f: [2, 3], m: [1, 3] }],
        costModel: { marginPct: null, costPerOrder: '1', costPerReturn: '0', costPerCustomerYear: '0', adequateLevel: '0' },
      },
      selection: { kind: 'cell', r: 3, f: 2 },
      language: 'en',
    };
    const fragment = '#s=' + deflateRawSync(Buffer.from(JSON.stringify(v1))).toString('base64url');
    const back = await decodeShareLink(fragment);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.setup.state.settings).toEqual({ ...v1.settings, lifecycle: { cohortGrain: 'month', compareDate: null, calibrationEnd: null, horizonWeeks: 52, discountPct: '0', keyAccounts: 20 } });
    expect(back.setup.state.view).toEqual(defaultView());
    expect(back.setup.state.selection).toEqual({ kind: 'cell', r: 3, f: 2 });
    expect(back.setup.language).toBe('en');
    expect(back.setup.url).toBe(null);
  });

  it('says what keeps a damaged, foreign or newer link from being restored', async () => {
    const good = await encodeShareLink(saveState(cdnowSettings(), defaultView(), { kind: 'all' }), 'en', null);
    const cases: [string, string][] = [
      ['#view=1', 'not-share-link'],
      ['#s=', 'damaged'],
      ['#s=%%%not*base64', 'damaged'],
      [good.slice(0, good.length - 12), 'damaged'],
      ['#s=' + Buffer.from('hello, world').toString('base64url'), 'damaged'],
      ['#s=' + deflateRawSync(Buffer.from('{"version":1,')).toString('base64url'), 'not-json'],
      ['#s=' + deflateRawSync(Buffer.from('[1,2,3]')).toString('base64url'), 'not-saved-state'],
      ['#s=' + deflateRawSync(Buffer.from(JSON.stringify({ version: 1, settings: { ...cdnowSettings(), bins: 9 }, selection: { kind: 'all' } }))).toString('base64url'), 'not-saved-state'],
      ['#s=' + deflateRawSync(Buffer.from(JSON.stringify({ version: 2, settings: cdnowSettings(), selection: { kind: 'all' } }))).toString('base64url'), 'newer-version'],
    ];
    for (const [fragment, problem] of cases) expect([fragment, await decodeShareLink(fragment)]).toEqual([fragment, { ok: false, problem }]);
    // An address that is not http(s) is not kept (the page would otherwise fetch it).
    const js = '#s=' + deflateRawSync(Buffer.from(JSON.stringify({ version: 1, settings: cdnowSettings(), selection: { kind: 'all' }, url: 'javascript:alert(1)' }))).toString('base64url');
    const back = await decodeShareLink(js);
    expect(back.ok && back.setup.url).toBe(null);
  });

  it('holds no customer id of the loaded CDNOW table, only the settings: column names, dates, rules, selection', async () => {
    const lines = readFileSync(join(SHARED_DATA, 'cdnow', 'CDNOW_master.txt'), 'utf8').trim().split(/\r?\n/);
    const header = lines[0].trim().split(/\s+/);
    const ids = new Set(lines.slice(1).map((l) => l.trim().split(/\s+/)[0]));
    expect(ids.size).toBe(23_570);
    const settings = cdnowSettings();
    // The mapping legitimately holds the file's column names (its header), nothing from its rows.
    expect(Object.values(settings.mapping).filter(Boolean).every((c) => header.includes(c!))).toBe(true);
    const states = [
      saveState(settings, defaultView(), { kind: 'segment', segment: 'Champions' }),
      saveState(settings, { ...defaultView(), tab: 'cohorts' }, { kind: 'cohort', cohort: '1997-01', period: 3 }),
      saveState(settings, defaultView(), { kind: 'rank', from: 1, to: 4_242 }),
    ];
    for (const state of states) {
      const link = await encodeShareLink(state, 'en', null);
      const strings: string[] = [];
      JSON.stringify(payloadOf(link), (_, v) => (typeof v === 'string' && strings.push(v), v));
      expect(strings.filter((s) => ids.has(s))).toEqual([]);
      // Its size does not depend on the data: 23,570 customers, and well under 2 kB.
      expect(link.length).toBeLessThan(1500);
    }
  });
});
