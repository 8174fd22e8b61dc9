import type { Reply } from '../domain/reply.js';
import type { ClientRecord, LookupResult, PooledFigures } from '../domain/warning-list.js';
import { formatDate, formatMonth, messagesFor } from '../i18n/index.js';
import { inert } from './text.js';
import type { View } from './view.js';

/**
 * How `/client lookup` reads: counts and dates only, never who reported or their notes. Reports
 * are dated by month, since a day can point at the one writer who delivered then; the viewer's own
 * deliveries are shown apart from the pooled figures.
 */

function figureLines(f: PooledFigures, view: View): string[] {
  const m = messagesFor(view.locale).client;
  return [
    m.figures({ deliveries: f.deliveries, writers: f.writers }),
    ...(f.medianDaysToAcceptance !== null ? [m.medianAcceptance(f.medianDaysToAcceptance)] : []),
    ...(f.settled > 0 ? [m.paidShare(f.paid, f.settled), m.deskShare(f.neededDesk, f.settled)] : []),
    ...(f.overdueNow > 0 ? [m.overdue(f.overdueNow)] : []),
  ];
}

/**
 * A client's name as typed, as plain text: a masked link or a heading in it is neither followed nor
 * formatted. A profile key (`lancers:zeta_media`) is no typed text and is shown as it is.
 */
function nameOf(client: ClientRecord): string {
  return client.displayName === client.key ? client.key : inert(client.displayName);
}

export function lookupReply(result: LookupResult, view: View): Reply {
  const m = messagesFor(view.locale).client;
  if (result.kind === 'unknown') {
    const profile = result.identity.kind === 'profile' ? [{ label: m.profile, value: result.identity.profileUrl }] : [];
    return { tone: 'info', title: m.noTrackRecordTitle(result.identity.kind === 'name' ? inert(result.identity.displayName) : result.identity.displayName), lines: [m.noTrackRecord], fields: profile, footer: [m.checkMarketplace] };
  }
  if (result.kind === 'candidates') {
    const count = result.candidates.length;
    return { tone: 'info', title: m.candidatesTitle(count), lines: result.candidates.map((c) => `• ${nameOf(c)}${c.key.startsWith('name:') ? '' : ` (${c.key})`}`), footer: [m.candidatesHint(count)] };
  }

  const { client, figures, flags, own } = result;
  const date = (d: Date) => formatDate(d, view.locale, view.timezone);
  // The client's own words, dated, as plain text: a reply cannot format, link or mention.
  const mc = messagesFor(view.locale).modClients;
  const replies = result.replies.length ? [{ heading: mc.repliesHeading, lines: result.replies.map((r) => mc.replyLine(date(r.at), inert(r.text))) }] : [];
  const month = (d: Date) => formatMonth(d, view.locale, view.timezone);
  if (figures.deliveries === 0 && !result.figuresWithheld && own.deliveries === 0 && flags.length === 0) {
    return {
      tone: 'info',
      title: m.noTrackRecordTitle(nameOf(client)),
      lines: [m.noTrackRecord],
      ...(client.profileUrl ? { fields: [{ label: m.profile, value: client.profileUrl }] } : {}),
      ...(replies.length ? { sections: replies } : {}),
      footer: [m.checkMarketplace],
    };
  }
  const reportLines = flags.flatMap((f) => {
    const line = m.report({ category: m.category[f.category], count: f.count, writers: f.writers, first: month(f.first), last: month(f.last) });
    const settled = f.laterAccepted + f.laterPaid > 0 ? [`  ${m.outcome({ accepted: f.laterAccepted, paid: f.laterPaid, paidAfterDesk: f.paidAfterDesk })}`] : [];
    return [line, ...settled];
  });
  return {
    tone: flags.length > 0 ? 'warning' : 'info',
    title: nameOf(client),
    fields: [
      { label: m.identity, value: client.key.startsWith('name:') ? nameOf(client) : client.key },
      ...(client.profileUrl ? [{ label: m.profile, value: client.profileUrl }] : []),
      ...(result.aliases.length ? [{ label: m.aliases, value: result.aliases.map((a) => inert(a.displayName)).join(', ') }] : []),
    ],
    sections: [
      ...(figures.deliveries > 0
        ? [{ heading: m.figuresHeading(result.federated), lines: figureLines(figures, view) }]
        : result.figuresWithheld
          ? [{ heading: m.figuresHeading(result.federated), lines: [m.figuresWithheld] }]
          : []),
      ...(own.deliveries > 0 ? [{ heading: m.ownHeading, lines: [m.own(own)] }] : []),
      { heading: m.reportsHeading, lines: reportLines.length ? reportLines : [m.noReports] },
      ...replies,
    ],
    footer: [m.checkMarketplace],
  };
}
