import type { EngineHost } from './engine.svelte';
import { CANCEL_GRACE_MS } from './engine.svelte';
import type {
  AnalyzeRequest, LoadProgress, OpenedDataset, QualitySummary, UserError, RfmOverview, Selection, PageQuery, CustomerProfile,
  ScoringSettings,
} from '../../workers/api';
import { presetRules } from '../domain/segment-presets';
import { validateRules } from '../domain/segment-rules';
import { segmentReports } from '../domain/segment-reports';
import { isUserError, userError } from '../../workers/errors';
import type { AnalysisSettings } from '../domain/settings';
import { defaultSettings } from '../domain/defaults';
import { PRIORITY, RequestCoordinator, isDropped, type RequestOptions, type RequestContext } from './requests';

export type Phase = 'idle' | 'loading' | 'mapping' | 'analyzing' | 'ready';

/** Where a data set came from: the page keeps it, so that a restarted worker can read it again. */
export type Source = { kind: 'files'; files: File[] } | { kind: 'url'; url: string };

/** A notice shown after something the user did not ask for, or asked to stop. */
export type Notice = 'cancelled' | 'restored' | 'restarted' | 'scoring-cancelled';

/** The application's state: what is loaded, what is being done, and the one settings object. */
export class AppState {
  phase = $state<Phase>('idle');
  progress = $state<LoadProgress | null>(null);
  error = $state<UserError | null>(null);
  notice = $state<Notice | null>(null);
  /** True while a restarted worker reads the earlier data set again. */
  restoring = $state(false);
  opened = $state<OpenedDataset | null>(null);
  summary = $state<QualitySummary | null>(null);
  settings = $state<AnalysisSettings>(defaultSettings());
  dateAmbiguous = $state(false);
  /** Replaced whole on each answer, never changed in place: raw, so the views read plain objects (no deep proxy). */
  overview = $state.raw<RfmOverview | null>(null);
  scoring = $state(false);
  /** Why the last scoring failed (a code for the messages module; the engine's words as detail). */
  scoreError = $state<UserError | null>(null);
  selection = $state<Selection>({ kind: 'all' });
  profile = $state<CustomerProfile | null>(null);
  /** Bumped whenever the scored customers change, so that tables refetch. */
  scoredVersion = $state(0);
  private scoreRun = 0;
  /** The scoring settings last sent to the worker (null: send the next call whatever it holds). */
  private requestedKey: string | null = null;
  /** The data set open in the worker (mapping step), and the one analysed, with what it was analysed with. */
  private openedSource: Source | null = null;
  private analysed: { source: Source; request: AnalyzeRequest } | null = null;
  /** The scoring settings of the last overview shown. */
  private scoredSettings: AnalysisSettings | null = null;
  /** The scoring request (as `requestedKey` spells it) of the last overview the worker answered, and that overview. */
  private shownKey: string | null = null;
  private shownRequest: ScoringSettings | null = null;
  private workerOverview: RfmOverview | null = null;

  /** Every data request goes through it: one out at a time, the rest waiting here, where cancelling is free. */
  private readonly requests: RequestCoordinator;

  constructor(private readonly host: EngineHost) {
    this.requests = new RequestCoordinator((out) => {
      // A load that nobody waits for stops at its next chunk; other steps finish and their answer is dropped.
      if (out.channel === 'data') void this.api.cancel().catch(() => {});
    });
  }

  private get api() {
    return this.host.api;
  }

  /** Sends a request through the coordinator; resolves with the worker's answer. */
  private send<T>(run: (ctx: RequestContext) => Promise<T>, opts: RequestOptions = {}): Promise<T> {
    return this.requests.request(run, opts).answer;
  }

  /** Opens local files (from the picker or a drop). */
  openFiles(files: File[]): Promise<void> {
    return this.open({ kind: 'files', files });
  }

  /** Opens a file from an address the user typed (or the bundled sample). */
  openUrl(url: string): Promise<void> {
    return this.open({ kind: 'url', url });
  }

  private async open(source: Source): Promise<void> {
    const ok = await this.load(() => this.read(source));
    if (ok) this.openedSource = source;
  }

  /** Reads a source in the worker, with progress. */
  private read(source: Source): Promise<OpenedDataset> {
    return this.send(({ progress }) => {
      const onProgress = this.host.progress(progress);
      return source.kind === 'files' ? this.api.open(source.files, onProgress) : this.api.openUrl(source.url, onProgress);
    }, { channel: 'data', onProgress: (p) => (this.progress = p as LoadProgress) });
  }

  /**
   * Stops what the worker is doing. A load stops at its next chunk; when the worker does not stop at once (one
   * long step), it is terminated, a fresh one started, and the earlier data set and settings restored.
   */
  async cancel(): Promise<void> {
    void this.api.cancel().catch(() => {});
    if (await this.host.idle(CANCEL_GRACE_MS)) return;
    await this.recover();
  }

