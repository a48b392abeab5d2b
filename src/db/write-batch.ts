// Group commit. The writes of the API requests handled in one turn of the event loop share one
// transaction, committed when the turn ends; each request's own transaction runs inside it as a
// savepoint, so a rejected request still changes nothing. A request is answered only after its
// batch's COMMIT, so what was acknowledged is in the database, as with one COMMIT per request; the
// pages a batch touches are written to the WAL once instead of once per request.
import type Database from 'better-sqlite3'

export class WriteBatch {
  readonly #sqlite: Database.Database
  #open: { committed: Promise<void>, resolve: () => void, reject: (err: unknown) => void } | undefined

  constructor (sqlite: Database.Database) {
    this.#sqlite = sqlite
  }

  /** Runs the caller's writes in the current batch (opening one); resolves once the batch is committed. */
  join (): Promise<void> {
    if (this.#open) return this.#open.committed
    this.#sqlite.exec('BEGIN IMMEDIATE')
    let resolve = () => {}
    let reject: (err: unknown) => void = () => {}
    const committed = new Promise<void>((_resolve, _reject) => { resolve = _resolve; reject = _reject })
    // Each joined request handles a failed COMMIT itself; this keeps it from counting as unhandled
    // should it happen before every request has reached the point where it waits.
    committed.catch(() => {})
    this.#open = { committed, resolve, reject }
    setImmediate(() => this.commit())
    return committed
  }

  /** Commits the open batch now (before the database is read whole, replaced or closed). */
  commit (): void {
    const open = this.#open
    if (!open) return
    this.#open = undefined
    const sqlite = this.#sqlite
    try {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec('COMMIT')
      open.resolve()
    } catch (err) {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK')
      open.reject(err)
    }
  }
}
