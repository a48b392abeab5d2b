// The ticket as the real API puts it on the wire: key order, value types and quirks per CONTRACT.md §3.
import { type Static, Type } from 'typebox'
import { counted, NAME_MAX } from '../limits.js'
import { VIEW_ID_PATTERN } from '../patterns.js'
import { ApiKeyQuerySchema, IdSchema, ItemEnvelope, ListEnvelope, Nullable, OptionalIdSchema, PagingQuerySchema } from './common.js'
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/vocabulary.js'

export const TicketStatusSchema = Type.Enum([...TICKET_STATUSES], { description: 'new, open, pending, holding, solved or closed' })
export const TicketPrioritySchema = Type.Enum([...TICKET_PRIORITIES])

/** A timeline event: a field of the ticket changed (CONTRACT.md §5). `item_type_id` is a string, `id` a number. */
export const TimelineEventSchema = Type.Object({
  id: Type.Integer(),
  ticket_id: Type.Integer(),
  item_type: Type.String({ description: 'The field that changed, e.g. status or assigned_group_id' }),
  item_type_id: Type.String({ description: 'The new value, as a string' }),
  description: Type.String(),
  initiated_by: Type.String({ description: '"trigger: <name>", "api: <key name>" or "user: <name>"' }),
  created_at: Type.String(),
  type: Type.Literal('event')
})

const personItemFields = {
  to: Nullable(Type.String()),
  from: Nullable(Type.String()),
  image: Type.String(),
  created_at: Type.String(),
  pinned: Type.Integer(),
  id: Type.String({ description: 'Notes and messages have string ids (events have numbers)' }),
  channel_name: Nullable(Type.String()),
  channel_icon: Nullable(Type.String())
}
const personItemTail = {
  status_new: Type.String({ description: 'The ticket status this item set' }),
  user_id: Type.Integer(),
  user_name: Type.String(),
  user_avatar: Type.String(),
  channel_id: Type.Integer(),
  direction: Type.String(),
  content: Type.String(),
  ticket_id: Type.Integer(),
  external_id: Nullable(Type.String()),
  from_name: Type.String(),
  to_name: Type.String(),
  meta_data: Type.String({ description: 'JSON, encoded as a string' }),
  in_queue: Type.Integer(),
  send_at: Nullable(Type.String())
}

export const TimelineNoteSchema = Type.Object({
  ...personItemFields,
  type: Type.Literal('note'),
  ...personItemTail,
  files: Type.Array(Type.Unknown())
})

export const TimelineMessageSchema = Type.Object({
  ...personItemFields,
  type: Type.Literal('message'),
  ...personItemTail,
  content_whole: Nullable(Type.String()),
  email_details: Nullable(Type.String()),
  email_show_reply_all: Type.Boolean(),
  files: Type.Array(Type.Unknown())
})

export const TimelineItemSchema = Type.Union([TimelineEventSchema, TimelineNoteSchema, TimelineMessageSchema])

export const CustomerSchema = Type.Object({
  id: Type.Integer(),
  brand_id: Type.Integer(),
  external_primary_id: Nullable(Type.String()),
  firstname: Type.String(),
  lastname: Type.String(),
  created_at: Type.String()
})

export const CustomerChannelSchema = Type.Object({
  id: Type.Integer(),
  brand_id: Type.Integer(),
  customer_id: Type.Integer(),
  channel_id: Type.Integer(),
  unique_reference: Type.String(),
  linked_by_user_id: Type.Integer(),
  name: Type.String(),
  icon: Type.String()
})

/** A custom customer field of the brand with the customer's value (ours: the documented example has none). */
export const CustomFieldSchema = Type.Object({ id: Type.Integer(), name: Type.String(), title: Type.String(), value: Type.String() })

export const AssignOptionSchema = Type.Object({ id: Type.Integer(), name: Type.String() })

