/**
 * Text of the customers table, the customer profile and the segment-rules editor (English). Kept apart from
 * `messages.ts` only until the lead merges it there (same shape: plain strings and functions of formatted
 * figures, so a translation supplies the same keys).
 */
export const viewMessages = {
  customersTable: {
    search: 'Search customers',
    searchHint: 'Searches the customer id.',
    /** Status line; `formatted` is the count already formatted ("1,234"). */
    count: (n: number, formatted: string) => (n === 1 ? '1 customer' : `${formatted} customers`),
    loading: 'Loading customers…',
    loadingRow: 'Loading…',
    empty: 'No customer matches.',
    error: 'The customers could not be loaded.',
    retry: 'Try again',
    rowsHint: 'Use the arrow keys to move between customers; press Enter to open a customer’s profile.',
    /** Visible next to the sorted column's label (hidden from screen readers, which read aria-sort). */
    sortedAsc: '▲',
    sortedDesc: '▼',
  },
  profile: {
    title: (customer: string) => `Customer ${customer}`,
    close: 'Close',
    figures: 'Figures',
    firstOrder: 'First order',
    lastOrder: 'Last order',
    orders: 'Orders',
    recency: 'Recency (days)',
    frequency: 'Frequency',
    monetary: 'Monetary',
    scores: 'Scores (R, F, M)',
    scoresValue: (r: number, f: number, m: number) => `R ${r} · F ${f} · M ${m}`,
    cell: 'RFM cell',
    segment: 'Segment',
    timelineTitle: 'Orders over time',
    timelineDescription: (orders: string, from: string, to: string, minNet: string, maxNet: string, negatives: string) =>
      `Timeline of ${orders} orders from ${from} to the analysis date ${to}; one vertical line per order, its height the ` +
      `net amount, from ${minNet} to ${maxNet}. ${negatives} orders below zero are drawn downwards. The table below lists them.`,
    timelineLegend: 'One line per order, height = net amount; orders below zero point down (red).',
    analysisDateMark: 'Analysis date',
    noOrders: 'No orders up to the analysis date.',
    ordersTable: 'Orders',
    columns: { order: 'Order', date: 'Date', net: 'Net amount', lines: 'Lines', return: 'Return' },
    yes: 'Yes',
  },
  rules: {
    intro:
      'Each customer belongs to the first rule, from the top, whose R, F and M ranges all contain its scores; customers that no rule matches are “Others”.',
    caption: 'Segment rules, in order',
    columns: {
      order: '#', name: 'Segment', rFrom: 'R from', rTo: 'R to', fFrom: 'F from', fTo: 'F to', mFrom: 'M from', mTo: 'M to',
      customers: 'Customers', actions: 'Actions',
    },
    /** Accessible name of a rule's name input; `n` is the 1-based rule number. */
    nameLabel: (n: number) => `Segment name, rule ${n}`,
    /** How a rule is named in the other controls' accessible names: its name, or "Rule n" when blank. */
    ruleSubject: (name: string, n: number, duplicate: boolean) =>
      name.trim() === '' ? `Rule ${n}` : duplicate ? `${name.trim()} (rule ${n})` : name.trim(),
    /** Accessible name of a bound: "Champions: R from". */
    boundLabel: (subject: string, measure: 'R' | 'F' | 'M', end: 'from' | 'to') => `${subject}: ${measure} ${end}`,
    outOfRange: (v: number) => `${v} (out of range)`,
    moveUp: (subject: string) => `Move ${subject} up`,
    moveDown: (subject: string) => `Move ${subject} down`,
    delete: (subject: string) => `Delete ${subject}`,
    moveUpText: '↑',
    moveDownText: '↓',
    deleteText: 'Delete',
    add: 'Add rule',
    newName: 'New segment',
    pending: '…',
    /** An earlier rule takes every score combination this rule covers. */
    shadowed: 'takes no customer: earlier, broader rules match all its scores first',
    /** The rule could take some customers, but none has such scores. */
    takesNone: 'takes no customer',
    others: (n: string) => `Others (no rule matches): ${n} customers`,
    problemsTitle: 'These rules are not applied until the problems are fixed:',
    problem: (subject: string, message: string) => `${subject}: ${message}`,
    noRules: 'No rules: every customer is in “Others”.',
  },
} as const;

export type ViewMessages = typeof viewMessages;
