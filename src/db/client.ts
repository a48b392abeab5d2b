// One account's database: the SQLite connection, drizzle over it, and what is kept per connection
// (prepared statements, caches, the write batch, the checkpoint timer), all owned by one Db object
// with one close().
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { projectFolder } from '../paths.js'
import * as schema from './schema.js'
import { WriteBatch } from './write-batch.js'

export const MIGRATIONS_DIR = projectFolder('migrations')

/** drizzle's query builder over the connection. */
export type Orm = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** A value kept with the stamp it was built at. */
interface Stamped { stamp: number, value: unknown }

export class Db {
  /** drizzle's query builder: every query but the hot paths' (stores/rows/) is built with it. */
  readonly orm: Orm
  /** The connection itself, for the hot paths' raw SQL (stores/rows/) and whole-database operations. */
  readonly sqlite: Database.Database
  readonly #prepared = new Map<object, unknown>()
  readonly #untilWrite = new Map<object, Stamped>()
  readonly #untilSettings = new Map<object, Stamped>()
  readonly #batch: WriteBatch
  readonly #transaction: (work: () => unknown) => unknown
  readonly #changes: Database.Statement
  readonly #settingsVersion: Database.Statement
  #checkpoint: NodeJS.Timeout | undefined

  /** Over a connection with its pragmas set and its schema current (openDatabase, wrapDatabase). */
  constructor (sqlite: Database.Database) {
    this.sqlite = sqlite
    this.orm = drizzle(sqlite, { schema })
    this.#batch = new WriteBatch(sqlite)
    // better-sqlite3's own wrapper, made once: drizzle's `transaction` builds a transaction object and
    // a session per call, a tenth of a small write's time (bench/RESULTS.md).
    this.#transaction = sqlite.transaction((work: () => unknown) => work())
    this.#changes = sqlite.prepare('SELECT total_changes()').pluck()
    this.#settingsVersion = sqlite.prepare('SELECT version FROM settings_version WHERE id = 1').pluck()
    if (!sqlite.memory) this.#checkpointWhenQuiet()
  }

  /**
   * Runs `work` in a transaction (a savepoint inside an open one, such as a write batch): all of it
   * or, when it throws, none of it.
   */
  transaction<T> (work: () => T): T {
    return this.#transaction(work) as T
  }

  /** Runs the caller's writes in the current write batch; resolves once the batch is committed. */
  joinWriteBatch (): Promise<void> {
    return this.#batch.join()
  }

  /** Commits the open write batch now (before the database is read whole, replaced or closed). */
  commitWriteBatch (): void {
    this.#batch.commit()
  }

  /** What `owner` prepared on this database, built on first use (see `preparedPerDb`). */
  prepared<T> (owner: object, build: (db: Db) => T): T {
    let value = this.#prepared.get(owner) as T | undefined
    if (value === undefined) {
      value = build(this)
      this.#prepared.set(owner, value)
    }
    return value
  }

  /** How many rows this connection has changed since it opened: any write moves it (SQLite total_changes()). */
  changeCount (): number {
    return this.#changes.get() as number
  }

  /** A value kept for `owner` until the next write (see `cachedUntilWrite`). */
  keptUntilWrite<T> (owner: object, build: (db: Db) => T): T {
    return kept(this, this.#untilWrite, owner, this.changeCount(), build)
  }

  /** A value kept for `owner` until the settings change (see `cachedUntilSettingsChange`). */
  keptUntilSettingsChange<T> (owner: object, build: (db: Db) => T): T {
    // SQL triggers move the version on every change to a settings table (src/db/schema.ts), whoever wrote it.
    return kept(this, this.#untilSettings, owner, this.#settingsVersion.get() as number, build)
  }

  /** Whether the connection is still open. */
  get open (): boolean {
    return this.sqlite.open
  }

  /** Commits an open batch, checkpoints the WAL into the main file and closes; a second call does nothing. */
  close (): void {
    if (!this.sqlite.open) return
    this.commitWriteBatch()
    clearInterval(this.#checkpoint)
    if (!this.sqlite.memory) this.sqlite.pragma('wal_checkpoint(TRUNCATE)')
    this.sqlite.close()
  }

  /**
   * Copies the WAL into the database file once a second after writes, between requests, instead of
   * inside the COMMIT that happens to fill 1,000 pages (SQLite's default): that checkpoint, with its
   * fsync, was up to half of a small write's time (bench/RESULTS.md). SQLite still checkpoints by
   * itself past 10,000 pages (40 MB), so a steady stream of writes cannot grow the WAL without end.
   */
  #checkpointWhenQuiet (): void {
    this.sqlite.pragma('wal_autocheckpoint = 10000')
    let seen = -1
    const timer = setInterval(() => {
      if (!this.sqlite.open) return clearInterval(timer)
      if (this.sqlite.inTransaction) return
      const changes = this.changeCount()
      if (changes === seen) return
      seen = changes
      this.sqlite.pragma('wal_checkpoint(PASSIVE)')
    }, 1000)
    timer.unref()
    this.#checkpoint = timer
  }
}

function kept<T> (db: Db, cache: Map<object, Stamped>, owner: object, stamp: number, build: (db: Db) => T): T {
  const entry = cache.get(owner)
  if (entry && entry.stamp === stamp) return entry.value as T
  const value = build(db)
  cache.set(owner, { stamp, value })
  return value
}

/**
 * What a module prepares once per database (its statements, by name): `build` runs on a database's
 * first use, and the accessor returns the same object for that database after.
 */
export function preparedPerDb<T> (build: (db: Db) => T): (db: Db) => T {
  const accessor = (db: Db): T => db.prepared(accessor, build)
  return accessor
}

/** A value built from the database and kept until the next write to it (any write). */
export function cachedUntilWrite<T> (build: (db: Db) => T): (db: Db) => T {
  const accessor = (db: Db): T => db.keptUntilWrite(accessor, build)
  return accessor
}

/** A value built from the account's settings, kept until they change (by whatever writer). */
export function cachedUntilSettingsChange<T> (build: (db: Db) => T): (db: Db) => T {
  const accessor = (db: Db): T => db.keptUntilSettingsChange(accessor, build)
  return accessor
}

/** Sets the pragmas every connection needs. */
function setPragmas (sqlite: Database.Database): Database.Database {
  // The emulator is the file's only user: holding the lock for the connection's life spares every
  // transaction the shared-memory locking of WAL mode (half the time of a read, bench/RESULTS.md).
  // Other processes can open the file once the emulator has stopped.
  sqlite.pragma('locking_mode = EXCLUSIVE')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  return sqlite
}

/** Opens (creating when needed) one account's database and applies the migrations. */
export function openDatabase (file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = setPragmas(new Database(file))
  // Migrated before the Db is made: it prepares statements on tables the migrations create.
  migrate(drizzle(sqlite, { schema }), { migrationsFolder: MIGRATIONS_DIR })
  return new Db(sqlite)
}

/** A database over a connection whose schema is current: a serialized image, or a file made from one. */
export function wrapDatabase (sqlite: Database.Database): Db {
  return new Db(setPragmas(sqlite))
}
