import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');
const DIST = join(ROOT, 'dist');
/** The app is served from a sub-path, as a consultant's static host would. */
export const BASE_PATH = '/tools/cartera/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.gz': 'application/gzip',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
};

/** A plain static file server for dist/ under BASE_PATH (no special headers, like a simple host). */
export async function serveDist(): Promise<{ server: Server; origin: string; url: string }> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  return serveDir(DIST);
}

/**
 * Serves a build directory under BASE_PATH (the benchmark serves its own build with it); `headers` are added to
 * every file response (the threads probe sends the cross-origin isolation headers).
 */
export async function serveDir(dir: string, headers: Record<string, string> = {}): Promise<{ server: Server; origin: string; url: string }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(BASE_PATH)) {
      res.writeHead(404).end('not found');
      return;
    }
    let file = normalize(join(dir, path.slice(BASE_PATH.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return { server, origin, url: origin + BASE_PATH };
}

/** Finds Chromium: $CHROMIUM_PATH, else chromium / chromium-browser / google-chrome on the PATH. */
export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return fromEnv;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execFileSync('which', [name], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* try the next name */
    }
  }
  throw new Error(
    'No Chromium found for the end-to-end tests. Install it (Debian: `apt-get install chromium`) or set CHROMIUM_PATH to its binary.',
  );
}

/** Flags this sandbox needs: no sandbox as root, no GPU, and no background requests to Google's hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium with those flags (Playwright gives each launch a fresh profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** Records every request a context makes (pages and workers alike). */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** The requests that left the page's origin (blob: and data: URLs are the page's own). */
export function outsideOrigin(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:') && !u.startsWith('data:'));
}

/**
 * Records every Content Security Policy refusal in a context: the pages' `securitypolicyviolation` events (an
 * init script, so call this before opening a page) and the console errors Chromium writes for each refusal, from
 * pages and workers alike. Returns a function that reads what was recorded so far.
 */
export async function recordCspViolations(context: BrowserContext): Promise<() => Promise<string[]>> {
  const messages = new Set<string>();
  const onConsole = (m: ConsoleMessage) => {
    if (/Content Security Policy/i.test(m.text())) messages.add(m.text());
  };
  context.on('console', onConsole);
  context.on('page', (p) => p.on('worker', (w) => w.on('console', onConsole)));
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI}`));
  });
  return async () => {
    const events = await Promise.all(
      context.pages().map((p) => p.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
    );
    return [...events.flat(), ...messages];
  };
}

/** A figure of the "Data quality" summary, by its label ("Rows read", "Customers", …). */
export async function summaryValue(page: Page, label: string): Promise<string> {
  const region = page.getByRole('region', { name: 'Data quality' });
  return (await region.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd').textContent())!.trim();
}

/** Opens the app and waits until it is ready for input. */
export async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(url);
  await page.getByRole('heading', { name: 'Cartera' }).waitFor();
  return page;
}

export const SHARED_DATA = join(ROOT, '..', 'shared', 'data');

/** Opens the CDNOW sample and analyses it with the guessed mapping, as a person would; the Overview then opens. */
export async function analyseSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('tabpanel', { name: 'Overview' }).waitFor();
}

/** Opens one of the workbench's views by clicking its tab, as a person would, and waits until it is shown. */
export async function showView(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.getByRole('tabpanel', { name, exact: true }).waitFor();
}

// A second language as a hosting page supplies it (README, "Languages"), for an init script: English with a few strings changed,
// and the es-ES locale, whose numbers read 23.570 (grouped from five digits) and 2345 (four digits, not grouped).
export const stubLanguage = () => {
  (window as unknown as { __carteraLanguages: unknown[] }).__carteraLanguages = [
    (en: any) => ({
      code: 'xx',
      name: 'Prueba',
      locale: 'es-ES',
      dates: { day: 'numeric', month: 'numeric', year: 'numeric' },
      // Names of its own, so that a test cannot mistake it for the shipped Spanish.
      messages: { ...en, appName: 'Cartera (prueba)', language: 'Idioma (prueba)', rfm: { ...en.rfm, title: 'Puntuaciones de prueba' } },
    }),
  ];
};
