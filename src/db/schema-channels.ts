// The database shape of the channels tickets come in by (issue "Channels in"): the brands' chat
// account tokens, telephone numbers and e-mail addresses, and the state of live chats, calls and
// inbound e-mails. Date-times as in schema.ts: 'YYYY-MM-DD HH:MM:SS' in the account's time zone.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { CALL_STATES } from '../domain/vocabulary.js'
import { brands, ticketMessages, tickets } from './schema.js'

/** A brand's chat account: the token a chat widget or chatbot sends as chatAccountToken. */
export const chatAccounts = sqliteTable('chat_accounts', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  name: text('name').notNull(),
  token: text('token').notNull().unique()
})

/** The numbers a brand is called on: a PBX's telephoneNumberCalled picks the brand. */
export const telephoneNumbers = sqliteTable('telephone_numbers', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  number: text('number').notNull().unique()
})

/** A brand's e-mail addresses (Omnidesk's /email/address): an inbound mail to one goes to its brand. */
export const emailAddresses = sqliteTable('email_addresses', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  address: text('address').notNull().unique(),
  name: text('name').notNull().default('')
})

/** A live chat: the chatbot's session id, the ticket it opened and where the agent's answers go. */
export const chatSessions = sqliteTable('chat_sessions', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  sessionId: text('session_id').notNull(),
  ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  chatServer: text('chat_server').notNull(),
  url: text('url').notNull(),
  lastMessageNumber: integer('last_message_number'),
  lastEvent: text('last_event'),
  lastEventAt: text('last_event_at'),
  createdAt: text('created_at').notNull(),
  endedAt: text('ended_at')
}, (t) => [
  uniqueIndex('chat_sessions_brand_session_idx').on(t.brandId, t.sessionId),
  index('chat_sessions_ticket_idx').on(t.ticketId)
])

/** A call a PBX reported, from newInboundCall on; its ticket once callCreateTicket made one. */
export const calls = sqliteTable('calls', {
  id: integer('id').primaryKey(),
  callId: text('call_id').notNull().unique(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  pbxId: text('pbx_id').notNull(),
  pbxIp: text('pbx_ip').notNull(),
  numberCalling: text('number_calling').notNull(),
  numberCalled: text('number_called').notNull(),
  state: text('state', { enum: CALL_STATES }).notNull(),
  ticketId: integer('ticket_id').references(() => tickets.id, { onDelete: 'set null' }),
  variables: text('variables', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  skipAssignment: integer('skip_assignment', { mode: 'boolean' }).notNull().default(false),
  queueCount: integer('queue_count').notNull().default(0),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull()
}, (t) => [index('calls_ticket_idx').on(t.ticketId)])

/** Inbound e-mails by their messageID, once per brand: a mail sent again is not added again. */
export const inboundEmails = sqliteTable('inbound_emails', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  messageId: text('message_id').notNull(),
  ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  itemId: integer('item_id').notNull().references(() => ticketMessages.id, { onDelete: 'cascade' }),
  createdAt: text('created_at').notNull()
}, (t) => [uniqueIndex('inbound_emails_brand_message_idx').on(t.brandId, t.messageId)])

export type ChatSessionRow = typeof chatSessions.$inferSelect
export type CallRow = typeof calls.$inferSelect
