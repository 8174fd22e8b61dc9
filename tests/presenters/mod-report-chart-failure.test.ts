import { describe, expect, it, vi } from 'vitest';
import type { ModReport, ModReportStore } from '../../src/domain/mod-report.js';
import { buildModReport } from '../../src/presenters/mod-report.js';
import { replyText } from '../support/commands.js';

// A renderer that cannot draw: its native binding or its font missing on the host.
vi.mock('../../src/presenters/report-chart.js', () => ({ reportChartFile: () => Promise.reject(new Error('font not found')) }));

const period = { kind: 'week' as const, start: new Date('2026-11-22T15:00:00Z'), end: new Date('2026-11-29T15:00:00Z'), timezone: 'Asia/Tokyo' };
const REPORT: ModReport = {
  period,
  minWriters: 2,
  deliveries: { writers: 3, counts: { recorded: 4, accepted: 2, paid: 1, cancelled: 0 }, overdueNow: { writers: 0, count: 0 } },
  resolvedAfter: { writers: 0, byStage: null },
  marketplaces: [],
  reports: { filed: 0, approved: 0, rejected: 0, removed: 0, pending: 0, oldestPendingSince: null },
  newlyReportedClients: [],
  weeks: [],
};
const store: ModReportStore = { report: () => Promise.resolve(REPORT) };

describe('the moderators’ report when its chart cannot be drawn', () => {
  it('still gives every figure, without a file, and says the chart is missing', async () => {
    for (const [locale, says] of [
      ['en', 'The chart could not be drawn this time'],
      ['ja', '今回はグラフを作成できませんでした'],
    ] as const) {
      const { reply } = await buildModReport({ modReports: store }, { id: 1, minWriters: 2 }, period, new Date('2026-12-01T01:00:00Z'), locale);
      expect(reply.files).toBeUndefined();
      expect(replyText(reply)).toContain(says);
    }
    const { reply } = await buildModReport({ modReports: store }, { id: 1, minWriters: 2 }, period, new Date('2026-12-01T01:00:00Z'), 'en');
    expect(replyText(reply)).toContain('Recorded 4 · accepted 2 · paid 1 · cancelled 0');
  });
});
