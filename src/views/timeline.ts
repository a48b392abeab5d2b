// The ticket's timeline as the API shows it: events, notes and messages in the documented shapes.
import type { TicketEventRow, TicketMessageRow } from '../db/schema.js'
import type { Db } from '../db/client.js'
import type { TimelineEvent, TimelineItem, TimelineMessage, TimelineNote } from '../schemas/tickets.js'
import { listEventRows, listMessageRows } from '../stores/timeline.js'

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
export function timelineOf (db: Db, ticketId: number, withEvents: boolean): TimelineItem[] {
  const items: TimelineItem[] = []
  if (withEvents) for (const row of listEventRows(db, ticketId)) items.push(toTimelineEvent(row))
  for (const { message, channelName, channelIcon } of listMessageRows(db, ticketId)) {
    const channel = channelName !== null && channelIcon !== null ? { name: channelName, icon: channelIcon } : null
    items.push(toTimelineMessage(message, channel))
  }
  return items
}
