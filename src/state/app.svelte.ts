import type { Remote } from 'comlink';
import { Comlink } from '../data-client';
import type { DataApi, LoadProgress, OpenedDataset, QualitySummary, UserError } from '../../workers/api';
import { isUserError, userError } from '../../workers/errors';
import type { AnalysisSettings } from '../domain/settings';
import { defaultSettings } from '../domain/defaults';

export type Phase = 'idle' | 'loading' | 'mapping' | 'analyzing' | 'ready';

/** The application's state: what is loaded, what is being done, and the one settings object. */
export class AppState {
  phase = $state<Phase>('idle');
  progress = $state<LoadProgress | null>(null);
  error = $state<UserError | null>(null);
  notice = $state<string | null>(null);
  opened = $state<OpenedDataset | null>(null);
  summary = $state<QualitySummary | null>(null);
  settings = $state<AnalysisSettings>(defaultSettings());
  dateAmbiguous = $state(false);

  constructor(private readonly api: Remote<DataApi>) {}

  /** Opens local files (from the picker or a drop). */
  openFiles(files: File[]): Promise<void> {
    return this.load(() => this.api.open(files, Comlink.proxy((p: LoadProgress) => (this.progress = p))));
  }

  /** Opens a file from an address the user typed (or the bundled sample). */
  openUrl(url: string): Promise<void> {
    return this.load(() => this.api.openUrl(url, Comlink.proxy((p: LoadProgress) => (this.progress = p))));
  }

  /** Stops the running load; the app stays as it was. */
  cancel(): void {
    void this.api.cancel();
  }

  private async load(run: () => Promise<OpenedDataset>): Promise<void> {
    const before = this.phase === 'loading' ? 'idle' : this.phase;
    this.phase = 'loading';
    this.error = null;
    this.notice = null;
    this.progress = null;
    try {
      const opened = await run();
      this.opened = opened;
      this.settings.mapping = { ...opened.guess };
      this.settings.decimalMark = opened.decimalMark;
      this.dateAmbiguous = opened.dateAmbiguous;
      this.settings.dateFormat = opened.dateFormat ?? opened.dateCandidates[0] ?? 'iso';
      this.phase = 'mapping';
    } catch (e) {
      const err = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      if (err.code === 'cancelled') this.notice = 'cancelled';
      else this.error = err;
      this.phase = before;
    } finally {
      this.progress = null;
    }
  }

  /** Applies the mapping and shows the data-quality summary. */
  async analyze(): Promise<void> {
    this.phase = 'analyzing';
    this.error = null;
    try {
      const { mapping, dateFormat, decimalMark } = this.settings;
      this.summary = await this.api.analyze($state.snapshot({ mapping, dateFormat, decimalMark }));
      this.phase = 'ready';
    } catch (e) {
      this.error = isUserError(e) ? e : userError('unreadable', { detail: String(e) });
      this.phase = 'mapping';
    }
  }

  /** CSV text of the rows excluded for one reason. */
  excludedCsv(reason: string): Promise<string> {
    return this.api.excludedCsv(reason);
  }
}
