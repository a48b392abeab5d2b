// Ticket rows, raw: the hot reads and writes of the tickets table, straight from better-sqlite3, with
// statements prepared once per database. The only other place with SQL text is stores/rows/ too.
import { getTableColumns } from 'drizzle-orm'
import type Database from 'better-sqlite3'
import { type Db, preparedPerDb } from '../../db/client.js'
import { type NewTicketRow, tickets, type TicketRow } from '../../db/schema.js'
import type { TicketStatus } from '../../domain/vocabulary.js'
import { doesNotExist } from '../../errors.js'
import type { SlaColumns } from '../../sla.js'
import { arrayMaker, objectMaker } from './columns.js'

/**
 * Whole ticket rows for the hot reads: as arrays, made into objects here with the keys in one fixed
 * order. Every column is a plain integer or text, so the rows are what drizzle would make; but
 * objects of 37 keys built by better-sqlite3 (or drizzle's per-value mapping) cost three times as
 * much to make and to read (bench/RESULTS.md).
 */
const COLUMNS = getTableColumns(tickets)
const TICKET_KEYS = Object.keys(COLUMNS) as Array<keyof TicketRow>
const TICKET_COLUMNS = Object.values(COLUMNS).map((column) => `"${column.name}"`).join(', ')

const toRow = objectMaker(TICKET_KEYS) as (values: unknown[]) => TicketRow

/** The columns a new ticket is created with (the others take their defaults), in one prepared INSERT. */
export type CreatedTicket = Pick<NewTicketRow, 'channelId' | 'createdAt' | 'customerId' | 'direction' | 'formId' | 'from' | 'fromName' | 'icon' |
  'lastUpdate' | 'lastUpdateAgent' | 'lastUpdateCustomer' | keyof SlaColumns | 'slaPolicyId' | 'title' | 'to' | 'brandId'>

const CREATED_COLUMNS: Array<keyof CreatedTicket> = [
  'channelId', 'createdAt', 'customerId', 'direction', 'formId', 'from', 'fromName', 'icon', 'lastUpdate', 'lastUpdateAgent',
  'lastUpdateCustomer', 'slaBreachFirstReplyTime', 'slaBreachNextReplyTime', 'slaBreachUserWorkTime', 'slaBreachCustomerWaitTime',
  'slaNextBreach', 'slaNextBreachCurrentStatus', 'slaPausedAt', 'slaPolicyId', 'title', 'to', 'brandId'
]

/** What a new row holds in the columns an INSERT leaves out: their defaults as the schema declares them, or null. */
const TICKET_DEFAULTS = Object.fromEntries(Object.entries(COLUMNS).map(([key, column]) => [key, column.default ?? null]))

/**
 * The INSERT's parameters from a new ticket's values, and the new row's values (its id, the values
 * given, the defaults) in TICKET_KEYS' order: each one array literal, made once from the column lists.
 * Reading the keys by name in a loop went through V8's megamorphic keyed loads, ~1.2 µs a POST against
 * ~0.2 (bench/RESULTS.md).
 */
const CREATED: ReadonlySet<string> = new Set(CREATED_COLUMNS)
const insertParameters = arrayMaker(['v'], CREATED_COLUMNS.map((key) => `v[${JSON.stringify(key)}]`)) as (values: CreatedTicket) => unknown[]
const newRowValues = arrayMaker(['id', 'v', 'd'], TICKET_KEYS.map((key) =>
  key === 'id' ? 'id' : `${CREATED.has(key) ? 'v' : 'd'}[${JSON.stringify(key)}]`)) as (id: number, values: CreatedTicket, defaults: typeof TICKET_DEFAULTS) => unknown[]

/** The list's filter: a status, and a text in the title or the customer's address; the inbox's also by brand, group, agent, channel and customer. */
export interface TicketFilter {
  status?: TicketStatus
  text?: string
  brandId?: number
  groupId?: number
  userId?: number
  channelId?: number
  customerId?: number
}

const ID_FILTERS: Array<[keyof TicketFilter, string]> = [['brandId', 'brand_id'], ['groupId', 'assigned_group_id'], ['userId', 'assigned_user_id'], ['channelId', 'channel_id'], ['customerId', 'customer_id']]

