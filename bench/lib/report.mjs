// Turns raw timings into the Markdown report and the summary (medians, spreads, targets).

export function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

export const fmt = (ms) => (ms == null ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtStat = (st) => (!st ? 'n/a' : st.n > 1 ? `${fmt(st.median)} (${fmt(st.min)}–${fmt(st.max)})` : fmt(st.median));
const ratio = (a, b) => (a && b ? `${(a.median / b.median).toFixed(2)}×` : 'n/a');
const n = (x) => x.toLocaleString('en-US');

const sum = (...xs) => (xs.every((x) => typeof x === 'number') ? xs.reduce((a, b) => a + b, 0) : null);

/** Per step: how to read it from a browser run and from a native run. */
const STEPS = [
  { key: 'load', label: 'load (file → staged table)', b: (r) => r.measures.load, n: (t) => t.load },
  { key: 'analyze', label: 'analyze (typing + quality summary)', b: (r) => r.measures.analyze, n: (t) => t.analyze },
  { key: 'score', label: 'first scoring (RFM + overview)', b: (r) => r.measures.score, n: (t) => t.score },
  { key: 'firstView', label: 'Analyze → views drawn', b: (r) => r.measures.firstView, n: (t) => sum(t.analyze, t.score) },
  {
    key: 'fileToViews', label: '**file → all views drawn**',
    b: (r) => sum(r.measures.load, r.measures.firstView) ?? r.wall.openToViews, n: (t) => sum(t.load, t.analyze, t.score),
  },
  { key: 'rescoreDate', label: 'analysis-date change (re-score)', b: (r) => r.measures.rescoreDate, n: (t) => t['rescore-date'] },
  { key: 'ruleEdit', label: 'segment rule edit (re-score)', b: (r) => r.measures.ruleEdit, n: (t) => t['rule-edit'] },
  { key: 'rescoreMethod', label: 'scoring-method change (re-score)', b: (r) => r.measures.rescoreMethod, n: (t) => t['rescore-method'] },
  // The lifecycle tabs have no native counterpart: the tab's own figures only.
  { key: 'cohorts', label: 'Cohorts tab (triangle)', b: (r) => r.measures.cohorts, n: () => null },
  { key: 'migration', label: 'Migration tab (comparison date scored + flows)', b: (r) => r.measures.migration, n: () => null },
  { key: 'clv', label: 'Lifetime value tab (summary, fits, predictions, check)', b: (r) => r.measures.clv, n: () => null },
];

/**
 * The tab against the least-work native baseline (bench/lib/least-work.mjs: the mapped columns read once, typed by
 * the reader, to the segment counts in one statement), beside the same-SQL ratio; its target per CSV row count;
 * and whether the segment counts agreed.
 */
function leastWorkSection(results, rowsList, summary) {
  const lines = ['', '## Against the least-work native baseline', ''];
  const targets = [];
  const lw = results.leastWork ?? {};
  if (!Object.keys(lw).length) return { lines: [], targets };
  lines.push('| rows | format | tab: file → summary and segment map | least-work 1 thread | least-work all threads | tab / least-work 1 | tab / least-work all | tab / same SQL 1 | tab / same SQL all |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const rows of rowsList) {
    for (const format of ['csv', 'parquet']) {
      const runs = lw[rows]?.[format];
      if (!runs) continue;
      const l1 = stats(runs['1'].map((r) => r.ms));
      const lA = stats(runs.all.map((r) => r.ms));
      const st = summary[rows]?.[format]?.steps?.fileToViews ?? {};
      summary[rows][format].leastWork = { native1: l1, nativeAll: lA };
      lines.push(
        `| ${n(rows)} | ${format.toUpperCase()} | ${fmtStat(st.browser)} | ${fmtStat(l1)} | ${fmtStat(lA)} | ${ratio(st.browser, l1)} | ${ratio(st.browser, lA)} | ${ratio(st.browser, st.native1)} | ${ratio(st.browser, st.nativeAll)} |`,
      );
      if (format === 'csv') {
        const r = st.browser && l1 ? st.browser.median / l1.median : null;
        targets.push({
          name: `CSV file → summary and segment map ≤ 1.5 × least-work native on one thread, at ${n(rows)} rows${rows === 1e6 || rows === 1e7 ? '' : ' (the target is stated for 1,000,000 and 10,000,000)'}`,
          ok: r == null ? null : r <= 1.5,
          figure: r == null ? 'n/a' : `${fmt(st.browser.median)} vs ${fmt(l1.median)} = ${r.toFixed(2)}×`,
        });
      }
    }
  }
  const checked = Object.values(lw).flatMap((f) => Object.values(f).flatMap((t) => [...t['1'], ...t.all])).filter((r) => !r.error).length;
  const tabs = Object.values(results.browser).flatMap((f) => Object.values(f).flat()).filter((r) => r.segments).length;
  lines.push(
    '',
    results.mismatches?.length
      ? `**MISMATCH**: the least-work segment counts differ: ${results.mismatches.join('; ')}.`
      : `Segment counts: the ${checked} least-work runs and the ${tabs} tab runs gave the same customers per segment.`,
  );
  return { lines, targets };
}

export function report(results) {
  const rowsList = [...new Set([...Object.keys(results.browser), ...Object.keys(results.native)])].map(Number).sort((a, b) => a - b);
  const summary = {};
  const lines = [];
  const m = results.machine;
  lines.push('# Cartera benchmark results', '');
  lines.push(
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; Node ${m.node}; Chromium ${m.chromium ?? 'n/a'}; ` +
      `DuckDB-WASM 1.32 (blocking bundle, 1 thread) in the tab vs native DuckDB (@duckdb/node-api) with 1 and ${results.options.threadsAll} threads.`,
    `Run ${results.startedAt}; ${results.options.reps} repetition(s); seed ${results.options.seed}` +
      `${results.options.mapCost ? '' : '; cost column unmapped (--unmap-cost)'}. Medians, spread (min–max) in brackets.`,
    '',
  );
  if (results.build?.stale) {
    lines.push(`> **Stale build**: the sources did not build (${results.build.error}); the browser figures are from the previous build in \`${results.build.dir}/\`.`, '');
  }
  lines.push('| rows | format | step | browser | native 1 thread | native all threads | browser / native 1 | browser / native all |');
  lines.push('|---:|---|---|---:|---:|---:|---:|---:|');
  for (const rows of rowsList) {
    summary[rows] = {};
    for (const format of ['csv', 'parquet']) {
      // Failed runs still count for the steps they finished.
      const bRuns = results.browser[rows]?.[format] ?? [];
      const nRuns = results.native[rows]?.[format] ?? { 1: [], all: [] };
      const n1 = nRuns['1'].filter((r) => !r.error).map((r) => r.times);
      const nA = nRuns.all.filter((r) => !r.error).map((r) => r.times);
      const sf = (summary[rows][format] = { steps: {} });
      for (const st of STEPS) {
        const b = stats(bRuns.map(st.b));
        const a1 = stats(n1.map(st.n));
        const aA = stats(nA.map(st.n));
        sf.steps[st.key] = { browser: b, native1: a1, nativeAll: aA };
        lines.push(`| ${n(rows)} | ${format.toUpperCase()} | ${st.label} | ${fmtStat(b)} | ${fmtStat(a1)} | ${fmtStat(aA)} | ${ratio(b, a1)} | ${ratio(b, aA)} |`);
      }
      sf.wall = {
        coldStart: stats(bRuns.map((r) => r.measures.coldStart ?? r.wall.coldStart)),
        openToMapping: stats(bRuns.map((r) => r.wall.openToMapping)),
        openToViews: stats(bRuns.map((r) => r.wall.openToViews)),
        rescoreDate: stats(bRuns.map((r) => r.wall.rescoreDate)),
        ruleEdit: stats(bRuns.map((r) => r.wall.ruleEdit)),
        rescoreMethod: stats(bRuns.map((r) => r.wall.rescoreMethod)),
      };
      const maxOf = (f) => {
        const v = bRuns.map(f).filter((x) => typeof x === 'number');
        return v.length ? Math.max(...v) : null;
      };
      sf.longTaskLoadMax = maxOf((r) => r.longTasks?.load);
      sf.longTaskAnalyzeMax = maxOf((r) => r.longTasks?.analyze);
      sf.longTaskRunMax = maxOf((r) => r.longTasks?.run);
      sf.peakRssMiB = maxOf((r) => r.memory?.peakRssMiB);
      sf.peakPssMiB = maxOf((r) => r.memory?.peakPssMiB);
    }
  }

  lines.push('', '## In the tab, as a user sees it', '');
  lines.push('| rows | format | cold start (first open, 50 rows) | open → mapping panel | open → views drawn | date change, event → settled | rule edit, event → settled | method change, event → settled | longest main-thread task: load / analyze / whole run | peak memory, browser processes: RSS sum / PSS sum |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const rows of rowsList) {
    for (const format of ['csv', 'parquet']) {
      const sf = summary[rows][format];
      if (!sf || sf.peakRssMiB == null) continue;
      lines.push(
        `| ${n(rows)} | ${format.toUpperCase()} | ${fmtStat(sf.wall.coldStart)} | ${fmtStat(sf.wall.openToMapping)} | ${fmtStat(sf.wall.openToViews)} | ${fmtStat(sf.wall.rescoreDate)} | ${fmtStat(sf.wall.ruleEdit)} | ${fmtStat(sf.wall.rescoreMethod)} | ` +
          `${[sf.longTaskLoadMax, sf.longTaskAnalyzeMax, sf.longTaskRunMax].map((x) => (x == null ? 'n/a' : Math.round(x))).join(' / ')} ms | ${n(sf.peakRssMiB)} / ${n(sf.peakPssMiB)} MiB |`,
      );
    }
  }

  const least = leastWorkSection(results, rowsList, summary);
  lines.push(...least.lines);

  // Targets, evaluated at the largest row count measured.
  const targets = [];
  const big = rowsList.at(-1);
  const at = big === 10_000_000 ? '' : ` — measured at ${n(big ?? 0)} rows; the target is stated for 10,000,000`;
  const S = (f, k) => summary[big]?.[f]?.steps?.[k];
  const verdict = (ok) => (ok == null ? 'N/A' : ok ? 'MET' : 'NOT MET');
  {
    const b = S('csv', 'fileToViews')?.browser;
    const a = S('csv', 'fileToViews')?.native1;
    const r = b && a ? b.median / a.median : null;
    targets.push({
      name: 'CSV file → all views drawn ≤ 1.5 × native single-thread (load + analyze + RFM)',
      ok: r == null ? null : r <= 1.5,
      figure: r == null ? 'n/a' : `${fmt(b.median)} vs ${fmt(a.median)} = ${r.toFixed(2)}×${at}`,
    });
  }
  targets.push(...least.targets);
  {
    const c = S('csv', 'load')?.browser;
    const p = S('parquet', 'load')?.browser;
    const r = c && p ? c.median / p.median : null;
    targets.push({
      name: 'Parquet loads ≥ 2× faster than CSV in the tab',
      ok: r == null ? null : r >= 2,
      figure: r == null ? 'n/a' : `CSV ${fmt(c.median)} / Parquet ${fmt(p.median)} = ${r.toFixed(2)}× at ${n(big)} rows`,
    });
  }
  for (const [key, label, limit] of [
    ['cohorts', 'Cohorts within 3 s of opening the tab', 3000],
    ['migration', 'Migration within 3 s of opening the tab', 3000],
    ['clv', 'Lifetime-value fit and predictions within 7 s (5 s fit + 2 s predictions)', 7000],
  ]) {
    const per = ['csv', 'parquet'].map((f) => S(f, key)?.browser).filter(Boolean);
    const worst = per.length ? Math.max(...per.map((x) => x.median)) : null;
    targets.push({ name: `${label} (measure cartera:${key})`, ok: worst == null ? null : worst <= limit, figure: `${fmt(worst)} (median, worse format) at ${n(big)} rows` });
  }
  for (const [key, label, limit, wallKey] of [
    ['ruleEdit', 'Segment rule edit ≤ 100 ms', 100, 'ruleEdit'],
    ['rescoreDate', 'Analysis-date change ≤ 2 s', 2000, 'rescoreDate'],
    ['rescoreMethod', 'Scoring-method change (quantile → equal-size) ≤ 2 s', 2000, 'rescoreMethod'],
  ]) {
    const per = ['csv', 'parquet'].map((f) => S(f, key)?.browser).filter(Boolean);
    const worst = per.length ? Math.max(...per.map((x) => x.median)) : null;
    const walls = ['csv', 'parquet'].map((f) => summary[big]?.[f]?.wall?.[wallKey]).filter(Boolean);
    const wall = walls.length ? Math.max(...walls.map((x) => x.median)) : null;
    targets.push({
      name: `${label} (the scoring call, measure cartera:score)`,
      ok: worst == null ? null : worst <= limit,
      figure: `${fmt(worst)} (median, worse format) at ${n(big)} rows; change event → views settled, ${wallKey === 'rescoreDate' ? "with the app's 120 ms debounce" : 'a list choice, no debounce'}: ${fmt(wall)}`,
    });
    // Issue 19 sets the date change and the rule edit from the event to the views settled, as the user waits.
    if (key !== 'rescoreMethod') {
      targets.push({
        name: `${label} (issue 19: change event → views settled)`,
        ok: wall == null ? null : wall <= limit,
        figure: `${fmt(wall)} (median, worse format) at ${n(big)} rows`,
      });
    }
  }
  {
    const all = rowsList.flatMap((r) => ['csv', 'parquet'].map((f) => summary[r][f]?.longTaskLoadMax)).filter((x) => x != null);
    const worst = all.length ? Math.max(...all) : null;
    targets.push({
      name: 'No main-thread task over 200 ms during a load',
      ok: worst == null ? null : worst <= 200,
      figure: worst == null ? 'n/a' : `longest ${Math.round(worst)} ms (every run and size)`,
    });
  }
  {
    const parts = rowsList.flatMap((r) =>
      ['csv', 'parquet'].filter((f) => summary[r][f]?.peakRssMiB != null).map((f) => `${n(r)} ${f.toUpperCase()} ${n(summary[r][f].peakRssMiB)} MiB RSS / ${n(summary[r][f].peakPssMiB)} MiB PSS`),
    );
    targets.push({ name: 'Peak memory of the browser (process tree) reported', ok: parts.length ? true : null, figure: parts.join('; ') || 'n/a', reportOnly: true });
  }
  lines.push('', '## Targets', '');
  for (const t of targets) lines.push(`- **${t.reportOnly ? (t.ok ? 'REPORTED' : 'N/A') : verdict(t.ok)}** — ${t.name}: ${t.figure}`);
  if (results.errors.length) lines.push('', '## Failures', '', ...results.errors.map((e) => `- ${e}`));
  lines.push('', 'Data: ' + rowsList.map((r) => {
    const d = results.data[r];
    return d ? `${n(r)} rows = ${n(d.customers)} customers, ${n(d.orders)} orders (${n(d.returnOrders)} returns), CSV ${(d.csvBytes / 2 ** 20).toFixed(0)} MiB, Parquet ${(d.parquetBytes / 2 ** 20).toFixed(0)} MiB` : `${n(r)} rows`;
  }).join('; ') + '.', '');
  summary.targets = targets;
  return { markdown: lines.join('\n'), summary };
}
