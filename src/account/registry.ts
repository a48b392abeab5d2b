// Accounts: each emulated Omnidesk account is a world of its own, with its own database, clock,
// request journal, faults and rate limit. New and reset accounts start from an image of the seeded
// database built once, so creating or resetting one costs about a millisecond.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyBaseLogger } from 'fastify'
import { Clock, ParsedDateTimes } from '../clock.js'
import { type Config, seedSource } from '../config.js'
import { type Db, openDatabase, wrapDatabase } from '../db/client.js'
import { ApiError } from '../errors.js'
import { hostPatterns } from '../hosts.js'
import { importImage } from '../snapshot-import.js'
import { ensureConfiguredKey } from '../stores/api-keys.js'
import { isEmpty, loadSnapshot } from '../stores/snapshot.js'
import { Account, type AccountStart, rateLimitOf } from './account.js'
import { Journal } from './journal.js'
import { readDemoImage, readDemoSeed, readSeed } from './seed.js'
import { Webhooks } from './webhooks.js'

export const DEFAULT_ACCOUNT = 'default'
/** A DNS label, as the account is the sub-domain of the real service. */
export const ACCOUNT_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

/** File-backed accounts whose database stays open at once; the least recently used are closed past it. */
export const MAX_OPEN_FILES = 200

/** An account that cannot be had: a name that is not a DNS label (400), or one too many (503). */
export class AccountError extends ApiError {
  constructor (message: string, statusCode = 400) {
    super(statusCode, message)
  }
}

export class AccountRegistry {
  readonly #config: Config
  readonly #log: FastifyBaseLogger | undefined
  readonly #accounts = new Map<string, Account>()
  readonly #images = new Map<boolean, Buffer>()
  /** Where the accounts' start images are kept as files, for resets in place. */
  #imageDir: string | undefined
  /** The image files written there (a reset need not ask the file system again). */
  readonly #imageFiles = new Set<string>()
  /** The date-times the accounts' clocks parsed, kept for all of them (and past their resets). */
  readonly #dateTimes: ParsedDateTimes
  /** File-backed accounts with an open database, least recently used first. */
  readonly #openFiles = new Set<Account>()
  /** Snapshot imports run one at a time: at most one worker thread and one image in the making. */
  #imports: Promise<unknown> = Promise.resolve()

  constructor (config: Config, log?: FastifyBaseLogger) {
    this.#config = config
    this.#log = log
    this.#dateTimes = new ParsedDateTimes(config.TIMEZONE)
  }

  /** The account, opened (and seeded when its database is new) on first use. */
  get (name: string = DEFAULT_ACCOUNT): Account {
    let account = this.#accounts.get(name)
    if (!account) {
      if (!ACCOUNT_NAME_PATTERN.test(name)) {
        throw new AccountError(`'${name}' is not an account name: use lower-case letters, digits and hyphens (a DNS label).`)
      }
      if (this.#accounts.size >= this.#config.MAX_ACCOUNTS) {
        throw new AccountError(`${this.#config.MAX_ACCOUNTS} accounts are in use (MAX_ACCOUNTS): drop one with DELETE /_emulator/accounts/{account}, or raise MAX_ACCOUNTS.`, 503)
      }
      account = this.#open(name)
      this.#accounts.set(name, account)
    }
    if (account.closable) this.#used(account)
    return account
  }

