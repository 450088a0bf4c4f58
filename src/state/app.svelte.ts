import type { EngineHost } from './engine.svelte';
import { CANCEL_GRACE_MS } from './engine.svelte';
import type {
  AnalyzeProgress, AnalyzeRequest, LoadProgress, OpenedDataset, RfmOverview, PageQuery, ScoringSettings,
} from '../../workers/api';
import { presetRules } from '../domain/segment-presets';
import { renameReserved, validateRules } from '../domain/segment-rules';
import { segmentReports } from '../domain/segment-reports';
import { isUserError, userError } from '../../workers/errors';
import type { AnalysisSettings } from '../domain/settings';
import type { SavedState } from '../domain/saved-state';
import { DatasetState } from './dataset.svelte';
import { SettingsState } from './settings.svelte';
import { SelectionState } from './selection.svelte';
import { ScoringState } from './scoring.svelte';
import { LifecycleState } from './lifecycle.svelte';
import { addDays, monthsBefore } from '../domain/dates';
import { clvModelJson } from '../domain/clv/model-json';
import type { ClvProgress, SegmentReportName } from '../../workers/api';
import { PRIORITY, RequestCoordinator, isDropped, type RequestOptions, type RequestContext } from './requests';
import { t } from '../i18n/messages';
import { NEW_SEGMENT } from '../sql/migration';

/** Where a data set came from: the page keeps it, so that a restarted worker can read it again. */
export type Source = { kind: 'files'; files: File[] } | { kind: 'url'; url: string };

/**
 * The workbench's actions: open, analyse, score, page, export, cancel. It owns the state classes (the data set,
 * the settings, the selection, the scores), which App.svelte provides to the panels through context
 * (src/state/context.ts), and sends every data request through the request coordinator.
 */
export class AppState {
  readonly data = new DatasetState();
  readonly settings = new SettingsState();
  readonly selection = new SelectionState();
  readonly scores = new ScoringState();
  readonly lifecycle = new LifecycleState();
  private scoreRun = 0;
  /** The scoring settings last sent to the worker (null: send the next call whatever it holds). */
  private requestedKey: string | null = null;
  /** The data set open in the worker (mapping step), and the one analysed, with what it was analysed with. */
  private openedSource: Source | null = null;
  private analysed: { source: Source; request: AnalyzeRequest } | null = null;
  /** The scoring settings of the last overview shown, and the data set it was scored on. */
  private scoredSettings: AnalysisSettings | null = null;
  private scoredData: { source: Source; request: AnalyzeRequest } | null = null;
  /** The scoring request (as `requestedKey` spells it) of the last overview the worker answered, and that overview. */
  private shownKey: string | null = null;
  private shownRequest: ScoringSettings | null = null;
  private workerOverview: RfmOverview | null = null;

  /**
   * A set-up being restored (a share link, saved work): its mapping and formats replace the guess for the next
   * data set opened, which is then analysed; the rest of it replaces the defaults of that Analyze. Kept until an
   * Analyze succeeds, so a mapping the file cannot satisfy can be fixed and analysed with the rest of the set-up.
   */
  private pendingSetup: SavedState | null = null;
  /** Told of each data set opened (saved work stores its source). */
  onOpened: ((source: Source) => void) | null = null;

  /** Every data request goes through it: one out at a time, the rest waiting here, where cancelling is free. */
  private readonly requests: RequestCoordinator;

  constructor(private readonly host: EngineHost) {
    this.requests = new RequestCoordinator((out) => {
      // A load that nobody waits for stops at its next chunk; other steps finish and their answer is dropped.
      if (out.channel === 'data' || out.channel === 'clv') void this.api.cancel().catch(() => {});
    });
    host.onCrash = (methods) => void this.crashed(methods);
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
    if (!ok) return;
    this.openedSource = source;
    this.onOpened?.(source);
    if (this.pendingSetup) await this.analyze();
  }

  /**
   * Restores a set-up (share link or saved work): the settings, the view and the selection at once; the next data
   * set opened takes its mapping and formats instead of the detected ones and is analysed with the rest of it.
   */
  restoreSetup(state: SavedState): void {
    this.pendingSetup = structuredClone(state);
    Object.assign(this.settings.current, structuredClone(state.settings));
    this.settings.setView(state.view);
    this.selection.current = structuredClone(state.selection);
  }

  /** The address the data set open was read from ("Open from URL", the sample), or null for local files. */
  get sourceUrl(): string | null {
    return this.openedSource?.kind === 'url' ? this.openedSource.url : null;
  }

