/**
 * Group commit: calls that arrive while the previous statement is still at the database wait for
 * it, then go together as ONE statement; a call that finds nothing in flight goes at once (after
 * the calls made in the same turn of the event loop have joined it). Each caller still gets its
 * own row's result, and still waits only for the statement that carries its row.
 *
 * Hand-written rather than `dataloader`: DataLoader batches only the calls made in one tick, and
 * the scheduler's sends call in one after another as each send returns, so its batches would be
 * of one; what gathers them is the wait for the statement in flight, which is this whole class.
 */
export class GroupCommit<I, O> {
  private pending: { input: I; resolve(output: O): void; reject(error: unknown): void }[] = [];
  private inFlight = 0;
  private scheduled = false;

  /**
   * `run` answers the inputs' results in their order, in one statement. `keyOf`: inputs with the
   * same key never share a statement (the later one goes in the next), so a batch means the same
   * as the calls one after another. `maxInFlight`: statements at the database at once.
   */
  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly keyOf: (input: I) => unknown,
    private readonly options: { maxBatch: number; maxInFlight: number },
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.pending.length > 0) {
      const batch: typeof this.pending = [];
      const rest: typeof this.pending = [];
      const keys = new Set<unknown>();
      for (const call of this.pending) {
        const key = this.keyOf(call.input);
        if (batch.length < this.options.maxBatch && !keys.has(key)) {
          keys.add(key);
          batch.push(call);
        } else rest.push(call);
      }
      this.pending = rest;
      this.inFlight++;
      void this.flush(batch);
    }
  }

  private async flush(batch: typeof this.pending): Promise<void> {
    try {
      const outputs = await this.run(batch.map((call) => call.input));
      if (outputs.length !== batch.length) throw new Error(`group commit: ${outputs.length} results for ${batch.length} calls`);
      batch.forEach((call, i) => call.resolve(outputs[i]!));
    } catch (error) {
      // The statement is all or nothing: every call in it failed, as each would have alone.
      for (const call of batch) call.reject(error);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }
}
