import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../src/commands/execute.js';
import { findCommand } from '../src/commands/index.js';
import { commandHarness } from './support/commands.js';
import { capturedLogger } from './support/logs.js';

describe('log lines', () => {
  let h: Awaited<ReturnType<typeof commandHarness>>;
  beforeAll(async () => {
    h = await commandHarness();
  });
  afterAll(async () => {
    // The trigger below breaks reports; this harness's database is not reused.
    await h.database.close();
  });

  it('never carry a report’s note or the client typed when the database fails while filing it', async () => {
    const note = 'MOD-ONLY-NOTE 090-5555-1212';
    const client = 'Secret Client Kabushiki';
    await h.at('2026-11-10T12:00:00+09:00', () => h.run('/deliver new', { client, title: 'SECRET-TITLE-4242', marketplace: 'direct', delivered: '2026-11-10' }, { user: 'writer' }));
    // A database that refuses the insert, as a broken or full one would.
    await h.database.db.execute(sql.raw(`create function kenshu_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`));
    await h.database.db.execute(sql.raw('create trigger kenshu_test_refuse before insert on flags for each row execute function kenshu_test_refuse()'));

    const { logger, output } = capturedLogger();
    const reply = await executeCommand(findCommand(['client', 'flag'])!.command, { client, reason: 'unpaid', delivery: '1', note }, await h.contextFor('writer'), logger);
    expect(reply.tone).toBe('error');
    const logged = output();
    // The failure is logged, with what helps: the error's type, the database's message, the stack.
    expect(logged).toContain('command failed');
    expect(logged).toContain('refused by test');
    expect(logged).toContain('"stack"');
    for (const secret of ['MOD-ONLY-NOTE', '090-5555-1212', 'Secret Client', 'secret client', 'SECRET-TITLE']) expect(logged).not.toContain(secret);
  });

  it('never carry tokens, interaction or webhook URLs, query parameters, notes or text given as fields', () => {
    const { logger, output } = capturedLogger();
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5OnNlY3JldA';
    const error = Object.assign(new Error(`Failed query: insert into "flags" values ($1, $2)\nparams: 1,PARAM-NOTE-77`), {
      query: 'insert into "flags" values ($1, $2)',
      parameters: ['PARAM-NOTE-77'],
      params: ['PARAM-NOTE-77'],
      url: `https://discord.com/api/v10/interactions/123456789012345678/${token}/callback`,
      requestBody: { json: { content: 'REPLY-TEXT-55' } },
      cause: Object.assign(new Error('insert failed'), { parameters: ['PARAM-NOTE-77'], query: 'QUERY-TEXT' }),
    });
    logger.error({ err: error, note: 'FIELD-NOTE-1', text: 'FIELD-TEXT-2', token, command: { query: 'QUERY-FIELD' } }, 'failed');
    logger.warn(`webhook https://discord.com/api/v10/webhooks/100000000000000001/${token}/messages/@original failed`);
    logger.debug(`answering https://hooks.slack.com/commands/T0KENSHU01/1234567890/${token} as xoxb-1234-5678-${token} (xapp-1-A0-${token})`);
    const logged = output();
    expect(logged).toContain('hooks.slack.com/commands/T0KENSHU01/1234567890/[redacted]');
    expect(logged).toContain('interactions/123456789012345678/[redacted]/callback');
    expect(logged).toContain('webhooks/100000000000000001/[redacted]/messages');
    expect(logged).toContain('insert failed');
    for (const secret of [token, 'PARAM-NOTE-77', 'REPLY-TEXT-55', 'QUERY-TEXT', 'FIELD-NOTE-1', 'FIELD-TEXT-2', 'QUERY-FIELD']) expect(logged).not.toContain(secret);
  });
});
