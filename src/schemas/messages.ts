// POST /api/v2/message (Omnidesk's message page; CONTRACT.md §4).
import { type Static, Type } from 'typebox'
import { counted, MESSAGE_MAX, NAME_MAX } from '../limits.js'
import { DATE_TIME_PATTERN } from '../patterns.js'
import { AttachmentsSchema } from './chat.js'
import { IdSchema, OptionalIdSchema } from './common.js'
import { TicketStatusSchema } from './tickets.js'

/** Ours: a message's content holds at most a million characters (a large HTML mail is far less). */

export const MessageBodySchema = Type.Object({
  ticketID: IdSchema,
  type: Type.Union([Type.Integer({ minimum: 0 }), Type.Enum(['calllog', 'contactform'])], {
    description: 'a channel number (0 = internal note, 1 = e-mail, ...), calllog or contactform'
  }),
  message: Type.String({ minLength: 5, maxLength: MESSAGE_MAX, description: `the content (HTML for e-mail), at least 5 characters (ours: at most ${counted(MESSAGE_MAX)})` }),
  toAddress: Type.Optional(Type.String({ description: 'comma-separated addresses; empty for notes and contact forms' })),
  ccInput: Type.Optional(Type.String({ description: 'comma-separated e-mail addresses' })),
  bccInput: Type.Optional(Type.String({ description: 'comma-separated e-mail addresses' })),
  respondMessageID: Type.Optional({ ...OptionalIdSchema, description: 'reply to this message (documented default 0: none)' }),
  plaintext: Type.Optional(Type.String({ maxLength: MESSAGE_MAX, description: 'the e-mail text part; message is used when empty' })),
  forwardedFileIDs: Type.Optional(Type.Array(IdSchema)),
  sendAt: Type.Optional(Type.String({ pattern: DATE_TIME_PATTERN, description: 'queue the message until YYYY-MM-DD HH:MM:SS' })),
  userID: Type.Optional({ ...OptionalIdSchema, description: 'the agent (documented default 0: Agent Anonymous)' }),
  submitStatus: Type.Optional(TicketStatusSchema),
  direction: Type.Optional(Type.Enum(['inbound', 'outbound'], {
    description: 'ours: inbound records a message from the customer (default outbound, from an agent)'
  })),
  attachments: Type.Optional(AttachmentsSchema)
})

export type MessageBody = Static<typeof MessageBodySchema>

/** POST /api/v2/message/chatbot (Omnidesk's message spec): a ticket with its message, from a chatbot. */
export const ChatbotBodySchema = Type.Object({
  brandID: IdSchema,
  message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX, description: 'the customer\'s message, or the chatbot\'s history' }),
  subject: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'the ticket\'s title' }),
  from: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'who the customer is: an e-mail address, a name or the chatbot\'s id of them' })
})

export const ChatbotResultSchema = Type.Object({ type: Type.Literal('result'), message: Type.String(), ticketID: Type.Integer() })

export type ChatbotBody = Static<typeof ChatbotBodySchema>
