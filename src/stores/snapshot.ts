// An account as JSON: every table's rows under its SQL name, with SQL column names. The demo seed,
// a user's seed and a snapshot are all this one format; every record is checked against the column
// definitions of src/db/schema.ts and the foreign keys before anything is written.
import { type Column, getTableColumns, getTableName } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { DATE_TIME_PATTERN } from '../patterns.js'
import type { Db } from '../db/client.js'
import * as schema from '../db/schema.js'
import * as channelsIn from '../db/schema-channels.js'
import * as settings from '../db/schema-settings.js'
import { refreshCustomerSearch } from './customers.js'

/** Parents before children, so that inserting in this order satisfies the foreign keys. */
export const SNAPSHOT_TABLES: SQLiteTable[] = [
  schema.slaPolicies, schema.brands, schema.channels, settings.customChannels, schema.groups, schema.users, settings.userGroups,
  schema.forms, settings.formFields, settings.views,
  channelsIn.chatAccounts, channelsIn.telephoneNumbers, channelsIn.emailAddresses,
  schema.customers, schema.customerChannels, schema.customerFields, schema.customerFieldValues, schema.tickets, schema.ticketEvents, schema.ticketMessages,
  settings.ticketFormValues, channelsIn.chatSessions, channelsIn.calls, channelsIn.inboundEmails,
  schema.tags, schema.ticketTags, schema.triggers, schema.apiKeys
]

/**
 * The secrets an export masks (unless asked to include them), by table: API keys, chat account tokens
 * and custom channel secrets. On import a masked key or token is none (its record is skipped); a
 * masked channel secret is empty (the channel stays, its messages unsigned).
 */
const SECRET_COLUMNS: ReadonlyMap<SQLiteTable, { column: string, masked: 'skip' | 'empty' }> = new Map<SQLiteTable, { column: string, masked: 'skip' | 'empty' }>([
  [schema.apiKeys, { column: 'key', masked: 'skip' }],
  [channelsIn.chatAccounts, { column: 'token', masked: 'skip' }],
  [settings.customChannels, { column: 'custom_channel_secret', masked: 'empty' }]
])

export type Snapshot = Record<string, Array<Record<string, unknown>>>

export class SnapshotError extends Error {
  override name = 'SnapshotError'
}

const TABLES: ReadonlyMap<string, SQLiteTable> = new Map(SNAPSHOT_TABLES.map((t) => [getTableName(t), t]))
const DATE_TIME = new RegExp(DATE_TIME_PATTERN)
const DATE_TIME_COLUMN = /(_at|^last_update.*|^sla_breach_.*|^sla_next_breach|^snooze_time)$/

function checkValue (column: Column, value: unknown): string | undefined {
  if (value === null) return column.notNull ? 'must not be null' : undefined
  switch (column.dataType) {
    case 'number':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number'
      return undefined
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false'
    case 'json':
      return undefined
    default:
      if (typeof value !== 'string') return 'must be a string'
      if (column.enumValues && !column.enumValues.includes(value)) return `must be one of: ${column.enumValues.join(', ')}`
      if (DATE_TIME_COLUMN.test(column.name) && !DATE_TIME.test(value)) return 'must be a date-time of the form YYYY-MM-DD HH:MM:SS'
      return undefined
  }
}

