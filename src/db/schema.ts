// The database shape of one emulated Omnidesk account (each account is its own SQLite database).
// Date-times are stored as the wire shows them: 'YYYY-MM-DD HH:MM:SS' in the account's time zone.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { DIRECTIONS, type Permission, TICKET_PRIORITIES, TICKET_STATUSES, TRIGGER_EVENTS } from '../domain/vocabulary.js'
import type { TriggerAction, TriggerConditions } from '../schemas/triggers.js'

/** Business hours of an SLA policy: the clock only runs on these weekdays (1 = Monday) between start and end. */
export interface BusinessHours { days: number[], start: string, end: string }

export const slaPolicies = sqliteTable('sla_policies', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  firstReplyMinutes: integer('first_reply_minutes'),
  nextReplyMinutes: integer('next_reply_minutes'),
  userWorkMinutes: integer('user_work_minutes'),
  customerWaitMinutes: integer('customer_wait_minutes'),
  businessHours: text('business_hours', { mode: 'json' }).$type<BusinessHours>()
})

export const brands = sqliteTable('brands', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  slaPolicyId: integer('sla_policy_id').references(() => slaPolicies.id),
  /** Settings > Brands > CRM sync url: where Omnidesk looks up the customer of a new address (ours to call). */
  crmSyncUrl: text('crm_sync_url')
})

export const channels = sqliteTable('channels', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  icon: text('icon').notNull(),
  /** A custom channel (POST /api/v2/channel); its endpoint and secret are in custom_channels (schema-settings.ts). */
  custom: integer('custom', { mode: 'boolean' }).notNull().default(false)
})

export const groups = sqliteTable('groups', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  name: text('name').notNull()
}, (t) => [index('groups_brand_idx').on(t.brandId)])

export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  name: text('name').notNull(),
  email: text('email').notNull(),
  telephone: text('telephone').notNull().default(''),
  /** An inactive agent is listed (unless activeOnly) but offered for no assignment. */
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  avatar: text('avatar').notNull().default(''),
  /** GET /api/v2/user/settings: the agent's own settings (ours, README fidelity notes). */
  settings: text('settings', { mode: 'json' }).$type<Record<string, string | number | boolean>>().notNull().default(sql`'{}'`)
}, (t) => [index('users_brand_idx').on(t.brandId)])

export const forms = sqliteTable('forms', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  name: text('name').notNull()
})

// Customer search reads a trigram index of each customer's names, primary id and channel addresses
// (customer_search, an FTS5 table drizzle cannot describe; migration 0008): triggers note the customers
// that change (customer_search_pending, migration 0010) and a search indexes them first
// (src/stores/customers.ts, refreshCustomerSearch).
export const customers = sqliteTable('customers', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  externalPrimaryId: text('external_primary_id'),
  firstname: text('firstname').notNull(),
  lastname: text('lastname').notNull(),
  createdAt: text('created_at').notNull(),
  // A customer merged into another keeps its channels under its old id (how the documented example
  // can list a channel of customer 624822 for customer 626822).
  mergedIntoId: integer('merged_into_id')
}, (t) => [
  // Partial, as most customers have no primary id: a new one then writes no page of this index.
  index('customers_external_primary_idx').on(t.externalPrimaryId).where(sql`${t.externalPrimaryId} IS NOT NULL`),
  // Every ticket read lists the channels of customers merged into its customer.
  index('customers_merged_into_idx').on(t.mergedIntoId)
])

export const customerChannels = sqliteTable('customer_channels', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  customerId: integer('customer_id').notNull().references(() => customers.id),
  channelId: integer('channel_id').notNull().references(() => channels.id),
  uniqueReference: text('unique_reference').notNull(),
  linkedByUserId: integer('linked_by_user_id').notNull().default(0)
}, (t) => [
  index('customer_channels_customer_idx').on(t.customerId),
  uniqueIndex('customer_channels_reference_idx').on(t.brandId, t.uniqueReference)
])

/** A brand's custom customer fields: set by name in the customer API, shown on tickets. */
export const customerFields = sqliteTable('customer_fields', {
  id: integer('id').primaryKey(),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  name: text('name').notNull(),
  title: text('title').notNull()
}, (t) => [uniqueIndex('customer_fields_brand_name_idx').on(t.brandId, t.name)])

