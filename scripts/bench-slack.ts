/**
 * How fast Kenshu acknowledges Slack slash commands over HTTP under load: 200 signed `/kenshu`
 * commands at once, from 200 different writers, POSTed to Kenshu itself, started as `src/main.ts`
 * in a process of its own and serving Slack over HTTP (Bolt's HTTP receiver, SLACK_PORT), with
 * SLACK_API_URL pointing at a Slack on loopback (tests/fakes/slack) in this process, which also
 * receives every `response_url` reply.
 *
 *   npm run bench:slack
 *
 * Ack latency is each POST's HTTP response time (Bolt answers the request when the command is
 * acknowledged); time to answer runs to the moment the fake records the reply at the command's
 * response_url. Runs, databases and the event-loop probe: scripts/bench-burst.ts. Targets
 * (DESIGN.md §5): acknowledged within 100 ms p99 at 200 concurrent; answered within 500 ms p99 on
 * PostgreSQL, 800 ms on the embedded database. A report: it exits 0 whether or not the targets are
 * met, 1 on an error.
 */
import { createServer } from 'node:net';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { FakeSlack } from '../tests/fakes/slack/fake-slack.js';
import { formBody, signedRequest } from '../tests/fakes/slack/payloads.js';
import { BotProcess, commandKind, CONCURRENT, runPlatformBench, type BurstTimes, type Platform } from './bench-burst.js';
import { runBench } from './bench-database.js';

const SECRET = 'kenshu-bench-signing-secret-not-a-secret';
const CHANNEL = 'C0GENERAL';

const userId = (i: number) => `U${String(i).padStart(9, '0')}`;

function commandText(i: number, round: number): string {
  const kind = commandKind(i);
  return kind === 'deliver new' ? `deliver new client:"Client ${i % 40}" title:"Article ${round}-${i}" marketplace:crowdworks` : kind;
}

/** A port nothing listens on right now, for the bot's SLACK_PORT. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One pool of kept-alive connections for every burst, as Slack's own servers keep theirs. */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

async function burst(fake: FakeSlack, eventsUrl: string, round: number): Promise<BurstTimes> {
  // Everything a request needs is built before the clock starts, and sent with node:http on
  // kept-alive connections: the generator's own cost per request stays out of the figures.
  const requests = Array.from({ length: CONCURRENT }, (_, i) => {
    const payload = fake.slashCommand({ command: '/kenshu', text: commandText(i, round), user: userId(i), channel: CHANNEL });
    const body = formBody(payload);
    return { id: payload.response_url!.split('/respond/')[1]!, body, headers: { ...signedRequest(body, SECRET), 'content-length': String(Buffer.byteLength(body)) } };
  });
  const sent = await Promise.all(
    requests.map(
      ({ id, body, headers }) =>
        new Promise<{ id: string; sentAt: number; ack: number }>((resolve, reject) => {
          const sentAt = Date.now();
          const start = performance.now();
          const req = httpRequest(eventsUrl, { method: 'POST', headers, agent }, (res) => {
            const ack = performance.now() - start;
            res.resume();
            res.once('end', () => (res.statusCode === 200 ? resolve({ id, sentAt, ack }) : reject(new Error(`Kenshu answered a slash command with HTTP ${res.statusCode}`))));
          });
          req.once('error', reject);
          req.end(body);
        }),
    ),
  );
  await fake.waitFor(() => sent.every((s) => fake.respondedAt(s.id) !== undefined), 60_000);
  return { acks: sent.map((s) => s.ack), answers: sent.map((s) => fake.respondedAt(s.id)! - s.sentAt) };
}

const slack: Platform = {
  ackLabel: 'ack (HTTP response)',
  answerLabel: 'answer (response_url)',
  async start(dbEnv) {
    const fake = await FakeSlack.start({ users: Array.from({ length: CONCURRENT }, (_, i) => ({ id: userId(i), name: `writer${i}`, locale: 'en-US' })) });
    const port = await freePort();
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const bot = BotProcess.start({ SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: String(port), SLACK_API_URL: fake.apiUrl, ...dbEnv });
    try {
      await bot.ready(() => fetch(eventsUrl).then((r) => r.arrayBuffer().then(() => true), () => false));
    } catch (error) {
      await bot.stop();
      await fake.stop();
      throw error;
    }
    return { bot, burst: (round) => burst(fake, eventsUrl, round), stop: () => fake.stop() };
  },
};

runBench(
  'bench:slack',
  (run) => runPlatformBench('Kenshu Slack benchmark (signed slash commands over HTTP)', slack, { ackP99: 100, answerP99: { pglite: 800, postgres: 500 } }, run),
  (error): error is Error => error instanceof Error && 'code' in error,
);