/** Checks a snapshot's shape and turns its records into drizzle rows; throws a SnapshotError naming the record. */
function toRows (snapshot: unknown): Map<SQLiteTable, Array<Record<string, unknown>>> {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
    throw new SnapshotError('A snapshot must be a JSON object with one array of records per table.')
  }
  const rows = new Map<SQLiteTable, Array<Record<string, unknown>>>()
  for (const [tableName, records] of Object.entries(snapshot)) {
    const table = TABLES.get(tableName)
    if (!table) throw new SnapshotError(`Unknown table '${tableName}'; the tables are: ${[...TABLES.keys()].join(', ')}.`)
    if (!Array.isArray(records)) throw new SnapshotError(`'${tableName}' must be an array of records.`)
    const columns = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [column.name, { key, column }]))
    // A key or token masked by an export is none: skipped (the account keeps its configured API key).
    const secret = SECRET_COLUMNS.get(table)
    const kept = secret === undefined
      ? records
      : records.filter((r: Record<string, unknown> | null) => secret.masked === 'empty' || r?.[secret.column] !== MASKED_KEY)
        .map((r: unknown) => (secret.masked === 'empty' && (r as Record<string, unknown> | null)?.[secret.column] === MASKED_KEY ? { ...(r as object), [secret.column]: '' } : r))
    rows.set(table, kept.map((record: unknown, i) => {
      const where = `${tableName}[${i}]`
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new SnapshotError(`${where} must be an object.`)
      const row: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(record)) {
        const entry = columns.get(name)
        if (!entry) throw new SnapshotError(`${where} has an unknown field '${name}'; the fields are: ${[...columns.keys()].join(', ')}.`)
        const problem = checkValue(entry.column, value)
        if (problem) throw new SnapshotError(`${where}.${name} ${problem}.`)
        row[entry.key] = value
      }
      for (const [name, { key, column }] of columns) {
        if (column.notNull && !column.hasDefault && !(key in row)) throw new SnapshotError(`${where}.${name} is required.`)
      }
      return row
    }))
  }
  return rows
}

/**
 * Replaces the account's data with the snapshot, in one transaction: on any error (bad record,
 * duplicate id, broken reference) the old data stays as it was.
 */
export function loadSnapshot (db: Db, snapshot: unknown): void {
  const rows = toRows(snapshot)
  const sqlite = db.sqlite
  db.transaction(() => {
    sqlite.pragma('defer_foreign_keys = ON')
    for (const table of [...SNAPSHOT_TABLES].reverse()) db.orm.delete(table).run()
    for (const table of SNAPSHOT_TABLES) {
      const records = rows.get(table) ?? []
      for (const record of records) {
        try {
          db.orm.insert(table).values(record).run()
        } catch (err) {
          throw new SnapshotError(`${getTableName(table)}: record ${JSON.stringify(record).slice(0, 120)} was refused: ${(err as Error).message}.`)
        }
      }
    }
    const broken = sqlite.pragma('foreign_key_check') as Array<{ table: string, rowid: number, parent: string }>
    const first = broken[0]
    if (first) {
      throw new SnapshotError(`${broken.length} record(s) refer to something that does not exist, e.g. ${first.table} row ${first.rowid} refers to a missing ${first.parent} record.`)
    }
    // Indexed now (in the worker thread, for a large import), not by the first search.
    refreshCustomerSearch(db)
  })
}

/** What an export shows instead of an API key; loadSnapshot skips a key record that has it. */
export const MASKED_KEY = '***'

/**
 * The whole account as a snapshot (with SQL column names, as loadSnapshot takes it). API keys and
 * chat account tokens are masked unless `includeKeys` is asked for: an export is a file people pass around.
 */
export function exportSnapshot (db: Db, { includeKeys = false } = {}): Snapshot {
  const snapshot: Snapshot = {}
  for (const table of SNAPSHOT_TABLES) {
    const columns = Object.entries(getTableColumns(table))
    snapshot[getTableName(table)] = db.orm.select().from(table).all().map((row) => {
      const record: Record<string, unknown> = {}
      for (const [key, column] of columns) record[column.name] = (row as Record<string, unknown>)[key]
      const secret = SECRET_COLUMNS.get(table)?.column
      if (secret !== undefined && !includeKeys && record[secret] !== '') record[secret] = MASKED_KEY
      return record
    })
  }
  return snapshot
}

export function isEmpty (db: Db): boolean {
  return db.orm.select({ id: schema.brands.id }).from(schema.brands).limit(1).all().length === 0
}
