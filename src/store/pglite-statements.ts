import { messages, parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/**
 * Named statements kept at once; past this, the one used longest ago is closed when a new one is
 * made. Kenshu's stores say about a hundred different statements; the few whose text varies with
 * a list's length come and go.
 */
const STATEMENT_LIMIT = 256;

/** SQLSTATE 26000: no prepared statement of that name. */
const INVALID_STATEMENT_NAME = '26000';

interface Statement {
  name: string;
  /** The parameters' types, as PostgreSQL described them: each value is written for its type. */
  types: number[];
}

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
 * a named statement, and each run is one call: bind, describe, execute and sync together. That is
 * what a server connection does for Kenshu on PostgreSQL (every statement prepared there too), and
 * PostgreSQL's plan cache then works as it does there. Results, errors and the file sync after a
 * statement outside a transaction are PGlite's own; a statement with no parameters (migrations,
 * `select 1`) and one with a file go through PGlite's `query` unchanged.
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
          // The statement was gone, so nothing ran: once more, with the statement made again.
          // (In a transaction the failure has ended it; the caller's retry makes it there.)
          if (!(error instanceof messages.DatabaseError && error.code === INVALID_STATEMENT_NAME)) throw error;
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
      const replies = await this.client.execProtocolStream(
        joined(protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()),
        { syncToFs: false, ...(options?.onNotice ? { onNotice: options.onNotice } : {}) },
      );
      return parse.parseResults(replies, this.client.parsers, options)[0] as Results<T>;
    } catch (error) {
      if (error instanceof messages.DatabaseError) {
        // A statement gone from the session (it should not be): made again on the next call.
        if (error.code === INVALID_STATEMENT_NAME) this.statements.delete(key);
        // As PGlite's own query marks its errors: the statement and values that failed.
        Object.assign(error, { query: text, params, queryOptions: options });
      }
      throw error;
    }
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
    const description = replies.find((reply): reply is messages.ParameterDescriptionMessage => reply.name === 'parameterDescription');
    const statement = { name, types: description?.dataTypeIDs ?? [] };
    this.statements.set(key, statement);
    return statement;
  }
}
