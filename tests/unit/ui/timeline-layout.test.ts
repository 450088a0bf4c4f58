import { describe, expect, test } from 'vitest';
import { dateTickTexts, parseDay, timelineLayout, type TimelineOrder } from '../../../src/charts/timeline/layout';

const zero = { top: 0, right: 0, bottom: 0, left: 0 };
const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

describe('timelineLayout', () => {
  test('a purchase and a return: 20 days on 200 px (10 px a day), amounts −100..100 on 100 px', () => {
    const orders: TimelineOrder[] = [
      { order_date: '2024-01-01', net: 100 },
      { order_date: '2024-01-11', net: -100 },
    ];
    const l = timelineLayout(orders, { width: 200, height: 100, analysisDate: '2024-01-21', margin: zero });
    expect(l.plot).toEqual({ x: 0, y: 0, width: 200, height: 100 });
    expect([l.from, l.to, l.analysisX, l.zeroY]).toEqual(['2024-01-01', '2024-01-21', 200, 50]);
    expect(l.stems).toEqual([
      { index: 0, x: 0, y0: 50, y1: 0, negative: false },
      { index: 1, x: 100, y0: 50, y1: 100, negative: true },
    ]);
    // 2 ticks wanted over 20 days → weekly ticks on Sundays: 7, 14, 21 January (6, 13, 20 days in).
    expect(l.xTicks.map((t) => [t.pos, t.text])).toEqual([
      [60, '2024-01-07'],
      [130, '2024-01-14'],
      [200, '2024-01-21'],
    ]);
    expect(l.xTicks[0].value).toBe(day('2024-01-07'));
    expect(l.yTicks.map((t) => [t.value, t.pos, t.text])).toEqual([
      [-100, 100, '-100'],
      [-50, 75, '-50'],
      [0, 50, '0'],
      [50, 25, '50'],
      [100, 0, '100'],
    ]);
  });

  test('default margins; a year with quarterly ticks labelled by month', () => {
    // plot: x 60..420 (360 px), y 10..110 (100 px); 365 days from 1997-01-01 to 1998-01-01.
    const orders = [
      { order_date: '1997-01-01', net: 30 },
      { order_date: '1997-07-02', net: 15 }, // day 182
    ];
    const l = timelineLayout(orders, { width: 436, height: 134, analysisDate: '1998-01-01' });
    expect(l.plot).toEqual({ x: 60, y: 10, width: 360, height: 100 });
    const px = (days: number) => 60 + (360 * days) / 365;
    expect(l.stems.map((s) => [s.x, s.y0, s.y1, s.negative])).toEqual([
      [60, 110, 10, false],
      [px(182), 110, 60, false],
    ]);
    expect(l.stems[1].x).toBeCloseTo(239.507, 3);
    expect(l.xTicks.map((t) => t.text)).toEqual(['1997-01', '1997-04', '1997-07', '1997-10', '1998-01']);
    expect(l.xTicks.map((t) => t.pos)).toEqual([px(0), px(90), px(181), px(273), px(365)]);
    // amounts 0..30 (already nice) on y 110..10: 10 units = 33.33 px.
    expect(l.yTicks.map((t) => t.value)).toEqual([0, 10, 20, 30]);
    [110, 76.667, 43.333, 10].forEach((pos, i) => expect(l.yTicks[i].pos).toBeCloseTo(pos, 3));
    expect(l.analysisX).toBe(420);
  });

  test('ticks on 1 January are labelled with the year', () => {
    // 2020-01-01 .. 2023-01-01 = 366 + 365 + 365 = 1096 days on 300 px.
    const l = timelineLayout([{ order_date: '2020-01-01', net: 5 }], {
      width: 300, height: 50, analysisDate: '2023-01-01', margin: zero, xTickCount: 3,
    });
    expect(l.xTicks.map((t) => t.text)).toEqual(['2020', '2021', '2022', '2023']);
    expect(l.xTicks.map((t) => t.pos)).toEqual([0, (300 * 366) / 1096, (300 * 731) / 1096, 300]);
  });

  test('one order on the analysis date: the axis is widened to one day; a zero amount has a zero-height stem', () => {
    const l = timelineLayout([{ order_date: '2024-03-05', net: 0 }], { width: 100, height: 40, analysisDate: '2024-03-05', margin: zero });
    expect([l.from, l.to]).toEqual(['2024-03-05', '2024-03-06']);
    expect(l.stems).toEqual([{ index: 0, x: 0, y0: 40, y1: 40, negative: false }]);
    expect(l.yTicks[0]).toMatchObject({ value: 0, pos: 40 });
  });

  test('orders with an unreadable date or amount are left out; indices point into the input', () => {
    const orders = [
      { order_date: 'bad', net: 5 },
      { order_date: '2024-01-01', net: Number.NaN },
      { order_date: '2024-01-01', net: 10 },
      { order_date: '2024-01-03T00:00:00', net: 20 },
    ];
    const l = timelineLayout(orders, { width: 40, height: 20, analysisDate: '2024-01-05', margin: zero });
    // 4 days on 40 px; amounts 0..20 on 20 px.
    expect(l.stems).toEqual([
      { index: 2, x: 0, y0: 20, y1: 10, negative: false },
      { index: 3, x: 20, y0: 20, y1: 0, negative: false },
    ]);
  });

  test('no orders: no stems, a one-day axis ending at the analysis date', () => {
    const l = timelineLayout([], { width: 100, height: 50, analysisDate: '2024-01-05', margin: zero });
    expect(l.stems).toEqual([]);
    expect([l.from, l.to]).toEqual(['2024-01-04', '2024-01-05']);
  });

  test('a customer with 200,000 orders does not overflow the call stack', () => {
    const orders = Array.from({ length: 200_000 }, (_, i) => ({ order_date: i % 2 ? '2020-01-01' : '2021-01-01', net: i % 7 - 3 }));
    const l = timelineLayout(orders, { width: 500, height: 200, analysisDate: '2021-06-01' });
    expect(l.stems).toHaveLength(200_000);
    expect(l.stems.filter((s) => s.negative)).toHaveLength(orders.filter((o) => o.net < 0).length);
  });
});

describe('date helpers', () => {
  test.each([
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['1997-01-01 00:00:00', Date.UTC(1997, 0, 1)],
    ['01/02/2024', null],
    ['', null],
  ] as const)('parseDay(%j) → %j', (text, want) => {
    expect(parseDay(text)).toBe(want);
  });

  test.each([
    [['2020-01-01', '2021-01-01'], ['2020', '2021']],
    [['2020-01-01', '2020-04-01'], ['2020-01', '2020-04']],
    [['2020-01-01', '2020-01-08'], ['2020-01-01', '2020-01-08']],
  ])('dateTickTexts(%j) → %j', (days, want) => {
    expect(dateTickTexts(days.map(day))).toEqual(want);
  });
});
