// The chat hookpoints' deliveries as the control API shows them (GET /_emulator/hookpoints).
import { type Static, Type } from 'typebox'
import { counted, WEBHOOK_QUEUE_LIMIT } from '../limits.js'
import { DeliveryAttemptSchema } from './webhooks.js'

export const HOOKPOINTS = ['messageForCustomer', 'typingIndicatorForCustomer', 'uploadForCustomer'] as const
export type HookpointName = typeof HOOKPOINTS[number]

export const HookpointDeliverySchema = Type.Object({
  id: Type.String(),
  hookpoint: Type.Enum([...HOOKPOINTS]),
  url: Type.String({ description: '{chatServer}/{hookpoint}' }),
  ticketId: Type.Integer(),
  chatSessionID: Type.String(),
  state: Type.Enum(['pending', 'delivered', 'failed', 'dropped'], { description: `dropped: over ${counted(WEBHOOK_QUEUE_LIMIT)} deliveries were waiting for the chat server` }),
  attempts: Type.Array(DeliveryAttemptSchema)
})

export const HookpointDeliveriesSchema = Type.Object({ deliveries: Type.Array(HookpointDeliverySchema) })

export type HookpointDelivery = Static<typeof HookpointDeliverySchema>
