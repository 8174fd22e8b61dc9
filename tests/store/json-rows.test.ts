import { getTableColumns } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { prefixedColumns } from '../../src/store/json-rows.js';
import { clients } from '../../src/store/schema.js';

describe('prefixedColumns', () => {
  it("names each of a table's columns once, under the prefix and its key, and reads a row back through the columns' own mapping", () => {
    const { columns, read } = prefixedColumns(clients, 'c_');
    const text = new PgDialect().sqlToQuery(columns).sql;
    expect(text).toContain('"clients"."profile_url" as "c_profileUrl"');
    expect(text.split(', ')).toHaveLength(Object.keys(getTableColumns(clients)).length);
    const row = read({ c_id: '7', c_key: 'name:x', c_marketplace: null, c_profileId: null, c_profileUrl: null, c_displayName: 'X', c_normalizedName: 'x', c_createdAt: '2026-11-26 03:00:00+00' });
    expect(row).toMatchObject({ id: 7, key: 'name:x', marketplace: null, displayName: 'X', createdAt: new Date('2026-11-26T03:00:00Z') });
  });

  it('writes only plain names into the SQL text: a prefix with a quote or a space is refused', () => {
    expect(() => prefixedColumns(clients, 'c" , (select 1) as "x')).toThrow(/not a plain SQL name/);
    expect(() => prefixedColumns(clients, 'c ')).toThrow(/not a plain SQL name/);
  });
});
