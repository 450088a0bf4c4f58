import type { Selection } from '../../../workers/api';
import { t } from '../../i18n/messages';
import { formatInt } from '../../i18n/format';
import { segmentLabel } from '../../i18n/segment-label';
import { NEW_SEGMENT } from '../../domain/segment-rules';

/** A migration's segment as shown: 'New' (no order by the comparison date) in the language's word, else its label. */
export function migrationLabel(segment: string): string {
  return segment === NEW_SEGMENT ? t.lifecycle.newSegment : segmentLabel(segment);
}

/** The words for a selection of customers, e.g. "Segment: Champions". */
export function selectionText(sel: Selection): string {
  switch (sel.kind) {
    case 'all':
      return t.rfm.selectionAll;
    case 'segment':
      return t.rfm.selectionSegment(segmentLabel(sel.segment));
    case 'cell':
      return t.rfm.selectionCell(sel.r, sel.f);
    case 'rank':
      return t.rfm.selectionRank(formatInt(sel.from), formatInt(sel.to));
    case 'below-adequate':
      return t.rfm.selectionBelow;
    case 'cohort':
      return t.lifecycle.selectionCohort(sel.cohort, formatInt(sel.period));
    case 'migration':
      return t.lifecycle.selectionMigration(migrationLabel(sel.before), segmentLabel(sel.after));
  }
}
