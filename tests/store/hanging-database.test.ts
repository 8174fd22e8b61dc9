import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import { startHealthServer } from '../../src/health.js';
import { createStores } from '../../src/store/index.js';
import * as schema from '../../src/store/schema.js';
import { commandHarness, replyText, silentLogger } from '../support/commands.js';

/**
 * A PostgreSQL that accepts connections and never answers (a hung server, a black-holed
 * network): Kenshu must still answer within the platforms' 3 s, and the health check within 1 s.
 */
describe('a database that accepts connections and never answers', () => {
  let server: Server;
  const sockets: Socket[] = [];
  let client: postgres.Sql;
  let harness: Awaited<ReturnType<typeof commandHarness>>;
  let hungCtx: CommandContext;

  beforeAll(async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // A connect timeout far beyond the deadline: the store calls' own deadline is what answers.
    client = postgres(`postgres://kenshu:secret@127.0.0.1:${(server.address() as AddressInfo).port}/kenshu`, { max: 2, connect_timeout: 60, onnotice: () => undefined });
    harness = await commandHarness();
    // Who is asking comes from a working database; their command meets the hung one.
    const ctx = await harness.contextFor('alice');
    hungCtx = { ...ctx, deps: { ...ctx.deps, ...createStores(drizzle(client, { schema })) } };
  });

  afterAll(async () => {
    await client.end({ timeout: 0 });
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
    await harness.close();
  });

  async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  }

  function command(path: string) {
    const found = findCommand(path.split(' '));
    if (!found) throw new Error(`no command ${path}`);
    return found.command;
  }

  it('a read is answered within 3 s with "nothing was saved, try again"', async () => {
    const { result, ms } = await timed(() => executeCommand(command('deliver list'), {}, hungCtx, silentLogger));
    expect(ms).toBeLessThan(3_000);
    expect(replyText(result)).toContain('The database is not answering right now, so nothing was saved');
  });

  it('a write is answered within 3 s with "it may have been saved", never as refused', async () => {
    const { result, ms } = await timed(() => executeCommand(command('deliver new'), { client: 'Hung Co', title: 'Lost?', marketplace: 'direct' }, hungCtx, silentLogger));
    expect(ms).toBeLessThan(3_000);
    const text = replyText(result);
    expect(text).toContain('may have been saved');
    expect(text).not.toContain('nothing was saved');
  });

  it('/healthz answers 503 within 1 s', async () => {
    const db = drizzle(client, { schema });
    const health = startHealthServer({ port: 0, ping: async () => void (await db.execute(sql`select 1`)), logger: silentLogger, platforms: () => ({ console: true }) });
    try {
      await new Promise((resolve) => health.once('listening', resolve));
      const base = `http://127.0.0.1:${(health.address() as AddressInfo).port}`;
      // fetch's first call sets itself up: timed apart, so the 1 s is the endpoint's.
      await fetch(`${base}/warm-up`);
      const { result: res, ms } = await timed(() => fetch(`${base}/healthz`));
      expect(ms).toBeLessThan(1_000);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'database unavailable', platforms: { console: true } });
    } finally {
      health.close();
    }
  });
});
