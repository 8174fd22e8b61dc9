import { messages, PGlite, types, type Results } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { throughNamedStatements } from '../../src/store/database.js';
import { rowsOf } from '../../src/store/json-rows.js';
import { PgliteStatements } from '../../src/store/pglite-statements.js';
import { openMemoryDatabase } from '../support/databases.js';
import { sql } from 'drizzle-orm';

/**
 * The embedded database runs each statement with parameters as a named statement made once per
 * text. Whatever PGlite's own `query` answers, this answers the same: rows, fields, counts,
 * errors, transactions; only the work per run is less.
 */
describe('embedded database: named statements', () => {
  let raw: PGlite;
  let wrapped: PGlite;

  /** The session's named statements, by the text they run. */
  async function named(): Promise<string[]> {
    const result = await raw.query<{ statement: string }>("select statement from pg_prepared_statements where name like 'kenshu\\_%' order by statement");
    return result.rows.map((r) => r.statement);
  }

  beforeAll(async () => {
    raw = new PGlite();
    await raw.exec(`create table things (
      id bigserial primary key, name text not null unique, amount integer, big bigint, at timestamptz, data jsonb, flag boolean, tags text[]
    )`);
    wrapped = throughNamedStatements(raw);
  });
  afterAll(async () => {
    await raw.close();
  });
  beforeEach(async () => {
    await raw.exec('deallocate all; truncate things restart identity');
  });

  /** What a result says, without the parts that may differ in identity only. */
  const seen = (r: Results<unknown>) => ({ rows: r.rows, fields: r.fields, command: r.command, rowCount: r.rowCount, affectedRows: r.affectedRows });

  it('answers as PGlite’s own query does, for every kind of value, with one named statement per text', async () => {
    const insert = 'insert into things (name, amount, big, at, data, flag, tags) values ($1, $2, $3, $4, $5, $6, $7) returning *';
    const at = new Date('2026-12-02T09:30:00.123Z');
    const ownInsert = await raw.query(insert, ['a', 5, 9007199254740993n, at, { note: '検収', n: [1, 2] }, true, ['x', 'y z']]);
    const viaNamed = await wrapped.query(insert, ['b', null, 1n, at, { note: 'b' }, false, []]);
    expect(seen(viaNamed)).toEqual({ ...seen(ownInsert), rows: (await raw.query('select * from things where id = 2')).rows });
    expect(viaNamed.rows).toEqual([{ id: 2, name: 'b', amount: null, big: 1, at, data: { note: 'b' }, flag: false, tags: [] }]);

    const select = 'select * from things where id = any($1::bigint[]) or name = $2 order by id';
    for (const options of [undefined, { rowMode: 'array' as const }, { rowMode: 'array' as const, parsers: { [types.TIMESTAMPTZ]: (value: string) => value } }]) {
      expect(seen(await wrapped.query(select, [[1, 2], 'none'], options))).toEqual(seen(await raw.query(select, [[1, 2], 'none'], options)));
    }
    const update = 'update things set amount = coalesce(amount, 0) + $1 where flag = $2 or flag = $3';
    const updated = await wrapped.query(update, [1, true, false]);
    expect(updated).toMatchObject({ command: 'UPDATE', affectedRows: 2, rowCount: 2, rows: [] });

    // Run again and again, each text was made into one statement.
    for (let i = 0; i < 3; i++) await wrapped.query(select, [[1], 'a']);
    expect(await named()).toEqual([insert, select, update].sort());
  });

  it('gives the same rows, fields and counts for statements of every kind, in both row modes', async () => {
    await raw.query("insert into things (name, amount) values ('p', 1), ('q', 2), ('r', null)");
    const statements: [string, unknown[]][] = [
      ['select id, name, amount from things where amount >= $1 order by id', [1]],
      ['select id, name from things where name = $1', ['nobody']],
      ['select amount as x, name as x from things where id = $1', [1]],
      ['select $1::text[] as list, $2::jsonb as doc, $3::boolean as yes, $4::numeric as n', [['a', 'b'], { k: [1] }, true, '12.50']],
      ['insert into things (name, amount) select n, $1 from unnest($2::text[]) as n returning name, amount', [7, ['s', 't']]],
      ['update things set amount = $1 where amount is null', [0]],
      ['delete from things where amount = $1', [7]],
      ['with gone as (delete from things where name = $1 returning 1) select count(*) as n from gone', ['nobody']],
    ];
    const asText = { [types.TIMESTAMPTZ]: (value: string) => value, [types.INT8]: (value: string) => `int8:${value}` };
    for (const options of [undefined, { rowMode: 'array' as const }, { rowMode: 'array' as const, parsers: asText }, { parsers: asText }]) {
      for (const [text, params] of statements) {
        // Each on the same data: the changes run in a transaction rolled back, for each of the two
        // (sequences are not rolled back, so no new ids are compared).
        const run = async (client: PGlite) => {
          let result: Results<unknown> | undefined;
          await client.transaction(async (tx) => {
            result = await tx.query(text, params, options);
            await tx.rollback();
          });
          return seen(result!);
        };
        expect(await run(wrapped), `${text} ${JSON.stringify(options)}`).toEqual(await run(raw));
        // And outside a transaction, where it reads only.
        if (text.startsWith('select')) expect(seen(await wrapped.query(text, params, options))).toEqual(seen(await raw.query(text, params, options)));
      }
    }
  });

  it('makes a statement again when its table’s columns changed, and answers with the new ones', async () => {
    const select = 'select * from changing where id = $1';
    await raw.exec('create table changing (id integer primary key, a text); insert into changing values (1, $$one$$)');
    try {
      await expect(wrapped.query(select, [1])).resolves.toMatchObject({ rows: [{ id: 1, a: 'one' }] });
      await raw.exec('alter table changing add column b text default $$new$$');
      await expect(wrapped.query(select, [1])).resolves.toMatchObject({ rows: [{ id: 1, a: 'one', b: 'new' }], fields: [{ name: 'id' }, { name: 'a' }, { name: 'b' }] });
    } finally {
      await raw.exec('drop table changing');
    }
  });

  it('leaves a statement without parameters to PGlite’s own query', async () => {
    await wrapped.query('select count(*) from things');
    await wrapped.query('select count(*) from things', []);
    expect(await named()).toEqual([]);
  });

  it('fails as PGlite does, marks the error with the statement, and goes on working', async () => {
    const insert = 'insert into things (name) values ($1)';
    await wrapped.query(insert, ['same']);
    const duplicate = await wrapped.query(insert, ['same']).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(messages.DatabaseError);
    expect(duplicate).toMatchObject({ code: '23505', query: insert, params: ['same'] });
    await expect(wrapped.query(insert, ['other'])).resolves.toMatchObject({ affectedRows: 1 });

    // A statement that does not parse is not kept; a bad value fails that run only.
    await expect(wrapped.query('select nonsense from $1', [1])).rejects.toMatchObject({ code: '42601' });
    await expect(wrapped.query('select $1::integer as n', ['not a number'])).rejects.toMatchObject({ code: '22P02' });
    await expect(wrapped.query('select $1::integer as n', ['7'])).resolves.toMatchObject({ rows: [{ n: 7 }] });
    expect(await named()).toEqual([insert, 'select $1::integer as n'].sort());
  });

  it('makes a statement gone from the session again, without failing the call', async () => {
    const select = 'select name from things where name = $1';
    await wrapped.query('insert into things (name) values ($1)', ['kept']);
    await wrapped.query(select, ['kept']);
    await raw.exec('deallocate all');
    await expect(wrapped.query(select, ['kept'])).resolves.toMatchObject({ rows: [{ name: 'kept' }] });
    expect(await named()).toEqual([select]);
  });

  it('runs a transaction’s statements as named ones too, and a rollback undoes their work but not the statements', async () => {
    const insert = 'insert into things (name) values ($1) returning id';
    await wrapped.transaction(async (tx) => {
      await expect(tx.query(insert, ['rolled back'])).resolves.toMatchObject({ rows: [{ id: 1 }] });
      await tx.rollback();
    });
    expect((await raw.query('select count(*)::int as n from things')).rows).toEqual([{ n: 0 }]);
    expect(await named()).toEqual([insert]);

    // An error ends the transaction's work: later statements are refused, and all of it is undone.
    const failed = wrapped.transaction(async (tx) => {
      await tx.query(insert, ['first']);
      await tx.query(insert, ['first']).catch(() => undefined);
      await tx.query(insert, ['after the error']);
    });
    await expect(failed).rejects.toMatchObject({ code: '25P02' });
    expect((await raw.query('select count(*)::int as n from things')).rows).toEqual([{ n: 0 }]);

    // Committed work stays; a finished transaction's client refuses more.
    let finished: Parameters<Parameters<PGlite['transaction']>[0]>[0] | undefined;
    await wrapped.transaction(async (tx) => {
      await tx.query(insert, ['committed']);
      finished = tx;
    });
    expect((await wrapped.query('select name from things where name = $1', ['committed'])).rows).toEqual([{ name: 'committed' }]);
    await expect(finished!.query(insert, ['too late'])).rejects.toThrow('Transaction is closed');
  });

  it('keeps at most its limit of statements, closing the one used longest ago', async () => {
    const statements = new PgliteStatements(raw, 3);
    const text = (n: number) => `select $1::integer + ${n} as n`;
    for (const n of [1, 2, 3]) await statements.query(text(n), [0]);
    await statements.query(text(1), [0]); // 1 is now the latest used
    await statements.query(text(4), [0]); // 2 goes
    expect(statements.size).toBe(3);
    expect(await named()).toEqual([text(1), text(3), text(4)]);
    // One closed is made again when asked for.
    await expect(statements.query(text(2), [40])).resolves.toMatchObject({ rows: [{ n: 42 }] });
    expect(await named()).toEqual([text(1), text(2), text(4)]);
  });

  it('is how Kenshu’s embedded database runs the stores’ statements', async () => {
    const database = await openMemoryDatabase();
    try {
      const count = sql`select count(*)::int as n from pg_prepared_statements where name like 'kenshu\\_%'`;
      const before: unknown = await database.db.execute(count);
      await database.db.execute(sql`select ${1}::integer as one`);
      await database.db.execute(sql`select ${1}::integer as one`);
      const after: unknown = await database.db.execute(count);
      expect([before, after].map((r) => rowsOf(r as { rows: { n: number }[] })[0]!.n)).toEqual([0, 1]);
    } finally {
      await database.close();
    }
  });
});
