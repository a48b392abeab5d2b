// The chat controller's customer side (Omnidesk's chatbot-integration page and chat spec) and the
// hookpoints' bodies. Where the pages name no parameter or no shape, it is ours (README, fidelity notes).
import { type Static, Type } from 'typebox'
import { counted, MESSAGE_MAX, NAME_MAX, UPLOAD_LIMITS } from '../limits.js'
import { CHAT_SERVER_PATTERN, CHAT_TOKEN_PATTERN } from '../patterns.js'
import { IdSchema } from './common.js'

const URL_MAX = 2000

const Token = Type.String({ minLength: 10, maxLength: 200, pattern: CHAT_TOKEN_PATTERN, description: 'the brand\'s chat account token (Settings > Live chat; the demo brand MyBrand\'s is demochattoken0001)' })
const SessionId = Type.String({ minLength: 1, maxLength: 200, description: 'your session id, the same for the whole chat' })

/** A file as the emulator keeps it: what it is, not its content (ours: the page does not show the parameters). */
export const AttachmentSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255, description: 'the file name' }),
  type: Type.Optional(Type.String({ maxLength: 255, description: 'its MIME type' })),
  size: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'its size in bytes' })),
  url: Type.Optional(Type.String({ maxLength: URL_MAX, description: 'where it can be downloaded' }))
})

const ATTACHMENTS = `ours: at most ${UPLOAD_LIMITS.files} files, as multipart file parts (whatever their field name; the content is read and dropped) or as attachments[i][name], [type], [size], [url]`

/** Files sent with a message: multipart file parts arrive here too. */
export const AttachmentsSchema = Type.Array(AttachmentSchema, { maxItems: UPLOAD_LIMITS.files, description: ATTACHMENTS })

export const ChatMessageBodySchema = Type.Object({
  messageNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the message count within this chat session, starting with 1; ours: a number not above the last one is a retry, not added again' })),
  url: Type.String({ minLength: 1, maxLength: URL_MAX, description: 'the url the chat was created from' }),
  message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX, description: `the customer's message or the chatbot's history (ours: at most ${counted(MESSAGE_MAX)} characters)` }),
  channelID: { ...IdSchema, description: '8 for live chat' },
  chatAccountToken: Token,
  chatSessionID: SessionId,
  chatServer: Type.String({ minLength: 5, maxLength: URL_MAX, pattern: CHAT_SERVER_PATTERN, description: 'your server: the base of the hookpoints (https:// is assumed without a scheme)' })
})

export const ChatEventBodySchema = Type.Object({
  chatAccountToken: Token,
  chatSessionID: SessionId,
  event: Type.String({ minLength: 1, maxLength: NAME_MAX, description: 'ours: what happened, e.g. typing or stopped_typing (kept as the session\'s last event)' })
})

export const ChatEndBodySchema = Type.Object({ chatAccountToken: Token, chatSessionID: SessionId })

export const ChatAttachmentBodySchema = Type.Object({
  chatAccountToken: Token,
  chatSessionID: SessionId,
  attachments: Type.Array(AttachmentSchema, { minItems: 1, maxItems: UPLOAD_LIMITS.files, description: ATTACHMENTS })
})

/** POST /_emulator/chats/{ticketID}/typing: play the agent typing, for the typingIndicatorForCustomer hookpoint. */
export const TypingBodySchema = Type.Object({
  userID: Type.Optional({ ...IdSchema, description: 'the agent (default: none, Agent Anonymous)' }),
  typing: Type.Optional(Type.Boolean({ description: 'false: stopped typing (default true)' }))
}, { additionalProperties: false })

export const ChatSessionSchema = Type.Object({
  id: Type.Integer(),
  brandId: Type.Integer(),
  sessionId: Type.String(),
  ticketId: Type.Integer(),
  chatServer: Type.String({ description: 'the hookpoints\' base URL' }),
  url: Type.String(),
  lastMessageNumber: Type.Union([Type.Integer(), Type.Null()]),
  lastEvent: Type.Union([Type.String(), Type.Null()]),
  lastEventAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  endedAt: Type.Union([Type.String(), Type.Null()])
})

export type Attachment = Static<typeof AttachmentSchema>
export type ChatMessageBody = Static<typeof ChatMessageBodySchema>
export type ChatEventBody = Static<typeof ChatEventBodySchema>
export type ChatEndBody = Static<typeof ChatEndBodySchema>
export type ChatAttachmentBody = Static<typeof ChatAttachmentBodySchema>
