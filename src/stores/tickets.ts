import { asc, eq, inArray } from 'drizzle-orm'
import { doesNotExist } from '../errors.js'
import { tags, tickets, ticketTags, type TicketPriority, type TicketRow, type TicketStatus } from '../db/schema.js'
import type { CreateTicketBody, Ticket, UpdateTicketBody } from '../schemas/tickets.js'
import { slaForNewTicket } from '../sla.js'
import type { StoreContext } from './context.js'
import { findCustomerIdByExternalPrimaryId, findOrCreateCustomer, getCustomer, listCustomerChannels } from './customers.js'
import { getBrand, getChannel, getForm, getGroup, getSlaPolicy, getUser, listAssignableGroups, listAssignableUsers } from './settings.js'
import { insertEvent, listTimeline } from './timeline.js'

/** The fields whose changes the timeline records as events (CONTRACT.md §5), and the others a change may set. */
export interface TicketChanges {
  status?: TicketStatus
  assignedGroupId?: number
  assignedUserId?: number
  priority?: TicketPriority
  title?: string
  customerId?: number
}

export type ChangedField = keyof TicketChanges

/** The only place that knows both the row and the wire shape of a ticket. */
export function toTicket (ctx: StoreContext, row: TicketRow, withEvents: boolean): Ticket {
  const { db, clock } = ctx
  const channel = getChannel(db, row.channelId)
  const brand = getBrand(db, row.brandId)
  const customer = row.customerId === 0 ? undefined : getCustomer(db, row.customerId)
  return {
    assigned_group_id: row.assignedGroupId,
    assigned_user_id: row.assignedUserId,
    channel_account_id: row.channelAccountId,
    channel_id: row.channelId,
    closed_at: row.closedAt,
    created_at: row.createdAt,
    customer_id: row.customerId,
    direction: row.direction,
    external_gui_url: row.externalGuiUrl,
    external_id: row.externalId,
    form_id: row.formId,
    from: row.from,
    from_name: row.fromName,
    grade_by_customer: row.gradeByCustomer,
    icon: row.icon,
    last_update: row.lastUpdate,
    last_update_agent: row.lastUpdateAgent,
    last_update_customer: row.lastUpdateCustomer,
    priority: row.priority,
    show_timeline: row.showTimeline,
    sla_breach_customer_wait_time: row.slaBreachCustomerWaitTime,
    sla_breach_first_reply_time: row.slaBreachFirstReplyTime,
    sla_breach_next_reply_time: row.slaBreachNextReplyTime,
    sla_breach_user_work_time: row.slaBreachUserWorkTime,
    sla_next_breach: row.slaNextBreach,
    sla_next_breach_current_status: row.slaNextBreachCurrentStatus,
    sla_policy_id: row.slaPolicyId,
    snooze_time: row.snoozeTime,
    snooze_time_sent: row.snoozeTimeSent,
    title: row.title,
    to: row.to,
    to_name: row.toName,
    status: row.status,
    id: row.id,
    channel_name: channel?.name ?? '',
    channel_icon: channel?.icon ?? '',
    brand_name: brand?.name ?? '',
    brand_id: row.brandId,
    timeline: listTimeline(db, row.id, withEvents),
    following: false,
    sla_next_breach_seconds: row.slaNextBreach === null ? null : clock.secondsUntil(row.slaNextBreach),
    customer: customer ?? null,
    customer_channels: customer ? listCustomerChannels(db, customer.id) : [],
    tags: listTicketTags(ctx, row.id).join(','),
    customer_custom_fields: [],
    assign_options_groups: listAssignableGroups(db, row.brandId),
    assign_options_users: listAssignableUsers(db, row.brandId),
    original_channel_id: row.originalChannelId
  }
}

export function getTicketRow ({ db }: StoreContext, id: number): TicketRow | undefined {
  return db.select().from(tickets).where(eq(tickets.id, id)).get()
}

export function getTicket (ctx: StoreContext, id: number, options: { withEvents: boolean }): Ticket | undefined {
  const row = getTicketRow(ctx, id)
  return row && toTicket(ctx, row, options.withEvents)
}

export function listTicketTags ({ db }: StoreContext, ticketId: number): string[] {
  return db.select({ name: tags.name }).from(ticketTags).innerJoin(tags, eq(tags.id, ticketTags.tagId))
    .where(eq(ticketTags.ticketId, ticketId)).orderBy(asc(tags.name)).all().map((t) => t.name)
}

const describe = {
  status: (value: string) => `Status changed to ${value}`,
  priority: (value: string) => `Priority changed to ${value}`
}

/**
 * Applies changes to one ticket: writes the fields, one timeline event for each recorded field whose
 * value really changes, closed_at on (re)closing, and moves last_update. Returns the fields that changed.
 * Runs inside the caller's transaction.
 */
