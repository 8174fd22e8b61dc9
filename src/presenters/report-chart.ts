import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { MARKETPLACE_LABELS } from '../domain/marketplace.js';
import type { Locale } from '../domain/member.js';
import { periodStartDate, type ModReport } from '../domain/mod-report.js';
import type { ReplyFile } from '../domain/reply.js';
import { formatDate, messagesFor } from '../i18n/index.js';

/**
 * The moderators' report as a picture: deliveries by outcome per week over the last 12 weeks,
 * beside the median days to acceptance per marketplace. Vega-Lite describes it, Vega lays it out
 * as SVG without a canvas, and resvg rasterizes it with the Japanese font Kenshu ships, so the
 * same PNG comes out on any machine, without system fonts or packages.
 */

/** The family name the shipped TTF declares in its `name` table; every text in the chart asks for it. */
const FONT_FAMILY = 'Noto Sans JP';
/** Pixels per SVG unit: the layout is about 1000×480, the PNG twice that, sharp on high-density screens. */
const SCALE = 2;
const WEEKS_WIDTH = 520;
const MARKETPLACES_WIDTH = 300;
const PANEL_HEIGHT = 300;

const OUTCOMES = ['accepted', 'paid', 'cancelled', 'open'] as const;
const OUTCOME_COLORS: Record<(typeof OUTCOMES)[number], string> = { accepted: '#4c78a8', paid: '#54a24b', cancelled: '#e45756', open: '#bab0ac' };

const require = createRequire(import.meta.url);
let fontFile: string | undefined;

/**
 * The Noto Sans JP TTF from its npm package (SIL Open Font License), located once per process.
 * resvg-js 2.6 takes font files by path only and reads them itself at each render.
 */
function fontPath(): string {
  fontFile ??= join(dirname(require.resolve('@expo-google-fonts/noto-sans-jp/package.json')), '400Regular', 'NotoSansJP_400Regular.ttf');
  return fontFile;
}

/**
 * Without a canvas, Vega guesses a text's width as 0.8 em a character: too wide for Latin, too
 * narrow for kana and kanji, which are a full em. Legends and titles are laid out with this closer
 * guess instead (Vega reads `textMetrics.width` when it is not one of its own).
 */
function estimateWidth(item: { fontSize?: number }, text: string | number | null | undefined): number {
  const size = item.fontSize ?? 11;
  let ems = 0;
  for (const ch of `${text ?? ''}`) ems += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 1 : 0.58;
  return Math.ceil(ems * size);
}
type Vega = typeof import('vega');
let renderer: Promise<{ vega: Vega; offline: ReturnType<Vega['loader']> }> | undefined;

/**
 * Vega, loaded on first use (a chart is drawn a few times a week; every start of Kenshu would
 * otherwise pay for it), with the text widths above and a loader that refuses everything: the
 * chart reads no URL and no file, every datum is inline, so any load is a mistake.
 */
function vegaRenderer() {
  renderer ??= import('vega').then((vega) => {
    // Vega exports vega-scenegraph's `textMetrics` at run time, though its types leave it out.
    (vega as unknown as { textMetrics: { width: typeof estimateWidth } }).textMetrics.width = estimateWidth;
    const offline = vega.loader();
    const refuse = (): Promise<never> => Promise.reject(new Error('the report chart loads nothing'));
    offline.sanitize = refuse;
    offline.load = refuse;
    return { vega, offline };
  });
  return renderer;
}

type Panel = Extract<TopLevelSpec, { hconcat: unknown }>['hconcat'][number];

/** A panel with nothing to draw: its note, centred where the bars would be. */
function notePanel(title: string, note: string, width: number): Panel {
  return {
    title,
    width,
    height: PANEL_HEIGHT,
    data: { values: [{ note }] },
    mark: { type: 'text', fontSize: 13, color: '#666666', x: width / 2, y: PANEL_HEIGHT / 2 },
    encoding: { text: { field: 'note' } },
  };
}

