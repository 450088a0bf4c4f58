/** Visible text of the segment map. The app passes its own (from the messages module); these are defaults. */
export interface TreemapLabels {
  /** Accessible name of the whole map. */
  title: string;
  /** Accessible name of a tile, from already formatted figures. */
  tile: (segment: string, customers: string, revenueShare: string) => string;
  customers: string;
  revenue: string;
  revenueShare: string;
  avgMonetary: string;
  /** Shown instead of the map when there are no segments. */
  empty: string;
}

// The English text lives with every other UI string in the messages module.
export { treemapLabelsEn } from '../../i18n/en';
