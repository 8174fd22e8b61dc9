import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClientIdentity } from '../../src/domain/client-identity.js';
import type { Delivery } from '../../src/domain/delivery.js';
import { defaultEscrow, MARKETPLACES } from '../../src/domain/marketplace.js';
import type { Member } from '../../src/domain/member.js';
import { nextNudgeAt, nudgeKey } from '../../src/domain/nudge-plan.js';
import type { ReminderSettings } from '../../src/domain/reminder-settings.js';
import { reminderSettingsOf } from '../../src/domain/reminders.js';
import { eq } from 'drizzle-orm';
import { digestKey } from '../../src/domain/digest.js';
import { digestReply } from '../../src/presenters/digest.js';
import { createStores, openDatabase, PgDigestStore, type OpenDatabase } from '../../src/store/index.js';
import { communities as communityRows } from '../../src/store/schema.js';
import { HttpDmNotifier } from '../fakes/http-dm-notifier.js';
import { FakeDmPlatform } from '../fakes/fake-dm-platform.js';
import { compiledPath } from '../support/compiled-program.js';
import { createPostgresDatabase, TEST_DATABASE_URL } from '../support/databases.js';
import { ROOT } from '../support/run-main.js';
import { dueNudge, readOutcome, seededRandom, type DueNudge } from './due-nudges.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TZ = 'Asia/Tokyo';

const NOW0 = new Date('2026-11-26T03:00:00.000Z');
const KILL_ROUNDS = 20;
/** Each round's clock is this much later: past the lease, and past the 1, 5 and 15 minute backoffs within a round or three. */
const ROUND_STEP_MS = 20 * MINUTE;
const LEASE_MS = 300;
/** The last, uninterrupted run: two hours after the last round, so every retry (backoff ≤ 60 min) is due. */
const FINAL_AT = new Date(NOW0.getTime() + KILL_ROUNDS * ROUND_STEP_MS + 120 * MINUTE);
const WRITERS = 8;
/**
 * Days since delivery at NOW0. Each is half a day off every stage's day, so between NOW0 and
 * FINAL_AT (under 11 hours) no new stage falls due: the expected nudge is the same all along.
 * 1.5 days is before any stage: those deliveries must get nothing.
 */
const AGES_DAYS = [1.5, 2.5, 3.5, 7.5, 8.5, 15.5, 21.5, 50.5];
/** Share of platform calls answered 429 / 500 while the children are being killed. */
const RATE_LIMITED = 0.03;
const SERVER_ERROR = 0.02;

const SEED = Number(process.env.KENSHU_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface Seeded {
  delivery: Delivery;
  writer: Member;
  settings: ReminderSettings;
  due: DueNudge | undefined;
}

type KillPlan = { at: 'dispatch'; afterFirstCallMs: number } | { at: 'start'; afterGoMs: number } | { at: 'never' };

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Whether it was killed, and whether it had reached the platform by then. */
  killed: 'before-first-send' | 'mid-dispatch' | null;
  /** Sends the platform was working on when the kill landed. */
  inFlightAtKill: number;
  /** From the go (modules loaded) to the first call on the platform, when there was one. */
  startupMs: number | null;
  /** From the first call to the kill or the exit. */
  dispatchMs: number;
  created: number;
  calls: number;
}

interface StartedChild {
  child: ChildProcess;
  output: { stdout: string; stderr: string };
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Its modules are loaded and it waits for the go (or it died before). */
  ready: Promise<unknown>;
}

/** Children not yet ended: a test that times out leaves them to afterAll, which kills them. */
const running = new Set<ChildProcess>();