/** The stored columns, alphabetically, as the real API lists them first. */
const ticketColumns = {
  assigned_group_id: Type.Integer(),
  assigned_user_id: Type.Integer(),
  channel_account_id: Type.String({ description: 'A string, unlike the other ids' }),
  channel_id: Type.Integer(),
  closed_at: Nullable(Type.String()),
  created_at: Type.String(),
  customer_id: Type.Integer(),
  direction: Type.String(),
  external_gui_url: Nullable(Type.String()),
  external_id: Nullable(Type.String()),
  form_id: Nullable(Type.Integer()),
  from: Type.String(),
  from_name: Type.String(),
  grade_by_customer: Nullable(Type.Integer()),
  icon: Type.String(),
  last_update: Type.String(),
  last_update_agent: Nullable(Type.String()),
  last_update_customer: Nullable(Type.String()),
  priority: Type.String(),
  show_timeline: Type.Integer(),
  sla_breach_customer_wait_time: Nullable(Type.String()),
  sla_breach_first_reply_time: Nullable(Type.String()),
  sla_breach_next_reply_time: Nullable(Type.String()),
  sla_breach_user_work_time: Nullable(Type.String()),
  sla_next_breach: Nullable(Type.String()),
  sla_next_breach_current_status: Nullable(Type.String()),
  sla_policy_id: Nullable(Type.Integer()),
  snooze_time: Nullable(Type.String()),
  snooze_time_sent: Nullable(Type.String()),
  title: Type.String(),
  to: Type.String(),
  to_name: Type.String(),
  status: Type.String(),
  id: Type.Integer(),
  channel_name: Type.String(),
  channel_icon: Type.String(),
  brand_name: Type.String(),
  brand_id: Type.Integer()
}

const ticketTail = {
  following: Type.Boolean(),
  sla_next_breach_seconds: Nullable(Type.Integer({ description: 'Seconds until sla_next_breach by the emulator clock; negative once breached' })),
  customer: Nullable(CustomerSchema),
  customer_channels: Type.Array(CustomerChannelSchema),
  tags: Type.String({ description: 'Tag names, comma-separated' }),
  customer_custom_fields: Type.Array(CustomFieldSchema),
  assign_options_groups: Type.Array(AssignOptionSchema),
  assign_options_users: Type.Array(AssignOptionSchema),
  original_channel_id: Type.Integer()
}

export const TicketSchema = Type.Object({
  ...ticketColumns,
  timeline: Type.Array(TimelineItemSchema, { description: 'Events (with getTicketHistory) oldest first, then notes and messages newest first' }),
  ...ticketTail
})

export const TicketResponseSchema = ItemEnvelope(TicketSchema)

/** A ticket in the list: everything but the timeline (CONTRACT.md §2). */
export const TicketListItemSchema = Type.Object({ ...ticketColumns, ...ticketTail })

export const TicketListResponseSchema = ListEnvelope(TicketListItemSchema)

export const ListTicketsQuerySchema = Type.Object({
  ...ApiKeyQuerySchema.properties,
  ...PagingQuerySchema(9999).properties,
  status: Type.Optional(TicketStatusSchema),
  query: Type.Optional(Type.String({ maxLength: 200, description: 'finds tickets whose title or customer address contains it' })),
  applyView: Type.Optional(Type.String({
    minLength: 2,
    pattern: VIEW_ID_PATTERN,
    description: 'a view\'s id (GET /api/v2/view): the list as the view filters and sorts it, within status and query'
  })),
  searchArchived: Type.Optional(Type.Enum(['0', '1', 'true', 'false'], {
    description: 'also search archived tickets; the emulator archives none, so every ticket is searched either way'
  }))
})

/** The list query after validation: the paging defaults are filled in. */
export type ListTicketsQuery = Static<typeof ListTicketsQuerySchema> & { itemStart: number, itemLimit: number }

export const TicketParamsSchema = Type.Object({ ticketID: IdSchema })

export const GetTicketQuerySchema = Type.Object({
  ...ApiKeyQuerySchema.properties,
  getTicketHistory: Type.Optional(Type.String({ description: 'Also return the event history: 1 or true' }))
})

