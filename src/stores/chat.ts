// Live chat escalation (Omnidesk's chatbot-integration page): a chatbot's session opens a ticket on
// its first message, later messages of the session go to the same ticket; events, the end of the
// chat and the customer's attachments. Each command runs in one transaction.
import { and, desc, eq, sql } from 'drizzle-orm'
import { ApiError, doesNotExist } from '../errors.js'
import { chatAccounts, chatSessions, type ChatSessionRow } from '../db/schema-channels.js'
import type { TicketRow } from '../db/schema.js'
import { type Db, placeholders, preparedPerDb } from '../db/client.js'
import type { Attachment, ChatAttachmentBody, ChatEndBody, ChatEventBody, ChatMessageBody } from '../schemas/chat.js'
import type { StoreContext } from './context.js'
import { addTimelineMessage, outgoingMessage } from './messages.js'
import { getTicketRow } from './rows/tickets.js'
import { insertEvent } from './rows/timeline.js'
import { getBrand, getChannel } from './settings.js'
import { createTicketRow } from './tickets.js'

/** Who the customer's side of a chat is in the timeline and in events. */
const CUSTOMER = 'Anonymous'
const TITLE_MAX = 100

// What every chat message asks, prepared once per database (a chat is a stream of small requests).
const queries = preparedPerDb((db: Db) => ({
  brandOfToken: db.orm.select({ brandId: chatAccounts.brandId }).from(chatAccounts).where(eq(chatAccounts.token, sql.placeholder('token'))).prepare(),
  session: db.orm.select().from(chatSessions)
    .where(and(eq(chatSessions.brandId, sql.placeholder('brandId')), eq(chatSessions.sessionId, sql.placeholder('sessionId')))).prepare(),
  nextMessage: db.orm.update(chatSessions)
    .set(placeholders('chatServer', 'url', 'lastMessageNumber'))
    .where(eq(chatSessions.id, sql.placeholder('id'))).prepare(),
  // Asked of every agent message, on any channel: does it go out to a chat?
  sessionOfTicket: db.orm.select().from(chatSessions).where(eq(chatSessions.ticketId, sql.placeholder('ticketId'))).prepare()
}))

/** The brand whose chat account has this token; a wrong token is refused without echoing it. */
export function brandOfChatToken (db: Db, token: string): number {
  const account = queries(db).brandOfToken.get({ token })
  if (!account) throw new ApiError(401, 'The chatAccountToken is not the token of a chat account of this Omnidesk account (the seed\'s chat_accounts hold them; the README names the demo\'s).')
  return account.brandId
}

function findSession (db: Db, brandId: number, sessionId: string): ChatSessionRow | undefined {
  return queries(db).session.get({ brandId, sessionId })
}

function requireSession (db: Db, token: string, sessionId: string): ChatSessionRow {
  const session = findSession(db, brandOfChatToken(db, token), sessionId)
  if (!session) throw new ApiError(400, `There is no chat session '${sessionId}' for this chat account; its first message (POST /api/v2/chat/notifyUserNewChatMessage) opens it.`)
  return session
}

function ticketOf (db: Db, session: ChatSessionRow): TicketRow {
  const row = getTicketRow(db, session.ticketId)
  if (!row) throw doesNotExist('ticket')
  return row
}

/** The ticket's title: the message's first line as text (ours: the real title of a chat ticket is not documented). */
function titleOf (message: string): string {
  const text = message.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').split(/\r?\n/).map((line) => line.trim()).find(Boolean) ?? ''
  const line = text.replace(/\s+/g, ' ')
  return line === '' ? 'Live chat' : line.length > TITLE_MAX ? `${line.slice(0, TITLE_MAX - 1)}…` : line
}

function customerMessage (ctx: StoreContext, row: TicketRow, session: Pick<ChatSessionRow, 'sessionId'>, content: string, initiatedBy: string, files?: Attachment[]): void {
  addTimelineMessage(ctx, row, {
    ticketId: row.id,
    type: 'message',
    channelId: row.channelId,
    direction: 'inbound',
    content,
    to: row.to,
    from: session.sessionId,
    userId: 0,
    userName: CUSTOMER,
    ...(files ? { files } : {})
  }, initiatedBy)
}

/**
 * notifyUserNewChatMessage: the first message of a session opens a ticket (with its customer, SLA,
 * triggers and webhooks like any other), later ones go to the same ticket. A messageNumber not above
 * the last one seen is a retry: answered with the ticket and not added again. Returns the ticket id.
 */
