// The helpdesk's vocabulary: the words the API, the database, the triggers and the webhooks share.
// It imports nothing, so every layer can use it.

export const TICKET_STATUSES = ['new', 'open', 'pending', 'holding', 'solved', 'closed'] as const
export const TICKET_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const
export const DIRECTIONS = ['inbound', 'outbound'] as const
export const PERMISSIONS = [
  'TICKET_READ', 'TICKET_CREATE', 'TICKET_UPDATE', 'TICKET_DELETE', 'TICKET_BATCH', 'SET_STATUS', 'MESSAGE_CREATE',
  'CUSTOMER_READ', 'CUSTOMER_CUD', 'USER_READ', 'USER_CUD', 'FORM_READ', 'FORM_CUD', 'FORM_SAVE', 'VIEW_READ', 'VIEW_CUD',
  'GROUP_CUD', 'CHANNEL_READ', 'CHANNEL_CUD'
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
export type ConditionOperator = typeof TRIGGER_OPERATORS[number]

/**
 * The ticket fields a view's conditions test (`fact`, a ticket column name); `text` is the list's
 * search: the title and the from and to addresses, as the example's `"fact": "text"`.
 */
export const VIEW_FACTS = [
  'status', 'channel_id', 'brand_id', 'direction', 'assigned_group_id', 'assigned_user_id', 'priority', 'title', 'tag', 'customer_id', 'form_id', 'text'
] as const
export type ViewFact = typeof VIEW_FACTS[number]
/** A view's operations: the triggers' operators, and `equals`/`not_equals`/`text` (contains) as Omnidesk's example writes them. */
export const VIEW_OPERATIONS = [...TRIGGER_OPERATORS, 'equals', 'not_equals', 'text'] as const
export type ViewOperation = typeof VIEW_OPERATIONS[number]
export const VIEW_SORTINGS = [
  'none', 'id', 'created_at', 'last_update', 'status', 'priority', 'title', 'brand_id', 'channel_id', 'assigned_user_id', 'assigned_group_id', 'sla_next_breach'
] as const
export type ViewSorting = typeof VIEW_SORTINGS[number]

/** A form field's input types (ours: Omnidesk's spec has an enum it does not list). */
export const FORM_INPUT_TYPES = ['text', 'textarea', 'number', 'date', 'email', 'checkbox', 'select'] as const
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