export const customerFieldValues = sqliteTable('customer_field_values', {
  customerId: integer('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
  fieldId: integer('field_id').notNull().references(() => customerFields.id, { onDelete: 'cascade' }),
  value: text('value').notNull()
}, (t) => [primaryKey({ columns: [t.customerId, t.fieldId] })])

export const tickets = sqliteTable('tickets', {
  id: integer('id').primaryKey(),
  assignedGroupId: integer('assigned_group_id').notNull().default(0),
  assignedUserId: integer('assigned_user_id').notNull().default(0),
  channelAccountId: text('channel_account_id').notNull().default('0'),
  channelId: integer('channel_id').notNull().references(() => channels.id),
  closedAt: text('closed_at'),
  createdAt: text('created_at').notNull(),
  customerId: integer('customer_id').notNull().default(0),
  direction: text('direction', { enum: DIRECTIONS }).notNull(),
  externalGuiUrl: text('external_gui_url'),
  externalId: text('external_id'),
  formId: integer('form_id').references(() => forms.id),
  from: text('from').notNull(),
  fromName: text('from_name').notNull().default(''),
  gradeByCustomer: integer('grade_by_customer'),
  icon: text('icon').notNull(),
  lastUpdate: text('last_update').notNull(),
  lastUpdateAgent: text('last_update_agent'),
  lastUpdateCustomer: text('last_update_customer'),
  priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('medium'),
  showTimeline: integer('show_timeline').notNull().default(1),
  slaBreachCustomerWaitTime: text('sla_breach_customer_wait_time'),
  slaBreachFirstReplyTime: text('sla_breach_first_reply_time'),
  slaBreachNextReplyTime: text('sla_breach_next_reply_time'),
  slaBreachUserWorkTime: text('sla_breach_user_work_time'),
  slaNextBreach: text('sla_next_breach'),
  slaNextBreachCurrentStatus: text('sla_next_breach_current_status'),
  slaPolicyId: integer('sla_policy_id').references(() => slaPolicies.id),
  snoozeTime: text('snooze_time'),
  snoozeTimeSent: text('snooze_time_sent'),
  title: text('title').notNull(),
  to: text('to').notNull(),
  toName: text('to_name').notNull().default(''),
  status: text('status', { enum: TICKET_STATUSES }).notNull().default('new'),
  brandId: integer('brand_id').notNull().references(() => brands.id),
  originalChannelId: integer('original_channel_id').notNull().default(0),
  /** When the SLA clocks stopped (the ticket went pending or holding); null while they run. Not on the wire. */
  slaPausedAt: text('sla_paused_at')
}, (t) => [
  index('tickets_status_idx').on(t.status, t.id),
  index('tickets_customer_idx').on(t.customerId),
  // An inbound e-mail threads into the ticket of its brand with its externalID. Partial, as most
  // tickets have none: a ticket made through the API then writes no page of it (bench/RESULTS.md).
  index('tickets_external_idx').on(t.externalId).where(sql`${t.externalId} IS NOT NULL`)
])

export const ticketEvents = sqliteTable('ticket_events', {
  id: integer('id').primaryKey(),
  ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  itemType: text('item_type').notNull(),
  itemTypeId: text('item_type_id').notNull(),
  description: text('description').notNull(),
  initiatedBy: text('initiated_by').notNull(),
  createdAt: text('created_at').notNull()
}, (t) => [index('ticket_events_ticket_idx').on(t.ticketId, t.id)])

/** Notes and messages: the timeline items a person wrote (events are in ticket_events). */
export const ticketMessages = sqliteTable('ticket_messages', {
  id: integer('id').primaryKey(),
  ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  type: text('type', { enum: ['note', 'message'] }).notNull(),
  to: text('to'),
  from: text('from'),
  image: text('image').notNull().default(''),
  createdAt: text('created_at').notNull(),
  pinned: integer('pinned').notNull().default(0),
  statusNew: text('status_new').notNull(),
  userId: integer('user_id').notNull().default(0),
  userName: text('user_name').notNull(),
  userAvatar: text('user_avatar').notNull().default(''),
  channelId: integer('channel_id').notNull().default(0),
  direction: text('direction').notNull().default(''),
  content: text('content').notNull(),
  externalId: text('external_id'),
  fromName: text('from_name').notNull().default(''),
  toName: text('to_name').notNull().default(''),
  metaData: text('meta_data').notNull().default('[]'),
  inQueue: integer('in_queue').notNull().default(0),
  sendAt: text('send_at'),
  contentWhole: text('content_whole'),
  emailDetails: text('email_details'),
  emailShowReplyAll: integer('email_show_reply_all', { mode: 'boolean' }).notNull().default(false),
  files: text('files', { mode: 'json' }).$type<unknown[]>().notNull().default(sql`'[]'`)
}, (t) => [
  index('ticket_messages_ticket_idx').on(t.ticketId, t.id),
  // Whether an agent has replied yet (the reply SLAs ask it on every customer message): found without
  // reading the ticket's other messages, which a long chat has thousands of.
  index('ticket_messages_agent_reply_idx').on(t.ticketId).where(sql`${t.type} = 'message' AND ${t.direction} = 'outbound'`)
])

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique()
})

export const ticketTags = sqliteTable('ticket_tags', {
  ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  tagId: integer('tag_id').notNull().references(() => tags.id)
}, (t) => [primaryKey({ columns: [t.ticketId, t.tagId] })])

/** Account rules run on ticket creation and on updates, in position order (CONTRACT.md §6). */
export const triggers = sqliteTable('triggers', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  event: text('event', { enum: TRIGGER_EVENTS }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  position: integer('position').notNull().default(0),
  conditions: text('conditions', { mode: 'json' }).$type<TriggerConditions>().notNull(),
  actions: text('actions', { mode: 'json' }).$type<TriggerAction[]>().notNull()
})

export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  key: text('key').notNull().unique(),
  permissions: text('permissions', { mode: 'json' }).$type<Permission[]>().notNull()
})

export type SlaPolicyRow = typeof slaPolicies.$inferSelect
export type BrandRow = typeof brands.$inferSelect
export type ChannelRow = typeof channels.$inferSelect
export type GroupRow = typeof groups.$inferSelect
export type UserRow = typeof users.$inferSelect
export type FormRow = typeof forms.$inferSelect
export type CustomerRow = typeof customers.$inferSelect
export type CustomerChannelRow = typeof customerChannels.$inferSelect
export type CustomerFieldRow = typeof customerFields.$inferSelect
export type TicketRow = typeof tickets.$inferSelect
export type NewTicketRow = typeof tickets.$inferInsert
export type TicketEventRow = typeof ticketEvents.$inferSelect
export type TicketMessageRow = typeof ticketMessages.$inferSelect
export type ApiKeyRow = typeof apiKeys.$inferSelect
export type TriggerRow = typeof triggers.$inferSelect

/**
 * One row whose `version` SQL triggers (migrations/0004) bump on every change to the settings tables
 * (brands, channels, groups, users, forms, SLA policies, triggers, API keys): the settings read on
 * every request are kept in memory until it moves, whoever wrote them.
 */
export const settingsVersion = sqliteTable('settings_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull()
})
