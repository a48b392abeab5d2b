// Notes and messages added to a ticket's timeline, with the status change they may carry.
import { and, eq, sql } from 'drizzle-orm'
import { type Db, preparedPerDb } from '../db/client.js'
import { ticketMessages, type TicketRow } from '../db/schema.js'
import { ApiError, doesNotExist } from '../errors.js'
import type { ChatbotBody, MessageBody } from '../schemas/messages.js'
import { slaOnAgentReply, slaOnCustomerMessage } from '../sla.js'
import type { StoreContext } from './context.js'
import { requireFormFields } from './forms.js'
import { getBrand, getChannel, getUser } from './settings.js'
import { getTicketRow, writeTicket } from './rows/tickets.js'
import { agentHasReplied, insertMessage } from './rows/timeline.js'
import { applyTicketChanges, policyOf } from './ticket-changes.js'
import { createTicketRow } from './tickets.js'
import { runTriggers } from './triggers.js'
import type { TicketStatus } from '../domain/vocabulary.js'

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
  contentWhole?: string | null
  metaData?: string
  emailDetails?: string | null
  sendAt?: string | null
  inQueue?: number
  /** What files came with it (their content is not kept). */
  files?: unknown[]
}

// Asked of every agent message, on any channel: what goes out to a chat or a custom channel's endpoint.
const queries = preparedPerDb((db: Db) => ({
  outgoing: db.orm.select({
    to: ticketMessages.to,
    content: ticketMessages.content,
    contentWhole: ticketMessages.contentWhole,
    userId: ticketMessages.userId,
    userName: ticketMessages.userName,
    createdAt: ticketMessages.createdAt,
    files: ticketMessages.files,
    inQueue: ticketMessages.inQueue
  }).from(ticketMessages).where(eq(ticketMessages.id, sql.placeholder('id'))).prepare()
}))

/** A message as it goes out to a chat or a custom channel's endpoint. */
export function outgoingMessage (db: Db, id: number) {
  return queries(db).outgoing.get({ id })
}

/** A note or message is the agent's unless the customer wrote it. */
const kindOf = (input: NewTimelineMessage) => input.type === 'note' ? 'note' : input.direction === 'inbound' ? 'inbound' : 'outbound'

/**
 * Adds a note or message to an existing ticket, inside the caller's transaction, and returns its id.
 * An agent's item moves last_update_agent and (a reply) satisfies the reply SLAs; a customer's moves
 * last_update_customer and starts the next-reply clock. submitStatus changes the status (with its
 * event); then the *updated* triggers run.
 */
