import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext, CommandDeps, Reply, Role } from '../../src/commands/command.js';
import { executeCommand } from '../../src/commands/execute.js';
import { findCommand } from '../../src/commands/index.js';
import type { Locale } from '../../src/domain/member.js';
import { fileBytes, type ReplyFile } from '../../src/domain/reply.js';
import type { ExportedReport } from '../../src/domain/reports.js';
import { reportExportFile } from '../../src/presenters/report-export.js';
import { createStores, type Stores } from '../../src/store/index.js';
import { MemoryClock } from '../support/clock.js';
import { commandHarness, fileText, replyText, silentLogger } from '../support/commands.js';
import { playConsole } from '../support/console-session.js';
import { testDatabaseKinds } from '../support/databases.js';

/**
 * `/mod export`: the community's approved, unexpired reports as a CSV file a moderator opens in
 * Excel: UTF-8 with a byte order mark, a header row in the moderator's language, formulas typed
 * into names made inert, and nothing of who reported or what they noted.
 */

const HOME = 'guild-1';
const OTHER = 'guild-2';
const EMPTY = 'guild-3';
const X = 'https://crowdworks.jp/public/employers/5001';
const EVIL = '=HYPERLINK("http://evil.example")';
const SAKURA = '株式会社さくら出版';
const REPLY = '12月1日に支払いました。"遅延"をお詫びします, 以上';

