import { getTableColumns, getTableName, sql, type InferSelectModel, type SQL, type Table } from 'drizzle-orm';

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
 * A reader of one table's row from a row object, each column through its own
 * `mapFromDriverValue` (what drizzle's own select does), found under the name `nameOf` gives it.
 */
function rowReader<T extends Table>(table: T, nameOf: (key: string, column: { name: string }) => string): (source: Record<string, unknown>) => InferSelectModel<T> {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: nameOf(key, column), column }));
  return (source) => {
    const row: Record<string, unknown> = {};
    for (const { key, name, column } of columns) {
      const value = source[name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as InferSelectModel<T>;
  };
}

/**
 * A table's row as PostgreSQL's `to_json` writes it (snake_case keys, times as ISO strings), read
 * into the row drizzle itself returns. For a statement written in SQL that returns whole rows of
 * more than one table.
 */
export function jsonRowReader<T extends Table>(table: T): (json: unknown) => InferSelectModel<T> {
  const read = rowReader(table, (_, column) => column.name);
  return (json) => read(jsonValue<Record<string, unknown>>(json));
}

/**
 * Whole rows of several tables side by side in one statement written in SQL, each column under a
 * name of its own (`prefix` and its key: every table has an `id`), and the reader of one table's
 * row from a result row. Cheaper for the driver's rows than drizzle's select of whole tables, whose
 * mapping walks each column's path and checks its kind on every row: the scheduler's claim reads
 * four tables for each of thousands of deliveries.
 */
export function prefixedColumns<T extends Table>(table: T, prefix: string): { columns: SQL; read: (row: Record<string, unknown>) => InferSelectModel<T> } {
  // One piece of SQL text, written once from the schema's own names (never from input): drizzle
  // walks a statement's pieces each time it is run, and here they would be a hundred and more.
  const quoted = (name: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL name: ${name}`);
    return `"${name}"`;
  };
  const text = Object.entries(getTableColumns(table))
    .map(([key, column]) => `${quoted(getTableName(table))}.${quoted(column.name)} as ${quoted(prefix + key)}`)
    .join(', ');
  return { columns: sql.raw(text), read: rowReader(table, (key) => prefix + key) };
}
