// Seeded, realistic transaction files for the benchmark: CSV (streamed) and Parquet (native DuckDB COPY).
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bump when the generated data changes, so cached files are rebuilt. */
export const GENERATOR_VERSION = 1;
export const COLUMNS = ['customer_id', 'order_id', 'order_date', 'quantity', 'unit_price', 'amount', 'cost'];

/** mulberry32: a small, fast, seeded 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand) {
  const u = 1 - rand();
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Cents as text with 2 decimals ('-12.05'), exact (integers only). */
function money(cents) {
  const neg = cents < 0;
  const c = neg ? -cents : cents;
  const frac = c % 100;
  return (neg ? '-' : '') + Math.floor(c / 100) + (frac < 10 ? '.0' : '.') + frac;
}

const FIRST_DAY = Date.UTC(2022, 0, 1);
const DAYS = 1096; // 2022-01-01 … 2024-12-31
const MONTH = [0.85, 0.8, 0.9, 0.95, 1.0, 0.95, 0.9, 0.95, 1.0, 1.05, 1.5, 1.9]; // November/December peak
const WEEKDAY = [0.9, 1.0, 1.0, 1.0, 1.05, 1.1, 1.2]; // Sunday … Saturday

export function cachePaths(cacheDir, rows, seed) {
  const base = join(cacheDir, `tx-${rows}-s${seed}`);
  return { csv: base + '.csv', parquet: base + '.parquet', meta: base + '.json' };
}

/**
 * Streams `rows` transaction lines to `path` as CSV, in date order.
 * - Customers: rows/10 × 1.8 in the pool, each with a lognormal weight (σ 1.4: a few big buyers, many one-off
 *   buyers) and a first possible day (the customer base grows over time); an order picks a customer among those
 *   already acquired, in proportion to weight. About one customer per 10 rows ends up buying.
 * - Orders: 1 + geometric lines (mean ≈ 2.5); quantity mostly 1, sometimes more; unit price from a catalogue of
 *   5,000 lognormal prices (median ≈ 12); amount = quantity × unit price; cost = 55–75 % of amount; 2 decimals.
 * - Seasonality over 3 years (2022–2024): monthly (November/December high), weekday and a 15 %/year trend.
 * - Returns: 3 % of orders, order id 'C…', negative quantity, amount and cost.
 * Returns facts about what was written.
 */