/** Kills every child still running, so that none goes on working (and using CPU) after its test. */
function killRunning(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Starts child-scheduler.ts, compiled (see compiledPath), as a process of its own: `node` with
 * the compiled file, so that the pid killed is the scheduler itself. It loads its modules and
 * waits for runChild's go before it touches the database, so the next round's child loads while
 * this round's is at work.
 */
function startChild(script: string, databaseUrl: string, fake: FakeDmPlatform, now: Date, env: Record<string, string> = {}): StartedChild {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, FAKE_URL: fake.url, NOW: now.toISOString(), LEASE_MS: String(LEASE_MS), ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (output.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (output.stderr += d));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  // A child that dies before it is ready shows up in runChild as one that exited on its own.
  const ready = Promise.race([once(child, 'message'), closed]);
  return { child, output, closed, ready };
}

/** Lets a started child go, and SIGKILLs it as the plan says, unless it finishes first. */
async function runChild({ child, output, closed, ready }: StartedChild, fake: FakeDmPlatform, plan: KillPlan): Promise<ChildRun> {
  await ready;
  const callsBefore = fake.calls;
  const createdBefore = fake.messages.length;
  const goAt = performance.now();
  if (child.connected) child.send('go');
  const safety = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = closed.then(() => 'exited' as const);

  let killed: ChildRun['killed'] = null;
  let inFlightAtKill = 0;
  let firstCallAt: number | null = null;
  const killNow = () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    inFlightAtKill = fake.inFlight;
    killed = fake.calls > callsBefore ? 'mid-dispatch' : 'before-first-send';
    child.kill('SIGKILL');
  };
  const firstCall = fake.nextCall(callsBefore).then(() => {
    firstCallAt ??= performance.now();
    return 'called' as const;
  });

  if (plan.at === 'start') {
    if ((await Promise.race([sleep(plan.afterGoMs).then(() => 'due' as const), exited])) === 'due') killNow();
  } else if (plan.at === 'dispatch') {
    if ((await Promise.race([firstCall, exited])) === 'called') {
      if ((await Promise.race([sleep(plan.afterFirstCallMs).then(() => 'due' as const), exited])) === 'due') killNow();
    }
  }
  const { code, signal } = await closed;
  const endedAt = performance.now();
  // It may have exited on its own just before the kill was sent.
  if (signal !== 'SIGKILL') killed = null;
  clearTimeout(safety);
  // Requests the child made before it died are still carried out by the platform.
  await fake.idle();
  return {
    code,
    signal,
    stdout: output.stdout,
    stderr: output.stderr,
    killed,
    inFlightAtKill,
    startupMs: firstCallAt === null ? null : firstCallAt - goAt,
    dispatchMs: firstCallAt === null ? 0 : endedAt - firstCallAt,
    created: fake.messages.length - createdBefore,
    calls: fake.calls - callsBefore,
  };
}

