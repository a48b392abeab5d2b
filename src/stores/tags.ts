import { eq } from 'drizzle-orm'
import { prepared } from '../db/client.js'
import { tags, type TicketRow, ticketTags } from '../db/schema.js'
import type { StoreContext } from './context.js'
import { writeTicket } from './ticket-changes.js'
import { insertEvent } from './timeline.js'

/** The ticket's tag names in name order (a plain prepared query: every ticket read and list item asks). */
export function listTicketTags ({ db }: StoreContext, ticketId: number): string[] {
  return prepared(db, 'listTicketTags', () => db.$client.prepare(
    'SELECT t.name FROM ticket_tags tt JOIN tags t ON t.id = tt.tag_id WHERE tt.ticket_id = ? ORDER BY t.name'
  ).pluck()).all(ticketId) as string[]
}

/** Tags a ticket (creating the tag when new), with an event; false when it already had the tag. */
export function addTicketTag (ctx: StoreContext, row: TicketRow, name: string, initiatedBy: string): boolean {
  const { db, clock } = ctx
  db.insert(tags).values({ name }).onConflictDoNothing().run()
  const tag = db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get()
  if (!tag) return false
  if (db.insert(ticketTags).values({ ticketId: row.id, tagId: tag.id }).onConflictDoNothing().run().changes === 0) return false
  const now = clock.now()
  insertEvent(db, { ticketId: row.id, itemType: 'tags', itemTypeId: name, description: `Tag ${name} added`, initiatedBy, createdAt: now })
  writeTicket(ctx, row, { lastUpdate: now })
  return true
}
