/**
 * Discounted expected transactions over a horizon of H weeks at a yearly rate d: Σ_{w=1..H} [E(w) − E(w − 1)] ÷
 * (1 + d)^(w/52), where E(t) is the expected number of transactions in the next t weeks (the transactions of
 * week w are discounted from the end of that week). With d = 0 the sum is E(H).
 */
export function discountedTransactions(expected: (weeks: number) => number, horizonWeeks: number, yearlyRate: number): number {
  if (!(yearlyRate > -1)) throw new Error(`Not a discount rate: ${yearlyRate}`);
  const whole = Math.floor(horizonWeeks);
  let sum = 0;
  let before = 0;
  for (let w = 1; w <= whole; w++) {
    const now = expected(w);
    sum += (now - before) / (1 + yearlyRate) ** (w / 52);
    before = now;
  }
  // A fractional last week.
  if (horizonWeeks > whole) sum += (expected(horizonWeeks) - before) / (1 + yearlyRate) ** (horizonWeeks / 52);
  return sum;
}
