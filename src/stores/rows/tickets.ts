// Ticket rows, raw: the hot reads and writes of the tickets table, straight from better-sqlite3.
import { getTableColumns } from 'drizzle-orm'
import { type Db, prepared } from '../../db/client.js'
import { doesNotExist } from '../../errors.js'
import { type NewTicketRow, tickets, type TicketRow } from '../../db/schema.js'
import type { SlaColumns } from '../../sla.js'
import type { StoreContext } from '../context.js'

/**
 * Whole ticket rows for the hot reads, straight from better-sqlite3: as arrays, made into objects here
 * with the keys in one fixed order. Every column is a plain integer or text, so the rows are what
 * drizzle would make; but objects of 37 keys built by better-sqlite3 (or drizzle's per-value mapping)
 * cost three times as much to make and to read (bench/RESULTS.md).
 */
const COLUMNS = getTableColumns(tickets)
const TICKET_KEYS = Object.keys(COLUMNS) as Array<keyof TicketRow>
const TICKET_COLUMNS = Object.values(COLUMNS).map((column) => `"${column.name}"`).join(', ')

export function toRow (values: unknown[]): TicketRow {
  const row: Record<string, unknown> = {}
  for (let i = 0; i < TICKET_KEYS.length; i++) row[TICKET_KEYS[i] as string] = values[i]
  return row as TicketRow
}

export function selectTickets (db: Db, key: string, where: string) {
  return prepared(db, key, () => db.$client.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets ${where}`).raw())
}

export function getTicketRow ({ db }: StoreContext, id: number): TicketRow | undefined {
  const values = selectTickets(db, 'getTicketRow', 'WHERE id = ?').get(id) as unknown[] | undefined
  return values && toRow(values)
}

/** The columns a new ticket is created with (the others take their defaults), in one prepared INSERT. */
type CreatedTicket = Pick<NewTicketRow, 'channelId' | 'createdAt' | 'customerId' | 'direction' | 'formId' | 'from' | 'fromName' | 'icon' |
  'lastUpdate' | 'lastUpdateAgent' | 'lastUpdateCustomer' | keyof SlaColumns | 'slaPolicyId' | 'title' | 'to' | 'brandId'>

const CREATED_COLUMNS: Array<keyof CreatedTicket> = [
  'channelId', 'createdAt', 'customerId', 'direction', 'formId', 'from', 'fromName', 'icon', 'lastUpdate', 'lastUpdateAgent',
  'lastUpdateCustomer', 'slaBreachFirstReplyTime', 'slaBreachNextReplyTime', 'slaBreachUserWorkTime', 'slaBreachCustomerWaitTime',
  'slaNextBreach', 'slaNextBreachCurrentStatus', 'slaPausedAt', 'slaPolicyId', 'title', 'to', 'brandId'
]

/** What a new row holds in the columns an INSERT leaves out: their defaults as the schema declares them, or null. */
const TICKET_DEFAULTS = Object.fromEntries(Object.entries(COLUMNS).map(([key, column]) => [key, column.default ?? null]))

/**
 * Inserts a ticket and returns its row, made here from the values and the defaults: RETURNING the 37
 * columns cost twice the INSERT itself (bench/RESULTS.md).
 */
export function insertTicket (db: Db, values: Required<CreatedTicket>): TicketRow {
  const statement = prepared(db, 'insertTicket', () => db.$client.prepare(
    `INSERT INTO tickets (${CREATED_COLUMNS.map((column) => `"${tickets[column].name}"`).join(', ')})
     VALUES (${CREATED_COLUMNS.map(() => '?').join(', ')})`
  ))
  const id = Number(statement.run(...CREATED_COLUMNS.map((column) => values[column])).lastInsertRowid)
  const given: Record<string, unknown> = values
  return toRow(TICKET_KEYS.map((key) => key === 'id' ? id : key in given ? given[key] : TICKET_DEFAULTS[key]))
}

/** The tickets with these ids, each once, in the order given; a DoesNotExist error when any is unknown. */
export function getTicketRows ({ db }: StoreContext, ids: number[]): TicketRow[] {
  const unique = [...new Set(ids)]
  const rows = new Map<number, TicketRow>()
  const statement = selectTickets(db, 'getTicketRows', 'WHERE id IN (SELECT value FROM json_each(?))')
  for (const values of statement.all(JSON.stringify(unique)) as unknown[][]) {
    const row = toRow(values)
    rows.set(row.id, row)
  }
  if (rows.size !== unique.length) throw doesNotExist('ticket')
  return unique.map((id) => rows.get(id) as TicketRow)
}
