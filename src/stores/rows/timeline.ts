// Timeline rows, raw: the event INSERT (setstatus writes a thousand of them in one request), the
// message INSERT and the agent-reply check (every chat and e-mail message of a customer).
import { type Db, preparedPerDb } from '../../db/client.js'
import type { TicketEventRow, ticketMessages } from '../../db/schema.js'

const statements = preparedPerDb((db: Db) => ({
  insertEvent: db.sqlite.prepare(
    'INSERT INTO ticket_events (ticket_id, item_type, item_type_id, description, initiated_by, created_at) VALUES (?, ?, ?, ?, ?, ?)'
  ),
  insertMessage: db.sqlite.prepare(`INSERT INTO ticket_messages (ticket_id, type, "to", "from", created_at, status_new, user_id, user_name, channel_id,
    direction, content, external_id, meta_data, in_queue, send_at, content_whole, email_details, files) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  // The partial index ticket_messages_agent_reply_idx answers it.
  agentHasReplied: db.sqlite.prepare("SELECT EXISTS (SELECT 1 FROM ticket_messages WHERE ticket_id = ? AND type = 'message' AND direction = 'outbound')").pluck()
}))

/** A message or note as the stores add it; the other columns take their defaults. */
export type NewMessageRow = Pick<typeof ticketMessages.$inferInsert, 'ticketId' | 'type' | 'to' | 'from' | 'createdAt' | 'statusNew' | 'userId' | 'userName' |
  'channelId' | 'direction' | 'content' | 'externalId' | 'metaData' | 'inQueue' | 'sendAt' | 'contentWhole' | 'emailDetails' | 'files'>

/** Adds a message or note; its id. */
export function insertMessage (db: Db, m: NewMessageRow): number {
  return Number(statements(db).insertMessage.run(m.ticketId, m.type, m.to ?? null, m.from ?? null, m.createdAt, m.statusNew, m.userId ?? 0, m.userName,
    m.channelId ?? 0, m.direction ?? '', m.content, m.externalId ?? null, m.metaData ?? '[]', m.inQueue ?? 0, m.sendAt ?? null, m.contentWhole ?? null,
    m.emailDetails ?? null, JSON.stringify(m.files ?? [])).lastInsertRowid)
}

/** Whether an agent has sent the ticket's customer a message yet. */
export function agentHasReplied (db: Db, ticketId: number): boolean {
  return statements(db).agentHasReplied.get(ticketId) === 1
}

/** One timeline event. */
export function insertEvent (db: Db, event: Omit<TicketEventRow, 'id'>): void {
  statements(db).insertEvent.run(event.ticketId, event.itemType, event.itemTypeId, event.description, event.initiatedBy, event.createdAt)
}