export function applyTicketChanges (
  ctx: StoreContext, row: TicketRow, changes: TicketChanges, initiatedBy: string
): ChangedField[] {
  const { db, clock } = ctx
  const now = clock.now()
  const changed: ChangedField[] = []
  const set: Partial<TicketRow> = {}
  const event = (itemType: string, itemTypeId: string | number, description: string) => {
    insertEvent(db, { ticketId: row.id, itemType, itemTypeId: String(itemTypeId), description, initiatedBy, createdAt: now })
  }
  if (changes.status !== undefined && changes.status !== row.status) {
    set.status = changes.status
    if (changes.status === 'closed') set.closedAt = now
    else if (row.status === 'closed') set.closedAt = null
    event('status', changes.status, describe.status(changes.status))
    changed.push('status')
  }
  if (changes.assignedGroupId !== undefined && changes.assignedGroupId !== row.assignedGroupId) {
    const group = changes.assignedGroupId === 0 ? undefined : getGroup(db, changes.assignedGroupId)
    set.assignedGroupId = changes.assignedGroupId
    event('assigned_group_id', changes.assignedGroupId, group ? `Assigned to ${group.name}` : 'Unassigned from group')
    changed.push('assignedGroupId')
  }
  if (changes.assignedUserId !== undefined && changes.assignedUserId !== row.assignedUserId) {
    const user = changes.assignedUserId === 0 ? undefined : getUser(db, changes.assignedUserId)
    set.assignedUserId = changes.assignedUserId
    event('assigned_user_id', changes.assignedUserId, user ? `Assigned to ${user.name}` : 'Unassigned from user')
    changed.push('assignedUserId')
  }
  if (changes.priority !== undefined && changes.priority !== row.priority) {
    set.priority = changes.priority
    event('priority', changes.priority, describe.priority(changes.priority))
    changed.push('priority')
  }
  if (changes.title !== undefined && changes.title !== row.title) {
    set.title = changes.title
    changed.push('title')
  }
  if (changes.customerId !== undefined && changes.customerId !== row.customerId) {
    set.customerId = changes.customerId
    changed.push('customerId')
  }
  if (changed.length > 0) {
    set.lastUpdate = now
    db.update(tickets).set(set).where(eq(tickets.id, row.id)).run()
    Object.assign(row, set)
  }
  return changed
}

/** Creates a ticket as POST /api/v2/ticket does (CONTRACT.md §4), in one transaction. */
export function createTicket (ctx: StoreContext, input: CreateTicketBody, initiatedBy: string): number {
  const { db, clock } = ctx
  return db.transaction(() => {
    const brand = getBrand(db, input.brandID)
    if (!brand) throw doesNotExist('brand')
    const channel = getChannel(db, input.channelID)
    if (!channel) throw doesNotExist('channel')
    if (input.assignedGroupID !== undefined) {
      const group = getGroup(db, input.assignedGroupID)
      if (!group || group.brandId !== brand.id) throw doesNotExist('group')
    }
    if (input.formID !== undefined) {
      const form = getForm(db, input.formID)
      if (!form || form.brandId !== brand.id) throw doesNotExist('form')
    }
    const inbound = input.direction === 'inbound'
    // For outbound tickets to and from are inverted: the customer is `to` (ticket-api-doc: Create a ticket).
    const customerId = findOrCreateCustomer(ctx, {
      brandId: brand.id,
      channelId: channel.id,
      reference: inbound ? input.from : input.to,
      name: inbound ? input.fromName ?? '' : ''
    })
    const now = clock.now()
    const policy = brand.slaPolicyId === null ? undefined : getSlaPolicy(db, brand.slaPolicyId)
    const sla = slaForNewTicket(policy, now, input.direction)
    const row = db.insert(tickets).values({
      channelId: channel.id,
      createdAt: now,
      customerId,
      direction: input.direction,
      formId: input.formID ?? null,
      from: input.from,
      fromName: input.fromName ?? '',
      icon: channel.icon,
      lastUpdate: now,
      lastUpdateAgent: inbound ? null : now,
      lastUpdateCustomer: inbound ? now : null,
      slaBreachFirstReplyTime: sla.sla_breach_first_reply_time,
      slaNextBreach: sla.sla_next_breach,
      slaNextBreachCurrentStatus: sla.sla_next_breach_current_status,
      slaPolicyId: policy?.id ?? null,
      title: input.title,
      to: input.to,
      brandId: brand.id
    }).returning().get()
    if (input.assignedGroupID !== undefined) {
      applyTicketChanges(ctx, row, { assignedGroupId: input.assignedGroupID }, initiatedBy)
    }
    return row.id
  })
}

/** PUT /api/v2/ticket/:ticketID: only the fields sent change. False when the ticket does not exist. */
export function updateTicket (ctx: StoreContext, id: number, input: UpdateTicketBody, initiatedBy: string): boolean {
  return ctx.db.transaction(() => {
    const row = getTicketRow(ctx, id)
    if (!row) return false
    const changes: TicketChanges = { title: input.title, status: input.status }
    if (input.externalPrimaryID !== undefined) {
      // An unknown external id sets the ticket to no customer (ticket-api-doc: Update Ticket).
      changes.customerId = findCustomerIdByExternalPrimaryId(ctx.db, input.externalPrimaryID) ?? 0
    }
    applyTicketChanges(ctx, row, changes, initiatedBy)
    return true
  })
}

/** POST /api/v2/ticket/setstatus: all or nothing; an unknown id changes no ticket. */
export function setTicketStatuses (ctx: StoreContext, ids: number[], status: TicketStatus, initiatedBy: string): void {
  const { db } = ctx
  const unique = [...new Set(ids)]
  db.transaction(() => {
    const rows = new Map<number, TicketRow>()
    for (let i = 0; i < unique.length; i += 500) {
      for (const row of db.select().from(tickets).where(inArray(tickets.id, unique.slice(i, i + 500))).all()) {
        rows.set(row.id, row)
      }
    }
    if (rows.size !== unique.length) throw doesNotExist('ticket')
    for (const id of unique) applyTicketChanges(ctx, rows.get(id) as TicketRow, { status }, initiatedBy)
  })
}

/** Tags a ticket (creating the tag when new); false when it already had the tag. */
export function addTicketTag ({ db }: StoreContext, ticketId: number, name: string): boolean {
  return db.transaction(() => {
    db.insert(tags).values({ name }).onConflictDoNothing().run()
    const tag = db.select({ id: tags.id }).from(tags).where(eq(tags.name, name)).get()
    if (!tag) return false
    return db.insert(ticketTags).values({ ticketId, tagId: tag.id }).onConflictDoNothing().run().changes > 0
  })
}
