// The chat hookpoints' deliveries, and the messages to custom channels' endpoints, as the control API
// shows them (GET /_emulator/hookpoints).
import { type Static, Type } from 'typebox'
import { counted, WEBHOOK_QUEUE_LIMIT } from '../limits.js'
import { DeliveryAttemptSchema } from './webhooks.js'

export const HOOKPOINTS = ['messageForCustomer', 'typingIndicatorForCustomer', 'uploadForCustomer'] as const
export type HookpointName = typeof HOOKPOINTS[number]
/** An agent's message to a custom channel's custom_channel_endpoint. */
export const CUSTOM_CHANNEL_HOOKPOINT = 'customChannel'

export const HookpointDeliverySchema = Type.Object({
  id: Type.String(),
  hookpoint: Type.Enum([...HOOKPOINTS, CUSTOM_CHANNEL_HOOKPOINT], { description: 'customChannel: an agent\'s message to a custom channel\'s endpoint' }),
  url: Type.String({ description: '{chatServer}/{hookpoint}, or the custom channel\'s endpoint' }),
  ticketId: Type.Integer(),
  chatSessionID: Type.String({ description: 'empty for a custom channel' }),
  state: Type.Enum(['pending', 'delivered', 'failed', 'dropped'], { description: `dropped: over ${counted(WEBHOOK_QUEUE_LIMIT)} deliveries were waiting for the chat server` }),
  attempts: Type.Array(DeliveryAttemptSchema)
})

export const HookpointDeliveriesSchema = Type.Object({ deliveries: Type.Array(HookpointDeliverySchema) })

export type HookpointDelivery = Static<typeof HookpointDeliverySchema>
