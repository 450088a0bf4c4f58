import { beforeAll, describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { openNodeDuckDB, PARQUET_WASM } from '../helpers/duckdb';
import { Engine } from '../../workers/engine';
import { Workspace } from '../../workers/workspace';
import type { ScoringSettings } from '../../workers/rfm-session';
import { zeroCostModel } from '../../src/domain/settings';
import { segmentLabelSql } from '../../src/sql/segment-labels';

// Three customers whose last orders are 1, 10 and 20 days before the analysis date 2024-04-01. Quantile cut points of
// recency (type 7 on 1, 10, 20): 4.6, 8.2, 12, 16, so R = 5, 3 and 1. Three rules by R alone name them: two preset
// names (one with a quote) and a name the user typed.
const transactions = [
  'customer,order,date,amount',
  'a,1,2024-03-31,10.00',
  'b,2,2024-03-22,20.00',
  'c,3,2024-03-12,30.00',
].join('\n');
const settings: ScoringSettings = {
  analysisDate: '2024-04-01', monetaryMode: 'total', scoreMethod: 'quantile', bins: 5, customCuts: null,
  segmentRules: [
    { name: 'Champions', r: [5, 5], f: [1, 5], m: [1, 5] },
    { name: "Can't Lose Them", r: [3, 3], f: [1, 5], m: [1, 5] },
    { name: "VIP d'Or", r: [1, 1], f: [1, 5], m: [1, 5] },
  ],
  costModel: zeroCostModel(),
};
// Spanish labels, as the UI passes them (es.ts segmentNames, two of them and Others).
const spanish = { Champions: 'Campeones', "Can't Lose Them": 'No se pueden perder', Others: 'Otros' };

let ws: Workspace;
beforeAll(async () => {
  ws = new Workspace(new Engine(await openNodeDuckDB()), { parquetWasm: PARQUET_WASM });
  const opened = await ws.open([{ file: new Blob([transactions]), name: 'three.csv' }]);
  ws.analyze({ mapping: opened.guess, dateFormat: 'iso', decimalMark: 'point' });
  ws.score(settings);
});

const lines = (b: Uint8Array) => new TextDecoder().decode(b).trim().split(/\r?\n/);

describe('the customers export keeps the stable segment and adds its label', () => {
  it('CSV: segment in English, segment_label in Spanish; a typed name is its own label', () => {
    expect(lines(ws.exportCsv({ kind: 'all' }, undefined, spanish))).toEqual([
      'customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_cell,segment,segment_label',
      'a,1,1,10.0000,5,1,1,511,Champions,Campeones',
      "b,10,1,20.0000,3,1,3,313,Can't Lose Them,No se pueden perder",
      "c,20,1,30.0000,1,1,5,115,VIP d'Or,VIP d'Or",
    ]);
  });

  it('without labels (English) the label is the name', () => {
    const [header, ...rows] = lines(ws.exportCsv({ kind: 'segment', segment: 'Champions' }));
    expect(header.split(',').slice(-2)).toEqual(['segment', 'segment_label']);
    expect(rows).toEqual(['a,1,1,10.0000,5,1,1,511,Champions,Champions']);
  });

  it('Parquet: the same two columns', async () => {
    const bytes = ws.exportParquet({ kind: 'all' }, undefined, spanish);
    const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer });
    expect(rows.map((r) => [r.customer_id, r.segment, r.segment_label])).toEqual([
      ['a', 'Champions', 'Campeones'],
      ['b', "Can't Lose Them", 'No se pueden perder'],
      ['c', "VIP d'Or", "VIP d'Or"],
    ]);
  });

  it('the label expression quotes names and labels as literals', () => {
    expect(segmentLabelSql({ "Can't Lose Them": "L'or", Same: 'Same' })).toBe(`CASE "segment" WHEN 'Can''t Lose Them' THEN 'L''or' ELSE "segment" END`);
    expect(segmentLabelSql({})).toBe('"segment"');
  });
});
