import { messages, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * Named statements kept at once; past this, the one used longest ago is closed when a new one is
 * made. Kenshu's stores say about a hundred different statements; the few whose text varies with
 * a list's length come and go.
 */
const STATEMENT_LIMIT = 256;

/**
 * Errors that say the statement must be made again, and that nothing ran: no prepared statement
 * of that name (26000; it should not happen), or a table's columns changed since it was made
 * ("cached plan must not change result type", 0A000).
 */
const STATEMENT_OUTDATED = new Set(['26000', '0A000']);

type Field = Readonly<{ name: string; dataTypeID: number }>;

/** Value readers by type, as PGlite calls them: the text and the type. */
type Parsers = Record<number | string, ((text: string, type: number) => unknown) | undefined>;

interface Statement {
  name: string;
  /** The parameters' types, as PostgreSQL described them: each value is written for its type. */
  types: number[];
  /** The result's columns, as described with the statement (none for one without rows). */
  fields: readonly Field[];
}

/** Commands whose tag's count is of rows changed, as PGlite counts `affectedRows`. */
const CHANGING = new Set(['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE']);

/** One frontend message stream out of several messages. */
function joined(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * PGlite's `query` parses, describes and plans every statement anew, in six calls into the
 * database (parse, describe, bind, describe, execute, sync), on the bot's one thread. The stores
 * run the same few statements over and over, so here each text is parsed and described once, as
 * a named statement, and each run is one call: bind, execute and sync together, its result read
 * with the columns described when the statement was made. That is what a server connection does
 * for Kenshu on PostgreSQL (every statement prepared there too), and PostgreSQL's plan cache then
 * works as it does there. Results, errors and the file sync after a statement outside a
 * transaction are PGlite's own; a statement with no parameters (migrations, `select 1`) and one
 * with a file go through PGlite's `query` unchanged.
 *
 * Named statements belong to the session, not to a transaction: one made in a transaction that
 * rolls back stays, so nothing here needs to know how a transaction ended.
 */
export class PgliteStatements {
  /** By text (and the caller's parameter types, if any), the one used longest ago first. */
  private readonly statements = new Map<string, Statement>();
  private made = 0;

  constructor(
    private readonly client: PGlite,
    private readonly limit = STATEMENT_LIMIT,
  ) {}

  /** Named statements kept now (for tests). */
  get size(): number {
    return this.statements.size;
  }

  /** As `client.query`: waits for any transaction and query, then syncs the files after it. */
  async query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    if (params.length === 0 || options?.blob) return this.client.query<T>(text, params, options);
    await this.client._checkReady();
    return this.client._runExclusiveTransaction(() =>
      this.client._runExclusiveQuery(async () => {
        let result: Results<T>;
        try {
          result = await this.run<T>(text, params, options);
        } catch (error) {
          // Nothing ran: once more, with the statement made again. (In a transaction the failure
          // has ended it; the caller's retry makes it there.)
          if (!(error instanceof messages.DatabaseError && STATEMENT_OUTDATED.has(error.code ?? ''))) throw error;
          result = await this.run<T>(text, params, options);
        }
        await this.client.syncToFs();
        return result;
      }),
    );
  }

  /** As a transaction's `query`: the transaction holds the database; its commit syncs the files. */
  inTransaction<T>(tx: Transaction, text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    if (params.length === 0 || options?.blob) return tx.query<T>(text, params, options);
    if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
    return this.client._runExclusiveQuery(() => this.run<T>(text, params, options));
  }

  private async run<T>(text: string, params: unknown[], options: QueryOptions | undefined): Promise<Results<T>> {
    const key = options?.paramTypes?.length ? `${options.paramTypes.join(',')}\u0000${text}` : text;
    try {
      const statement = await this.statementFor(key, text, options);
      const values = params.map((param, i) => {
        if (param === null || param === undefined) return null;
        const type = statement.types[i]!;
        const write = options?.serializers?.[type] ?? this.client.serializers[type];
        // As PGlite's own query writes a value whose type has no serializer.
        return write ? write(param) : (param as { toString(): string }).toString();
      });
      const replies = await this.client.execProtocolStream(joined(protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), protocol.serialize.sync()), {
        syncToFs: false,
        ...(options?.onNotice ? { onNotice: options.onNotice } : {}),
      });
      return this.read<T>(statement.fields, replies, options);
    } catch (error) {
      if (error instanceof messages.DatabaseError) {
        if (STATEMENT_OUTDATED.has(error.code ?? '')) this.statements.delete(key);
        // As PGlite's own query marks its errors: the statement and values that failed.
        Object.assign(error, { query: text, params, queryOptions: options });
      }
      throw error;
    }
  }

  /**
   * A run's result as PGlite's own query gives it (its `parseResults`), read with the columns
   * described when the statement was made: the rows, in the caller's row mode and with its
   * parsers, the fields, and the counts from the command's tag.
   */
  private read<T>(fields: readonly Field[], replies: messages.BackendMessage[], options: QueryOptions | undefined): Results<T> {
    // The caller's parser for a type first, then the client's, as PGlite merges them (drizzle
    // passes a new set with every query, so nothing is merged ahead).
    const own = options?.parsers as Parsers | undefined;
    const parsers = this.client.parsers as Parsers;
    const readers = fields.map((field) => own?.[field.dataTypeID] ?? parsers[field.dataTypeID]);
    const value = (text: string | null, i: number): unknown => {
      if (text === null) return null;
      const reader = readers[i];
      return reader ? reader(text, fields[i]!.dataTypeID) : text;
    };
    const rows: T[] = [];
    let result: Results<T> = { rows, fields: [...fields], affectedRows: 0 };
    for (const reply of replies) {
      if (reply.name === 'dataRow') {
        const texts = (reply as messages.DataRowMessage).fields;
        if (options?.rowMode === 'array') rows.push(texts.map(value) as T);
        else {
          const row: Record<string, unknown> = {};
          texts.forEach((text, i) => (row[fields[i]!.name] = value(text, i)));
          rows.push(row as T);
        }
      } else if (reply.name === 'commandComplete') {
        // "SELECT 2", "UPDATE 3", "INSERT 0 5" end in a row count; other tags in a word.
        const parts = (reply as messages.CommandCompleteMessage).text.split(' ');
        const command = parts[0]!;
        const rowCount = parseInt(parts[parts.length - 1]!, 10);
        result = { ...result, command, affectedRows: CHANGING.has(command) ? rowCount : 0 };
        if (!Number.isNaN(rowCount)) result.rowCount = rowCount;
      }
    }
    return result;
  }

  /** The text's named statement, made (and described) on its first use. Runs inside the query lock. */
  private async statementFor(key: string, text: string, options: QueryOptions | undefined): Promise<Statement> {
    const kept = this.statements.get(key);
    if (kept) {
      // Used now: to the back of the line.
      this.statements.delete(key);
      this.statements.set(key, kept);
      return kept;
    }
    const name = `kenshu_${++this.made}`;
    const oldest = this.statements.size >= this.limit ? this.statements.entries().next().value : undefined;
    // Forgotten before it is closed: should the call fail part-way, a statement is left unused in
    // the session rather than named here and gone there.
    if (oldest) this.statements.delete(oldest[0]);
    const replies = await this.client.execProtocolStream(
      joined(
        ...(oldest ? [protocol.serialize.close({ type: 'S', name: oldest[1].name })] : []),
        protocol.serialize.parse({ name, text, types: options?.paramTypes ?? [] }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ),
      { syncToFs: false },
    );
    const parameters = replies.find((reply): reply is messages.ParameterDescriptionMessage => reply.name === 'parameterDescription');
    const columns = replies.find((reply): reply is messages.RowDescriptionMessage => reply.name === 'rowDescription');
    const statement = {
      name,
      types: parameters?.dataTypeIDs ?? [],
      fields: (columns?.fields ?? []).map((field): Field => Object.freeze({ name: field.name, dataTypeID: field.dataTypeID })),
    };
    this.statements.set(key, statement);
    return statement;
  }
}
