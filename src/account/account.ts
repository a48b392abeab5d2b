// One emulated Omnidesk account in memory: its database (closed and opened again as the registry
// decides), clock, request journal, faults, webhooks and rate limit.
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../clock.js'
import type { Db } from '../db/client.js'
import type { StoreContext } from '../stores/context.js'
import { Faults } from './faults.js'
import type { Journal } from './journal.js'
import type { Webhooks } from './webhooks.js'

export type RateLimit = { max: number, windowMs: number, text: string } | null

export class Account implements StoreContext {
  readonly name: string
  #db: Db | undefined
  /** Opens the account's file again after its handle was closed to stay within MAX_OPEN_FILES. */
  readonly #reopen: (() => Db) | undefined
  clock: Clock
  readonly journal: Journal
  readonly faults = new Faults()
  readonly webhooks: Webhooks
  rateLimit: RateLimit
  /** Bumped on every reset, so rate-limit counters of an earlier life do not carry over. */
  generation = 0
  readonly log: FastifyBaseLogger | undefined

  constructor (name: string, db: Db, clock: Clock, journal: Journal, webhooks: Webhooks, rateLimit: RateLimit, log?: FastifyBaseLogger, reopen?: () => Db) {
    this.name = name
    this.webhooks = webhooks
    this.#db = db
    this.#reopen = reopen
    this.clock = clock
    this.journal = journal
    this.rateLimit = rateLimit
    this.log = log
  }

  get db (): Db {
    if (this.#db === undefined) {
      if (!this.#reopen) throw new Error(`The database of account '${this.name}' is closed.`)
      this.#db = this.#reopen()
    }
    return this.#db
  }

  set db (db: Db) {
    this.#db = db
  }

  /** Whether its database is a file whose handle may be closed (and opened again on next use). */
  get closable (): boolean {
    return this.#reopen !== undefined
  }

  /** Closes the file handle, unless a transaction is open on it; true when closed. */
  closeFile (): boolean {
    if (this.#db === undefined) return true
    if (this.#db.sqlite.inTransaction) return false
    this.#db.close()
    this.#db = undefined
    return true
  }

  /** Closes the database for good (the registry forgets the account). */
  close (): void {
    if (this.#db !== undefined) this.#db.close()
    this.#db = undefined
  }
}
