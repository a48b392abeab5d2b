import { eq } from 'drizzle-orm'
import { tags, type TicketRow, ticketTags } from '../db/schema.js'
import type { StoreContext } from './context.js'
import { writeTicket } from './rows/tickets.js'
import { insertEvent } from './rows/timeline.js'

/** Tags a ticket (creating the tag when new), with an event; false when it already had the tag. */
export function addTicketTag (ctx: StoreContext, row: TicketRow, name: string, initiatedBy: string): boolean {
  const { db, clock } = ctx
  db.orm.insert(tags).values({ name }).onConflictDoNothing().run()
  const tag = db.orm.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get()
  if (!tag) return false
  if (db.orm.insert(ticketTags).values({ ticketId: row.id, tagId: tag.id }).onConflictDoNothing().run().changes === 0) return false
  const now = clock.now()
  insertEvent(db, { ticketId: row.id, itemType: 'tags', itemTypeId: name, description: `Tag ${name} added`, initiatedBy, createdAt: now })
  writeTicket(db, row, { lastUpdate: now })
  return true
}