  /** Reads a source in the worker, with progress. */
  private read(source: Source): Promise<OpenedDataset> {
    return this.send(({ progress }) => {
      const onProgress = this.host.progress(progress);
      return source.kind === 'files' ? this.api.open(source.files, onProgress) : this.api.openUrl(source.url, onProgress);
    }, { channel: 'data', onProgress: (p) => (this.data.progress = p as LoadProgress) });
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

  /**
   * A set-up's own rules that cannot be scored would leave no view (and so no rules editor) on screen: a rule named
   * New (reserved since; a set-up may be older) is renamed "New customers", and rules still invalid (a link edited by
   * hand) give way to the RFM preset. Either way a notice says so.
   */
  private usableRules(): void {
    const st = this.settings.current;
    const { rules, renamed } = renameReserved($state.snapshot(st.segmentRules));
    if (renamed) {
      st.segmentRules = rules;
      this.data.renamedTo = renamed;
      this.data.notice = 'rule-renamed';
    }
    if (validateRules(rules, st.bins).length) {
      st.segmentPreset = 'rfm';
      st.segmentRules = presetRules('rfm', st.bins);
      this.data.notice = 'rules-replaced';
    }
  }

  /** Restarts the worker and brings back what was on screen before the call that did not stop. */
  async recover(): Promise<void> {
    // Nothing that waits may reach the fresh worker before the earlier data set is back in it.
    this.requests.clear();
    this.host.restart();
    await this.restore(this.analysed, 'restored');
  }

  /**
   * The worker ended by itself (most likely out of memory) and the host started a fresh one. The views last drawn
   * come back (their data set read again, analysed and scored with their settings), not the data set being
   * worked on, which may be what ran out of memory; the error says what happened. If the worker ends again while
   * that runs, nothing more is tried.
   */
  private async crashed(methods: string[]): Promise<void> {
    const error = userError('engine-crashed', { detail: methods.join(', ') || undefined });
    this.requests.clear();
    if (this.data.restoring) {
      this.analysed = this.scoredData = this.openedSource = null;
      Object.assign(this.data, { phase: 'idle', opened: null, summary: null, error });
      this.scores.overview = null;
      return;
    }
    if (this.scoredData !== this.analysed) {
      // The data set being worked on is dropped with the worker: its summary goes, and the views' data comes back.
      this.data.summary = null;
      this.analysed = this.scoredData;
    }
    await this.restore(this.scoredData, null);
    if (!this.data.error) this.data.error = error;
    if (!this.scoredData) this.scores.overview = null;
  }

  private async restore(analysed: { source: Source; request: AnalyzeRequest } | null, notice: 'restored' | null): Promise<void> {
    this.data.restoring = true;
    this.data.error = null;
    this.scores.busy = false;
    this.requestedKey = null;
    try {
      if (analysed) {
        this.data.phase = 'loading';
        this.data.progress = null;
        this.data.opened = await this.read(analysed.source);
        this.data.summary = await this.send(() => this.api.analyze(analysed.request), { channel: 'data' });
        this.openedSource = analysed.source;
        if (this.scoredSettings) Object.assign(this.settings.current, structuredClone(this.scoredSettings));
        this.data.phase = 'ready';
        await this.rescore();
        this.data.notice = notice;
      } else if (notice && this.openedSource && this.data.opened) {
        this.data.phase = 'loading';
        this.data.opened = await this.read(this.openedSource);
        this.data.phase = 'mapping';
        this.data.notice = notice;
      } else {
        this.data.phase = 'idle';
        this.data.opened = null;
        this.openedSource = null;
        this.data.summary = null;
        this.data.notice = notice && 'restarted';
      }
    } catch (e) {
      // The worker ended during the restore: crashed() has said so, and its alert stays.
      const ended = (isDropped(e) || (isUserError(e) && e.code === 'engine-stalled')) && (this.data.error as { code?: string } | null)?.code === 'engine-crashed';
      if (!ended) this.data.error = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      this.data.phase = this.data.summary ? 'ready' : 'idle';
    } finally {
      this.data.progress = null;
      this.data.restoring = false;
    }
  }

  /** Runs a load; true when it opened a data set. */
  private async load(run: () => Promise<OpenedDataset>): Promise<boolean> {
    const before = this.data.phase === 'loading' ? 'idle' : this.data.phase;
    const started = performance.now();
    this.data.phase = 'loading';
    this.data.error = null;
    this.data.notice = null;
    this.data.progress = null;
    try {
      const opened = await run();
      measure('cartera:load', started);
      this.data.opened = opened;
      this.data.dateAmbiguous = opened.dateAmbiguous;
      const setup = this.pendingSetup?.settings;
      this.settings.current.mapping = { ...(setup?.mapping ?? opened.guess) };
      this.settings.current.decimalMark = setup?.decimalMark ?? opened.decimalMark;
      this.settings.current.dateFormat = setup?.dateFormat ?? opened.dateFormat ?? opened.dateCandidates[0] ?? 'iso';
      this.data.phase = 'mapping';
      return true;
    } catch (e) {
      // Replaced by a newer file asked for: that load owns the phase now.
      if (isDropped(e)) return false;
      const err = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      // A restarted worker: recover() restores what was there and says so.
      if (err.code === 'engine-stalled') return false;
      if (err.code === 'cancelled') this.data.notice = 'cancelled';
      else this.data.error = err;
      this.data.phase = before;
      return false;
    } finally {
      if (!this.data.restoring) this.data.progress = null;
    }
  }

  /** Applies the mapping and shows the data-quality summary. */
  async analyze(): Promise<void> {
    this.data.phase = 'analyzing';
    this.data.error = null;
    const started = performance.now();
    try {
      const { mapping, dateFormat, decimalMark } = this.settings.current;
      const request = $state.snapshot({ mapping, dateFormat, decimalMark });
      this.data.analyzeProgress = null;
      const analyze = () => this.send(({ progress }) => this.api.analyze(request, this.host.progress(progress)), {
        channel: 'data', onProgress: (p) => (this.data.analyzeProgress = p as AnalyzeProgress),
      });
      try {
        this.data.summary = await analyze();
      } catch (e) {
        // A large file's chunks were freed after its first Analyze: read it again (same columns), then analyse.
        if (!(isUserError(e) && e.code === 'reopen-needed' && this.openedSource)) throw e;
        this.data.opened = await this.read(this.openedSource);
        this.data.progress = null;
        this.data.summary = await analyze();
      }
      this.data.analyzeProgress = null;
      if (this.openedSource) this.analysed = { source: this.openedSource, request };
      measure('cartera:analyze', started);
      this.data.phase = 'ready';
      const setup = this.pendingSetup;
      this.pendingSetup = null;
      if (setup) {
        // The mapping and formats just analysed stay (the user may have fixed them); the rest is the set-up's.
        const { mapping: _m, dateFormat: _d, decimalMark: _k, ...rest } = structuredClone(setup.settings);
        Object.assign(this.settings.current, rest);
        this.selection.current = structuredClone(setup.selection);
        this.settings.setView(setup.view);
      } else {
        this.selection.current = { kind: 'all' };
        this.settings.current.analysisDate = null;
      }
      // A preset's rules follow from it and the bins (a set-up written by hand may leave them out).
      if (this.settings.current.segmentRules.length === 0 || this.settings.current.segmentPreset !== 'custom') {
        this.settings.current.segmentRules = presetRules(this.settings.current.segmentPreset === 'custom' ? 'rfm' : this.settings.current.segmentPreset, this.settings.current.bins);
      } else {
        this.usableRules();
      }
      // The worker holds no scores of this data set yet: a cancelled first scoring has no views to go back to.
      this.scores.overview = this.workerOverview = null;
      this.shownKey = null;
      this.shownRequest = null;
      this.scores.error = null;
      this.scores.histograms = null;
      this.histogramsAsked = null;
      this.lifecycle.clear();
      this.lifecycleKeys.clear();
      // With no usable row there is nothing to score: the summary says why, row by row.
      if (this.data.summary.rowsUsed === 0) return;
      this.requestedKey = null;
      await this.rescore();
      // The views are drawn in the frame after the overview arrives.
      requestAnimationFrame(() => setTimeout(() => measure('cartera:first-view', started), 0));
    } catch (e) {
      if (isDropped(e) || (isUserError(e) && e.code === 'engine-stalled')) return;
      this.data.error = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      this.data.phase = 'mapping';
    } finally {
      this.data.analyzeProgress = null;
    }
  }

  /** Shows the mapping step again over the analysis on screen (the views stay until the next Analyze). */
  editMapping(): void {
    if (this.data.opened && this.data.phase === 'ready') this.data.phase = 'mapping';
  }

  /** Closes the mapping step without analysing: the mapping and formats go back to those of the analysis on screen. */
  closeMapping(): void {
    if (this.data.phase !== 'mapping' || !this.data.summary || !this.analysed) return;
    const { mapping, dateFormat, decimalMark } = this.analysed.request;
    Object.assign(this.settings.current, structuredClone({ mapping, dateFormat, decimalMark }));
    this.data.phase = 'ready';
  }

  /** Re-scores in the worker with the current settings; only the last of overlapping calls is kept. */
  async rescore(): Promise<void> {
    if (!this.data.summary || this.data.summary.rowsUsed === 0) return;
    const st = $state.snapshot(this.settings.current);
    if (validateRules(st.segmentRules, st.bins).length) return;
    const request = scoringRequest(st);
    // A control that re-scores at once is followed by the debounced call for the same settings: ask only once.
    const key = JSON.stringify(request);
    if (key === this.requestedKey) return;
    this.requestedKey = key;
    this.answerRuleEdit(request);
    const run = ++this.scoreRun;
    this.scores.busy = true;
    const started = performance.now();
    try {
      const overview = await this.send(() => this.api.score(request), { channel: 'score' });
      if (run !== this.scoreRun) return;
      measure('cartera:score', started, `${overview.recomputed.join(',') || 'cached'}; worker ${Math.round(overview.workerMs)} ms`);
      this.scores.error = null;
      // Nothing recomputed (a repeated call, or a cost model that cannot be used, which keeps the last valid one):
      // keep the views as they are rather than redraw them all, but show the cost model's problems, or clear them.
      if (overview.recomputed.length === 0 && this.scores.overview) {
        const shown = this.scores.overview.profit.problems;
        if (JSON.stringify(shown) !== JSON.stringify(overview.profit.problems)) {
          this.scores.overview = { ...this.scores.overview, profit: { ...this.scores.overview.profit, problems: overview.profit.problems } };
        }
        return;
      }
      this.scores.overview = overview;
      this.workerOverview = overview;
      this.scoredSettings = st;
      this.scoredData = this.analysed;
      this.shownKey = key;
      this.shownRequest = request;
      this.scores.version++;
    } catch (e) {
      // Superseded by a newer call (which now owns `scoring`), or cancelled (cancelScoring said so).
      if (isDropped(e)) return;
      if (run === this.scoreRun && !(isUserError(e) && e.code === 'engine-stalled')) {
        this.scores.error = isUserError(e) ? e : userError('scoring-failed', { detail: String(e) });
        this.requestedKey = null;
      }
    } finally {
      if (run === this.scoreRun) this.scores.busy = false;
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
    this.scores.busy = false;
    this.requestedKey = reached ? null : this.shownKey;
    // A rule edit drawn on the page before the worker answered goes back too.
    if (this.workerOverview) {
      this.scores.overview = this.workerOverview;
      if (this.scoredSettings) Object.assign(this.settings.current, structuredClone(this.scoredSettings));
    }
    this.data.notice = 'scoring-cancelled';
  }

  /**
   * A change of the segment rules only is answered here at once, from the per-cell sums of the overview on screen
   * (the same function the worker uses), so no request ahead in the queue holds it up; the worker's answer follows
   * with the same figures and the cell map that pages and exports read.
   */
  private answerRuleEdit(request: ScoringSettings): void {
    const shown = this.shownRequest;
    const o = this.scores.overview;
    // The cell sums depend on the figures, scores and costs, not on the rules: those of the overview on screen hold.
    if (!shown || !o) return;
    if (JSON.stringify({ ...request, segmentRules: null }) !== JSON.stringify({ ...shown, segmentRules: null })) return;
    const r = segmentReports(request.segmentRules, request.bins, o.cells.stats, o.cells.deciles, o.profit.known);
    this.scores.overview = { ...o, ruleCounts: r.ruleCounts, segments: r.segments, profit: { ...o.profit, bySegment: r.bySegment, deciles: r.deciles } };
  }

  /** A page of the selected customers, decoded from Arrow IPC. */
  async customersPage(q: Omit<PageQuery, 'selection'>): Promise<{ total: number; rows: Record<string, unknown>[] }> {
    const query: PageQuery = { ...q, selection: $state.snapshot(this.selection.current) };
    const { total, ipc } = await this.send(() => this.api.customersPage(query), {
      key: JSON.stringify([query, this.scores.version]), priority: PRIORITY.page,
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
    if (!this.scores.overview) return;
    const analysisDate = this.scores.overview.analysisDate;
    try {
      this.selection.profile = await this.send(() => this.api.customerProfile(customerId, analysisDate), { channel: 'profile' });
    } catch (e) {
      // A newer profile asked for replaces this one.
      if (!isDropped(e)) throw e;
    }
  }

  /** Downloads the selected customers as customers.csv or customers.parquet, segments labelled in the UI language. */
  async exportCustomers(format: 'csv' | 'parquet'): Promise<void> {
    const sel = $state.snapshot(this.selection.current);
    const labels = { ...t.segmentNames };
    const dialect = this.settings.view.csvDialect;
    const bytes = await this.send(() => this.api.exportCustomers(sel, format, undefined, labels, dialect), { priority: PRIORITY.background });
    const type = format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.apache.parquet';
    downloadBytes(bytes, `customers.${format}`, type);
  }

  /** Downloads segments or profit-by-segment as CSV (in the chosen dialect) or Parquet. */
  async exportReport(report: SegmentReportName, format: 'csv' | 'parquet'): Promise<void> {
    const dialect = this.settings.view.csvDialect;
    const labels = { ...t.segmentNames };
    const bytes = await this.send(() => this.api.exportReport(report, format, dialect, labels), { priority: PRIORITY.background });
    downloadBytes(bytes, `${report}.${format}`, format === 'csv' ? 'text/csv;charset=utf-8' : 'application/vnd.apache.parquet');
  }

  /** The analysis date on screen (the scored one). */
  private get analysisDate(): string | null {
    return this.scores.overview?.analysisDate ?? null;
  }

  /** The figures whose histograms were last asked for (so one view asks once per analysis date and monetary mode). */
  private histogramsAsked: string | null = null;

  /**
   * Asks the worker for the histograms of the overview on screen, which a scoring does not build: called by the
   * distributions view when it is shown. Answered for the figures the worker last scored; an answer for other
   * figures than those on screen is asked for again when the view sees it.
   */
  async loadHistograms(): Promise<void> {
    const key = this.scores.overview?.figuresKey;
    if (!key || this.scores.histograms?.figuresKey === key || this.histogramsAsked === key) return;
    this.histogramsAsked = key;
    this.scores.histogramsError = null;
    const started = performance.now();
    try {
      this.scores.histograms = await this.send(() => this.api.histograms(), { channel: 'histograms' });
      measure('cartera:histograms', started);
    } catch (e) {
      if (this.histogramsAsked === key) this.histogramsAsked = null;
      if (isDropped(e) || (isUserError(e) && e.code === 'engine-stalled')) return;
      this.scores.histogramsError = isUserError(e) ? e : userError('scoring-failed', { detail: String(e) });
    }
  }

  /** Computes the cohort triangle for the analysis date on screen. */
  async loadCohorts(): Promise<void> {
    const analysisDate = this.analysisDate;
    if (!analysisDate) return;
    const grain = this.settings.current.lifecycle.cohortGrain;
    await this.lifecycleCall(this.lifecycle.cohorts, 'cohorts', [analysisDate, grain], () => this.api.cohorts(analysisDate, grain));
  }

  /** The comparison date asked for, or its default (three calendar months before the analysis date). */
  compareDate(): string | null {
    const a = this.analysisDate;
    return a ? (this.settings.current.lifecycle.compareDate ?? monthsBefore(a, 3)) : null;
  }

  /** The calibration end asked for, or its default (the day before the analysis date: the last day of data). */
  calibrationEnd(): string | null {
    const a = this.analysisDate;
    return a ? (this.settings.current.lifecycle.calibrationEnd ?? addDays(a, -1)) : null;
  }

  /** Scores the comparison date and computes the migration to the analysis date. */
  async loadMigration(): Promise<void> {
    const a = this.analysisDate;
    const b = this.compareDate();
    const view = this.lifecycle.migration;
    if (!a || !b) return;
    view.invalid = b < a ? null : 'invalidDate';
    if (view.invalid) return;
    const request = scoringRequest($state.snapshot(this.settings.current));
    await this.lifecycleCall(view, 'migration', [request, b], () => this.api.migration(request, b));
  }

  /** Fits the lifetime-value models (cancellable, with progress). */
  async fitClv(): Promise<void> {
    const a = this.analysisDate;
    const end = this.calibrationEnd();
    const view = this.lifecycle.clv;
    if (!a || !end) return;
    const l = this.settings.current.lifecycle;
    const discount = Number(l.discountPct.replace(',', '.'));
    view.invalid = !(end < a) ? 'invalidCalibration'
      : !(Number.isInteger(l.horizonWeeks) && l.horizonWeeks >= 1 && l.horizonWeeks <= 520) || !(discount >= 0 && discount < 100) ? 'invalidHorizon' : null;
    if (view.invalid) return;
    const req = {
      analysisDate: a, calibrationEnd: end, horizonWeeks: l.horizonWeeks, discountRate: discount / 100,
      keyAccounts: Math.max(1, Math.trunc(l.keyAccounts) || 20), costModel: $state.snapshot(this.settings.current.costModel),
    };
    await this.lifecycleCall(view, 'clv', req, ({ progress }) => {
      this.lifecycle.clvCancelled = false;
      this.lifecycle.clvProgress = null;
      return this.api.fitClv(req, this.host.progress(progress));
    }, (p) => (this.lifecycle.clvProgress = p as ClvProgress));
    this.lifecycle.clvProgress = null;
  }

  /** Stops the running fit (the worker stops at its next step). */
  cancelClv(): void {
    if (!this.requests.has('clv')) return;
    this.requests.cancelChannel('clv');
    this.lifecycle.clv.busy = false;
    this.lifecycle.clvProgress = null;
    this.lifecycle.clvCancelled = true;
  }

  /** The request each lifecycle view's result on screen answers. */
  private readonly lifecycleKeys = new Map<string, string>();

  /**
   * Runs one lifecycle view's request on its own channel (a newer one supersedes it); a request equal to the one
   * whose answer is on screen is not sent again.
   */
  private async lifecycleCall<T>(
    view: { value: T | null; busy: boolean; error: import('../../workers/api').UserError | null },
    channel: string, request: unknown, run: (ctx: RequestContext) => Promise<T>, onProgress?: (p: unknown) => void,
  ): Promise<void> {
    const key = JSON.stringify(request);
    if (view.value && !view.error && this.lifecycleKeys.get(channel) === key) return;
    this.lifecycleKeys.set(channel, key);
    view.busy = true;
    view.error = null;
    const started = performance.now();
    try {
      view.value = await this.send(run, { channel, onProgress });
      view.busy = false;
      measure(`cartera:${channel}`, started);
    } catch (e) {
      // The result on screen no longer answers this key: the same settings ask again.
      if (this.lifecycleKeys.get(channel) === key) this.lifecycleKeys.delete(channel);
      if (isDropped(e)) return;
      view.busy = false;
      if (isUserError(e) && e.code === 'engine-stalled') return;
      if (isUserError(e) && e.code === 'cancelled') {
        this.lifecycle.clvCancelled = true;
        return;
      }
      view.error = isUserError(e) ? e : userError('lifecycle-failed', { detail: String(e) });
    }
  }

  /** Downloads cohorts.csv or migration.csv (what the view shows). */
  async exportLifecycle(which: 'cohorts' | 'migration'): Promise<void> {
    // Migration's segments are labelled in the UI language, 'New' with the language's word.
    const labels = { ...t.segmentNames, [NEW_SEGMENT]: t.lifecycle.newSegment };
    const dialect = this.settings.view.csvDialect;
    const bytes = await this.send(() => this.api.lifecycleCsv(which, labels, dialect), { priority: PRIORITY.background });
    downloadBytes(bytes, `${which}.csv`, 'text/csv;charset=utf-8');
  }

  /** Downloads clv-model.json: the fitted parameters, the calibration end and the horizon. */
  exportModel(): void {
    const o = this.lifecycle.clv.value;
    if (o?.bgnbd) downloadBytes(clvModelJson(o), 'clv-model.json', 'application/json');
  }

  /** Downloads transactions.csv: the rows used, in the chosen CSV format. */
  async exportTransactions(): Promise<void> {
    const dialect = this.settings.view.csvDialect;
    const bytes = await this.send(() => this.api.transactionsCsv(dialect), { priority: PRIORITY.background });
    downloadBytes(bytes, 'transactions.csv', 'text/csv;charset=utf-8');
  }

  /** CSV text of the rows excluded for one reason. */
  excludedCsv(reason: string): Promise<string> {
    const dialect = this.settings.view.csvDialect;
    return this.send(() => this.api.excludedCsv(reason, dialect), { priority: PRIORITY.background });
  }
}

/** The part of the settings that scoring depends on. */
function scoringRequest(st: AnalysisSettings): ScoringSettings {
  return {
    analysisDate: st.analysisDate, monetaryMode: st.monetaryMode, scoreMethod: st.scoreMethod, bins: st.bins,
    customCuts: st.customCuts, segmentRules: st.segmentRules, costModel: st.costModel,
  };
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
