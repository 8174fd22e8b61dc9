import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm';

/** The rows of a statement run with `db.execute`: postgres.js returns the rows themselves, PGlite an object holding them. */
export function rowsOf<T>(result: T[] | { rows: T[] }): T[] {
  return Array.isArray(result) ? result : result.rows;
}

/** A json value as a driver hands it over: postgres.js and PGlite parse json, but either may give the text. */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A `json_agg` of a subquery, as a driver hands it over: null when the subquery found no rows. */
export function jsonArray<T>(value: unknown): T[] {
  return value === null || value === undefined ? [] : jsonValue<T[]>(value);
}

/**
 * A table's row as PostgreSQL's `to_json` writes it (snake_case keys, times as ISO strings), read
 * into the row drizzle itself returns: each column through its own `mapFromDriverValue`. For a
 * statement written in SQL that returns whole rows of more than one table.
 */
export function jsonRowReader<T extends Table>(table: T): (json: unknown) => InferSelectModel<T> {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, column }));
  return (json) => {
    const source = jsonValue<Record<string, unknown>>(json);
    const row: Record<string, unknown> = {};
    for (const { key, name, column } of columns) {
      const value = source[name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as InferSelectModel<T>;
  };
}
