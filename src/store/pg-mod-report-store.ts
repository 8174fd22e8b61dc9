import { sql, type SQL } from 'drizzle-orm';
import { STAGES, type Stage } from '../domain/ladder.js';
import { MARKETPLACES, type Marketplace } from '../domain/marketplace.js';
import { chartWeeks, type MarketplaceTimes, type ModReport, type ModReportStore, type ReportPeriod } from '../domain/mod-report.js';
import { FLAG_CATEGORIES, type FlagCategory } from '../domain/warning-list.js';
import { clientNameIn } from './client-rows.js';
import type { Database } from './database.js';
import { jsonValue, rowsOf } from './json-rows.js';
import { firstStageDays, paidOrReleased, paymentReleasedOnAcceptance } from './rules.js';
import { auditLog, clientMerges, clients, communities, deliveries, deliveryEvents, flags, nudges } from './schema.js';

interface ReportJson {
  recorded: number;
  deliveryWriters: number;
  accepted: number;
  paid: number;
  cancelled: number;
  overdue: { count: number; writers: number };
  stages: { writers: number; rows: { stage: number; accepted: number; paid: number }[] };
  marketplaces: {
    marketplace: string;
    writers: number;
    acceptanceWriters: number;
    paymentWriters: number;
    acceptances: number;
    payments: number;
    toAcceptance: number | null;
    toPayment: number | null;
  }[];
  reports: { filed: number; approved: number; rejected: number; removed: number; pending: number; oldestPending: string | null };
  clients: { key: string; name: string; categories: string[]; approved: number }[];
  weeks: { i: number; writers: number; accepted: number; paid: number; cancelled: number; open: number }[];
}

const ts = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/** Days from delivery to `at` (an SQL timestamptz), as a fraction. */
const daysSinceDelivery = (at: SQL) => sql`extract(epoch from ${at} - ${deliveries.deliveredAt}) / 86400`;

const median = (of: SQL, kind: 'accepted' | 'paid') => sql`percentile_cont(0.5) within group (order by ${of}) filter (where o.kind = ${kind})`;

/** Rounded as the lookup rounds its median: tenths of a day. */
const tenths = (days: number | null) => (days === null ? null : Math.round(Number(days) * 10) / 10);

/**
 * The whole report as one JSON value, in one statement. Outcomes (acceptance, payment,
 * cancellation) are dated by the delivery's events: the first of each kind in the period counts
 * once per delivery. An acceptance that released an escrowed fee is also its payment, as
 * `paidOrReleased` says for a delivery's status. A reminder "preceded" an outcome when it was
 * sent (not skipped or failed) before it; the highest such stage is the one credited.
 */
