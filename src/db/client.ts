// One account's database: the SQLite connection, drizzle over it, and what is kept per connection
// (prepared statements, caches, the write batch, the checkpoint timer), all owned by one Db object
// with one close().
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type SQL, sql } from 'drizzle-orm'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { projectFolder } from '../paths.js'
import * as schema from './schema.js'
import { copyImage, copyNoted, copyStatements, type ImageCopy, SEED_SCHEMA, stopTracking, trackChanges } from './table-copy.js'
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
  /** The settings version as last read outside a transaction, and the change count it was read at. */
  readonly #settingsSeen = { changes: -1, version: 0 }
  #checkpoint: NodeJS.Timeout | undefined
  /** The image attached for restoreFrom, with the statements that copy it. */
  #image: { file: string, copy: ImageCopy, restoredAt: number } | undefined

  /** Over a connection with its pragmas set and its schema current (openDatabase, wrapDatabase). */
  constructor (sqlite: Database.Database) {
    this.sqlite = sqlite
    this.orm = drizzle(sqlite, { schema })
    this.#batch = new WriteBatch(sqlite, () => { this.#forgetKept() })
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
    try {
      return this.#transaction(work) as T
    } catch (err) {
      this.#forgetKept()
      throw err
    }
  }

  /**
   * After a rollback (a rejected request's savepoint, a batch whose COMMIT failed): what was kept may
   * have been read from rows the rollback took back, at a change count that has not moved since, or at
   * a settings version that the next change to the settings reaches again.
   */
  #forgetKept (): void {
    this.#untilWrite.clear()
    this.#untilSettings.clear()
    this.#settingsSeen.changes = -1
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
    return kept(this, this.#untilSettings, owner, this.settingsVersion(), build)
  }

  /**
   * The settings version (moved by SQL triggers on every change to a settings table). Read again only
   * when the connection has changed rows since it was last read: reading a table opens a read
   * transaction (~2 µs a request), the change count does not. Inside a transaction too (a write batch
   * is one, for every request it spans): a rollback, which may take the version back without moving
   * the change count, makes it read again (`#forgetKept`).
   */
  settingsVersion (): number {
    const changes = this.changeCount()
    const seen = this.#settingsSeen
    if (changes === seen.changes) return seen.version
    const version = this.#settingsVersion.get() as number
    seen.changes = changes
    seen.version = version
    return version
  }

  /**
   * Replaces every row with the image's in `file` (a database of the same schema), keeping the
   * connection with its prepared statements: a new connection paid for its schema and every statement
   * again on its first requests (bench/RESULTS.md). The file stays attached for the next reset. The
   * first restore of an image copies it whole and starts the change tracking (db/table-copy.ts); every
   * later one puts back only the rows written since, so a reset costs what a test wrote (~0.2 ms for a
   * test's five calls), not the image's size. `settings_version` is not copied: its triggers move it on
   * when a settings row is put back, so nothing kept for other settings survives; what is kept until
   * the next write is stale once the copy writes (SQLite's total_changes() only grows).
   */
  restoreFrom (file: string): void {
    this.commitWriteBatch()
    const image = this.#image
    if (image?.file === file) {
      // Nothing written since the last restore of the same image: the data is the image's already.
      if (image.restoredAt === this.changeCount()) return
      this.transaction(() => { copyNoted(this.sqlite, image.copy) })
      image.restoredAt = this.changeCount()
      return
    }
    // Attached once and kept: attaching or detaching changes the schema, which makes SQLite prepare
    // every statement of the connection again (creating the tracking's triggers too, once). The file is
    // this connection's alone (a write batch, BEGIN IMMEDIATE, locks every attached file, and EXCLUSIVE
    // locking mode keeps it locked).
    if (image !== undefined) {
      stopTracking(this.sqlite, image.copy)
      this.sqlite.exec(`DETACH ${SEED_SCHEMA}`)
    }
    this.#image = undefined
    this.sqlite.prepare(`ATTACH ? AS ${SEED_SCHEMA}`).run(file)
    const copy = copyStatements(this.sqlite)
    copyImage(this.sqlite, copy, (work) => { this.transaction(work) })
    trackChanges(this.sqlite, copy)
    this.#image = { file, copy, restoredAt: this.changeCount() }
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

/**
 * Named parameters for a prepared drizzle write (`.set(placeholders('a', 'b'))`): each value is then
 * given as SQLite takes it (JSON as text, a flag as 0/1), as drizzle does not map placeholders there.
 */
export function placeholders<K extends string> (...names: K[]): Record<K, SQL> {
  return Object.fromEntries(names.map((name) => [name, sql`${sql.placeholder(name)}`])) as Record<K, SQL>
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
  // What a savepoint would undo (each API write is one, inside its batch) goes to SQLite's sub-journal,
  // which moves to a temporary file past 64 KiB and, under EXCLUSIVE locking, stays there for the
  // connection's life: every later write then paid two file writes per page it changed, a fifth of a
  // telephone call's time (bench/RESULTS.md). In memory it holds at most one request's changed pages
  // and is emptied when the request's savepoint ends. The other temporary data is as small: a reset's
  // notes (db/table-copy.ts), one row per row written since the last reset, and the sorts of one
  // ticket's timeline or of a settings table (the lists go by id, in their indexes' order).
  sqlite.pragma('temp_store = MEMORY')
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