export async function writeCsv(path, rows, seed) {
  const rand = mulberry32(seed);
  const poolSize = Math.max(10, Math.round((rows / 10) * 1.8));
  // Customers sorted by first possible day; weights cumulated so that a prefix = the customers acquired so far.
  const start = new Float64Array(poolSize);
  for (let i = 0; i < poolSize; i++) start[i] = rand() < 0.3 ? -1 : Math.floor(rand() * DAYS * 0.95);
  start.sort();
  const cum = new Float64Array(poolSize);
  let acc = 0;
  for (let i = 0; i < poolSize; i++) {
    acc += Math.exp(1.4 * normal(rand));
    cum[i] = acc;
  }
  // Customer ids in random order (the pool index is not the id).
  const ids = new Int32Array(poolSize);
  for (let i = 0; i < poolSize; i++) ids[i] = i;
  for (let i = poolSize - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
  const prices = new Int32Array(5000);
  for (let i = 0; i < prices.length; i++) prices[i] = Math.max(50, Math.round(1200 * Math.exp(0.9 * normal(rand))));

  // Daily targets.
  const weight = new Float64Array(DAYS);
  const dayText = [];
  let wsum = 0;
  for (let d = 0; d < DAYS; d++) {
    const date = new Date(FIRST_DAY + d * 86_400_000);
    dayText.push(date.toISOString().slice(0, 10));
    weight[d] = MONTH[date.getUTCMonth()] * WEEKDAY[date.getUTCDay()] * Math.pow(1.15, d / 365) * Math.exp(0.1 * normal(rand));
    wsum += weight[d];
  }
  let acquired = 0; // customers with start <= day
  const pick = (limit) => {
    const u = rand() * cum[limit - 1];
    let lo = 0;
    let hi = limit - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const write = (s) => (out.write(s) ? null : new Promise((r) => out.once('drain', r)));
  const closed = new Promise((res, rej) => {
    out.on('finish', res);
    out.on('error', rej);
  });
  await write(COLUMNS.join(',') + '\n');

  let written = 0;
  let target = 0;
  let orderSeq = 500_000;
  let returnLines = 0;
  let returnOrders = 0;
  let orders = 0;
  const bought = new Uint8Array(poolSize);
  let buf = [];
  for (let d = 0; d < DAYS && written < rows; d++) {
    while (acquired < poolSize && start[acquired] <= d) acquired++;
    if (acquired === 0) acquired = 1;
    target = d === DAYS - 1 ? rows : Math.min(rows, target + (rows * weight[d]) / wsum);
    const date = dayText[d];
    while (written < target) {
      const c = pick(acquired);
      bought[c] = 1;
      const customer = String(100_000 + ids[c]);
      const isReturn = rand() < 0.03;
      const orderId = (isReturn ? 'C' : '') + String(orderSeq++);
      orders++;
      if (isReturn) returnOrders++;
      let lines = 1;
      while (lines < 20 && rand() < 0.6) lines++;
      for (let l = 0; l < lines && written < rows; l++) {
        const r = rand();
        let q = r < 0.6 ? 1 : r < 0.85 ? 2 + Math.floor(rand() * 3) : r < 0.97 ? 6 * (1 + Math.floor(rand() * 2)) : 24 + Math.floor(rand() * 50);
        const price = prices[Math.floor(rand() * prices.length)];
        if (isReturn) q = -q;
        const amount = q * price;
        const cost = Math.round(amount * (0.55 + 0.2 * rand()));
        buf.push(`${customer},${orderId},${date},${q},${money(price)},${money(amount)},${money(cost)}\n`);
        written++;
        if (isReturn) returnLines++;
        if (buf.length >= 20_000) {
          const p = write(buf.join(''));
          buf = [];
          if (p) await p;
        }
      }
    }
  }
  if (buf.length) await write(buf.join(''));
  out.end();
  await closed;
  let customers = 0;
  for (let i = 0; i < poolSize; i++) customers += bought[i];
  return { rows: written, customers, orders, returnOrders, returnLines, firstDay: dayText[0], lastDay: dayText[DAYS - 1] };
}

/** Column types of the generated CSV (used for the Parquet copy). */
export const CSV_TYPES = {
  customer_id: 'VARCHAR',
  order_id: 'VARCHAR',
  order_date: 'DATE',
  quantity: 'INTEGER',
  unit_price: 'DECIMAL(18,2)',
  amount: 'DECIMAL(18,2)',
  cost: 'DECIMAL(18,2)',
};

/** Writes the Parquet twin of a CSV with native DuckDB (typed columns, row groups of 122,880 rows). */
export async function writeParquet(csvPath, parquetPath) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    const cols = Object.entries(CSV_TYPES).map(([k, v]) => `'${k}': '${v}'`).join(', ');
    const tmp = parquetPath + '.tmp';
    await conn.run(
      `COPY (SELECT * FROM read_csv('${csvPath.replaceAll("'", "''")}', header = true, auto_detect = false, delim = ',', quote = '"', columns = {${cols}}))
       TO '${tmp.replaceAll("'", "''")}' (FORMAT parquet, ROW_GROUP_SIZE 122880)`,
    );
    renameSync(tmp, parquetPath);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** Generates (or reuses) the CSV and Parquet files for `rows` rows and `seed`; returns their paths and facts. */
export async function ensureData(cacheDir, rows, seed, log) {
  const p = cachePaths(cacheDir, rows, seed);
  if (existsSync(p.meta) && existsSync(p.csv) && existsSync(p.parquet)) {
    const meta = JSON.parse(readFileSync(p.meta, 'utf8'));
    if (meta.generatorVersion === GENERATOR_VERSION && meta.rows === rows && meta.seed === seed && statSync(p.csv).size === meta.csvBytes) {
      log(`  data: reusing ${p.csv} and .parquet`);
      return { ...p, facts: meta };
    }
  }
  rmSync(p.meta, { force: true });
  let t = performance.now();
  log(`  data: writing ${rows.toLocaleString('en-US')} rows to ${p.csv} …`);
  const tmp = p.csv + '.tmp';
  const facts = await writeCsv(tmp, rows, seed);
  renameSync(tmp, p.csv);
  log(`  data: CSV written in ${((performance.now() - t) / 1000).toFixed(1)} s; writing Parquet …`);
  t = performance.now();
  await writeParquet(p.csv, p.parquet);
  log(`  data: Parquet written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const meta = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    ...facts,
    csvBytes: statSync(p.csv).size,
    parquetBytes: statSync(p.parquet).size,
  };
  writeFileSync(p.meta, JSON.stringify(meta, null, 2));
  return { ...p, facts: meta };
}
