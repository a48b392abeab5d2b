import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { projectFolder } from '../paths.js'
import * as schema from './schema.js'

export const MIGRATIONS_DIR = projectFolder('migrations')

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/** Sets the pragmas every connection needs and wraps it for drizzle (the schema must already be current). */
export function wrapDatabase (sqlite: Database.Database): Db {
  // The emulator is the file's only user: holding the lock for the connection's life spares every
  // transaction the shared-memory locking of WAL mode (half the time of a read, bench/RESULTS.md).
  // Other processes can open the file once the emulator has stopped.
  sqlite.pragma('locking_mode = EXCLUSIVE')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = drizzle(sqlite, { schema })
  if (!sqlite.memory) checkpointWhenQuiet(db)
  return db
}

const checkpointers = new WeakMap<Db, NodeJS.Timeout>()

/**
 * Copies the WAL into the database file once a second after writes, between requests, instead of
 * inside the COMMIT that happens to fill 1,000 pages (SQLite's default): that checkpoint, with its
 * fsync, was up to half of a small write's time (bench/RESULTS.md). SQLite still checkpoints by
 * itself past 10,000 pages (40 MB), so a steady stream of writes cannot grow the WAL without end.
 */
function checkpointWhenQuiet (db: Db): void {
  db.$client.pragma('wal_autocheckpoint = 10000')
  let seen = -1
  const timer = setInterval(() => {
    const sqlite = db.$client
    if (!sqlite.open) return clearInterval(timer)
    if (sqlite.inTransaction) return
    const changes = changeCount(db)
    if (changes === seen) return
    seen = changes
    sqlite.pragma('wal_checkpoint(PASSIVE)')
  }, 1000)
  timer.unref()
  checkpointers.set(db, timer)
}

/** Opens (creating when needed) one account's database and applies the migrations. */
export function openDatabase (file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = wrapDatabase(new Database(file))
  migrate(db, { migrationsFolder: MIGRATIONS_DIR })
  return db
}

/** Checkpoints the WAL into the main file and closes. */
export function closeDatabase (db: Db): void {
  if (!db.$client.open) return
  commitWriteBatch(db)
  clearInterval(checkpointers.get(db))
  if (!db.$client.memory) db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
}

const statements = new WeakMap<Db, Map<string, unknown>>()

/**
 * A prepared query, built once per database and reused: drizzle builds and SQLite compiles the SQL
 * once instead of on every request (the hot paths of GET and the list).
 */
export function prepared<T> (db: Db, key: string, build: () => T): T {
  let cache = statements.get(db)
  if (!cache) {
    cache = new Map()
    statements.set(db, cache)
  }
  let statement = cache.get(key) as T | undefined
  if (statement === undefined) {
    statement = build()
    cache.set(key, statement)
  }
  return statement
}

const transactions = new WeakMap<Db, (work: () => unknown) => unknown>()

/**
 * Runs `work` in a transaction (a savepoint inside an open one, such as a write batch): all of it or,
 * when it throws, none of it. better-sqlite3's own wrapper, made once per database: drizzle's
 * `db.transaction` builds a transaction object and a session per call, a tenth of a small write's
 * time (bench/RESULTS.md). Queries inside use `db` as usual.
 */
export function inTransaction<T> (db: Db, work: () => T): T {
  let run = transactions.get(db)
  if (!run) {
    run = db.$client.transaction((inner: () => unknown) => inner())
    transactions.set(db, run)
  }
  return run(work) as T
}

/** How many rows this connection has changed since it opened: any write moves it (SQLite total_changes()). */
function changeCount (db: Db): number {
  return prepared(db, 'total_changes', () => db.$client.prepare('SELECT total_changes()').pluck()).get() as number
}

type Kept = WeakMap<Db, Map<string, { stamp: number, value: unknown }>>
const keptUntilWrites: Kept = new WeakMap()
const keptUntilSettings: Kept = new WeakMap()

/** A value kept per database under `key` for as long as `stamp` stays the same. */
function keptWhile<T> (kept: Kept, db: Db, key: string, stamp: number, build: () => T): T {
  let cache = kept.get(db)
  if (!cache) {
    cache = new Map()
    kept.set(db, cache)
  }
  const entry = cache.get(key)
  if (entry && entry.stamp === stamp) return entry.value as T
  const value = build()
  cache.set(key, { stamp, value })
  return value
}

/** A value built from the database and kept until the next write to it (any write). */
export function keptUntilWrite<T> (db: Db, key: string, build: () => T): T {
  return keptWhile(keptUntilWrites, db, key, changeCount(db), build)
}

/** The settings' version: SQL triggers move it on every change to a settings table (src/db/schema.ts). */
function settingsStamp (db: Db): number {
  return prepared(db, 'settings_version', () => db.$client.prepare('SELECT version FROM settings_version WHERE id = 1').pluck()).get() as number
}

/** A value built from the account's settings, kept until they change (by whatever writer). */
export function keptUntilSettingsChange<T> (db: Db, key: string, build: () => T): T {
  return keptWhile(keptUntilSettings, db, key, settingsStamp(db), build)
}

/**
 * Group commit. The writes of the API requests handled in one turn of the event loop share one
 * transaction, committed when the turn ends; each request's own transaction runs inside it as a
 * savepoint, so a rejected request still changes nothing. A request is answered only after its
 * batch's COMMIT, so what was acknowledged is in the database, as with one COMMIT per request; the
 * pages a batch touches are written to the WAL once instead of once per request.
 */
class WriteBatch {
  readonly #db: Db
  #open: { committed: Promise<void>, resolve: () => void, reject: (err: unknown) => void } | undefined

  constructor (db: Db) {
    this.#db = db
  }

  join (): Promise<void> {
    if (this.#open) return this.#open.committed
    this.#db.$client.exec('BEGIN IMMEDIATE')
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

  commit (): void {
    const open = this.#open
    if (!open) return
    this.#open = undefined
    const sqlite = this.#db.$client
    try {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec('COMMIT')
      open.resolve()
    } catch (err) {
      if (sqlite.open && sqlite.inTransaction) sqlite.exec('ROLLBACK')
      open.reject(err)
    }
  }
}

const batches = new WeakMap<Db, WriteBatch>()

/** Runs the caller's writes in the current batch; resolves once the batch is committed. */
export function joinWriteBatch (db: Db): Promise<void> {
  let batch = batches.get(db)
  if (!batch) {
    batch = new WriteBatch(db)
    batches.set(db, batch)
  }
  return batch.join()
}

/** Commits the open batch now (before the database is read whole, replaced or closed). */
export function commitWriteBatch (db: Db): void {
  batches.get(db)?.commit()
}