  /** Marks a file-backed account as just used, closing the least recently used handles past MAX_OPEN_FILES. */
  #used (account: Account): void {
    this.#openFiles.delete(account)
    this.#openFiles.add(account)
    if (this.#openFiles.size <= MAX_OPEN_FILES) return
    for (const oldest of this.#openFiles) {
      if (this.#openFiles.size <= MAX_OPEN_FILES || oldest === account) break
      if (oldest.closeFile()) this.#openFiles.delete(oldest)
    }
  }

  names (): string[] {
    return [...this.#accounts.keys()].sort()
  }

  /** Back to the seed (or empty): data, triggers, clock, journal, faults and rate limit. */
  reset (name: string, seeded = true): Account {
    const account = this.get(name)
    const image = this.#imageFile(name, seeded)
    if (image !== undefined) {
      try {
        account.restartInPlace((db) => { db.restoreFrom(image) }, this.#startOver())
        return account
      } catch (err) {
        // The copy runs in one transaction: on failure (the image file gone, say) nothing changed. The
        // file is written again for the next reset.
        this.#log?.warn({ err }, 'the start image could not be copied in: the reset opens a new database')
        this.#forgetImage(image)
      }
    }
    account.restart(() => this.#start(this.#restore(this.#databasePath(name), seeded)))
    return account
  }

  /**
   * The account's copy of its start image as a file, which a reset copies into its open database (each
   * account has its own: see Db.restoreFrom); undefined where no file can be written (a reset then
   * opens a new database).
   */
  #imageFile (name: string, seeded: boolean): string | undefined {
    try {
      this.#imageDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'omnidesk-emulator-'))
      const file = imagePath(this.#imageDir, name, seeded)
      if (!this.#imageFiles.has(file)) {
        fs.writeFileSync(file, this.#image(seeded))
        this.#imageFiles.add(file)
      }
      return file
    } catch (err) {
      this.#log?.warn({ err }, 'no file for the start image: a reset opens a new database')
      return undefined
    }
  }

  /**
   * Replaces the account's data with a snapshot (a JSON body), all or nothing; its configured key stays
   * valid. The new database is made apart (in a worker thread when large) and then takes the old
   * one's place, so no other request waits for the import.
   */
  async load (name: string, body: Buffer): Promise<void> {
    const made = this.#imports.then(() => importImage(body, this.#config.API_KEY))
    this.#imports = made.catch(() => {})
    const image = await made
    this.get(name).replaceDatabase(() => this.#restoreImage(this.#databasePath(name), image))
  }

  /** Forgets an account, deleting its database file (the default account's too); it is made afresh on next use. */
  drop (name: string): boolean {
    const account = this.#accounts.get(name)
    if (!account) return false
    account.close()
    account.stopDeliveries()
    this.#accounts.delete(name)
    this.#openFiles.delete(account)
    const file = this.#databasePath(name)
    if (file !== ':memory:') for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    const dir = this.#imageDir
    if (dir !== undefined) for (const seeded of [true, false]) this.#forgetImage(imagePath(dir, name, seeded))
    return true
  }

  /** Removes an image file and forgets it was written: the next reset that needs it writes it again. */
  #forgetImage (file: string): void {
    fs.rmSync(file, { force: true })
    this.#imageFiles.delete(file)
  }

  /** Ends the inbox's live streams of every account (before the server closes: they never end by themselves). */
  stopListening (): void {
    for (const account of this.#accounts.values()) account.live.close()
  }

  close (): void {
    for (const account of this.#accounts.values()) {
      account.stopDeliveries()
      account.close()
    }
    this.#accounts.clear()
    this.#openFiles.clear()
    if (this.#imageDir !== undefined) fs.rmSync(this.#imageDir, { recursive: true, force: true })
    this.#imageDir = undefined
    this.#imageFiles.clear()
  }

  /** What an account starts with: the database given, the configured clock and rate limit. */
  #start (db: Db): AccountStart {
    return { db, ...this.#startOver() }
  }

  /** The configured clock and rate limit. */
  #startOver (): Omit<AccountStart, 'db'> {
    return { clock: new Clock(this.#config.TIMEZONE, this.#config.NOW, Date.now, this.#dateTimes), rateLimit: rateLimitOf(this.#config.RATE_LIMIT) }
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
      image = db.sqlite.serialize()
      db.close()
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

  /** A database holding a copy of the seed image: in memory, or written to the file and opened. */
  #restore (file: string, seeded: boolean): Db {
    return this.#restoreImage(file, this.#image(seeded))
  }

  #restoreImage (file: string, image: Buffer): Db {
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
          db.close()
          db = this.#restore(file, true)
        } else {
          ensureConfiguredKey(db, this.#config.API_KEY)
        }
      } catch (err) {
        db.close()
        throw err
      }
    } else {
      db = this.#restore(file, true)
    }
    const log = this.#log?.child({ account: name })
    log?.info('account opened')
    const hosts = hostPatterns(this.#config.WEBHOOK_HOSTS)
    const webhooks = new Webhooks(this.#config.WEBHOOK_RETRY_FACTOR, this.#config.JOURNAL_LIMIT, hosts)
    // The default account stays open; the others' files may be closed and opened again.
    const reopen = file === ':memory:' || name === DEFAULT_ACCOUNT ? undefined : () => openDatabase(file)
    return new Account(name, this.#start(db), new Journal(this.#config.JOURNAL_LIMIT), webhooks, hosts, log, reopen)
  }
}

/** Where an account's start image (seeded or empty) is kept in the image folder. */
function imagePath (dir: string, name: string, seeded: boolean): string {
  return path.join(dir, `${name}.${seeded ? 'seeded' : 'empty'}.db`)
}
