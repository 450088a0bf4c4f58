import type { AnalyzeProgress, LoadProgress, OpenedDataset, QualitySummary, UserError } from '../../workers/api';

export type Phase = 'idle' | 'loading' | 'mapping' | 'analyzing' | 'ready';

/** A notice shown after something the user did not ask for, or asked to stop. */
export type Notice = 'cancelled' | 'restored' | 'restarted' | 'scoring-cancelled' | 'rule-renamed' | 'rules-replaced';

/** The data set: what is open, how far its load is, its quality summary once analysed, and what went wrong. */
export class DatasetState {
  phase = $state<Phase>('idle');
  progress = $state<LoadProgress | null>(null);
  /** How far Analyze is (rows typed), while it runs. */
  analyzeProgress = $state<AnalyzeProgress | null>(null);
  error = $state<UserError | null>(null);
  notice = $state<Notice | null>(null);
  /** The name a 'rule-renamed' notice gives (the rule's new name). */
  renamedTo = $state<string | null>(null);
  /** True while a restarted worker reads the earlier data set again. */
  restoring = $state(false);
  opened = $state<OpenedDataset | null>(null);
  summary = $state<QualitySummary | null>(null);
  dateAmbiguous = $state(false);
}
