// Accounts: each emulated Omnidesk account is a world of its own, with its own database and clock.
import path from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { Clock } from './clock.js'
import { type Config, seedSource } from './config.js'
import { closeDatabase, type Db, openDatabase } from './db/client.js'
import { readDemoSeed, readSeed } from './db/seed.js'
import { ensureConfiguredKey } from './stores/api-keys.js'
import type { StoreContext } from './stores/context.js'
import { isEmpty, loadSnapshot, type Snapshot } from './stores/snapshot.js'

export const DEFAULT_ACCOUNT = 'default'
export const ACCOUNT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export class Account implements StoreContext {
  readonly name: string
  readonly db: Db
  readonly clock: Clock
  readonly log: FastifyBaseLogger | undefined

  constructor (name: string, db: Db, clock: Clock, log?: FastifyBaseLogger) {
    this.name = name
    this.db = db
    this.clock = clock
    this.log = log
  }
}

export class AccountRegistry {
  readonly #config: Config
  readonly #log: FastifyBaseLogger | undefined
  readonly #accounts = new Map<string, Account>()

  constructor (config: Config, log?: FastifyBaseLogger) {
    this.#config = config
    this.#log = log
  }

  /** The account, opened (and seeded when its database is new) on first use. */
  get (name: string = DEFAULT_ACCOUNT): Account {
    let account = this.#accounts.get(name)
    if (!account) {
      account = this.#open(name)
      this.#accounts.set(name, account)
    }
    return account
  }

  names (): string[] {
    return [...this.#accounts.keys()]
  }

  /** The seed an account starts from, per SEED. */
  seed (): Snapshot | undefined {
    const source = seedSource(this.#config.SEED)
    if (source === 'none') return undefined
    return source === 'demo' ? readDemoSeed() : readSeed(source.path)
  }

  #databasePath (name: string): string {
    const file = this.#config.DATABASE_PATH
    if (file === ':memory:' || name === DEFAULT_ACCOUNT) return file
    const ext = path.extname(file)
    return `${file.slice(0, file.length - ext.length)}.${name}${ext || '.db'}`
  }

  #open (name: string): Account {
    const db = openDatabase(this.#databasePath(name))
    try {
      const seed = this.seed()
      if (seed && isEmpty(db)) loadSnapshot(db, seed)
      ensureConfiguredKey(db, this.#config.API_KEY)
    } catch (err) {
      closeDatabase(db)
      throw err
    }
    this.#log?.info({ account: name }, 'account opened')
    return new Account(name, db, new Clock(this.#config.TIMEZONE, this.#config.NOW), this.#log?.child({ account: name }))
  }

  close (): void {
    for (const account of this.#accounts.values()) closeDatabase(account.db)
    this.#accounts.clear()
  }
}
