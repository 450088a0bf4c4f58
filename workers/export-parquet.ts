import { parquetWriteBuffer } from 'hyparquet-writer';
import { DataType, type Table } from 'apache-arrow';

/**
 * Writes the customers export (see customersExportSql) as Parquet with hyparquet-writer (DuckDB-WASM's own
 * Parquet writer is an extension it would download). monetary is DECIMAL(18,4): exact, as in the CSV.
 */
export function customersParquet(table: Table): Uint8Array {
  const col = (name: string) => table.getChild(name)!;
  const n = table.numRows;
  const ints = (name: string) => Int32Array.from({ length: n }, (_, i) => Number(col(name).get(i)));
  const strings = (name: string) => Array.from({ length: n }, (_, i) => String(col(name).get(i)));
  // Arrow gives a DECIMAL as its unscaled integer; keep it as INT64 with the DECIMAL(18,4) annotation.
  const monetary = Array.from({ length: n }, (_, i) => unscaled(col('monetary').get(i)));
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'customer_id', data: strings('customer_id'), nullable: false },
      { name: 'recency_days', data: ints('recency_days'), nullable: false },
      { name: 'frequency', data: ints('frequency'), nullable: false },
      { name: 'monetary', data: monetary, nullable: false },
      { name: 'r_score', data: ints('r_score'), nullable: false },
      { name: 'f_score', data: ints('f_score'), nullable: false },
      { name: 'm_score', data: ints('m_score'), nullable: false },
      { name: 'rfm_cell', data: ints('rfm_cell'), nullable: false },
      { name: 'segment', data: strings('segment'), nullable: false },
      { name: 'segment_label', data: strings('segment_label'), nullable: false },
    ],
    schema: [
      { name: 'root', num_children: 10 },
      { name: 'customer_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'recency_days', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'frequency', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'monetary', type: 'INT64', converted_type: 'DECIMAL', scale: 4, precision: 18, repetition_type: 'REQUIRED' },
      { name: 'r_score', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'f_score', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'm_score', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'rfm_cell', type: 'INT32', repetition_type: 'REQUIRED' },
      { name: 'segment', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'segment_label', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    ],
  });
  return new Uint8Array(buffer);
}

/**
 * Any small result (the report tables) as Parquet with its own column types: INTEGER as INT32, DOUBLE as DOUBLE,
 * DECIMAL(p,s) with p ≤ 18 as INT64 with its DECIMAL annotation (exact), VARCHAR as UTF-8; NULL allowed.
 */
export function tableParquet(table: Table): Uint8Array {
  const n = table.numRows;
  const columns = table.schema.fields.map((f) => {
    const col = table.getChild(f.name)!;
    const values = <T>(read: (v: unknown) => T) => Array.from({ length: n }, (_, i) => { const v = col.get(i); return v == null ? null : read(v); });
    const t = f.type;
    if (DataType.isDecimal(t) && t.precision <= 18) {
      return { data: values(unscaled), schema: { type: 'INT64', converted_type: 'DECIMAL', scale: t.scale, precision: t.precision } } as const;
    }
    if (DataType.isInt(t) && t.bitWidth <= 32) return { data: values(Number), schema: { type: 'INT32' } } as const;
    if (DataType.isFloat(t)) return { data: values(Number), schema: { type: 'DOUBLE' } } as const;
    if (DataType.isUtf8(t)) return { data: values(String), schema: { type: 'BYTE_ARRAY', converted_type: 'UTF8' } } as const;
    throw new Error(`column ${f.name}: type ${String(t)} is not written to Parquet`);
  });
  const names = table.schema.fields.map((f) => f.name);
  const buffer = parquetWriteBuffer({
    columnData: columns.map((c, i) => ({ name: names[i], data: c.data, nullable: true })),
    schema: [
      { name: 'root', num_children: names.length },
      ...columns.map((c, i) => ({ name: names[i], ...c.schema, repetition_type: 'OPTIONAL' as const })),
    ],
  });
  return new Uint8Array(buffer);
}

/** The unscaled integer of an Arrow decimal value (its words, little-endian, two's complement). */
function unscaled(v: unknown): bigint {
  const words = v as Uint32Array;
  let x = 0n;
  for (let i = words.length - 1; i >= 0; i--) x = (x << 32n) | BigInt(words[i]);
  const bits = BigInt(words.length * 32);
  if (words[words.length - 1] & 0x80000000) x -= 1n << bits;
  return x;
}
