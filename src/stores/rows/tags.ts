// Tag rows, raw: every ticket read and list item asks for its tags.
import { type Db, preparedPerDb } from '../../db/client.js'

const statements = preparedPerDb((db: Db) => ({
  ofTicket: db.sqlite.prepare('SELECT t.name FROM ticket_tags tt JOIN tags t ON t.id = tt.tag_id WHERE tt.ticket_id = ? ORDER BY t.name').pluck()
}))

/** The ticket's tag names in name order. */
export function listTicketTags (db: Db, ticketId: number): string[] {
  return statements(db).ofTicket.all(ticketId) as string[]
}
