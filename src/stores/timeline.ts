// The ticket's timeline: events (field changes) and the notes and messages people wrote.
import { asc, desc, eq, sql } from 'drizzle-orm'
import { type Db, preparedPerDb } from '../db/client.js'
import { channels, ticketEvents, type TicketEventRow, ticketMessages } from '../db/schema.js'

const queries = preparedPerDb((db: Db) => ({
  events: db.orm.select().from(ticketEvents).where(eq(ticketEvents.ticketId, sql.placeholder('ticketId')))
    .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id)).prepare(),
  messages: db.orm.select({ message: ticketMessages, channelName: channels.name, channelIcon: channels.icon })
    .from(ticketMessages)
    .leftJoin(channels, eq(channels.id, ticketMessages.channelId))
    .where(eq(ticketMessages.ticketId, sql.placeholder('ticketId')))
    .orderBy(desc(ticketMessages.createdAt), desc(ticketMessages.id)).prepare()
}))

/** The ticket's events, oldest first. */
export function listEventRows (db: Db, ticketId: number): TicketEventRow[] {
  return queries(db).events.all({ ticketId })
}

/** The ticket's notes and messages with their channel's name and icon, newest first. */
export function listMessageRows (db: Db, ticketId: number) {
  return queries(db).messages.all({ ticketId })
}
