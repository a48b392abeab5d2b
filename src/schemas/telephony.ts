// The telephony controller (Omnidesk's own-telephony guide): a PBX reports its calls. Every call
// answers 200 with `{}`. Where the guide is cut off or silent (updateCall's fields), the fields are ours.
import { type Static, Type } from 'typebox'
import { CALL_ID_PATTERN, PBX_IP_PATTERN, PHONE_DIGITS_PATTERN } from '../patterns.js'
import { CALL_STATES } from '../domain/vocabulary.js'
import { OptionalIdSchema } from './common.js'

const PhoneNumber = (description: string) => Type.String({ minLength: 1, maxLength: 32, pattern: PHONE_DIGITS_PATTERN, description })
const CallId = Type.String({ minLength: 1, maxLength: 200, pattern: CALL_ID_PATTERN, description: 'the PBX\'s id of the call' })
const PbxId = Type.String({ minLength: 1, maxLength: 200, pattern: CALL_ID_PATTERN, description: 'the PBX\'s id' })
const PbxIp = Type.String({ minLength: 1, maxLength: 45, pattern: PBX_IP_PATTERN, description: 'the PBX\'s IP address' })
const CallHead = { callID: CallId, pbxID: PbxId, pbxIP: PbxIp }

const Variables = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
  maxProperties: 100,
  description: 'what the IVR learned (e.g. variables[choice]=2); ours: kept on the call and shown in the timeline event'
})
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, description: 'tags for the ticket (tags[]=…)' })

export const NewInboundCallBodySchema = Type.Object({
  telephoneNumberCalling: PhoneNumber('the caller\'s number'),
  telephoneNumberCalled: PhoneNumber('the number called: picks the brand (each brand\'s numbers are in GET /_emulator/brands)'),
  ...CallHead
})

export const CallCreateTicketBodySchema = Type.Object({
  ...CallHead,
  variables: Type.Optional(Variables),
  tags: Type.Optional(Tags),
  skipAssignment: Type.Optional(Type.Boolean({ description: 'ours: true keeps the ticket unassigned when an agent answers the call (updateCall status answered)' }))
})

export const CallUpdateTicketBodySchema = Type.Object({ ...CallHead, variables: Type.Optional(Variables), tags: Type.Optional(Tags) })

export const UpdateCallBodySchema = Type.Object({
  ...CallHead,
  status: Type.Optional(Type.Enum(['answered', 'ended'], { description: 'ours: answered (by userID) or ended' })),
  userID: Type.Optional({ ...OptionalIdSchema, description: 'ours: the agent who answered; the ticket is assigned to them unless skipAssignment' }),
  duration: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 * 7, description: 'ours: the call\'s length in seconds, when it ended' })),
  variables: Type.Optional(Variables)
})

/** The documented answer of every telephony call. */
export const EmptySchema = Type.Object({}, { additionalProperties: false })

export const CallSchema = Type.Object({
  id: Type.Integer(),
  callId: Type.String(),
  brandId: Type.Integer(),
  pbxId: Type.String(),
  pbxIp: Type.String(),
  numberCalling: Type.String(),
  numberCalled: Type.String(),
  state: Type.Enum([...CALL_STATES]),
  ticketId: Type.Union([Type.Integer(), Type.Null()]),
  variables: Type.Record(Type.String(), Type.Unknown()),
  skipAssignment: Type.Boolean(),
  queueCount: Type.Integer({ description: 'how often callCreateTicket / callUpdateTicket queued it' }),
  createdAt: Type.String(),
  updatedAt: Type.String()
}, { description: 'a call as the PBX reported it' })

export type NewInboundCallBody = Static<typeof NewInboundCallBodySchema>
export type CallCreateTicketBody = Static<typeof CallCreateTicketBodySchema>
export type CallUpdateTicketBody = Static<typeof CallUpdateTicketBodySchema>
export type UpdateCallBody = Static<typeof UpdateCallBodySchema>
