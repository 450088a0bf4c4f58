import type { ClvOverview, ClvProgress, CohortsOverview, MigrationOverview, UserError } from '../../workers/api';

/** One lifecycle view's result, whether it is being computed, and why it failed. */
class ViewResult<T> {
  value = $state<T | null>(null);
  busy = $state(false);
  error = $state<UserError | null>(null);
  /** A problem with the settings the page found before asking (a message key of `t.lifecycle`). */
  invalid = $state<string | null>(null);
}

/** The lifecycle views' state: cohorts, migration and the lifetime-value model, each computed in the worker. */
export class LifecycleState {
  readonly cohorts = new ViewResult<CohortsOverview>();
  readonly migration = new ViewResult<MigrationOverview>();
  readonly clv = new ViewResult<ClvOverview>();
  clvProgress = $state<ClvProgress | null>(null);
  clvCancelled = $state(false);

  /** Forgets every result (a new Analyze). */
  clear(): void {
    for (const v of [this.cohorts, this.migration, this.clv] as ViewResult<unknown>[]) {
      v.value = null;
      v.busy = false;
      v.error = null;
      v.invalid = null;
    }
    this.clvProgress = null;
    this.clvCancelled = false;
  }
}
