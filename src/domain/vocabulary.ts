// The helpdesk's vocabulary: the words the API, the database, the triggers and the webhooks share.
// It imports nothing, so every layer can use it.

export const TICKET_STATUSES = ['new', 'open', 'pending', 'holding', 'solved', 'closed'] as const
export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const
export const DIRECTIONS = ['inbound', 'outbound'] as const
export const PERMISSIONS = [
  'TICKET_READ', 'TICKET_CREATE', 'TICKET_UPDATE', 'TICKET_DELETE', 'TICKET_BATCH', 'SET_STATUS', 'MESSAGE_CREATE',
  'CUSTOMER_READ', 'CUSTOMER_CUD'
] as const

export type TicketStatus = typeof TICKET_STATUSES[number]
export type TicketPriority = typeof TICKET_PRIORITIES[number]
export type Permission = typeof PERMISSIONS[number]

export const TRIGGER_EVENTS = ['created', 'updated'] as const
export type TriggerEvent = typeof TRIGGER_EVENTS[number]

/** The fields a trigger condition can test. `message` is the kind of item that caused an update, if any. */
export const TRIGGER_FIELDS = [
  'status', 'previous_status', 'channel_id', 'brand_id', 'direction', 'assigned_group_id', 'assigned_user_id',
  'priority', 'title', 'tag', 'customer_id', 'message'
] as const
export const TRIGGER_OPERATORS = ['is', 'is_not', 'in', 'not_in', 'contains', 'not_contains'] as const
export const TRIGGER_ACTIONS = ['set_group', 'set_user', 'set_status', 'set_priority', 'add_tag', 'set_sla_policy'] as const

/** What webhooks report (the names are ours: the README's fidelity notes). */
export const WEBHOOK_EVENTS = [
  'ticket.created', 'ticket.updated', 'ticket.status_changed', 'ticket.assigned', 'ticket.deleted', 'message.created', 'note.created', 'customer.created', 'customer.updated'
] as const
export type WebhookEventType = typeof WEBHOOK_EVENTS[number]

/** The customer API's channel names (`channel_id` is a string there) and the channel ids they stand for. */
export const CUSTOMER_CHANNELS = { email: 1, telephone: 2, facebook: 5, twitter: 7 } as const
export type CustomerChannelName = keyof typeof CUSTOMER_CHANNELS

/** Where a call a PBX reported stands: in the IVR, queued (with a ticket), answered by an agent, ended. */
export const CALL_STATES = ['ivr', 'queued', 'answered', 'ended'] as const
export type CallState = typeof CALL_STATES[number]
