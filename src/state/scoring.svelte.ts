import type { Histograms, RfmOverview, UserError } from '../../workers/api';

/** The scores on screen: the worker's last overview, whether a scoring is under way, and why the last one failed. */
export class ScoringState {
  /** Replaced whole on each answer, never changed in place: raw, so the views read plain objects (no deep proxy). */
  overview = $state.raw<RfmOverview | null>(null);
  busy = $state(false);
  /** Why the last scoring failed (a code for the messages module; the engine's words as detail). */
  error = $state<UserError | null>(null);
  /** The distributions view's histograms, asked for when that view is shown; they answer `histograms.figuresKey`. */
  histograms = $state.raw<Histograms | null>(null);
  /** Why the last request for the histograms failed. */
  histogramsError = $state<UserError | null>(null);
  /** Bumped whenever the scored customers change, so that tables refetch. */
  version = $state(0);
}
