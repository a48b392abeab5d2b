// Group commit. The writes of the API requests that arrive together share one transaction; each
// request's own transaction runs inside it as a savepoint, so a rejected request still changes
// nothing. A request is answered only after its batch's COMMIT, so what was acknowledged is in the
// database, as with one COMMIT per request; the pages a batch touches are written to the WAL once
// instead of once per request.
//
// A batch commits at the end of the first turn of the event loop in which no request joined it (or
// at the end of its MAX_TURNS-th turn). Committing at the end of the turn it opened in split a load's
// requests in two: those the loop had read in that turn, and those that came in while it handled
// them, which then paid a COMMIT of their own (6–7.5 requests per batch for 10 connections against ~10
// now; bench/RESULTS.md). A lone request waits one more turn, a few microseconds.
import type Database from 'better-sqlite3'

/** The turns of the event loop a batch stays open for as long as requests keep joining it. */
const MAX_TURNS = 3

interface OpenBatch {
  committed: Promise<void>
  resolve: () => void
  reject: (err: unknown) => void
  /** Requests joined so far, and as counted at the end of the last turn. */
  joined: number
  counted: number
  turns: number
}

export class WriteBatch {
  readonly #sqlite: Database.Database
  readonly #rolledBack: () => void
  #open: OpenBatch | undefined

  /** `rolledBack` is told when a batch's COMMIT failed and the batch was rolled back. */
  constructor (sqlite: Database.Database, rolledBack: () => void) {
    this.#sqlite = sqlite
    this.#rolledBack = rolledBack
  }

  /** Runs the caller's writes in the current batch (opening one); resolves once the batch is committed. */
  join (): Promise<void> {
    const current = this.#open
    if (current) {
      current.joined++
      return current.committed
    }
    this.#sqlite.exec('BEGIN IMMEDIATE')
    let resolve = () => {}
    let reject: (err: unknown) => void = () => {}
    const committed = new Promise<void>((_resolve, _reject) => { resolve = _resolve; reject = _reject })
    // Each joined request handles a failed COMMIT itself; this keeps it from counting as unhandled
    // should it happen before every request has reached the point where it waits.
    committed.catch(() => {})
    const open = { committed, resolve, reject, joined: 1, counted: 0, turns: 0 }
    this.#open = open
    setImmediate(this.#endOfTurn, open)
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
      this.#rolledBack()
      open.reject(err)
    }
  }

  /** Runs in the check phase of each turn the batch is open (an immediate queued there runs in the next turn). */
  readonly #endOfTurn = (open: OpenBatch): void => {
    // A batch committed early (commit()) leaves its last immediate behind.
    if (this.#open !== open) return
    if (open.joined > open.counted && ++open.turns < MAX_TURNS) {
      open.counted = open.joined
      setImmediate(this.#endOfTurn, open)
      return
    }
    this.commit()
  }
}