/** RFC 4180, enough to read back what the export wrote: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      endField();
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe.each(testDatabaseKinds)('/mod export on $name', (kind) => {
  let deps: CommandDeps;
  let close: () => Promise<void>;
  let clock = new MemoryClock('2026-11-26T10:00:00+09:00');

  const contextIn = async (guild: string, user: string, options: { locale?: Locale; roles?: Role[]; direct?: boolean } = {}): Promise<CommandContext> => {
    const community = await deps.communities.ensureCommunity({ platform: 'discord', platformCommunityId: guild, name: guild });
    const member = await deps.members.ensureMember({ platform: 'discord', platformUserId: user, displayName: user });
    return { platform: 'discord', community, member, locale: options.locale ?? 'en', timezone: 'Asia/Tokyo', roles: new Set(options.roles ?? []), direct: options.direct ?? false, deps };
  };
  const run = async (guild: string, user: string, path: string, raw: Record<string, unknown>, options: { locale?: Locale; roles?: Role[]; direct?: boolean } = {}): Promise<Reply> => {
    const found = findCommand(path.replace(/^\//, '').split(' '));
    if (!found) throw new Error(`no command ${path}`);
    return executeCommand(found.command, raw, await contextIn(guild, user, options), silentLogger);
  };
  const ok = (reply: Reply) => {
    expect(reply.tone, replyText(reply)).toBe('success');
    return reply;
  };
  const mod = (guild: string, path: string, raw: Record<string, unknown> = {}, locale: Locale = 'en') => run(guild, `mod-${guild}`, path, raw, { locale, roles: ['moderator'] });
  /** A delivery recorded on the day it was delivered, sixteen days ago: a report may follow now. */
  const deliver = async (guild: string, user: string, client: string, marketplace = 'direct') => {
    const now = clock.now();
    clock.set('2026-11-10T12:00:00+09:00');
    try {
      const reply = ok(await run(guild, user, '/deliver new', { client, title: 'Article', delivered: '2026-11-10', marketplace }));
      return Number(/#(\d+)/.exec(reply.title)![1]);
    } finally {
      clock.set(now);
    }
  };
  /** Files a report linked to a new delivery, with a note only moderators see; its number here. */
  const report = async (guild: string, user: string, client: string, options: { marketplace?: string; reason?: string } = {}) => {
    const delivery = await deliver(guild, user, client, options.marketplace);
    const reply = ok(await run(guild, user, '/client flag', { client, reason: options.reason ?? 'unpaid', delivery: String(delivery), note: `secret note of ${user}` }));
    return { number: /#(\d+)/.exec(reply.title)![1]!, delivery };
  };
  const approved = async (guild: string, user: string, client: string, options: { marketplace?: string; reason?: string } = {}) => {
    const filed = await report(guild, user, client, options);
    ok(await mod(guild, '/mod approve', { report: filed.number }));
    return filed;
  };
  const exportFile = (reply: Reply): ReplyFile => {
    expect(reply.files, replyText(reply)).toHaveLength(1);
    return reply.files![0]!;
  };

  beforeAll(async () => {
    // PGlite through the command harness, whose emptied database the console suite below reuses.
    if (kind.name === 'pglite') {
      const h = await commandHarness(clock.now().toISOString());
      ({ deps, close } = { deps: h.deps, close: h.close });
      clock = h.clock;
    } else {
      const database = await kind.open();
      deps = { ...createStores(database.db), clock, defaultTimezone: 'Asia/Tokyo', flagTtlDays: 365, notifiers: {} };
      close = () => database.destroy();
    }
    // #1 paid since; #2 accepted since (a direct client: acceptance releases nothing).
    const paid = await approved(HOME, 'reporter-one', X, { marketplace: 'crowdworks' });
    ok(await run(HOME, 'reporter-one', '/deliver paid', { delivery: String(paid.delivery) }));
    const accepted = await approved(HOME, 'reporter-two', EVIL);
    ok(await run(HOME, 'reporter-two', '/deliver accepted', { delivery: String(accepted.delivery) }));
    // #3 with the client's reply; #4 about an alias merged into it here.
    await approved(HOME, 'reporter-six', SAKURA, { reason: 'late_acceptance' });
    await approved(HOME, 'reporter-seven', 'Sakura Publishing');
    ok(await mod(HOME, '/mod reply', { client: SAKURA, text: REPLY }));
    ok(await mod(HOME, '/mod merge', { client: 'Sakura Publishing', into: SAKURA }));
    // Not shown in lookups, so not exported: pending, rejected, removed, retracted, expired.
    await report(HOME, 'reporter-eight', 'Pending Co');
    const rejected = await report(HOME, 'reporter-nine', 'Rejected Co');
    ok(await mod(HOME, '/mod reject', { report: rejected.number, reason: 'Add the dates' }));
    const removed = await approved(HOME, 'reporter-ten', 'Removed Co');
    ok(await mod(HOME, '/mod remove', { report: removed.number, reason: 'Settled' }));
    const retracted = await approved(HOME, 'reporter-eleven', 'Retracted Co');
    ok(await run(HOME, 'reporter-eleven', '/client retract', { flag: retracted.number }));
    deps.flagTtlDays = 1;
    await approved(HOME, 'reporter-twelve', 'Expired Co');
    deps.flagTtlDays = 365;
    // Another community's approved report about a client both know.
    await approved(OTHER, 'other-reporter', X, { marketplace: 'crowdworks' });
    await approved(OTHER, 'other-reporter', 'Other Guild Client');
    // Two days on: the one-day report has expired.
    clock.set('2026-11-28T10:00:00+09:00');
  });
  afterAll(async () => {
    await close?.();
  });

  it('gives the moderator a UTF-8 CSV with a BOM and a header row: the shown reports, formulas escaped, no reporter', async () => {
    const reply = ok(await mod(HOME, '/mod export'));
    expect(reply.title).toBe('4 approved reports exported');
    expect(reply.ephemeral).not.toBe(false);
    expect(reply.footer!.join('\n')).toContain("don't post it in public channels");
    const file = exportFile(reply);
    const { id } = (await contextIn(HOME, 'mod-guild-1')).community;
    expect(file.name).toBe(`kenshu-reports-${id}-20261128.csv`);
    expect(file.name).toMatch(/^[a-z0-9][a-z0-9.-]{0,99}$/);
    expect([...fileBytes(file).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = fileText(file);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text.slice(1))).toEqual([
      ['Report', 'Client', 'Identity', 'Profile URL', 'Category', 'Filed (month)', 'Approved (month)', 'Shows until (month)', 'Since then', "Client's reply", 'Reply recorded (month)'],
      ['1', 'crowdworks:5001', 'crowdworks:5001', X, 'Unpaid', '2026-11', '2026-11', '2027-11', 'Paid', '', ''],
      ['2', `'${EVIL}`, 'name:hyperlinkhttpevilexample', '', 'Unpaid', '2026-11', '2026-11', '2027-11', 'Accepted', '', ''],
      ['3', SAKURA, expect.stringMatching(/^name:/), '', 'Late acceptance', '2026-11', '2026-11', '2027-11', 'No change', REPLY, '2026-11'],
      // Merged here: shown as the client it follows, with that client's reply.
      ['4', SAKURA, expect.stringMatching(/^name:/), '', 'Unpaid', '2026-11', '2026-11', '2027-11', 'No change', REPLY, '2026-11'],
    ]);
    for (const hidden of ['reporter', 'secret note', 'Pending Co', 'Rejected Co', 'Removed Co', 'Retracted Co', 'Expired Co', 'Other Guild Client', 'Add the dates', 'mod-guild']) {
      expect(text).not.toContain(hidden);
    }
  });

  it('reads in Japanese for a Japanese moderator, and Japanese names come back as typed', async () => {
    const reply = ok(await mod(HOME, '/mod export', {}, 'ja'));
    expect(reply.title).toBe('承認済みの報告4件を書き出しました');
    const rows = parseCsv(fileText(exportFile(reply)).slice(1));
    expect(rows[0]).toEqual(['報告番号', 'クライアント', '識別子', 'プロフィールURL', '報告の種類', '報告月', '承認月', '表示期限(月)', 'その後', 'クライアントの回答', '回答の記録月']);
    expect(rows[1]!.slice(8)).toEqual(['支払い済み', '', '']);
    expect(rows[2]!.slice(8)).toEqual(['検収済み', '', '']);
    expect(rows[3]!.slice(1, 2)).toEqual([SAKURA]);
    expect(rows[3]![9]).toBe(REPLY);
  });

  it('says so, with no file, when nothing shows; still logged', async () => {
    const reply = await mod(EMPTY, '/mod export');
    expect(reply.tone).toBe('info');
    expect(reply.title).toBe('No approved reports to export');
    expect(reply.files ?? []).toEqual([]);
  });

  it('refuses members and DMs, and writes nothing to the log for them', async () => {
    const before = (await deps.moderation.auditLog((await contextIn(HOME, 'x')).community.id, { offset: 0, limit: 50 })).total;
    const member = await run(HOME, 'reporter-one', '/mod export', {});
    expect(member.tone).toBe('error');
    expect(replyText(member)).toContain("Only this community's moderators can do that.");
    expect(member.files ?? []).toEqual([]);
    const dm = await run('dm', 'mod-guild-1', '/mod export', {}, { roles: ['admin'], direct: true });
    expect(dm.tone).toBe('error');
    expect(dm.files ?? []).toEqual([]);
    expect((await deps.moderation.auditLog((await contextIn(HOME, 'x')).community.id, { offset: 0, limit: 50 })).total).toBe(before);
  });

  it('is in /mod audit in both languages, by the moderator who exported', async () => {
    const en = replyText(await mod(HOME, '/mod audit'));
    expect(en).toMatch(/mod-guild-1 exported the approved reports: reports:4\n {2}\(none\) → 4/);
    const ja = replyText(await mod(HOME, '/mod audit', {}, 'ja'));
    expect(ja).toContain('mod-guild-1: 承認済みの報告を書き出し(reports:4)\n  (なし) → 4');
    expect(replyText(await mod(EMPTY, '/mod audit'))).toContain('exported the approved reports: reports:0');
  });
});