/** The Vega-Lite specification of the chart (inline data, localized words). */
export function reportChartSpec(report: ModReport, locale: Locale): TopLevelSpec {
  const m = messagesFor(locale);
  const c = m.modChart;
  const outcomeLabels = OUTCOMES.map((o) => c.outcome[o]);

  const weekLabel = (week: ModReport['weeks'][number]) => c.weekLabel(week.weekStart) + (week.counts ? '' : c.withheldMark);
  const weekRows = report.weeks.flatMap((week, index) =>
    week.counts ? OUTCOMES.map((o, order) => ({ week: weekLabel(week), index, outcome: c.outcome[o], order, count: week.counts![o] })) : [],
  );
  const anyDelivery = weekRows.some((r) => r.count > 0);
  const withheldWeeks = report.weeks.some((w) => !w.counts);

  const shown = report.marketplaces.filter((t) => t.medianDaysToAcceptance !== null);
  const label = (t: ModReport['marketplaces'][number]) => MARKETPLACE_LABELS[t.marketplace][locale];
  // A null count is withheld (too few writers); a count of none is a marketplace with no acceptance yet.
  const withheld = report.marketplaces.filter((t) => t.acceptances === null).map(label);
  const unaccepted = report.marketplaces.filter((t) => t.acceptances === 0).map(label);
  // Slowest first; an explicit order, which both layers (bar and figure) share without conflict.
  const marketRows = shown.map((t) => ({ marketplace: label(t), days: t.medianDaysToAcceptance! })).sort((a, b) => b.days - a.days);

  const weeksPanel: Panel = anyDelivery
    ? {
        title: c.weeksTitle,
        width: WEEKS_WIDTH,
        height: PANEL_HEIGHT,
        data: { values: weekRows },
        mark: { type: 'bar' },
        encoding: {
          // Every week keeps its place on the axis, so a withheld week is a marked gap, never a zero.
          x: { field: 'week', type: 'ordinal', scale: { domain: report.weeks.map(weekLabel) }, title: c.weekAxis, axis: { labelAngle: 0 } },
          y: { field: 'count', type: 'quantitative', aggregate: 'sum', stack: 'zero', title: c.countAxis, axis: { format: 'd', tickMinStep: 1 } },
          color: { field: 'outcome', type: 'nominal', title: c.outcomeLegend, scale: { domain: outcomeLabels, range: OUTCOMES.map((o) => OUTCOME_COLORS[o]) } },
          order: { field: 'order', type: 'quantitative' },
        },
      }
    : notePanel(c.weeksTitle, withheldWeeks ? c.nothingShown : c.noDeliveries, WEEKS_WIDTH);

  const marketplacesPanel: Panel = marketRows.length
    ? {
        title: c.marketplacesTitle,
        width: MARKETPLACES_WIDTH,
        height: { step: Math.min(40, PANEL_HEIGHT / marketRows.length) },
        data: { values: marketRows },
        encoding: {
          y: { field: 'marketplace', type: 'nominal', sort: marketRows.map((r) => r.marketplace), title: null },
          // Room past the longest bar for its figure.
          x: { field: 'days', type: 'quantitative', title: c.daysAxis, scale: { domain: [0, Math.ceil(Math.max(...marketRows.map((r) => r.days)) * 1.15) || 1] } },
        },
        layer: [
          { mark: { type: 'bar', color: OUTCOME_COLORS.accepted } },
          { mark: { type: 'text', align: 'left', dx: 4, fontSize: 12 }, encoding: { text: { field: 'days', type: 'quantitative', format: '.1~f' } } },
        ],
      }
    : notePanel(c.marketplacesTitle, report.marketplaces.length ? c.nothingShown : c.noMarketplaces, MARKETPLACES_WIDTH);

  const notes = [...(withheldWeeks ? [c.weeksWithheld(report.minWriters)] : []), ...(withheld.length ? [c.marketplacesWithheld(report.minWriters, withheld)] : []), ...(unaccepted.length ? [c.noAcceptances(unaccepted)] : [])];
  const last = new Date(report.period.end.getTime() - 1);
  const date = (d: Date) => formatDate(d, locale, report.period.timezone);

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    background: 'white',
    padding: 16,
    title: { text: c.title(date(report.period.start), date(last)), subtitle: notes.length ? notes : undefined, anchor: 'start', fontSize: 18, subtitleFontSize: 13, subtitlePadding: 6, offset: 16 },
    hconcat: [weeksPanel, marketplacesPanel],
    spacing: 40,
    resolve: { scale: { color: 'independent' } },
    config: {
      font: FONT_FAMILY,
      title: { font: FONT_FAMILY, subtitleFont: FONT_FAMILY, subtitleColor: '#555555' },
      axis: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: 11, titleFontSize: 12 },
      legend: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY, labelFontSize: 12, titleFontSize: 12 },
      header: { labelFont: FONT_FAMILY, titleFont: FONT_FAMILY },
      text: { font: FONT_FAMILY },
      view: { stroke: null },
    },
  };
}

type Compile = (typeof import('vega-lite'))['compile'];
let compiler: Promise<Compile> | undefined;

/**
 * Vega-Lite's compiler, loaded on first use. Loading it gives every Set in the process a `toJSON`
 * (Vega-Lite hashes with it), which breaks other libraries that inspect built-ins as they load
 * (discord.js's event emitter stops at start-up). The method is taken off again at once and put
 * back only for the length of a compile, which is synchronous: no other code sees it.
 */
function vegaLiteCompiler(): Promise<Compile> {
  compiler ??= import('vega-lite').then(({ compile }) => {
    const installed = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
    if (installed) delete (Set.prototype as { toJSON?: unknown }).toJSON;
    return (spec) => {
      if (!installed) return compile(spec);
      Object.defineProperty(Set.prototype, 'toJSON', installed);
      try {
        return compile(spec);
      } finally {
        delete (Set.prototype as { toJSON?: unknown }).toJSON;
      }
    };
  });
  return compiler;
}

/** The chart as SVG text, laid out by Vega without a canvas or the network. */
export async function renderReportChartSvg(report: ModReport, locale: Locale): Promise<string> {
  const compile = await vegaLiteCompiler();
  const { spec } = compile(reportChartSpec(report, locale));
  const { vega, offline } = await vegaRenderer();
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader: offline });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as a PNG, about 2000×960 (never under 800×400). */
export async function renderReportChart(report: ModReport, locale: Locale): Promise<Uint8Array> {
  const svg = await renderReportChartSvg(report, locale);
  // Rasterized off the main thread: the bot keeps answering while the PNG is drawn.
  const { renderAsync } = await import('@resvg/resvg-js');
  const image = await renderAsync(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: SCALE },
    font: { fontFiles: [fontPath()], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return new Uint8Array(image.asPng());
}

/** The chart as a file for a reply: `kenshu-report-2026-11-23.png`, named by the period's first day. */
export async function reportChartFile(report: ModReport, locale: Locale): Promise<ReplyFile> {
  return { name: `kenshu-report-${periodStartDate(report.period)}.png`, bytes: await renderReportChart(report, locale) };
}
