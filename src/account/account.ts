// One emulated Omnidesk account in memory: its database (closed and opened again as the registry
// decides), clock, request journal, faults, webhooks and rate limit. What changes them is a method.
import type { FastifyBaseLogger } from 'fastify'
import type { Clock } from '../clock.js'
import { parseRateLimit } from '../config.js'
import type { Db } from '../db/client.js'
import type { DomainEvent, StoreContext } from '../stores/context.js'
import { CrmLookups } from './crm-lookups.js'
import { Faults } from './faults.js'
import { Hookpoints } from './hookpoints.js'
import { type DeliveryCounts, Live } from './live.js'
import type { Journal } from './journal.js'
import type { Webhooks } from './webhooks.js'

export type RateLimit = { max: number, windowMs: number, text: string } | null

/** A rate limit as configured (`100/minute`), or none. */
export function rateLimitOf (text: string | null | undefined): RateLimit {
  return text === undefined || text === null ? null : { ...parseRateLimit(text), text }
}

function countDeliveries (deliveries: Array<{ state: string }>): DeliveryCounts {
  const counts: DeliveryCounts = { pending: 0, delivered: 0, failed: 0 }
  for (const { state } of deliveries) {
    if (state === 'pending') counts.pending++
    else if (state === 'delivered') counts.delivered++
    else counts.failed++
  }
  return counts
}

/** What an account is made with, and made again with on a reset. */
export interface AccountStart { db: Db, clock: Clock, rateLimit: RateLimit }

export class Account implements StoreContext {
  readonly name: string
  #db: Db | undefined
  /** Opens the account's file again after its handle was closed to stay within MAX_OPEN_FILES. */
  readonly #reopen: (() => Db) | undefined
  #clock: Clock
  readonly journal: Journal
  readonly faults = new Faults()
  readonly webhooks: Webhooks
  /** The chat hookpoints: agents' answers, typing and files to the chatbots' servers. */
  readonly hookpoints: Hookpoints
  /** The outbound CRM lookups of new tickets. */
  readonly crm: CrmLookups
  /** What the inbox's open pages are told (server-sent events). */
  readonly live = new Live({
    changeCount: () => this.db.changeCount(),
    deliveryCounts: () => countDeliveries([...this.webhooks.deliveries(), ...this.hookpoints.deliveries()])
  })

  #rateLimit: RateLimit
  #generation = 0
  readonly log: FastifyBaseLogger | undefined

  /** `hosts`: where outbound calls (webhooks, CRM lookups) may go besides a local setup (WEBHOOK_HOSTS). */
  constructor (name: string, start: AccountStart, journal: Journal, webhooks: Webhooks, hosts: string[], log?: FastifyBaseLogger, reopen?: () => Db) {
    this.name = name
    this.#db = start.db
    this.#clock = start.clock
    this.#rateLimit = start.rateLimit
    this.journal = journal
    this.webhooks = webhooks
    this.crm = new CrmLookups(this, hosts)
    this.hookpoints = new Hookpoints(this, webhooks.retryFactor, webhooks.limit, hosts)
    webhooks.onAttempt(() => { this.live.poke() })
    this.log = log
    this.#reopen = reopen
  }

  get db (): Db {
    if (this.#db === undefined) {
      if (!this.#reopen) throw new Error(`The database of account '${this.name}' is closed.`)
      this.#db = this.#reopen()
    }
    return this.#db
  }

  get clock (): Clock {
    return this.#clock
  }

  get rateLimit (): RateLimit {
    return this.#rateLimit
  }

  /** Bumped on every reset, so rate-limit counters of an earlier life do not carry over. */
  get generation (): number {
    return this.#generation
  }

  /** Sets (or, with null, lifts) the rate limit of the account's API keys. */
  setRateLimit (text: string | null): void {
    this.#rateLimit = rateLimitOf(text)
  }

  /** The store context of one API request: the account itself, or with a collector of its changes while webhooks listen. */
  requestStore (): StoreContext {
    return this.webhooks.listening ? new RequestStore(this, []) : this
  }

  /**
   * Back to a start: data, clock and rate limit as `begin` makes them (called once the old database
   * is closed: it may write the same file); journal, faults and webhooks empty.
   */
  restart (begin: () => AccountStart): void {
    this.close()
    this.#begin(begin())
  }

  /**
   * As restart, but the database connection stays (with its prepared statements): `restore` puts the
   * start's data into it; the clock and rate limit are `start`'s.
   */
  restartInPlace (restore: (db: Db) => void, start: Omit<AccountStart, 'db'>): void {
    this.live.close()
    const db = this.db
    restore(db)
    this.#begin({ ...start, db })
  }

  #begin (start: AccountStart): void {
    this.#db = start.db
    this.#clock = start.clock
    this.#rateLimit = start.rateLimit
    this.journal.clear()
    this.faults.clear()
    this.stopDeliveries()
    this.#generation++
  }

  /** Forgets the webhook endpoints and every outbound delivery (webhooks, hookpoints); those under way stop. */
  stopDeliveries (): void {
    this.webhooks.clear()
    this.hookpoints.clear()
  }

  /** Puts another database in the account's place (a snapshot's), made by `open` once the old one is closed. */
  replaceDatabase (open: () => Db): void {
    this.close()
    this.#db = open()
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

  /** Closes the database (the registry forgets the account, or gives it another); open pages stop listening. */
  close (): void {
    this.live.close()
    this.#db?.close()
    this.#db = undefined
  }
}

/**
 * A request's store context while webhooks listen: the account's database and clock, read when used
 * (a reset may replace them), and the changes the request made, sent once it is answered.
 */
class RequestStore implements StoreContext {
  readonly #account: Account
  readonly events: DomainEvent[]

  constructor (account: Account, events: DomainEvent[]) {
    this.#account = account
    this.events = events
  }

  get db (): Db { return this.#account.db }
  get clock (): Clock { return this.#account.clock }
  get log (): FastifyBaseLogger | undefined { return this.#account.log }
}