describe('the export file', () => {
  const at = new Date('2026-11-28T01:00:00Z');
  const row = (number: number, name: string, reply: string | null = null): ExportedReport => ({
    number,
    client: { id: number, key: `name:${number}`, marketplace: null, displayName: name, profileUrl: null },
    category: 'unpaid',
    filedAt: at,
    approvedAt: at,
    expiresAt: null,
    outcome: 'none',
    reply: reply === null ? null : { text: reply, at },
  });

  it('makes every cell a member typed inert in a spreadsheet, and keeps the rest as typed', () => {
    const file = reportExportFile(
      [row(1, '+1'), row(2, '@x'), row(3, '-2'), row(4, '\tTab'), row(5, '＝全角'), row(6, 'Plain, "quoted"\nname', '=1+1'), row(7, 'さくら出版', '-お支払い済み')],
      9,
      at,
      { locale: 'en', timezone: 'Asia/Tokyo' },
    );
    expect(file.name).toBe('kenshu-reports-9-20261128.csv');
    const rows = parseCsv(fileText(file).slice(1));
    expect(rows.slice(1).map((r) => [r[0], r[1], r[9]])).toEqual([
      ['1', "'+1", ''],
      ['2', "'@x", ''],
      ['3', "'-2", ''],
      ['4', "'\tTab", ''],
      ['5', "'＝全角", ''],
      ['6', 'Plain, "quoted"\nname', "'=1+1"],
      ['7', 'さくら出版', "'-お支払い済み"],
    ]);
    // The report number is a number, never escaped; an unknown expiry is an empty cell.
    expect(rows[1]!.slice(5, 8)).toEqual(['2026-11', '2026-11', '']);
  });
});

describe('console: /mod export', () => {
  let exportDir: string;
  let stores: Stores;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const h = await commandHarness();
    close = h.close;
    stores = createStores(h.database.db);
    exportDir = await mkdtemp(join(tmpdir(), 'kenshu-exports-'));
  });
  afterAll(async () => {
    await close?.();
    await rm(exportDir, { recursive: true, force: true });
  });

  it('writes the CSV under the export directory and prints its path', async () => {
    // A delivery recorded ten days ago, reported now; the console's own member ("writer") moderates.
    const clock = new MemoryClock('2026-11-20T12:00:00+09:00');
    const client = '"=cmd|\' /C calc\'!A0"';
    await playConsole({ stores, clock, locale: 'en', exportDir }, ['/as member', `/deliver new client:${client} title:Draft marketplace:direct delivered:2026-11-20`]);
    clock.set('2026-11-30T12:00:00+09:00');
    const blocks = await playConsole({ stores, clock, locale: 'en', exportDir }, [
      '/as member',
      `/client flag client:${client} reason:unpaid delivery:1`,
      '/as writer',
      '/mod approve 1',
      '/mod export',
    ]);
    const exported = blocks.at(-1)!;
    expect(exported).toContain('One approved report exported');
    const path = /File saved: (\S+)/.exec(exported)![1]!;
    expect(path).toMatch(new RegExp(`^${exportDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/kenshu-reports-\\d+-20261130\\.csv$`));
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(0, 2)).toEqual(['1', "'=cmd|' /C calc'!A0"]);
  });
});
