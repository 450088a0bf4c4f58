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

export const treemapLabelsEn: TreemapLabels = {
  title: 'Customer segments, sized by customers',
  tile: (segment, customers, share) => `${segment}: ${customers} customers, ${share} of revenue`,
  customers: 'Customers',
  revenue: 'Revenue',
  revenueShare: 'Share of revenue',
  avgMonetary: 'Average monetary value',
  empty: 'No segments to show.',
};
