// The ticket's timeline: events (field changes) and the notes and messages people wrote.
import { asc, desc, eq, sql } from 'drizzle-orm'
import { type Db, prepared } from '../db/client.js'
import { channels, ticketEvents, type TicketEventRow, ticketMessages, type TicketMessageRow } from '../db/schema.js'
import type { TimelineEvent, TimelineItem, TimelineMessage, TimelineNote } from '../schemas/tickets.js'

export function toTimelineEvent (row: TicketEventRow): TimelineEvent {
  return {
    id: row.id,
    ticket_id: row.ticketId,
    item_type: row.itemType,
    item_type_id: row.itemTypeId,
    description: row.description,
    initiated_by: row.initiatedBy,
    created_at: row.createdAt,
    type: 'event'
  }
}

/** A note or message, in the key order of the documented example; ids are strings on the wire. */
export function toTimelineMessage (row: TicketMessageRow, channel: { name: string, icon: string } | null): TimelineNote | TimelineMessage {
  const head = {
    to: row.to,
    from: row.from,
    image: row.image,
    created_at: row.createdAt,
    pinned: row.pinned,
    id: String(row.id),
    channel_name: channel?.name ?? null,
    channel_icon: channel?.icon ?? null
  }
  const tail = {
    status_new: row.statusNew,
    user_id: row.userId,
    user_name: row.userName,
    user_avatar: row.userAvatar,
    channel_id: row.channelId,
    direction: row.direction,
    content: row.content,
    ticket_id: row.ticketId,
    external_id: row.externalId,
    from_name: row.fromName,
    to_name: row.toName,
    meta_data: row.metaData,
    in_queue: row.inQueue,
    send_at: row.sendAt
  }
  if (row.type === 'note') return { ...head, type: 'note', ...tail, files: row.files }
  return {
    ...head,
    type: 'message',
    ...tail,
    content_whole: row.contentWhole,
    email_details: row.emailDetails,
    email_show_reply_all: row.emailShowReplyAll,
    files: row.files
  }
}

/** Events oldest first (only with history), then notes and messages newest first, as the example orders them. */
export function listTimeline (db: Db, ticketId: number, withEvents: boolean): TimelineItem[] {
  const items: TimelineItem[] = []
  if (withEvents) {
    const events = prepared(db, 'listEvents', () => db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, sql.placeholder('ticketId')))
      .orderBy(asc(ticketEvents.createdAt), asc(ticketEvents.id)).prepare()).all({ ticketId })
    for (const row of events) items.push(toTimelineEvent(row))
  }
  const messages = prepared(db, 'listMessages', () => db.select({ message: ticketMessages, channelName: channels.name, channelIcon: channels.icon })
    .from(ticketMessages)
    .leftJoin(channels, eq(channels.id, ticketMessages.channelId))
    .where(eq(ticketMessages.ticketId, sql.placeholder('ticketId')))
    .orderBy(desc(ticketMessages.createdAt), desc(ticketMessages.id)).prepare()).all({ ticketId })
  for (const { message, channelName, channelIcon } of messages) {
    const channel = channelName !== null && channelIcon !== null ? { name: channelName, icon: channelIcon } : null
    items.push(toTimelineMessage(message, channel))
  }
  return items
}

/** One timeline event (a plain prepared INSERT: setstatus writes a thousand of them in one request). */
export function insertEvent (db: Db, event: Omit<TicketEventRow, 'id'>): void {
  prepared(db, 'insertEvent', () => db.$client.prepare(
    'INSERT INTO ticket_events (ticket_id, item_type, item_type_id, description, initiated_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'
  )).run(event.ticketId, event.itemType, event.itemTypeId, event.description, event.initiatedBy, event.createdAt)
}