function reportJson(communityId: number, period: ReportPeriod, now: Date): SQL {
  const community = sql`${communityId}::bigint`;
  const maxPerWriter = sql`(select ${communities.maxPerWriter} from ${communities} where ${communities.id} = ${community})`;
  const inPeriod = (column: SQL | typeof deliveries.createdAt) => sql`${column} >= ${ts(period.start)} and ${column} < ${ts(period.end)}`;
  const weeks = chartWeeks(period);
  const weekRows = sql.join(
    weeks.map((w, i) => sql`(${i}::integer, ${ts(w.start)}, ${ts(w.end)})`),
    sql`, `,
  );
  const reviewed = (action: string) => sql`(select count(*)::integer from ${auditLog} where ${auditLog.communityId} = ${community} and ${auditLog.action} = ${action} and ${inPeriod(sql`${auditLog.createdAt}`)})`;
  const rootClient = sql`coalesce((select ${clientMerges.intoClientId} from ${clientMerges} where ${clientMerges.communityId} = ${community} and ${clientMerges.fromClientId} = ${flags.clientId}), ${flags.clientId})`;

  // The deliveries an outcome's writer recorded for the same client (as merged here) before it.
  const earlier = sql`select 1 from ${deliveries}
      where ${deliveries.writerId} = o.writer and ${deliveries.communityId} = ${community}
        and ${deliveries.clientId} in (select o.root union all select ${clientMerges.fromClientId} from ${clientMerges}
          where ${clientMerges.communityId} = ${community} and ${clientMerges.intoClientId} = o.root)
        and (${deliveries.createdAt}, ${deliveries.id}) < (o.created_at, o.id)`;

  // Every part reads the period's rows through an index (events by time, a community's
  // deliveries by when they were recorded, its open ones, a writer's per client): the cost follows
  // the community's activity in the period, not the size of the tables.
  return sql`with events as (
      select ${deliveryEvents.deliveryId} as delivery_id, ${deliveryEvents.kind} as kind, min(${deliveryEvents.at}) as at
      from ${deliveryEvents} join ${deliveries} on ${deliveries.id} = ${deliveryEvents.deliveryId}
      where ${deliveryEvents.kind} in ('accepted', 'paid', 'cancelled') and ${inPeriod(sql`${deliveryEvents.at}`)}
        and ${deliveries.communityId} = ${community}
      group by ${deliveryEvents.deliveryId}, ${deliveryEvents.kind}),
    outcomes as (
      select ${deliveries.id} as id, ${deliveries.writerId} as writer, ${deliveries.marketplace} as marketplace, o.kind, min(o.at) as at,
        min(${daysSinceDelivery(sql`o.at`)}) as days, ${deliveries.createdAt} as created_at,
        coalesce((select ${clientMerges.intoClientId} from ${clientMerges}
          where ${clientMerges.communityId} = ${community} and ${clientMerges.fromClientId} = ${deliveries.clientId}), ${deliveries.clientId}) as root
      from (select delivery_id, kind, at, false as released from events
            union all select delivery_id, 'paid', at, true from events where kind = 'accepted') o
        join ${deliveries} on ${deliveries.id} = o.delivery_id
      where not o.released or ${paymentReleasedOnAcceptance}
      group by ${deliveries.id}, o.kind),
    resolved as (
      select o.*, coalesce((select max(${nudges.stage}) from ${nudges}
          where ${nudges.deliveryId} = o.id and ${nudges.state} = 'sent' and ${nudges.sentAt} < o.at), 0) as stage
      from outcomes o where o.kind in ('accepted', 'paid'))
    select json_build_object(
      'recorded', (select count(*)::integer from ${deliveries} where ${deliveries.communityId} = ${community} and ${inPeriod(deliveries.createdAt)}),
      'deliveryWriters', (select count(distinct w)::integer from (
          select ${deliveries.writerId} as w from ${deliveries} where ${deliveries.communityId} = ${community} and ${inPeriod(deliveries.createdAt)}
          union all select writer from outcomes) ws),
      'accepted', (select count(*)::integer from outcomes where kind = 'accepted'),
      'paid', (select count(*)::integer from outcomes where kind = 'paid'),
      'cancelled', (select count(*)::integer from outcomes where kind = 'cancelled'),
      'overdue', (select json_build_object('count', count(*)::integer, 'writers', count(distinct ${deliveries.writerId})::integer) from ${deliveries}
          where ${deliveries.communityId} = ${community} and ${deliveries.status} = 'awaiting_review'
            and ${deliveries.deliveredAt} <= ${ts(now)} - make_interval(days => ${firstStageDays})),
      'stages', json_build_object(
          'writers', (select count(distinct writer)::integer from resolved),
          'rows', (select coalesce(json_agg(json_build_object('stage', s.stage, 'accepted', s.accepted, 'paid', s.paid)), '[]'::json) from (
              select stage, count(*) filter (where kind = 'accepted')::integer as accepted, count(*) filter (where kind = 'paid')::integer as paid
              from resolved group by stage) s)),
      'marketplaces', (select coalesce(json_agg(json_build_object('marketplace', m.marketplace, 'writers', m.writers,
              'acceptanceWriters', m.acceptance_writers, 'paymentWriters', m.payment_writers, 'acceptances', m.acceptances,
              'payments', m.payments, 'toAcceptance', m.to_acceptance, 'toPayment', m.to_payment)), '[]'::json) from (
          select o.marketplace, count(distinct o.writer)::integer as writers,
            count(distinct o.writer) filter (where o.kind = 'accepted')::integer as acceptance_writers,
            count(distinct o.writer) filter (where o.kind = 'paid')::integer as payment_writers,
            count(*) filter (where o.kind = 'accepted')::integer as acceptances, count(*) filter (where o.kind = 'paid')::integer as payments,
            ${median(sql`o.days`, 'accepted')} as to_acceptance, ${median(sql`o.days`, 'paid')} as to_payment
          -- As lookups pool a client's figures: one writer's deliveries for one client (as merged
          -- here) count at most the community's max_per_writer times, first recorded first, so one
          -- busy writer cannot set a marketplace's median alone.
          from resolved o
          where (select count(*) from (${earlier} limit ${maxPerWriter}) e) < ${maxPerWriter}
          group by o.marketplace) m),
      'reports', json_build_object(
          'filed', (select count(*)::integer from ${flags} where ${flags.communityId} = ${community} and ${inPeriod(sql`${flags.createdAt}`)}),
          'approved', ${reviewed('report.approve')},
          'rejected', ${reviewed('report.reject')},
          'removed', ${reviewed('report.remove')},
          'pending', (select count(*)::integer from ${flags} where ${flags.communityId} = ${community} and ${flags.state} = 'pending'),
          'oldestPending', (select min(${flags.createdAt}) from ${flags} where ${flags.communityId} = ${community} and ${flags.state} = 'pending')),
      -- Approved in the period (the audit log dates the decision) and still approved: a report
      -- taken down since is not news to announce. Clients as this community merged them.
      'clients', (select coalesce(json_agg(json_build_object('key', c.key, 'name', c.name, 'categories', c.categories, 'approved', c.approved)
              order by c.approved desc, c.name), '[]'::json) from (
          select ${clients.key} as key, ${clientNameIn(community)} as name,
            array_agg(distinct ${flags.category}) as categories, count(distinct ${flags.id})::integer as approved
          from ${auditLog}
            join ${flags} on ${flags.communityId} = ${auditLog.communityId} and ${auditLog.target} = 'report:' || ${flags.number}
            join ${clients} on ${clients.id} = ${rootClient}
          where ${auditLog.communityId} = ${community} and ${auditLog.action} = 'report.approve' and ${inPeriod(sql`${auditLog.createdAt}`)}
            and ${flags.state} = 'approved'
          group by ${clients.id}) c),
      'weeks', (select json_agg(json_build_object('i', w.i, 'writers', w.writers, 'accepted', w.accepted, 'paid', w.paid, 'cancelled', w.cancelled, 'open', w.open) order by w.i) from (
          select wk.i, count(distinct ${deliveries.writerId})::integer as writers,
            count(${deliveries.id}) filter (where ${deliveries.status} = 'accepted' and not ${paidOrReleased})::integer as accepted,
            count(${deliveries.id}) filter (where ${paidOrReleased})::integer as paid,
            count(${deliveries.id}) filter (where ${deliveries.status} = 'cancelled')::integer as cancelled,
            count(${deliveries.id}) filter (where ${deliveries.status} = 'awaiting_review')::integer as open
          from (values ${weekRows}) as wk(i, s, e)
            left join ${deliveries} on ${deliveries.communityId} = ${community} and ${deliveries.createdAt} >= wk.s and ${deliveries.createdAt} < wk.e
          group by wk.i) w)
    ) as report`;
}

