import type { CustomerProfile, Selection } from '../../workers/api';

/** Which customers the views list (a segment, a cell, a profit rank range…), and the one customer opened. */
export class SelectionState {
  current = $state<Selection>({ kind: 'all' });
  profile = $state<CustomerProfile | null>(null);

  select(sel: Selection): void {
    this.current = sel;
  }

  clear(): void {
    this.current = { kind: 'all' };
  }
}
