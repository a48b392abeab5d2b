// The database shape of the settings APIs (issue "Settings APIs"): agents' groups, form fields and a
// ticket's values of them, views, and the endpoints of custom channels.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { TicketStatus } from '../domain/vocabulary.js'
import type { ViewColumn, ViewConditions } from '../schemas/views.js'
import { channels, forms, groups, tickets, users } from './schema.js'

/** An agent's groups (Settings > Users: the group checkboxes). */
export const userGroups = sqliteTable('user_groups', {
  userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  groupId: integer('group_id').notNull().references(() => groups.id, { onDelete: 'cascade' })
}, (t) => [primaryKey({ columns: [t.userId, t.groupId] })])

/** A field of a form; a status in required_statuses cannot be set on a ticket of the form while the field is empty. */
export const formFields = sqliteTable('form_fields', {
  id: integer('id').primaryKey(),
  formId: integer('form_id').notNull().references(() => forms.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  inputType: text('input_type').notNull(),
  fieldOrder: integer('field_order').notNull().default(0),
  requiredStatuses: text('required_statuses', { mode: 'json' }).$type<TicketStatus[]>().notNull().default(sql`'[]'`),
  externalCode: text('external_code')
}, (t) => [index('form_fields_form_idx').on(t.formId)])

/** A ticket's value of a form field (PUT /api/v2/form/saveFormFields). */
export const ticketFormValues = sqliteTable('ticket_form_values', {
  ticketId: integer('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  fieldId: integer('field_id').notNull().references(() => formFields.id, { onDelete: 'cascade' }),
  value: text('value').notNull()
}, (t) => [primaryKey({ columns: [t.ticketId, t.fieldId] })])

/** A saved filter of the ticket list (GET /api/v2/ticket?applyView=). */
export const views = sqliteTable('views', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  primarySorting: text('primary_sorting').notNull().default('none'),
  primarySortingOrder: text('primary_sorting_order').notNull().default('asc'),
  secondarySorting: text('secondary_sorting').notNull().default('none'),
  secondarySortingOrder: text('secondary_sorting_order').notNull().default('asc'),
  viewCategoryId: integer('view_category_id'),
  viewOrderId: integer('view_order_id').notNull().default(0),
  conditions: text('conditions', { mode: 'json' }).$type<ViewConditions>().notNull(),
  columns: text('columns', { mode: 'json' }).$type<ViewColumn[]>().notNull().default(sql`'[]'`)
})

/** Where a custom channel's outbound messages go, and how they are signed. */
export const customChannels = sqliteTable('custom_channels', {
  channelId: integer('channel_id').primaryKey().references(() => channels.id, { onDelete: 'cascade' }),
  endpoint: text('custom_channel_endpoint').notNull().default(''),
  secret: text('custom_channel_secret').notNull().default(''),
  includeSignature: integer('include_signature', { mode: 'boolean' }).notNull().default(false),
  warningEn: text('custom_channel_warning_en').notNull().default(''),
  warningNl: text('custom_channel_warning_nl').notNull().default(''),
  availableInQuickTicket: integer('custom_channel_available_in_quick_ticket', { mode: 'boolean' }).notNull().default(false)
})

export type FormFieldRow = typeof formFields.$inferSelect
export type ViewRow = typeof views.$inferSelect
export type CustomChannelRow = typeof customChannels.$inferSelect