export function addTimelineMessage (ctx: StoreContext, row: TicketRow, input: NewTimelineMessage, initiatedBy: string): number {
  const { db, clock } = ctx
  if (input.submitStatus !== undefined) requireFormFields(db, row, input.submitStatus)
  const now = clock.now()
  const kind = kindOf(input)
  const sla = kind === 'outbound'
    ? slaOnAgentReply(row)
    : kind === 'inbound' ? slaOnCustomerMessage(row, now, policyOf(ctx, row), agentHasReplied(db, row.id)) : {}
  writeTicket(ctx.db, row, kind === 'inbound'
    ? { ...sla, lastUpdate: now, lastUpdateCustomer: now }
    : { ...sla, lastUpdate: now, lastUpdateAgent: now })
  const previousStatus = row.status
  if (input.submitStatus !== undefined) applyTicketChanges(ctx, row, { status: input.submitStatus }, initiatedBy)
  const id = insertMessage(db, {
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
    metaData: input.metaData ?? '[]',
    inQueue: input.inQueue ?? 0,
    sendAt: input.sendAt ?? null,
    contentWhole: input.type === 'message' ? input.contentWhole ?? input.content : null,
    emailDetails: input.emailDetails ?? null,
    files: input.files ?? []
  })
  ctx.events?.push({ type: input.type === 'note' ? 'note.created' : 'message.created', ticketId: row.id, at: now, itemId: id })
  runTriggers(ctx, row, { event: 'updated', previousStatus, message: kind })
  return id
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/

function addresses (field: string, value: string | undefined): string[] {
  const list = (value ?? '').split(',').map((a) => a.trim()).filter(Boolean)
  const bad = list.find((a) => !EMAIL.test(a))
  if (bad !== undefined) throw new ApiError(400, `The field '${field}' must hold e-mail addresses separated by commas; '${bad}' is not one.`)
  return list
}

/** POST /api/v2/message: validates the references, then adds the item in one transaction. */
export function createMessage (ctx: StoreContext, body: MessageBody, initiatedBy: string): number {
  const { db, clock } = ctx
  return db.transaction(() => {
    const row = getTicketRow(ctx.db, body.ticketID)
    if (!row) throw doesNotExist('ticket')
    const note = body.type === 0
    const channelId = note ? 0 : body.type === 'calllog' ? 2 : body.type === 'contactform' ? 4 : Number(body.type)
    const channel = note ? undefined : getChannel(db, channelId)
    if (!note && !channel) throw doesNotExist('channel')
    // 0 is the documented default of both: none.
    const user = body.userID ? getUser(db, body.userID) : undefined
    if (body.userID && !user) throw doesNotExist('user')
    if (body.respondMessageID) {
      const original = db.orm.select({ id: ticketMessages.id }).from(ticketMessages)
        .where(and(eq(ticketMessages.id, body.respondMessageID), eq(ticketMessages.ticketId, row.id))).get()
      if (!original) throw doesNotExist('message')
    }
    if (body.sendAt !== undefined && clock.tryParse(body.sendAt) === undefined) throw new ApiError(400, "The field 'sendAt' is not a real date-time.")
    const cc = addresses('ccInput', body.ccInput)
    const bcc = addresses('bccInput', body.bccInput)
    const inbound = body.direction === 'inbound'
    // The customer's side of the ticket: `from` of an inbound ticket, `to` of an outbound one.
    const customerAddress = row.direction === 'inbound' ? row.from : row.to
    const brandAddress = row.direction === 'inbound' ? row.to : row.from
    const to = note ? null : inbound ? brandAddress : (body.toAddress?.trim() || customerAddress)
    const from = note ? null : inbound ? customerAddress : brandAddress
    const email = channel?.icon === 'e-mail'
    if (email && !inbound) addresses('toAddress', to ?? '')
    const meta = email && to !== null
      ? JSON.stringify({
        to: to.split(',').map((a) => ({ address: a.trim(), name: '' })),
        ...(cc.length > 0 ? { cc: cc.map((address) => ({ address, name: '' })) } : {}),
        ...(bcc.length > 0 ? { bcc: bcc.map((address) => ({ address, name: '' })) } : {})
      })
      : '[]'
    const queued = body.sendAt !== undefined && clock.parse(body.sendAt) > clock.nowMs()
    return addTimelineMessage(ctx, row, {
      ticketId: row.id,
      type: note ? 'note' : 'message',
      channelId,
      direction: note ? '' : inbound ? 'inbound' : 'outbound',
      content: body.message,
      to,
      from,
      userId: inbound ? 0 : user?.id ?? 0,
      userName: inbound ? 'Anonymous' : user?.name ?? 'Agent Anonymous',
      submitStatus: body.submitStatus,
      contentWhole: body.plaintext ? body.plaintext : body.message,
      metaData: meta,
      emailDetails: email && to !== null ? [`to: ${to}`, ...(cc.length > 0 ? [`cc: ${cc.join(', ')}`] : [])].join(', ') : null,
      sendAt: body.sendAt ?? null,
      inQueue: queued ? 1 : 0,
      files: body.attachments ?? []
    }, initiatedBy)
  })
}

/** The live chat channel, where a chatbot's tickets come in (channel 8 is documented as live chat). */
const LIVE_CHAT = 8

/**
 * POST /api/v2/message/chatbot: an inbound live-chat ticket from `from`, titled `subject`, with the
 * message as its first customer message, in one transaction. Like any new ticket it gets its
 * customer, SLA, triggers and webhooks. Returns the ticket's id.
 */
export function createChatbotTicket (ctx: StoreContext, body: ChatbotBody, initiatedBy: string): number {
  const { db } = ctx
  return db.transaction(() => {
    const brand = getBrand(db, body.brandID)
    if (!brand) throw doesNotExist('brand')
    const row = createTicketRow(ctx, { to: brand.name, from: body.from, direction: 'inbound', channelID: LIVE_CHAT, brandID: brand.id, title: body.subject }, initiatedBy)
    addTimelineMessage(ctx, row, {
      ticketId: row.id,
      type: 'message',
      channelId: LIVE_CHAT,
      direction: 'inbound',
      content: body.message,
      to: brand.name,
      from: body.from,
      userId: 0,
      userName: 'Anonymous'
    }, initiatedBy)
    return row.id
  })
}