/** `/mod report`'s figures, read from one community's rows only. */
export class PgModReportStore implements ModReportStore {
  constructor(private readonly db: Database) {}

  async report(communityId: number, period: ReportPeriod, now: Date, minWriters: number): Promise<ModReport> {
    const result: unknown = await this.db.execute(sql`select (${reportJson(communityId, period, now)}) as report`);
    const rows = rowsOf(result as unknown[] | { rows: unknown[] });
    const json = jsonValue<ReportJson>((rows[0] as { report: unknown }).report);
    // Nobody at all is a true zero, not a small group: it picks nobody out.
    const enough = (writers: number) => writers === 0 || writers >= minWriters;
    const byStage = new Map(json.stages.rows.map((s) => [s.stage, s]));
    const order = (m: string) => MARKETPLACES.indexOf(m as Marketplace);
    const weeks = chartWeeks(period);
    return {
      period,
      minWriters,
      deliveries: {
        writers: json.deliveryWriters,
        counts: enough(json.deliveryWriters) ? { recorded: json.recorded, accepted: json.accepted, paid: json.paid, cancelled: json.cancelled } : null,
        overdueNow: { writers: json.overdue.writers, count: enough(json.overdue.writers) ? json.overdue.count : null },
      },
      resolvedAfter: {
        writers: json.stages.writers,
        byStage: enough(json.stages.writers)
          ? ([0, ...STAGES] as (0 | Stage)[]).map((stage) => ({ stage, accepted: byStage.get(stage)?.accepted ?? 0, paid: byStage.get(stage)?.paid ?? 0 }))
          : null,
      },
      marketplaces: json.marketplaces
        .sort((a, b) => order(a.marketplace) - order(b.marketplace))
        .map((m): MarketplaceTimes => {
          // Each figure stands on the writers it comes from: a median of one writer's acceptances
          // is that writer's deal, whoever else was paid on the marketplace.
          const accepted = enough(m.writers) && enough(m.acceptanceWriters);
          const paid = enough(m.writers) && enough(m.paymentWriters);
          return {
            marketplace: m.marketplace as Marketplace,
            writers: m.writers,
            acceptances: accepted ? m.acceptances : null,
            payments: paid ? m.payments : null,
            medianDaysToAcceptance: accepted ? tenths(m.toAcceptance) : null,
            medianDaysToPayment: paid ? tenths(m.toPayment) : null,
          };
        }),
      reports: {
        filed: json.reports.filed,
        approved: json.reports.approved,
        rejected: json.reports.rejected,
        removed: json.reports.removed,
        pending: json.reports.pending,
        oldestPendingSince: json.reports.oldestPending === null ? null : new Date(json.reports.oldestPending),
      },
      newlyReportedClients: json.clients.map((c) => ({
        key: c.key,
        name: c.name,
        categories: [...c.categories].sort((a, b) => FLAG_CATEGORIES.indexOf(a as FlagCategory) - FLAG_CATEGORIES.indexOf(b as FlagCategory)) as FlagCategory[],
        approved: c.approved,
      })),
      weeks: json.weeks.map((w) => ({
        weekStart: weeks[w.i]!.weekStart,
        writers: w.writers,
        counts: enough(w.writers) ? { accepted: w.accepted, paid: w.paid, cancelled: w.cancelled, open: w.open } : null,
      })),
    };
  }
}
