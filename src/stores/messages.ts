// Notes and messages added to a ticket's timeline, with the status change they may carry.
import { eq } from 'drizzle-orm'
import { tickets, ticketMessages, type TicketStatus } from '../db/schema.js'
import type { StoreContext } from './context.js'
import { getChannel } from './settings.js'
import { applyTicketChanges, getTicketRow } from './tickets.js'

export interface NewTimelineMessage {
  ticketId: number
  type: 'note' | 'message'
  /** 0 for a note. */
  channelId: number
  /** inbound: the customer wrote it; outbound: an agent did; '' for a note. */
  direction: 'inbound' | 'outbound' | ''
  content: string
  to: string | null
  from: string | null
  userId: number
  userName: string
  submitStatus?: TicketStatus
  externalId?: string | null
}

/**
 * Adds a note or message and returns its id, or undefined when the ticket does not exist. An agent's item
 * moves last_update_agent, a customer's last_update_customer; submitStatus changes the status (with its event).
 */
export function addTimelineMessage (ctx: StoreContext, input: NewTimelineMessage, initiatedBy: string): number | undefined {
  const { db, clock } = ctx
  return db.transaction(() => {
    const row = getTicketRow(ctx, input.ticketId)
    if (!row) return undefined
    const now = clock.now()
    if (input.submitStatus !== undefined) applyTicketChanges(ctx, row, { status: input.submitStatus }, initiatedBy)
    const email = input.type === 'message' && getChannel(db, input.channelId)?.icon === 'e-mail'
    const inserted = db.insert(ticketMessages).values({
      ticketId: row.id,
      type: input.type,
      to: input.to,
      from: input.from,
      createdAt: now,
      statusNew: row.status,
      userId: input.userId,
      userName: input.userName,
      channelId: input.channelId,
      direction: input.direction,
      content: input.content,
      externalId: input.externalId ?? null,
      metaData: email && input.to ? JSON.stringify({ to: input.to.split(',').map((a) => ({ address: a.trim(), name: '' })) }) : '[]',
      contentWhole: input.type === 'message' ? input.content : null,
      emailDetails: email && input.to ? `to: ${input.to}` : null
    }).returning({ id: ticketMessages.id }).get()
    const byCustomer = input.direction === 'inbound'
    db.update(tickets).set(byCustomer
      ? { lastUpdate: now, lastUpdateCustomer: now }
      : { lastUpdate: now, lastUpdateAgent: now }
    ).where(eq(tickets.id, row.id)).run()
    return inserted.id
  })
}
