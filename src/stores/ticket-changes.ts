// How a ticket changes: the fields, the timeline events for the fields the timeline records
// (CONTRACT.md §5), closed_at, last_update and the SLA clocks. Every writer of tickets goes through here.
import type { TicketRow } from '../db/schema.js'
import { type SlaColumns, slaOnCreate, slaOnStatus, slaOnUserAssigned } from '../sla.js'
import type { DomainEvent, StoreContext } from './context.js'
import { getGroup, getSlaPolicy, getUser } from './settings.js'
import { getCustomer } from './rows/customers.js'
import { writeTicket } from './rows/tickets.js'
import { insertEvent } from './rows/timeline.js'
import type { TicketPriority, TicketStatus } from '../domain/vocabulary.js'

export interface TicketChanges {
  status?: TicketStatus
  assignedGroupId?: number
  assignedUserId?: number
  priority?: TicketPriority
  title?: string
  customerId?: number
  slaPolicyId?: number
}

export type ChangedField = keyof TicketChanges

/** How a timeline event names a customer: its name, and your id when it has one (ours). */
function customerName (customer: { id: number, firstname: string, lastname: string, external_primary_id: string | null }): string {
  const name = `${customer.firstname} ${customer.lastname}`.trim() || `customer ${customer.id}`
  return customer.external_primary_id === null ? name : `${name} (${customer.external_primary_id})`
}

export function policyOf ({ db }: StoreContext, row: Pick<TicketRow, 'slaPolicyId'>) {
  return row.slaPolicyId === null ? undefined : getSlaPolicy(db, row.slaPolicyId)
}

const WIRE_NAMES: Record<ChangedField, string> = {
  status: 'status',
  assignedGroupId: 'assigned_group_id',
  assignedUserId: 'assigned_user_id',
  priority: 'priority',
  title: 'title',
  customerId: 'customer_id',
  slaPolicyId: 'sla_policy_id'
}

/** The webhook events of one change: ticket.updated always, status_changed and assigned when they apply. */
function reportChanges (events: DomainEvent[], before: TicketRow, after: TicketRow, changed: ChangedField[], at: string): void {
  const changesOf = (fields: ChangedField[]) => Object.fromEntries(fields.map((field) => [WIRE_NAMES[field], { from: before[field], to: after[field] }]))
  events.push({ type: 'ticket.updated', ticketId: after.id, at, changes: changesOf(changed) })
  if (changed.includes('status')) events.push({ type: 'ticket.status_changed', ticketId: after.id, at, changes: changesOf(['status']) })
  const assigned = changed.filter((field) => field === 'assignedGroupId' || field === 'assignedUserId')
  if (assigned.length > 0) events.push({ type: 'ticket.assigned', ticketId: after.id, at, changes: changesOf(assigned) })
}

/**
 * Applies changes to one ticket inside the caller's transaction: one timeline event for each recorded
 * field whose value really changes, closed_at on (re)closing, the SLA clocks, and last_update.
 * Returns the fields that changed (none for a value the ticket already has).
 */
export function applyTicketChanges (
  ctx: StoreContext, row: TicketRow, changes: TicketChanges, initiatedBy: string
): ChangedField[] {
  const { db, clock } = ctx
  const now = clock.now()
  const changed: ChangedField[] = []
  const set: Partial<TicketRow> = {}
  let sla: SlaColumns | undefined
  const event = (itemType: string, itemTypeId: string | number, description: string) => {
    insertEvent(db, { ticketId: row.id, itemType, itemTypeId: String(itemTypeId), description, initiatedBy, createdAt: now })
  }
  if (changes.slaPolicyId !== undefined && changes.slaPolicyId !== row.slaPolicyId) {
    set.slaPolicyId = changes.slaPolicyId
    sla = slaOnCreate(policyOf(ctx, set as TicketRow), row.createdAt, row.direction)
    changed.push('slaPolicyId')
  }
  if (changes.status !== undefined && changes.status !== row.status) {
    set.status = changes.status
    if (changes.status === 'closed') set.closedAt = now
    else if (row.status === 'closed') set.closedAt = null
    sla = slaOnStatus(sla ? { ...row, ...sla } : row, changes.status, now, policyOf(ctx, { slaPolicyId: set.slaPolicyId ?? row.slaPolicyId }))
    event('status', changes.status, `Status changed to ${changes.status}`)
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
    if (user) sla = slaOnUserAssigned({ ...row, ...set, ...sla }, now, policyOf(ctx, { slaPolicyId: set.slaPolicyId ?? row.slaPolicyId }))
    event('assigned_user_id', changes.assignedUserId, user ? `Assigned to ${user.name}` : 'Unassigned from user')
    changed.push('assignedUserId')
  }
  if (changes.priority !== undefined && changes.priority !== row.priority) {
    set.priority = changes.priority
    event('priority', changes.priority, `Priority changed to ${changes.priority}`)
    changed.push('priority')
  }
  if (changes.title !== undefined && changes.title !== row.title) {
    set.title = changes.title
    changed.push('title')
  }
  if (changes.customerId !== undefined && changes.customerId !== row.customerId) {
    const customer = changes.customerId === 0 ? undefined : getCustomer(db, changes.customerId)
    set.customerId = changes.customerId
    event('customer_id', changes.customerId, customer ? `Customer linked: ${customerName(customer)}` : 'Customer unlinked')
    changed.push('customerId')
  }
  if (changed.length > 0) {
    const before = ctx.events ? { ...row } : row
    writeTicket(ctx.db, row, { ...set, ...sla, lastUpdate: now })
    if (ctx.events) reportChanges(ctx.events, before, row, changed, now)
  }
  return changed
}
