/**
 * One scheduler "instance" as a process of its own, for the crash suite to kill -9 mid-dispatch.
 * The suite runs it compiled (tests/support/compiled-program.ts) with `node`; by hand,
 * `node --import tsx tests/scheduler/child-scheduler.ts` (not through the tsx CLI, which runs the
 * script in a grandchild that a SIGKILL to the CLI would leave running).
 *
 * Env: DATABASE_URL, FAKE_URL (a FakeDmPlatform), NOW (ISO; the clock stands still there),
 * LEASE_MS; DIGESTS=1 runs the weekly digest's scheduler instead of the nudges'. Ticks until a
 * tick claims nothing, then exits 0. Prints nothing but errors. Started
 * with an IPC channel (as the suite does), it says 'ready' once its modules are loaded and waits
 * for a message before it touches the database, so the next one can load while this one works.
 */
import pino from 'pino';
import { digestReply } from '../../src/presenters/digest.js';
import { DigestScheduler } from '../../src/scheduler/digest-scheduler.js';
import { NudgeScheduler } from '../../src/scheduler/nudge-scheduler.js';
import { createStores, openDatabase, PgDigestStore } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { HttpDmNotifier } from '../fakes/http-dm-notifier.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const databaseUrl = required('DATABASE_URL');
const fakeUrl = required('FAKE_URL');
const now = new Date(required('NOW'));
const leaseMs = Number(required('LEASE_MS'));
if (Number.isNaN(now.getTime()) || !(leaseMs > 0)) throw new Error('NOW must be an ISO time and LEASE_MS a positive number');

if (process.send) {
  // Everything from the go on is the scheduler at work. (Should the channel close first, nothing
  // is left to wait for and the process ends without touching the database.)
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!('ready');
  });
  process.disconnect();
}

const logger = pino({ level: 'error', base: { app: 'kenshu-child' } }, pino.destination({ fd: 2, sync: true }));
const database = await openDatabase({ databaseUrl }, logger);
const stores = createStores(database.db);
const notifier = new HttpDmNotifier('discord', fakeUrl);
const clock = new MemoryClock(now);
const scheduler =
  process.env.DIGESTS === '1'
    ? new DigestScheduler({
        digests: new PgDigestStore(database.db),
        notifiers: { discord: notifier },
        composeDigest: (community, period, locale) => Promise.resolve(digestReply(community, period, locale)),
        clock,
        logger,
        defaultTimezone: 'Asia/Tokyo',
        defaultLocale: 'ja',
        leaseMs,
      })
    : new NudgeScheduler({
        nudges: stores.nudges,
        members: stores.members,
        notifiers: { discord: notifier },
        clock,
        logger,
        defaultTimezone: 'Asia/Tokyo',
        defaultLocale: 'ja',
        leaseMs,
      });

for (;;) {
  const report = await scheduler.tick();
  if (report.claimed === 0) break;
}
await database.close();
// Idle keep-alive sockets to the platform must not hold the process open.
process.exit(0);