/** Waits until no other session is working in the database (a killed child's backend notices its socket closed). */
async function waitForOtherSessions(databaseUrl: string): Promise<void> {
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    for (let i = 0; i < 200; i++) {
      const [row] = await admin<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state is distinct from 'idle'`;
      if (row?.n === 0) return;
      await sleep(25);
    }
    throw new Error('another session kept working in the test database');
  } finally {
    await admin.end();
  }
}

describe.runIf(TEST_DATABASE_URL)('the scheduler killed with SIGKILL mid-dispatch, again and again (PostgreSQL)', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let database: OpenDatabase;
  let fake: FakeDmPlatform;
  let script: string;
  const seeded: Seeded[] = [];
  const platformRandom = seededRandom(SEED ^ 0x5eed);

  beforeAll(async () => {
    script = await compiledPath('tests/scheduler/child-scheduler.ts');
    created = await createPostgresDatabase();
    database = await openDatabase({ databaseUrl: created.url });
    const stores = createStores(database.db);
    const communities = await Promise.all(['g-1', 'g-2'].map((id) => stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: id, name: `Writers ${id}` })));

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const joined = await stores.members.ensureMember({ platform: 'discord', platformUserId: `writer-${w + 1}`, displayName: `Writer ${w + 1}` });
        // No quiet hours, so nothing is held back and every due stage goes out at once.
        const writer = await stores.members.updateSettings(joined.id, { quietStartMinute: null, quietEndMinute: null, locale: w % 2 ? 'en' : 'ja' });
        const settings = reminderSettingsOf(writer, TZ);
        const communityId = communities[w % communities.length]!.id;
        for (const marketplace of MARKETPLACES) {
          for (const age of AGES_DAYS) {
            const deliveredAt = new Date(NOW0.getTime() - age * DAY);
            const escrow = defaultEscrow(marketplace);
            const plan = { marketplace, escrow, status: 'awaiting_review' as const, deliveredAt, reminders: 'active' as const, snoozedUntil: null, dueAt: null, lastStage: 0, lastNudgeAt: null };
            const delivery = await stores.deliveries.record(
              {
                client: parseClientIdentity(`Client ${w + 1} ${marketplace}`),
                title: `記事 ${age}日前納品`,
                marketplace,
                amount: 5_000,
                currency: 'JPY',
                deliveredAt,
                escrow,
                jobUrl: null,
                clientName: `Client ${w + 1} ${marketplace}`,
                letterLocale: 'ja',
                dueAt: null,
                dueTerms: null,
                writerId: writer.id,
                communityId,
                nextNudgeAt: nextNudgeAt(plan, settings),
              },
              NOW0,
            );
            seeded.push({ delivery, writer, settings, due: dueNudge(delivery, FINAL_AT) });
          }
        }
      }),
    );

    fake = await FakeDmPlatform.start({
      // A few milliseconds before and after the message is created, so kills land on either side.
      delayBeforeMs: () => 1 + platformRandom() * 5,
      delayAfterMs: () => 1 + platformRandom() * 5,
    });
  });

  afterAll(async () => {
    killRunning();
    await fake?.close();
    await database?.close();
    await created?.drop();
  });

  it('sends every due nudge exactly once and leaves no claim behind', { timeout: 120_000 }, async () => {
    const url = created.url;
    const random = seededRandom(SEED);
    const due = seeded.filter((s): s is Seeded & { due: DueNudge } => s.due !== undefined);
    // The ages keep every delivery's expected stage the same from NOW0 to FINAL_AT.
    expect(seeded.map((s) => dueNudge(s.delivery, NOW0))).toEqual(seeded.map((s) => s.due));
    expect(due.length).toBeGreaterThan(250);
    expect(seeded.length - due.length).toBeGreaterThan(0);

    fake.failWith = () => {
      const r = platformRandom();
      return r < RATE_LIMITED ? 429 : r < RATE_LIMITED + SERVER_ERROR ? 500 : undefined;
    };

    const started = performance.now();
    const runs: ChildRun[] = [];
    // Messages per millisecond of dispatch, measured as rounds go; a first guess for round one.
    let throughput = 0.1;
    let startupMs = 400;
    const roundAt = (round: number) => (round < KILL_ROUNDS ? new Date(NOW0.getTime() + round * ROUND_STEP_MS) : FINAL_AT);
    let next = startChild(script, url, fake, roundAt(0));
    try {
      for (let round = 0; round < KILL_ROUNDS; round++) {
        const current = next;
        next = startChild(script, url, fake, roundAt(round + 1));
        // Spread the remaining work over the remaining rounds: on average each round gets through
        // its share before the kill, so every round has deliveries in flight when it lands.
        const remainingMs = Math.max(0, due.length - fake.messages.length) / throughput;
        const window = Math.min(3_000, Math.max(30, (2 * remainingMs) / (KILL_ROUNDS - round)));
        const plan: KillPlan = random() < 0.15 ? { at: 'start', afterGoMs: random() * startupMs } : { at: 'dispatch', afterFirstCallMs: random() * window };
        const run = await runChild(current, fake, plan);
        runs.push(run);
        if (run.startupMs !== null) startupMs = 0.7 * startupMs + 0.3 * run.startupMs;
        if (run.killed === 'mid-dispatch' && run.dispatchMs > 20 && run.created > 0) throughput = 0.5 * throughput + 0.5 * (run.created / run.dispatchMs);
      }
    } catch (error) {
      next.child.kill('SIGKILL');
      throw error;
    }

    // Everything a dead child held is free again: its lease ran out, its sessions are gone.
    fake.failWith = undefined;
    await waitForOtherSessions(url);
    const final = await runChild(next, fake, { at: 'never' });
    const elapsedMs = performance.now() - started;

    const { deliveryRows, nudgeRows, nudgesOf } = await readOutcome(database.db);
    const context = `seed ${SEED} (KENSHU_CRASH_SEED to replay)`;
    const killedRuns = runs.filter((r) => r.killed !== null);
    const stats = {
      seed: SEED,
      rounds: runs.length,
      killedMidDispatch: runs.filter((r) => r.killed === 'mid-dispatch').length,
      killedBeforeFirstSend: runs.filter((r) => r.killed === 'before-first-send').length,
      finishedBeforeKill: runs.filter((r) => r.killed === null).length,
      sendsInFlightAtKills: killedRuns.reduce((n, r) => n + r.inFlightAtKill, 0),
      createdPerRound: runs.map((r) => r.created),
      createdByFinalRun: final.created,
      calls: fake.calls,
      messages: fake.messages.length,
      replaysDeduplicated: fake.replays,
      injected: fake.injected,
      /** How many times the sent stages were begun: 1 unless a kill or a failure came between. */
      starts: nudgeRows.filter((n) => n.state !== 'skipped').reduce<Record<number, number>>((h, n) => ({ ...h, [n.starts]: (h[n.starts] ?? 0) + 1 }), {}),
      elapsedMs: Math.round(elapsedMs),
    };
    if (process.env.KENSHU_TEST_STATS) console.info(`crash suite: ${JSON.stringify(stats)}`);

    expect({ code: final.code, signal: final.signal, stdout: final.stdout, stderr: final.stderr }, context).toEqual({ code: 0, signal: null, stdout: '', stderr: '' });
    // A child either finished cleanly or was killed; none printed anything or died on its own.
    expect(
      runs.filter((r) => r.stdout !== '' || r.stderr !== '' || (r.killed === null ? r.code !== 0 : r.signal !== 'SIGKILL')).map((r) => ({ code: r.code, signal: r.signal, out: r.stdout + r.stderr })),
      context,
    ).toEqual([]);
    // The kills did land in the middle of sending, most of the time.
    expect(stats.killedMidDispatch, context).toBeGreaterThanOrEqual(KILL_ROUNDS / 2);

    // The platform: exactly the due nudges, one message each, to the right writer.
    const byKey = fake.messagesByKey();
    expect([...byKey.values()].filter((m) => m.length > 1).map((m) => m[0]!.key), context).toEqual([]);
    const expectedKeys = due.map((s) => nudgeKey(s.delivery.id, s.due.stage));
    const missing = expectedKeys.filter((k) => !byKey.has(k));
    const unexpected = [...byKey.keys()].filter((k) => !expectedKeys.includes(k));
    expect({ missing, unexpected }, context).toEqual({ missing: [], unexpected: [] });
    expect(fake.conflicts, context).toBe(0);
    expect(due.filter((s) => byKey.get(nudgeKey(s.delivery.id, s.due.stage))?.[0]?.userId !== s.writer.platformUserId).map((s) => s.delivery.id), context).toEqual([]);

    // The records: the sent stage (the lowest due) with the platform's message id, nothing skipped;
    // every delivery moved on to its next stage, and none still claimed.
    const wrong: string[] = [];
    for (const s of seeded) {
      const id = s.delivery.id;
      const rows = (nudgesOf.get(id) ?? []).map((n) => ({ stage: n.stage, state: n.state, channel: n.channel, messageRef: n.messageRef }));
      const expected = s.due
        ? [
            ...s.due.skipped.map((stage) => ({ stage, state: 'skipped', channel: null, messageRef: null })),
            { stage: s.due.stage, state: 'sent', channel: 'dm', messageRef: byKey.get(nudgeKey(id, s.due.stage))?.[0]?.id ?? '(no message)' },
          ]
        : [];
      if (JSON.stringify(rows) !== JSON.stringify(expected)) wrong.push(`delivery ${id} (${s.delivery.marketplace}): nudges ${JSON.stringify(rows)}, expected ${JSON.stringify(expected)}`);

      const row = deliveryRows.find((d) => d.id === id)!;
      const lastStage = s.due?.stage ?? 0;
      // The stage went out during the run: the next one keeps the ladder's gap from that moment.
      const sentAt = row.lastNudgeAt;
      if (s.due && !(sentAt && sentAt >= NOW0 && sentAt <= FINAL_AT)) wrong.push(`delivery ${id}: last_nudge_at ${sentAt?.toISOString()}, expected a time within the run`);
      if (!s.due && sentAt !== null) wrong.push(`delivery ${id}: last_nudge_at ${sentAt.toISOString()}, expected none`);
      const next = nextNudgeAt({ ...s.delivery, lastStage, lastNudgeAt: sentAt }, s.settings);
      if (row.claimToken !== null) wrong.push(`delivery ${id}: still claimed (${row.claimToken})`);
      if (row.lastStage !== lastStage) wrong.push(`delivery ${id}: last_stage ${row.lastStage}, expected ${lastStage}`);
      if (row.nextNudgeAt?.getTime() !== next?.getTime()) wrong.push(`delivery ${id}: next_nudge_at ${row.nextNudgeAt?.toISOString()}, expected ${next?.toISOString()}`);
    }
    expect(wrong, context).toEqual([]);
  });
});

describe.runIf(TEST_DATABASE_URL)('the digest scheduler killed between the post and its record (PostgreSQL)', () => {
  afterAll(killRunning);

  it('posts no second digest after the restart: the retry finds the first in the channel', { timeout: 30_000 }, async () => {
    const script = await compiledPath('tests/scheduler/child-scheduler.ts');
    const created = await createPostgresDatabase();
    const database = await openDatabase({ databaseUrl: created.url });
    // The platform answers half a second after creating the first message, so the kill lands in
    // between; and it forgets keys, as Discord forgets a nonce: only the retry's look at the
    // channel's history can keep the restarted scheduler from posting the week again.
    let answerAfterMs = 500;
    const fake = await FakeDmPlatform.start({ rememberKeys: false, delayAfterMs: () => answerAfterMs });
    const children: ChildProcess[] = [];
    try {
      const stores = createStores(database.db);
      const community = await stores.communities.ensureCommunity({ platform: 'discord', platformCommunityId: 'g-digest', name: 'Writers' });
      const owner = await stores.members.ensureMember({ platform: 'discord', platformUserId: 'owner', displayName: 'Owner' });
      await stores.communities.changeSettings(community.id, { patch: { modChannelId: 'mods' } }, { actorId: owner.id, at: NOW0, defaultTimezone: TZ });
      // Monday 30 November 2026, 09:00 in Tokyo: the first digest after NOW0.
      const due = new Date('2026-11-30T00:00:00Z');
      const key = digestKey(community.id, '2026-11-23');

      // The restarted instance loads while the first works, and comes in a minute later, past the
      // dead one's lease.
      const first = startChild(script, created.url, fake, due, { DIGESTS: '1' });
      const restarted = startChild(script, created.url, fake, new Date(due.getTime() + MINUTE), { DIGESTS: '1' });
      children.push(first.child, restarted.child);
      await first.ready;
      first.child.send('go');
      for (let i = 0; i < 400 && fake.messages.length === 0; i++) await sleep(5);
      first.child.kill('SIGKILL');
      const killed = await first.closed;
      answerAfterMs = 0;
      expect({ signal: killed.signal, posted: fake.messages.map((m) => m.key), stderr: first.output.stderr }).toEqual({ signal: 'SIGKILL', posted: [key], stderr: '' });
      const digests = new PgDigestStore(database.db);
      expect((await digests.history(community.id)).map((r) => [r.state, r.starts])).toEqual([['sending', 1]]);

      await waitForOtherSessions(created.url);
      const second = await runChild(restarted, fake, { at: 'never' });
      expect({ code: second.code, stdout: second.stdout, stderr: second.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(fake.messages.map((m) => [m.key, m.channelId])).toEqual([[key, 'mods']]);
      expect(fake.historyLookups).toBe(1);
      const [record] = await digests.history(community.id);
      expect(record).toMatchObject({ weekStart: '2026-11-23', state: 'sent', starts: 2, messageRef: fake.messages[0]!.id });
      const [row] = await database.db.select().from(communityRows).where(eq(communityRows.id, community.id));
      expect({ next: row?.nextDigestAt, claim: row?.digestClaimToken }).toEqual({ next: new Date('2026-12-07T00:00:00Z'), claim: null });

      // The platform indeed posts a key twice when nobody looks first.
      const notifier = new HttpDmNotifier('discord', fake.url);
      const reply = digestReply(community, { kind: 'week', start: NOW0, end: NOW0, timezone: TZ }, 'ja');
      await Promise.all([notifier.post('elsewhere', null, reply, key), notifier.post('elsewhere', null, reply, key)]);
      expect(fake.messages.filter((m) => m.channelId === 'elsewhere')).toHaveLength(2);
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await fake.close();
      await database.close();
      await created.drop();
    }
  });
});
