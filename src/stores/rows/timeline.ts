// Timeline rows, raw: the event INSERT (setstatus writes a thousand of them in one request).
import { type Db, preparedPerDb } from '../../db/client.js'
import type { TicketEventRow } from '../../db/schema.js'

const statements = preparedPerDb((db: Db) => ({
  insertEvent: db.sqlite.prepare(
    'INSERT INTO ticket_events (ticket_id, item_type, item_type_id, description, initiated_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'
  )
}))

/** One timeline event. */
export function insertEvent (db: Db, event: Omit<TicketEventRow, 'id'>): void {
  statements(db).insertEvent.run(event.ticketId, event.itemType, event.itemTypeId, event.description, event.initiatedBy, event.createdAt)
}
