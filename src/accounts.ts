// Accounts: each emulated Omnidesk account is a world of its own, with its own database, clock,
// request journal, faults and rate limit. New and reset accounts start from an image of the seeded
// database built once, so creating or resetting one costs about a millisecond.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyBaseLogger } from 'fastify'
import { Clock } from './clock.js'
import { type Config, parseRateLimit, seedSource } from './config.js'
import { closeDatabase, type Db, openDatabase, wrapDatabase } from './db/client.js'
import { readDemoImage, readDemoSeed, readSeed } from './db/seed.js'
import { Faults } from './faults.js'
import { Journal } from './journal.js'
import { Webhooks } from './webhooks.js'
import { ensureConfiguredKey } from './stores/api-keys.js'
import type { StoreContext } from './stores/context.js'
import { isEmpty, loadSnapshot } from './stores/snapshot.js'

export const DEFAULT_ACCOUNT = 'default'
/** A DNS label, as the account is the sub-domain of the real service. */
export const ACCOUNT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export type RateLimit = { max: number, windowMs: number, text: string } | null

export class Account implements StoreContext {
  readonly name: string
  db: Db
  clock: Clock
  readonly journal: Journal
  readonly faults = new Faults()
  readonly webhooks: Webhooks
  rateLimit: RateLimit
  /** Bumped on every reset, so rate-limit counters of an earlier life do not carry over. */
  generation = 0
  readonly log: FastifyBaseLogger | undefined

  constructor (name: string, db: Db, clock: Clock, journal: Journal, webhooks: Webhooks, rateLimit: RateLimit, log?: FastifyBaseLogger) {
    this.name = name
    this.webhooks = webhooks
    this.db = db
    this.clock = clock
    this.journal = journal
    this.rateLimit = rateLimit
    this.log = log
  }
}

export class AccountError extends Error {
  readonly statusCode = 400
}

export class AccountRegistry {
  readonly #config: Config
  readonly #log: FastifyBaseLogger | undefined
  readonly #accounts = new Map<string, Account>()
  readonly #images = new Map<boolean, Buffer>()

  constructor (config: Config, log?: FastifyBaseLogger) {
    this.#config = config
    this.#log = log
  }

  /** The account, opened (and seeded when its database is new) on first use. */
  get (name: string = DEFAULT_ACCOUNT): Account {
    let account = this.#accounts.get(name)
    if (!account) {
      if (!ACCOUNT_NAME_PATTERN.test(name)) {
        throw new AccountError(`'${name}' is not an account name: use lower-case letters, digits and hyphens (a DNS label).`)
      }
      account = this.#open(name)
      this.#accounts.set(name, account)
    }
    return account
  }

  names (): string[] {
    return [...this.#accounts.keys()].sort()
  }

  /** Back to the seed (or empty): data, triggers, clock, journal, faults and rate limit. */
  reset (name: string, seeded = true): Account {
    const account = this.get(name)
    closeDatabase(account.db)
    account.db = this.#restore(this.#databasePath(name), seeded)
    account.clock = this.#clock()
    account.journal.clear()
    account.faults.clear()
    account.webhooks.clear()
    account.rateLimit = this.#rateLimit()
    account.generation++
    return account
  }

  /** Forgets an account, deleting its database file (the default account's too); it is made afresh on next use. */
  drop (name: string): boolean {
    const account = this.#accounts.get(name)
    if (!account) return false
    closeDatabase(account.db)
    account.webhooks.clear()
    this.#accounts.delete(name)
    const file = this.#databasePath(name)
    if (file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    return true
  }

  close (): void {
    for (const account of this.#accounts.values()) {
      account.webhooks.clear()
      closeDatabase(account.db)
    }
    this.#accounts.clear()
  }

  #clock (): Clock {
    return new Clock(this.#config.TIMEZONE, this.#config.NOW)
  }

  #rateLimit (): RateLimit {
    const text = this.#config.RATE_LIMIT
    return text === undefined ? null : { ...parseRateLimit(text), text }
  }

  /** The serialized database a new account starts from: migrated, seeded per SEED, with the configured key. */
  #image (seeded: boolean): Buffer {
    let image = this.#images.get(seeded)
    if (!image) {
      const source = seedSource(this.#config.SEED)
      const prebuilt = seeded && source === 'demo' ? readDemoImage() : undefined
      const db = prebuilt ? wrapDatabase(new Database(prebuilt)) : openDatabase(':memory:')
      if (!prebuilt && seeded && source !== 'none') loadSnapshot(db, source === 'demo' ? readDemoSeed() : readSeed(source.path))
      ensureConfiguredKey(db, this.#config.API_KEY)
      image = db.$client.serialize()
      closeDatabase(db)
      this.#images.set(seeded, image)
    }
    return image
  }

  #databasePath (name: string): string {
    const file = this.#config.DATABASE_PATH
    if (file === ':memory:' || name === DEFAULT_ACCOUNT) return file
    const ext = path.extname(file)
    return `${file.slice(0, file.length - ext.length)}.${name}${ext || '.db'}`
  }

  /** A database holding a copy of the image: in memory, or written to the file and opened. */
  #restore (file: string, seeded: boolean): Db {
    const image = this.#image(seeded)
    if (file === ':memory:') return wrapDatabase(new Database(image))
    for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    fs.writeFileSync(file, image)
    return wrapDatabase(new Database(file))
  }

  #open (name: string): Account {
    const file = this.#databasePath(name)
    let db: Db
    if (file !== ':memory:' && fs.existsSync(file)) {
      db = openDatabase(file)
      try {
        if (isEmpty(db)) {
          closeDatabase(db)
          db = this.#restore(file, true)
        } else {
          ensureConfiguredKey(db, this.#config.API_KEY)
        }
      } catch (err) {
        closeDatabase(db)
        throw err
      }
    } else {
      db = this.#restore(file, true)
    }
    const log = this.#log?.child({ account: name })
    log?.info('account opened')
    const webhooks = new Webhooks(this.#config.WEBHOOK_RETRY_FACTOR, this.#config.JOURNAL_LIMIT)
    return new Account(name, db, this.#clock(), new Journal(this.#config.JOURNAL_LIMIT), webhooks, this.#rateLimit(), log)
  }
}
