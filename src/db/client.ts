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
  return drizzle(sqlite, { schema })
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

/** How many rows this connection has changed since it opened: any write moves it (SQLite total_changes()). */
function changeCount (db: Db): number {
  return prepared(db, 'total_changes', () => db.$client.prepare('SELECT total_changes()').pluck()).get() as number
}

const untilWrite = new WeakMap<Db, Map<string, { changes: number, value: unknown }>>()

/** A value built from the database and kept until the next write to it (any write). */
export function keptUntilWrite<T> (db: Db, key: string, build: () => T): T {
  const changes = changeCount(db)
  let cache = untilWrite.get(db)
  if (!cache) {
    cache = new Map()
    untilWrite.set(db, cache)
  }
  const kept = cache.get(key)
  if (kept && kept.changes === changes) return kept.value as T
  const value = build()
  cache.set(key, { changes, value })
  return value
}
