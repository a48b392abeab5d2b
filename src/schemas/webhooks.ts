// Webhooks (CONTRACT.md §7): endpoints, the events we send, and the delivery journal. Event names and
// payloads are ours (see the README's fidelity notes).
import { type Static, Type } from 'typebox'
import { counted, WEBHOOK_QUEUE_LIMIT } from '../limits.js'
import { HTTP_URL_PATTERN, WEBHOOK_SECRET_PATTERN } from '../patterns.js'
import { WEBHOOK_EVENTS } from '../domain/vocabulary.js'
import { CustomerItemSchema } from './customers.js'
import { TicketListItemSchema } from './tickets.js'

export const WebhookInputSchema = Type.Object({
  url: Type.String({ pattern: HTTP_URL_PATTERN, description: 'where to POST events; it must answer OPTIONS with 200/204 and Allow: POST' }),
  events: Type.Optional(Type.Array(Type.Enum([...WEBHOOK_EVENTS]), { minItems: 1, description: 'default: all' })),
  secret: Type.Optional(Type.String({ pattern: WEBHOOK_SECRET_PATTERN, description: 'whsec_ + base64; generated when left out' }))
}, { additionalProperties: false })

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  secret: Type.String(),
  createdAt: Type.String(),
  dropped: Type.Integer({ description: `deliveries dropped because over ${counted(WEBHOOK_QUEUE_LIMIT)} were waiting for this endpoint (oldest first)` })
})

export const WebhooksResponseSchema = Type.Object({ webhooks: Type.Array(WebhookSchema) })

/** The body of every delivery. */
export const WebhookPayloadSchema = Type.Object({
  type: Type.String(),
  timestamp: Type.String({ description: 'emulator time of the change' }),
  data: Type.Object({
    ticket: Type.Union([TicketListItemSchema, Type.Null()], { description: 'as GET shows it, without timeline, right after the change; null for a customer event' }),
    customer: Type.Optional(Type.Union([CustomerItemSchema, Type.Null()], { description: 'customer.* events: the customer as GET /api/v2/customer/{id} shows it' })),
    changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
    item_id: Type.Union([Type.String(), Type.Null()], { description: 'the new note or message' })
  })
})

export const DeliveryAttemptSchema = Type.Object({
  at: Type.String({ description: 'wall-clock time (ISO 8601)' }),
  status: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Number(),
  error: Type.Union([Type.String(), Type.Null()]),
  answer: Type.Optional(Type.String({ description: 'chat hookpoints: the start of the answer (it should be ok)' })),
  headers: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'the headers sent, the signature\'s among them' }))
})

export const DeliverySchema = Type.Object({
  id: Type.String({ description: 'the webhook-id header' }),
  webhookId: Type.String(),
  type: Type.String(),
  ticketId: Type.Integer({ description: '0 for a customer event' }),
  state: Type.Enum(['pending', 'delivered', 'failed', 'dropped'], { description: `dropped: over ${counted(WEBHOOK_QUEUE_LIMIT)} deliveries were waiting for the endpoint` }),
  attempts: Type.Array(DeliveryAttemptSchema)
})

export const DeliveriesResponseSchema = Type.Object({ deliveries: Type.Array(DeliverySchema) })

export type WebhookInput = Static<typeof WebhookInputSchema>
export type Webhook = Static<typeof WebhookSchema>
export type WebhookPayload = Static<typeof WebhookPayloadSchema>
export type Delivery = Static<typeof DeliverySchema>
