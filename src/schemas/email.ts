// POST /api/v2/email/newInboundMessage (Omnidesk's e-mail spec). messageID, externalID, fromAddress
// and replyToAddress are documented; the brand, the addressee, the subject and the body are named by
// us (the spec's list is cut off): README, fidelity notes.
import { type Static, Type } from 'typebox'
import { counted, MESSAGE_MAX, NAME_MAX } from '../limits.js'
import { EMAIL_PATTERN } from '../patterns.js'
import { IdSchema } from './common.js'

const MAIL_ID_MAX = 998

const Address = (description: string) => Type.Object({
  name: Type.Optional(Type.String({ maxLength: NAME_MAX, description: 'the display name' })),
  address: Type.String({ maxLength: 320, pattern: EMAIL_PATTERN, description: 'the e-mail address' })
}, { description })

export const InboundEmailBodySchema = Type.Object({
  messageID: Type.String({ minLength: 1, maxLength: MAIL_ID_MAX, description: 'the mail\'s Message-ID; a second mail with the same one for the brand is not added again' }),
  externalID: Type.Optional(Type.String({ minLength: 1, maxLength: MAIL_ID_MAX, description: 'the thread: a mail with the externalID (or first messageID) of an open ticket of the brand goes to that ticket' })),
  fromAddress: Address('who sent it: fromAddress[name], fromAddress[address]'),
  replyToAddress: Type.Optional(Address('where answers go, when not to the sender: replyToAddress[name], replyToAddress[address]')),
  brandID: Type.Optional({ ...IdSchema, description: 'ours: the brand; without it, the brand whose address toAddress is' }),
  toAddress: Type.Optional(Address('ours: the brand\'s address it was sent to (toAddress[address]); the brand\'s first address when left out')),
  subject: Type.String({ maxLength: NAME_MAX, description: 'ours: the subject, the title of a new ticket' }),
  body: Type.String({ maxLength: MESSAGE_MAX, description: `ours: the mail's HTML (at most ${counted(MESSAGE_MAX)} characters)` }),
  plaintext: Type.Optional(Type.String({ maxLength: MESSAGE_MAX, description: 'ours: the mail\'s text part; body is used when left out' }))
})

export type InboundEmailBody = Static<typeof InboundEmailBodySchema>
