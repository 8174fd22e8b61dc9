import { z } from 'zod';
import { LIMITS } from '../domain/limits.js';
import type { Reply } from '../domain/reply.js';
import { lookupClient, type PooledFigures, type ViewerPolicy } from '../domain/warning-list.js';
import { formatDate, messagesFor } from '../i18n/index.js';
import { defineCommand, type CommandContext } from './command.js';
import { textOption } from './options.js';

export function viewerOf(ctx: CommandContext): ViewerPolicy {
  return { communityId: ctx.community.id, showFromOthers: ctx.community.showFromOthers, consensusMinWriters: ctx.community.consensusMinWriters };
}

function figureLines(f: PooledFigures, ctx: CommandContext): string[] {
  const m = messagesFor(ctx.locale).client;
  return [
    m.figures({ deliveries: f.deliveries, writers: f.writers }),
    ...(f.medianDaysToAcceptance !== null ? [m.medianAcceptance(f.medianDaysToAcceptance)] : []),
    ...(f.settled > 0 ? [m.paidShare(f.paid, f.settled), m.deskShare(f.neededDesk, f.settled)] : []),
    ...(f.overdueNow > 0 ? [m.overdue(f.overdueNow)] : []),
  ];
}

export default defineCommand({
  group: 'client',
  name: 'lookup',
  description: { en: 'What the community knows about a client', ja: 'クライアントについてコミュニティが知っていること' },
  input: z.object({
    client: textOption({ en: 'Profile URL, marketplace:id, or name', ja: 'プロフィールURL、marketplace:id、または名前' }, LIMITS.clientLength, 'client'),
  }),
  positional: ['client'],
  async run(input, ctx): Promise<Reply> {
    const result = await lookupClient(ctx.deps, viewerOf(ctx), input.client);
    const m = messagesFor(ctx.locale).client;
    if (result.kind === 'unknown') {
      const profile = result.identity.kind === 'profile' ? [{ label: m.profile, value: result.identity.profileUrl }] : [];
      return { tone: 'info', title: m.noTrackRecordTitle(result.identity.displayName), lines: [m.noTrackRecord], fields: profile, footer: [m.checkMarketplace] };
    }
    if (result.kind === 'candidates') {
      return { tone: 'info', title: m.candidatesTitle, lines: result.candidates.map((c) => `• ${c.displayName}${c.key.startsWith('name:') ? '' : ` (${c.key})`}`), footer: [m.candidatesHint] };
    }

    const { client, figures, flags } = result;
    const date = (d: Date) => formatDate(d, ctx.locale, ctx.timezone);
    if (figures.deliveries === 0 && flags.length === 0) {
      return {
        tone: 'info',
        title: m.noTrackRecordTitle(client.displayName),
        lines: [m.noTrackRecord],
        ...(client.profileUrl ? { fields: [{ label: m.profile, value: client.profileUrl }] } : {}),
        footer: [m.checkMarketplace],
      };
    }
    const reportLines = flags.flatMap((f) => {
      const line = m.report({ category: m.category[f.category], count: f.count, writers: f.writers, first: date(f.first), last: date(f.last) });
      const settled = f.laterAccepted + f.laterPaid > 0 ? [`  ${m.outcome({ accepted: f.laterAccepted, paid: f.laterPaid, paidAfterDesk: f.paidAfterDesk })}`] : [];
      return [line, ...settled];
    });
    return {
      tone: flags.length > 0 ? 'warning' : 'info',
      title: client.displayName,
      fields: [
        { label: m.identity, value: client.key.startsWith('name:') ? client.displayName : client.key },
        ...(client.profileUrl ? [{ label: m.profile, value: client.profileUrl }] : []),
        ...(result.aliases.length ? [{ label: m.aliases, value: result.aliases.map((a) => a.displayName).join(', ') }] : []),
      ],
      sections: [
        ...(figures.deliveries > 0 ? [{ heading: m.figuresHeading(result.federated), lines: figureLines(figures, ctx) }] : []),
        { heading: m.reportsHeading, lines: reportLines.length ? reportLines : [m.noReports] },
      ],
      footer: [m.checkMarketplace],
    };
  },
});