/** Ours: the real service must bound a title somewhere; NAME_MAX characters is more than any subject line. */
export const TitleSchema = Type.String({ minLength: 1, maxLength: NAME_MAX })

export const CreateTicketBodySchema = Type.Object({
  to: Type.String({ minLength: 1, description: 'to address, e.g. helpdesk@brand.com (the customer for outbound)' }),
  from: Type.String({ minLength: 1, description: 'from address, e.g. customer@freemail.com (the brand for outbound)' }),
  direction: Type.Enum(['inbound', 'outbound'], { description: 'inbound or outbound' }),
  channelID: { ...IdSchema, description: '1 = e-mail, 2 = telephone (see the README for the rest)' },
  brandID: IdSchema,
  title: TitleSchema,
  assignedGroupID: Type.Optional({ ...OptionalIdSchema, description: 'id of the group assigned to the ticket (documented default 0: none)' }),
  formID: Type.Optional({ ...IdSchema, description: 'form id to attach to the ticket' }),
  fromName: Type.Optional(Type.String({ maxLength: NAME_MAX, description: `display name of the sender (ours: at most ${counted(NAME_MAX)} characters)` }))
})

export const UpdateTicketBodySchema = Type.Object({
  title: Type.Optional(TitleSchema),
  // Omnidesk's ticket spec gives PUT's status the pattern ^(solved|closed)$ (README, fidelity notes);
  // the other statuses go through setstatus.
  status: Type.Optional(Type.Enum(['solved', 'closed'], { description: 'solved or closed (Omnidesk\'s spec); other statuses: POST /api/v2/ticket/setstatus' })),
  externalPrimaryID: Type.Optional(Type.String({
    description: 'Your primary (customer) id; when no customer has it, the ticket is set to no customer'
  })),
  assignedGroupID: Type.Optional({ ...OptionalIdSchema, description: 'ours: assign a group of the ticket\'s brand (0: none)' }),
  assignedUserID: Type.Optional({ ...OptionalIdSchema, description: 'ours: assign an agent of the ticket\'s brand (0: none)' })
})

export const SetStatusBodySchema = Type.Object({
  ticketIDs: Type.Array(IdSchema, { minItems: 1, maxItems: 10000, description: 'send as ticketIDs[]=1&ticketIDs[]=2' }),
  status: TicketStatusSchema
})

export const SetPriorityBodySchema = Type.Object({
  ticketIDs: SetStatusBodySchema.properties.ticketIDs,
  priority: TicketPrioritySchema
})

/** DELETE /ticket/multi: the ids in the body, or (a DELETE often carries no body) in the query. */
export const TicketIdsSchema = Type.Object({ ticketIDs: SetStatusBodySchema.properties.ticketIDs })
export const SolveUnfinishedBodySchema = Type.Object({
  ticketIDs: Type.Optional({ ...SetStatusBodySchema.properties.ticketIDs, description: 'ours: these tickets (default: every ticket of the account) that are not solved or closed' })
})

export type Ticket = Static<typeof TicketSchema>
export type TicketListItem = Static<typeof TicketListItemSchema>
export type TimelineItem = Static<typeof TimelineItemSchema>
export type TimelineEvent = Static<typeof TimelineEventSchema>
export type TimelineNote = Static<typeof TimelineNoteSchema>
export type TimelineMessage = Static<typeof TimelineMessageSchema>
export type Customer = Static<typeof CustomerSchema>
export type CustomerChannel = Static<typeof CustomerChannelSchema>
export type CustomFieldValue = Static<typeof CustomFieldSchema>
export type AssignOption = Static<typeof AssignOptionSchema>
export type CreateTicketBody = Static<typeof CreateTicketBodySchema>
export type UpdateTicketBody = Static<typeof UpdateTicketBodySchema>
export type SetStatusBody = Static<typeof SetStatusBodySchema>