const statements = preparedPerDb((db: Db) => {
  const select = (where: string) => db.sqlite.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets ${where}`).raw()
  return {
    byId: select('WHERE id = ?'),
    byIds: select('WHERE id IN (SELECT value FROM json_each(?))'),
    insert: db.sqlite.prepare(`INSERT INTO tickets (${CREATED_COLUMNS.map((column) => `"${tickets[column].name}"`).join(', ')})
      VALUES (${CREATED_COLUMNS.map(() => '?').join(', ')})`),
    /** One UPDATE per set of columns, made on first use. */
    updates: new Map<string, Database.Statement>(),
    /** The count and the page of the list, per kind of filter. */
    counts: new Map<string, Database.Statement>(),
    pages: new Map<string, Database.Statement>()
  }
})

export function getTicketRow (db: Db, id: number): TicketRow | undefined {
  const values = statements(db).byId.get(id) as unknown[] | undefined
  return values && toRow(values)
}

/** The tickets with these ids, each once, in the order given; a DoesNotExist error when any is unknown. */
export function getTicketRows (db: Db, ids: number[]): TicketRow[] {
  const unique = [...new Set(ids)]
  const rows = new Map<number, TicketRow>()
  for (const values of statements(db).byIds.all(JSON.stringify(unique)) as unknown[][]) {
    const row = toRow(values)
    rows.set(row.id, row)
  }
  if (rows.size !== unique.length) throw doesNotExist('ticket')
  return unique.map((id) => rows.get(id) as TicketRow)
}

/**
 * Inserts a ticket and returns its row, made here from the values and the defaults: RETURNING the 37
 * columns cost twice the INSERT itself (bench/RESULTS.md).
 */
export function insertTicket (db: Db, values: Required<CreatedTicket>): TicketRow {
  const id = Number(statements(db).insert.run(insertParameters(values)).lastInsertRowid)
  return toRow(newRowValues(id, values, TICKET_DEFAULTS))
}

/** The columns a change can touch. */
const MUTABLE: ReadonlySet<keyof TicketRow> = new Set<keyof TicketRow>([
  'status', 'closedAt', 'assignedGroupId', 'assignedUserId', 'priority', 'title', 'customerId', 'slaPolicyId',
  'slaBreachFirstReplyTime', 'slaBreachNextReplyTime', 'slaBreachUserWorkTime', 'slaBreachCustomerWaitTime',
  'slaNextBreach', 'slaNextBreachCurrentStatus', 'slaPausedAt', 'lastUpdate', 'lastUpdateAgent', 'lastUpdateCustomer', 'externalId'
])

/**
 * Writes columns to the ticket row in memory and in the database: only those whose value changes,
 * by one prepared UPDATE per set of columns (rewriting all of them cost five times as much: bench/RESULTS.md).
 */
export function writeTicket (db: Db, row: TicketRow, set: Partial<TicketRow>): void {
  const columns = (Object.keys(set) as Array<keyof TicketRow>)
    .filter((column) => MUTABLE.has(column) && set[column] !== undefined && set[column] !== row[column])
    .sort()
  Object.assign(row, set)
  if (columns.length === 0) return
  const { updates } = statements(db)
  const key = columns.join(',')
  let update = updates.get(key)
  if (!update) {
    update = db.sqlite.prepare(`UPDATE tickets SET ${columns.map((column) => `"${tickets[column].name}" = ?`).join(', ')} WHERE id = ?`)
    updates.set(key, update)
  }
  update.run(...columns.map((column) => row[column]), row.id)
}

/** The WHERE clause of a filter, and its parameters. */
function whereOf (filter: TicketFilter): { where: string, params: Record<string, string | number> } {
  const conditions: string[] = []
  const params: Record<string, string | number> = {}
  for (const [key, column] of ID_FILTERS) {
    const value = filter[key]
    if (typeof value !== 'number') continue
    conditions.push(`${column} = @${key}`)
    params[key] = value
  }
  if (filter.status !== undefined) {
    conditions.push('status = @status')
    params.status = filter.status
  }
  if (filter.text !== undefined && filter.text.trim() !== '') {
    conditions.push("(title LIKE @text ESCAPE '\\' OR \"from\" LIKE @text ESCAPE '\\' OR \"to\" LIKE @text ESCAPE '\\')")
    params.text = `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  }
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params }
}

/** A statement of one of the maps above, prepared on first use of its SQL. */
function preparedIn (db: Db, map: Map<string, Database.Statement>, sql: string, raw: boolean): Database.Statement {
  let statement = map.get(sql)
  if (!statement) {
    // Filters and views make a handful of kinds each; a bound for whatever makes more.
    if (map.size >= 500) map.clear()
    statement = raw ? db.sqlite.prepare(sql).raw() : db.sqlite.prepare(sql).pluck()
    map.set(sql, statement)
  }
  return statement
}

/** How many tickets the filter finds. */
export function countTickets (db: Db, filter: TicketFilter): number {
  const { where, params } = whereOf(filter)
  return preparedIn(db, statements(db).counts, `SELECT count(*) FROM tickets ${where}`, false).get(params) as number
}

/** A page of the tickets the filter finds, newest first. */
export function listTicketRows (db: Db, filter: TicketFilter, offset: number, limit: number): TicketRow[] {
  const { where, params } = whereOf(filter)
  // The limit is written into the statement (a whole number, checked by the route's schema): a bound
  // LIMIT made SQLite read a page of 37 columns 2.3 times slower (bench/RESULTS.md). A statement per
  // page size: clients use one or two.
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`A page of ${limit} tickets`)
  const sql = `SELECT ${TICKET_COLUMNS} FROM tickets ${where} ORDER BY id DESC LIMIT ${limit} OFFSET @offset`
  return (preparedIn(db, statements(db).pages, sql, true).all({ ...params, offset }) as unknown[][]).map(toRow)
}

/** What a view tests and sorts by (stores/views.ts), under the ticket's column names. */
export interface TicketFacts {
  id: number
  status: string
  channel_id: number
  brand_id: number
  direction: string
  assigned_group_id: number
  assigned_user_id: number
  priority: string
  title: string
  customer_id: number
  form_id: number | null
  created_at: string
  last_update: string
  sla_next_breach: string | null
  from: string
  to: string
}

export type FactName = keyof TicketFacts

/**
 * The facts of every ticket the filter finds, newest first: only the columns asked for (and id), as
 * a view reads every ticket. On 100,000 tickets reading all sixteen took 600 ms, a view's three or
 * four a fraction of it (bench/RESULTS.md).
 */
export function listTicketFacts (db: Db, filter: TicketFilter, names: readonly FactName[]): TicketFacts[] {
  const columns = ['id' as const, ...new Set(names.filter((name) => name !== 'id'))].sort()
  const { where, params } = whereOf(filter)
  const sql = `SELECT ${columns.map((name) => `"${name}"`).join(', ')} FROM tickets ${where} ORDER BY id DESC`
  const rows = preparedIn(db, statements(db).pages, sql, true).all(params) as unknown[][]
  return rows.map((row) => {
    const facts: Record<string, unknown> = {}
    for (let i = 0; i < columns.length; i++) facts[columns[i] as string] = row[i]
    return facts as unknown as TicketFacts
  })
}