  /** Restarts the worker and brings back what was on screen before the call that did not stop. */
  async recover(): Promise<void> {
    // Nothing that waits may reach the fresh worker before the earlier data set is back in it.
    this.requests.clear();
    this.host.restart();
    this.restoring = true;
    this.error = null;
    this.scoring = false;
    this.requestedKey = null;
    try {
      const analysed = this.analysed;
      if (analysed) {
        this.phase = 'loading';
        this.progress = null;
        this.opened = await this.read(analysed.source);
        this.summary = await this.send(() => this.api.analyze(analysed.request), { channel: 'data' });
        this.openedSource = analysed.source;
        if (this.scoredSettings) Object.assign(this.settings, structuredClone(this.scoredSettings));
        this.phase = 'ready';
        await this.rescore();
        this.notice = 'restored';
      } else if (this.openedSource && this.opened) {
        this.phase = 'loading';
        this.opened = await this.read(this.openedSource);
        this.phase = 'mapping';
        this.notice = 'restored';
      } else {
        this.phase = 'idle';
        this.opened = null;
        this.notice = 'restarted';
      }
    } catch (e) {
      this.error = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      this.phase = this.summary ? 'ready' : 'idle';
    } finally {
      this.progress = null;
      this.restoring = false;
    }
  }

  /** Runs a load; true when it opened a data set. */
  private async load(run: () => Promise<OpenedDataset>): Promise<boolean> {
    const before = this.phase === 'loading' ? 'idle' : this.phase;
    const started = performance.now();
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.progress = null;
    try {
      const opened = await run();
      measure('cartera:load', started);
      this.opened = opened;
      this.settings.mapping = { ...opened.guess };
      this.settings.decimalMark = opened.decimalMark;
      this.dateAmbiguous = opened.dateAmbiguous;
      this.settings.dateFormat = opened.dateFormat ?? opened.dateCandidates[0] ?? 'iso';
      this.phase = 'mapping';
      return true;
    } catch (e) {
      // Replaced by a newer file asked for: that load owns the phase now.
      if (isDropped(e)) return false;
      const err = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      // A restarted worker: recover() restores what was there and says so.
      if (err.code === 'engine-stalled') return false;
      if (err.code === 'cancelled') this.notice = 'cancelled';
      else this.error = err;
      this.phase = before;
      return false;
    } finally {
      if (!this.restoring) this.progress = null;
    }
  }

  /** Applies the mapping and shows the data-quality summary. */
  async analyze(): Promise<void> {
    this.phase = 'analyzing';
    this.error = null;
    const started = performance.now();
    try {
      const { mapping, dateFormat, decimalMark } = this.settings;
      const request = $state.snapshot({ mapping, dateFormat, decimalMark });
      this.summary = await this.send(() => this.api.analyze(request), { channel: 'data' });
      if (this.openedSource) this.analysed = { source: this.openedSource, request };
      measure('cartera:analyze', started);
      this.phase = 'ready';
      this.selection = { kind: 'all' };
      this.settings.analysisDate = null;
      if (this.settings.segmentRules.length === 0 || this.settings.segmentPreset !== 'custom') {
        this.settings.segmentRules = presetRules(this.settings.segmentPreset === 'custom' ? 'rfm' : this.settings.segmentPreset, this.settings.bins);
      }
      this.overview = null;
      // With no usable row there is nothing to score: the summary says why, row by row.
      if (this.summary.rowsUsed === 0) return;
      this.requestedKey = null;
      await this.rescore();
      // The views are drawn in the frame after the overview arrives.
      requestAnimationFrame(() => setTimeout(() => measure('cartera:first-view', started), 0));
    } catch (e) {
      if (isDropped(e) || (isUserError(e) && e.code === 'engine-stalled')) return;
      this.error = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      this.phase = 'mapping';
    }
  }

  /** Re-scores in the worker with the current settings; only the last of overlapping calls is kept. */
  async rescore(): Promise<void> {
    if (!this.summary || this.summary.rowsUsed === 0) return;
    const st = $state.snapshot(this.settings);
    if (validateRules(st.segmentRules, st.bins).length) return;
    const request = {
      analysisDate: st.analysisDate, monetaryMode: st.monetaryMode, scoreMethod: st.scoreMethod, bins: st.bins,
      customCuts: st.customCuts, segmentRules: st.segmentRules, costModel: st.costModel,
    };
    // A control that re-scores at once is followed by the debounced call for the same settings: ask only once.
    const key = JSON.stringify(request);
    if (key === this.requestedKey) return;
    this.requestedKey = key;
    this.answerRuleEdit(request);
    const run = ++this.scoreRun;
    this.scoring = true;
    const started = performance.now();
    try {
      const overview = await this.send(() => this.api.score(request), { channel: 'score' });
      if (run !== this.scoreRun) return;
      measure('cartera:score', started, `${overview.recomputed.join(',') || 'cached'}; worker ${Math.round(overview.workerMs)} ms`);
      this.scoreError = null;
      // Nothing recomputed (a repeated call, or a cost model that cannot be used, which keeps the last valid one):
      // keep the views as they are rather than redraw them all, but show the cost model's problems, or clear them.
      if (overview.recomputed.length === 0 && this.overview) {
        const shown = this.overview.profit.problems;
        if (JSON.stringify(shown) !== JSON.stringify(overview.profit.problems)) {
          this.overview = { ...this.overview, profit: { ...this.overview.profit, problems: overview.profit.problems } };
        }
        return;
      }
      this.overview = overview;
      this.workerOverview = overview;
      this.scoredSettings = st;
      this.shownKey = key;
      this.shownRequest = request;
      this.scoredVersion++;
    } catch (e) {
      // Superseded by a newer call (which now owns `scoring`), or cancelled (cancelScoring said so).
      if (isDropped(e)) return;
      if (run === this.scoreRun && !(isUserError(e) && e.code === 'engine-stalled')) {
        this.scoreError = isUserError(e) ? e : userError('scoring-failed', { detail: String(e) });
        this.requestedKey = null;
      }
    } finally {
      if (run === this.scoreRun) this.scoring = false;
    }
  }

