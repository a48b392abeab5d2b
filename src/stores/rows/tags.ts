// Tag rows, raw: every ticket read and list item asks for its tags.
import { type Db, preparedPerDb } from '../../db/client.js'

const statements = preparedPerDb((db: Db) => ({
  ofTicket: db.sqlite.prepare('SELECT t.name FROM ticket_tags tt JOIN tags t ON t.id = tt.tag_id WHERE tt.ticket_id = ? ORDER BY t.name').pluck(),
  all: db.sqlite.prepare('SELECT tt.ticket_id, t.name FROM ticket_tags tt JOIN tags t ON t.id = tt.tag_id').raw()
}))

/** The ticket's tag names in name order. */
export function listTicketTags (db: Db, ticketId: number): string[] {
  return statements(db).ofTicket.all(ticketId) as string[]
}

/** Every ticket's tag names, by ticket (for a view that tests tags over the whole list). */
export function listTagsByTicket (db: Db): Map<number, string[]> {
  const byTicket = new Map<number, string[]>()
  for (const [ticketId, name] of statements(db).all.iterate() as Iterable<[number, string]>) {
    const names = byTicket.get(ticketId)
    if (names) names.push(name)
    else byTicket.set(ticketId, [name])
  }
  return byTicket
}
