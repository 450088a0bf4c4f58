import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, openApp, outsideOrigin, recordCspViolations, recordRequests, summaryValue } from './harness';

// The README's "Deploy": dist/ as it is, served by `python3 -m http.server` from a parent directory, so that the
// app lives at /tools/cartera/ of a host that knows nothing of it. Expected figures: ../shared/data/cdnow/README.md
// (23,570 customers) and the segment counts the RFM test reads from the same reference (Champions 2,345).
const DIST = join(new URL('.', import.meta.url).pathname, '..', '..', 'dist');

let root: string;
let python: ChildProcess;
let pythonLog = '';
let origin: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];
let failed: string[];
let cspViolations: () => Promise<string[]>;

/** Starts `python3 -m http.server` on a free port in `dir` and resolves with the port it reports. */
function startPythonServer(dir: string): Promise<number> {
  python = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      pythonLog += chunk.toString();
      const port = /port (\d+)/.exec(pythonLog);
      if (port) resolve(Number(port[1]));
    };
    python.stdout!.on('data', read);
    python.stderr!.on('data', read);
    python.on('error', (e) => reject(new Error(`python3 could not be started (${e.message}): install it (Debian: apt-get install python3).`)));
    python.on('exit', (code) => reject(new Error(`python3 -m http.server exited with ${code}: ${pythonLog}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  root = await mkdtemp(join(tmpdir(), 'cartera-static-'));
  await mkdir(join(root, 'tools'));
  await symlink(DIST, join(root, 'tools', 'cartera'));
  origin = `http://127.0.0.1:${await startPythonServer(root)}`;
  browser = await launchBrowser();
  context = await browser.newContext();
  requests = recordRequests(context);
  failed = [];
  context.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  cspViolations = await recordCspViolations(context);
});

afterAll(async () => {
  await browser?.close();
  python?.kill();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the build on a plain static host, under a sub-path', () => {
  it('every asset URL in dist/index.html is relative', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    // The script, the stylesheet and the icon at least.
    expect(urls.length).toBeGreaterThanOrEqual(3);
    expect(urls.filter((u) => !u.startsWith('./'))).toEqual([]);
  });

  it('dist/index.html ships the Content Security Policy of the issue, not the looser one of the dev server', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...v]) => [name, v.join(' ')]));
    expect(directives).toEqual({
      'default-src': "'self'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'worker-src': "'self'",
      'connect-src': "'self' blob:",
      'style-src': "'self'",
      'img-src': "'self' data: blob:",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'none'",
    });
  });

  it('opens at /tools/cartera (the host adds the slash), loads the sample and draws the segments', async () => {
    page = await openApp(context, origin + '/tools/cartera');
    expect(page.url()).toBe(origin + '/tools/cartera/');
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await page.getByRole('button', { name: 'Analyze' }).click();
    await page.getByRole('button', { name: /^Champions: 2,345 customers/ }).waitFor();
    await page.getByRole('button', { name: /^Potential Loyalist: 8,407 customers/ }).waitFor();
    expect(await summaryValue(page, 'Customers')).toBe('23,570');
  });

  it('nothing was missing, nothing left the origin, the policy refused nothing', async () => {
    // Positive control: the host's log holds the worker's requests too (DuckDB's wasm).
    expect(pythonLog).toMatch(/"GET \/tools\/cartera\/assets\/duckdb-\w+-[\w-]+\.wasm HTTP\/1\.1" 200/);
    expect(failed).toEqual([]);
    expect(pythonLog.split('\n').filter((l) => /" [45]\d\d /.test(l))).toEqual([]);
    expect(outsideOrigin(requests, origin)).toEqual([]);
    expect(await cspViolations()).toEqual([]);
  });
});
