import type pg from 'pg';

/**
 * COPY … TO STDOUT / FROM STDIN on a plain `pg` client, without a dependency (pg-copy-streams).
 *
 * Why by hand: the project pins its dependencies and the driver already parses the COPY messages
 * (CopyData, CommandComplete); all that is missing is a query object that hands them to us and sends
 * ours. Both directions keep memory flat: COPY TO pauses the socket while the consumer is busy, and
 * COPY FROM waits for the socket to drain before it sends the next chunk.
 */

/** The pieces of the driver's connection that a submittable query uses (not in @types/pg). */
interface Connection {
  stream: NodeJS.ReadableStream & NodeJS.WritableStream & { writableNeedDrain?: boolean };
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

interface Message {
  chunk?: Buffer;
  text?: string;
}

/** Rows reported by the CommandComplete tag ("COPY 42"). */
function copiedRows(msg: Message): number {
  const m = /^COPY (\d+)$/.exec(msg.text ?? '');
  return m ? Number(m[1]) : 0;
}

/** Rows are gathered into chunks of about this size before they reach the consumer. */
const BATCH = 256 * 1024;

class CopyOut {
  private batch: Buffer[] = [];
  private size = 0;
  private rows = 0;
  private connection: Connection | undefined;
  private chain: Promise<void> = Promise.resolve();
  private failed: unknown;
  constructor(
    readonly text: string,
    private readonly sink: (chunk: Buffer) => Promise<void> | void,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (err: unknown) => void,
  ) {}
  submit(connection: Connection) {
    this.connection = connection;
    connection.query(this.text);
  }
  private flush() {
    if (!this.size) return;
    const chunk = Buffer.concat(this.batch, this.size);
    this.batch = [];
    this.size = 0;
    const stream = this.connection!.stream;
    stream.pause();
    this.chain = this.chain
      .then(() => this.sink(chunk))
      .catch((err) => {
        this.failed ??= err;
      })
      .finally(() => stream.resume());
  }
  handleCopyData(msg: Message) {
    // The parser reuses its buffer: copy the row out before the next socket read overwrites it.
    const chunk = Buffer.from(msg.chunk!);
    this.batch.push(chunk);
    this.size += chunk.length;
    if (this.size >= BATCH) this.flush();
  }
  handleCommandComplete(msg: Message) {
    this.rows = copiedRows(msg);
  }
  handleReadyForQuery() {
    this.flush();
    void this.chain.then(() => (this.failed ? this.reject(this.failed) : this.resolve(this.rows)));
  }
  handleError(err: unknown) {
    this.connection?.stream.resume();
    void this.chain.then(() => this.reject(err));
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse(connection: Connection) {
    connection.sendCopyFail('unexpected COPY FROM');
  }
}

/**
 * Runs `COPY … TO STDOUT` and hands the data to `sink` in chunks of whole rows, in order. The next chunk
 * is not read from the server until the promise `sink` returns has settled. Resolves to the row count.
 */
export function copyOut(client: pg.ClientBase, sql: string, sink: (chunk: Buffer) => Promise<void> | void): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyOut(sql, sink, resolve, reject);
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}

class CopyIn {
  private rows = 0;
  private done = false;
  private error: unknown;
  constructor(
    readonly text: string,
    private readonly source: AsyncIterable<Buffer>,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (err: unknown) => void,
  ) {}
  submit(connection: Connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: Connection) {
    void this.pump(connection);
  }
  private async pump(connection: Connection) {
    try {
      for await (const chunk of this.source) {
        if (this.done) return;
        connection.sendCopyFromChunk(chunk);
        if (connection.stream.writableNeedDrain) await new Promise((r) => connection.stream.once('drain', r));
      }
      if (!this.done) connection.endCopyFrom();
    } catch (err) {
      // The archive broke (bad checksum, truncated, wrong key): abort the COPY, the server rolls it back.
      this.error = err;
      if (!this.done) connection.sendCopyFail(err instanceof Error ? err.message : String(err));
    }
  }
  handleCommandComplete(msg: Message) {
    this.rows = copiedRows(msg);
  }
  handleReadyForQuery() {
    this.done = true;
    if (this.error) this.reject(this.error);
    else this.resolve(this.rows);
  }
  handleError(err: unknown) {
    this.done = true;
    this.reject(this.error ?? err);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Runs `COPY … FROM STDIN`, sending every chunk of `source`; resolves to the row count the server reports. */
export function copyIn(client: pg.ClientBase, sql: string, source: AsyncIterable<Buffer>): Promise<number> {
  return new Promise((resolve, reject) => {
    const q = new CopyIn(sql, source, resolve, reject);
    (client as unknown as { query(q: unknown): void }).query(q);
  });
}