  /**
   * Stops waiting for the scoring asked for: the views keep the overview on screen, and the controls go back to
   * the settings it was scored with (the worker is brought back to them if the step had already started).
   */
  cancelScoring(): void {
    if (!this.requests.has('score')) return;
    // A request still waiting never reached the worker, which then still holds the scores on screen; one already
    // out has changed the worker's tables, which are scored back (the views do not change).
    const reached = this.requests.pending().some((r) => r.channel === 'score' && r.state === 'out');
    this.requests.cancelChannel('score');
    this.scoreRun++;
    this.scoring = false;
    this.requestedKey = reached ? null : this.shownKey;
    // A rule edit drawn on the page before the worker answered goes back too.
    if (this.workerOverview) this.overview = this.workerOverview;
    if (this.scoredSettings) Object.assign(this.settings, structuredClone(this.scoredSettings));
    this.notice = 'scoring-cancelled';
  }

  /**
   * A change of the segment rules only is answered here at once, from the per-cell sums of the overview on screen
   * (the same function the worker uses), so no request ahead in the queue holds it up; the worker's answer follows
   * with the same figures and the cell map that pages and exports read.
   */
  private answerRuleEdit(request: ScoringSettings): void {
    const shown = this.shownRequest;
    const o = this.overview;
    // The cell sums depend on the figures, scores and costs, not on the rules: those of the overview on screen hold.
    if (!shown || !o) return;
    if (JSON.stringify({ ...request, segmentRules: null }) !== JSON.stringify({ ...shown, segmentRules: null })) return;
    const r = segmentReports(request.segmentRules, request.bins, o.cells.stats, o.cells.deciles, o.profit.known);
    this.overview = { ...o, ruleCounts: r.ruleCounts, segments: r.segments, profit: { ...o.profit, bySegment: r.bySegment, deciles: r.deciles } };
  }

  /** A page of the selected customers, decoded from Arrow IPC. */
  async customersPage(q: Omit<PageQuery, 'selection'>): Promise<{ total: number; rows: Record<string, unknown>[] }> {
    const query: PageQuery = { ...q, selection: $state.snapshot(this.selection) };
    const { total, ipc } = await this.send(() => this.api.customersPage(query), {
      key: JSON.stringify([query, this.scoredVersion]), priority: PRIORITY.page,
    });
    const { tableFromIPC } = await import('apache-arrow');
    const table = tableFromIPC(ipc);
    const rows = table.toArray().map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      for (const k in o) if (typeof o[k] === 'bigint') o[k] = Number(o[k]);
      return o;
    });
    return { total, rows };
  }

  /** Opens one customer's profile. */
  async openProfile(customerId: string): Promise<void> {
    if (!this.overview) return;
    const analysisDate = this.overview.analysisDate;
    try {
      this.profile = await this.send(() => this.api.customerProfile(customerId, analysisDate), { channel: 'profile' });
    } catch (e) {
      // A newer profile asked for replaces this one.
      if (!isDropped(e)) throw e;
    }
  }

  /** Downloads the selected customers as customers.csv or customers.parquet. */
  async exportCustomers(format: 'csv' | 'parquet'): Promise<void> {
    const sel = $state.snapshot(this.selection);
    const bytes = await this.send(() => this.api.exportCustomers(sel, format), { priority: PRIORITY.background });
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.apache.parquet';
    downloadBytes(bytes, `customers.${format}`, type);
  }

  /** CSV text of the rows excluded for one reason. */
  excludedCsv(reason: string): Promise<string> {
    return this.send(() => this.api.excludedCsv(reason), { priority: PRIORITY.background });
  }
}

/** Saves bytes as a file through a temporary object URL. */
export function downloadBytes(bytes: Uint8Array | string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Records a User Timing measure (read by the benchmark; harmless otherwise). */
function measure(name: string, start: number, detail?: string): void {
  try {
    performance.measure(name, { start, end: performance.now(), detail });
  } catch {
    /* User Timing unavailable: nothing to record */
  }
}
