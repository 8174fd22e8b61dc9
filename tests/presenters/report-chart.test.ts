import { describe, expect, it } from 'vitest';
import type { ModReport, WeekOutcomes } from '../../src/domain/mod-report.js';
import { renderReportChart, renderReportChartSvg, reportChartFile, reportChartSpec } from '../../src/presenters/report-chart.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a PNG must start with. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** 12 Mondays from 2026-09-07; weeks 3 and 8 (9/21, 10/26) come from a single writer and are withheld. */
function weeks(counts: (i: number) => WeekOutcomes['counts']): WeekOutcomes[] {
  return Array.from({ length: 12 }, (_, i) => {
    const weekStart = new Date(Date.UTC(2026, 8, 7 + 7 * i)).toISOString().slice(0, 10);
    const c = counts(i);
    return { weekStart, writers: c ? 4 : 1, counts: c };
  });
}

const REPORT: ModReport = {
  period: { kind: 'week', start: new Date('2026-11-22T15:00:00Z'), end: new Date('2026-11-29T15:00:00Z'), timezone: 'Asia/Tokyo' },
  minWriters: 2,
  deliveries: { writers: 5, counts: { recorded: 10, accepted: 4, paid: 3, cancelled: 1 }, overdueNow: { writers: 2, count: 1 } },
  resolvedAfter: { writers: 5, byStage: null },
  marketplaces: [
    { marketplace: 'crowdworks', writers: 4, acceptances: 6, payments: 3, medianDaysToAcceptance: 4.5, medianDaysToPayment: 9 },
    { marketplace: 'lancers', writers: 1, acceptances: null, payments: null, medianDaysToAcceptance: null, medianDaysToPayment: null },
    { marketplace: 'coconala', writers: 3, acceptances: 2, payments: 2, medianDaysToAcceptance: 2, medianDaysToPayment: 5 },
    { marketplace: 'direct', writers: 2, acceptances: 0, payments: 0, medianDaysToAcceptance: null, medianDaysToPayment: null },
  ],
  reports: { filed: 0, approved: 0, rejected: 0, removed: 0, pending: 0, oldestPendingSince: null },
  newlyReportedClients: [],
  weeks: weeks((i) => (i === 2 || i === 7 ? null : { accepted: 3 + (i % 4), paid: 2 + (i % 3), cancelled: i % 2, open: 1 + (i % 5) })),
};

const EMPTY: ModReport = { ...REPORT, marketplaces: [], weeks: weeks(() => ({ accepted: 0, paid: 0, cancelled: 0, open: 0 })) };

describe('the report chart', () => {
  it('is a PNG of at least 800×400, named for the period, in Japanese', async () => {
    const file = await reportChartFile(REPORT, 'ja');
    expect(file.name).toBe('kenshu-report-2026-11-23.png');
    expect(file.name).toMatch(/^[a-z0-9.-]+$/);
    const { width, height } = pngSize('bytes' in file ? file.bytes : new Uint8Array());
    expect(width).toBeGreaterThanOrEqual(800);
    expect(height).toBeGreaterThanOrEqual(400);
  });

  // Each PNG takes about half a second: English is drawn once, for the report with no delivery.
  it('is a PNG of at least 800×400 in English, with no delivery at all', async () => {
    const { width, height } = pngSize(await renderReportChart(EMPTY, 'en'));
    expect(width).toBeGreaterThanOrEqual(800);
    expect(height).toBeGreaterThanOrEqual(400);
  });

  it('labels everything in the member’s language', async () => {
    const ja = await renderReportChartSvg(REPORT, 'ja');
    for (const text of ['結果別の納品数(直近12週)', '検収済み', '入金済み', 'キャンセル', '未完了', 'クラウドワークス', 'ココナラ', '検収までの日数(中央値)', '11/23']) expect(ja).toContain(text);
    const en = await renderReportChartSvg(REPORT, 'en');
    for (const text of ['Deliveries by outcome, last 12 weeks', 'Accepted', 'Paid', 'Cancelled', 'Open', 'CrowdWorks', 'Coconala', 'Median days to acceptance', 'Nov 23']) expect(en).toContain(text);
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    // Every text asks for the font the renderer is given, never a system one.
    expect(ja).not.toMatch(/font-family="(?!Noto Sans JP")/);
  });

  it('leaves withheld weeks and marketplaces out, marked and explained, never drawn as zero', async () => {
    const spec = JSON.stringify(reportChartSpec(REPORT, 'en'));
    const weekValues = (reportChartSpec(REPORT, 'en') as { hconcat: { data: { values: { week: string }[] } }[] }).hconcat[0]!.data.values;
    expect(new Set(weekValues.map((v) => v.week)).size).toBe(10);
    expect(weekValues.some((v) => v.week.startsWith('Sep 21'))).toBe(false);
    expect(spec).toContain('"Sep 21*"');
    const en = await renderReportChartSvg(REPORT, 'en');
    expect(en).toContain('* Weeks with fewer than 2 writers are not shown.');
    expect(en).toContain('Not shown, fewer than 2 writers: Lancers.');
    expect(en).toContain('No acceptance yet: Direct client.');
    expect(en).not.toContain('>Lancers<');
    const ja = await renderReportChartSvg(REPORT, 'ja');
    expect(ja).toContain('* ライターが2人未満の週は表示していません。');
    expect(ja).toContain('ライターが2人未満のため非表示: ランサーズ');
  });

  it('says so when nothing was recorded', async () => {
    const svg = await renderReportChartSvg(EMPTY, 'ja');
    expect(svg).toContain('この12週間に記録された納品はありません。');
    expect(svg).toContain('この期間に記録された検収はありません。');
  });

  it('leaves the process’s built-ins as they were once drawn', async () => {
    await renderReportChartSvg(EMPTY, 'en');
    // Vega-Lite gives Set a toJSON while it compiles; left there, discord.js fails to load.
    expect(Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON')).toBeUndefined();
    expect(JSON.stringify(new Set([1]))).toBe('{}');
  });
});
