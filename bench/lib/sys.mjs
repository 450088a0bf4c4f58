// Machine facts, the app build, the static server and the browser-memory sampler.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';

export function machineInfo() {
  let cpuModel = null;
  try {
    cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? null;
  } catch {
    /* not Linux */
  }
  return {
    cpuModel: cpuModel ?? os.cpus()[0]?.model ?? null,
    cores: os.cpus().length,
    memoryGiB: +(os.totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => +x.toFixed(2)),
  };
}

/** Newest modification time (ms) of the files under the given paths. */
function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}

/**
 * The production build to serve: dist/ when it is newer than every source file; otherwise the bench builds
 * its own copy into bench/cache/dist (it never writes dist/, which other work may be using).
 */
export function ensureBuild(root, log) {
  const sources = newest(['src', 'workers', 'public', 'index.html', 'vite.config.ts', 'svelte.config.js', 'package.json'].map((p) => join(root, p)));
  const builtAt = (dir) => (existsSync(join(dir, 'index.html')) ? statSync(join(dir, 'index.html')).mtimeMs : 0);
  const dist = join(root, 'dist');
  if (builtAt(dist) >= sources) {
    log(`build: using dist/ (up to date)`);
    return { dir: dist, stale: false };
  }
  const own = join(root, 'bench', 'cache', 'dist');
  if (builtAt(own) >= sources) {
    log(`build: using bench/cache/dist (dist/ is missing or older than the sources)`);
    return { dir: own, stale: false };
  }
  log(`build: dist/ is missing or older than the sources: building into bench/cache/dist (npx vite build) …`);
  const r = spawnSync('npx', ['vite', 'build', '--outDir', own, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.status === 0) return { dir: own, stale: false };
  // eslint-disable-next-line no-control-regex
  const text = (r.stderr || r.stdout || '').replace(/\x1b\[[0-9;]*m/g, '');
  const problems = [...new Set(text.split('\n').filter((l) => /error|could not|not found/i.test(l)).map((l) => l.trim()))].slice(0, 6);
  const detail = `vite build failed (exit ${r.status}):\n    ${problems.join('\n    ') || text.slice(-1500)}`;
  const fallback = [own, dist].filter((d) => builtAt(d) > 0).sort((a, b) => builtAt(b) - builtAt(a))[0];
  if (!fallback) throw new Error(detail);
  log(`build: WARNING — ${detail}\n  measuring the previous build in ${fallback.slice(root.length + 1)}/ (built ${new Date(builtAt(fallback)).toISOString()}), older than the sources`);
  return { dir: fallback, stale: true, buildError: problems.join(' | ') };
}

/**
 * The e2e harness's static server, Chromium finder and flags (tests/e2e/harness.ts), loaded through Vite's
 * module runner so that the benchmark drives the app exactly as the tests do.
 */
/**
 * The app's own modules (TypeScript) for a Node-side probe, through Vite's module runner: `load('workers/workspace.ts')`.
 */
export async function appModules(root) {
  const { runnerImport } = await import('vite');
  return async (path) => (await runnerImport(join(root, path), { configFile: false, root, logLevel: 'error' })).module;
}

/** `--name value` pairs over numeric defaults; an unknown name is refused with the ones known. */
export function numericOptions(argv, defaults) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!(k in opts)) throw new Error(`Unknown option --${k} (known: ${Object.keys(opts).map((o) => '--' + o).join(', ')})`);
    opts[k] = Number(argv[i + 1]);
  }
  return opts;
}

export async function harness(root) {
  const { runnerImport } = await import('vite');
  return (await runnerImport(join(root, 'tests/e2e/harness.ts'), { configFile: false, root, logLevel: 'error' })).module;
}

/** Every descendant process of this Node process (Chromium and its helpers), from /proc. */
function descendants(rootPid) {
  const children = new Map();
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const st = readFileSync(`/proc/${e}/stat`, 'utf8');
      const ppid = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(e));
    } catch {
      /* gone */
    }
  }
  const out = [];
  const stack = [...(children.get(rootPid) ?? [])];
  while (stack.length) {
    const p = stack.pop();
    out.push(p);
    stack.push(...(children.get(p) ?? []));
  }
  return out;
}

function kb(text, key) {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

/**
 * Samples the memory of the browser's process tree (every descendant of this Node process whose command line
 * names chrom*) every `intervalMs`: the sum of VmRSS (/proc/<pid>/status; counts shared pages once per process,
 * so it over-states) and the sum of Pss (/proc/<pid>/smaps_rollup; shared pages split between processes).
 * `window()` returns a tracker of the peaks from now until its `stop()`.
 */
export class MemorySampler {
  constructor(intervalMs = 200) {
    this.intervalMs = intervalMs;
    this.windows = new Set();
    this.timer = null;
    this.overall = { peakRssMiB: 0, peakPssMiB: 0, samples: 0 };
  }
  start() {
    if (!existsSync('/proc/self/status')) return this;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
    return this;
  }
  sample() {
    let rss = 0;
    let pss = 0;
    for (const pid of descendants(process.pid)) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!/chrom/i.test(cmd)) continue;
        rss += kb(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
        try {
          pss += kb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
        } catch {
          /* smaps_rollup unavailable */
        }
      } catch {
        /* exited */
      }
    }
    const r = rss / 1024;
    const p = pss / 1024;
    for (const w of [this.overall, ...this.windows]) {
      w.peakRssMiB = Math.max(w.peakRssMiB, r);
      w.peakPssMiB = Math.max(w.peakPssMiB, p);
      w.samples++;
    }
  }
  window() {
    const w = { peakRssMiB: 0, peakPssMiB: 0, samples: 0 };
    this.windows.add(w);
    this.sample();
    return { stop: () => (this.sample(), this.windows.delete(w), { peakRssMiB: Math.round(w.peakRssMiB), peakPssMiB: Math.round(w.peakPssMiB), samples: w.samples }) };
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
  }
}