export function receiveChatMessage (ctx: StoreContext, body: ChatMessageBody, chatServer: string, initiatedBy: string): number {
  const { db, clock } = ctx
  return db.transaction(() => {
    const brandId = brandOfChatToken(db, body.chatAccountToken)
    const brand = getBrand(db, brandId)
    if (!brand) throw doesNotExist('brand')
    if (!getChannel(db, body.channelID)) throw doesNotExist('channel')
    const session = findSession(db, brandId, body.chatSessionID)
    const number = body.messageNumber ?? null
    if (session) {
      if (session.endedAt !== null) throw new ApiError(400, `The chat session '${body.chatSessionID}' has ended (notifyUserEndChat); a new chat needs a new chatSessionID.`)
      if (number !== null && session.lastMessageNumber !== null && number <= session.lastMessageNumber) return session.ticketId
      const row = ticketOf(db, session)
      customerMessage(ctx, row, session, body.message, initiatedBy)
      queries(db).nextMessage.run({ chatServer, url: body.url, lastMessageNumber: number ?? session.lastMessageNumber, id: session.id })
      return row.id
    }
    const row = createTicketRow(ctx, {
      to: brand.name, from: body.chatSessionID, direction: 'inbound', channelID: body.channelID, brandID: brandId, title: titleOf(body.message)
    }, initiatedBy)
    db.orm.insert(chatSessions).values({
      brandId, sessionId: body.chatSessionID, ticketId: row.id, chatServer, url: body.url, lastMessageNumber: number, createdAt: clock.now()
    }).run()
    customerMessage(ctx, row, { sessionId: body.chatSessionID }, body.message, initiatedBy)
    return row.id
  })
}

/** notifyUserNewChatEvent: kept on the session (the last one, with its time); no timeline item. */
export function receiveChatEvent ({ db, clock }: StoreContext, body: ChatEventBody): number {
  return db.transaction(() => {
    const session = requireSession(db, body.chatAccountToken, body.chatSessionID)
    db.orm.update(chatSessions).set({ lastEvent: body.event, lastEventAt: clock.now() }).where(eq(chatSessions.id, session.id)).run()
    return session.ticketId
  })
}

/** notifyUserEndChat: the session ends, with an event on the ticket; ending it again changes nothing. */
export function endChat ({ db, clock }: StoreContext, body: ChatEndBody, initiatedBy: string): number {
  return db.transaction(() => {
    const session = requireSession(db, body.chatAccountToken, body.chatSessionID)
    if (session.endedAt !== null) return session.ticketId
    const now = clock.now()
    db.orm.update(chatSessions).set({ endedAt: now }).where(eq(chatSessions.id, session.id)).run()
    insertEvent(db, { ticketId: session.ticketId, itemType: 'chat', itemTypeId: 'ended', description: 'The customer ended the chat', initiatedBy, createdAt: now })
    return session.ticketId
  })
}

/** addAttachment: the customer's files as a message of theirs on the chat's ticket (the files' content is not kept). */
export function addChatAttachment (ctx: StoreContext, body: ChatAttachmentBody, initiatedBy: string): number {
  const { db } = ctx
  return db.transaction(() => {
    const session = requireSession(db, body.chatAccountToken, body.chatSessionID)
    if (session.endedAt !== null) throw new ApiError(400, `The chat session '${body.chatSessionID}' has ended (notifyUserEndChat).`)
    const row = ticketOf(db, session)
    customerMessage(ctx, row, session, body.attachments.map((file) => file.name).join(', '), initiatedBy, body.attachments)
    return row.id
  })
}

/**
 * An agent's message on a ticket with an open chat session, as the hookpoints send it; undefined
 * when the ticket has none or the message waits for its sendAt (ours: a queued message is not sent).
 */
export function agentAnswerOf (db: Db, ticketId: number, messageId: number) {
  const session = queries(db).sessionOfTicket.get({ ticketId })
  if (!session || session.endedAt !== null) return undefined
  const message = outgoingMessage(db, messageId)
  if (!message || message.inQueue !== 0) return undefined
  return { session, messageId, message }
}

/** The open chat session of a ticket (where the agent's typing goes). */
export function openSessionOfTicket (db: Db, ticketId: number): ChatSessionRow | undefined {
  const session = queries(db).sessionOfTicket.get({ ticketId })
  return session?.endedAt === null ? session : undefined
}

/** The newest chat sessions first, at most `limit` (control API). */
export function listChatSessions (db: Db, limit: number): ChatSessionRow[] {
  return db.orm.select().from(chatSessions).orderBy(desc(chatSessions.id)).limit(limit).all()
}

/** The token of a brand's first chat account (the inbox plays a customer's chat with it, never showing it). */
export function chatTokenOfBrand (db: Db, brandId: number): string | undefined {
  return db.orm.select({ token: chatAccounts.token }).from(chatAccounts).where(eq(chatAccounts.brandId, brandId)).orderBy(chatAccounts.id).get()?.token
}

/** The chat server a session of the brand answers to (a played chat goes on where it started). */
export function chatServerOfSession (db: Db, brandId: number, sessionId: string): string | undefined {
  return db.orm.select({ chatServer: chatSessions.chatServer }).from(chatSessions)
    .where(and(eq(chatSessions.brandId, brandId), eq(chatSessions.sessionId, sessionId))).get()?.chatServer
}
