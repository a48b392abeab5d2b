// The ticket commands: create, update, set status and priority, each in one transaction, with its
// timeline events, triggers and webhook events.
import { inArray, notInArray } from 'drizzle-orm'
import { doesNotExist } from '../errors.js'
import { type NewTicketRow, tickets, type TicketRow } from '../db/schema.js'
import type { TicketPriority, TicketStatus } from '../domain/vocabulary.js'
import type { CreateTicketBody, UpdateTicketBody } from '../schemas/tickets.js'
import { slaOnCreate } from '../sla.js'
import type { StoreContext } from './context.js'
import { requireFormFields } from './forms.js'
import { findCustomerIdByExternalPrimaryId, findOrCreateCustomer } from './customers.js'
import { getTicketRow, getTicketRows, insertTicket } from './rows/tickets.js'
import { getBrand, getChannel, getForm, getGroup, getSlaPolicy, getUser } from './settings.js'
import { applyTicketChanges, type TicketChanges } from './ticket-changes.js'
import { runTriggers } from './triggers.js'

/** An id in the body must name a group, agent or form of the ticket's brand (0, where allowed, is none). */
function requireOfBrand (thing: string, found: { brandId: number } | undefined, brandId: number): void {
  if (found?.brandId !== brandId) throw doesNotExist(thing)
}

/** Creates a ticket as POST /api/v2/ticket does (CONTRACT.md §4), in one transaction; returns its id. */
export function createTicket (ctx: StoreContext, input: CreateTicketBody, initiatedBy: string): number {
  return createTicketRow(ctx, input, initiatedBy).id
}

/**
 * POST /api/v2/ticket: creates the ticket and returns its row, kept current by every change the
 * triggers made, so that the answer is made from it instead of read back.
 */
export function createTicketRow (ctx: StoreContext, input: CreateTicketBody, initiatedBy: string): TicketRow {
  const { db, clock } = ctx
  return db.transaction(() => {
    const brand = getBrand(db, input.brandID)
    if (!brand) throw doesNotExist('brand')
    const channel = getChannel(db, input.channelID)
    if (!channel) throw doesNotExist('channel')
    // assignedGroupID 0 is the documented default: no group.
    if (input.assignedGroupID) requireOfBrand('group', getGroup(db, input.assignedGroupID), brand.id)
    if (input.formID !== undefined) requireOfBrand('form', getForm(db, input.formID), brand.id)
    const inbound = input.direction === 'inbound'
    // For outbound tickets to and from are inverted: the customer is `to` (ticket-api-doc: Create a ticket).
    const customerId = findOrCreateCustomer(ctx, {
      brandId: brand.id,
      channelId: channel.id,
      reference: inbound ? input.from : input.to,
      name: inbound ? input.fromName ?? '' : '',
      crmSyncUrl: brand.crmSyncUrl
    })
    const now = clock.now()
    const policy = brand.slaPolicyId === null ? undefined : getSlaPolicy(db, brand.slaPolicyId)
    const sla = slaOnCreate(policy, now, input.direction)
    const row = insertTicket(db, {
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
      ...sla,
      slaPolicyId: policy?.id ?? null,
      title: input.title,
      to: input.to,
      brandId: brand.id
    })
    ctx.events?.push({ type: 'ticket.created', ticketId: row.id, at: now })
    if (input.assignedGroupID) {
      applyTicketChanges(ctx, row, { assignedGroupId: input.assignedGroupID }, initiatedBy)
    }
    runTriggers(ctx, row, { event: 'created', previousStatus: null, message: null })
    return row
  })
}

/** PUT /api/v2/ticket/:ticketID: only the fields sent change. False when the ticket does not exist. */
export function updateTicket (ctx: StoreContext, id: number, input: UpdateTicketBody, initiatedBy: string): boolean {
  return ctx.db.transaction(() => {
    const row = getTicketRow(ctx.db, id)
    if (!row) return false
    const changes: TicketChanges = { title: input.title, status: input.status }
    if (input.assignedGroupID) requireOfBrand('group', getGroup(ctx.db, input.assignedGroupID), row.brandId)
    if (input.assignedUserID) requireOfBrand('user', getUser(ctx.db, input.assignedUserID), row.brandId)
    changes.assignedGroupId = input.assignedGroupID
    changes.assignedUserId = input.assignedUserID
    if (input.externalPrimaryID !== undefined) {
      // An unknown external id sets the ticket to no customer (ticket-api-doc: Update Ticket).
      changes.customerId = findCustomerIdByExternalPrimaryId(ctx.db, input.externalPrimaryID) ?? 0
    }
    changeTicket(ctx, row, changes, initiatedBy)
    return true
  })
}

/** POST /api/v2/ticket/setstatus: all or nothing; an unknown id changes no ticket. */
export function setTicketStatuses (ctx: StoreContext, ids: number[], status: TicketStatus, initiatedBy: string): void {
  ctx.db.transaction(() => {
    for (const row of getTicketRows(ctx.db, ids)) changeTicket(ctx, row, { status }, initiatedBy)
  })
}

/** POST /api/v2/ticket/setpriority: all or nothing, like setstatus. */
export function setTicketPriorities (ctx: StoreContext, ids: number[], priority: TicketPriority, initiatedBy: string): void {
  ctx.db.transaction(() => {
    const rows = getTicketRows(ctx.db, ids)
    for (const row of rows) changeTicket(ctx, row, { priority }, initiatedBy)
  })
}

/**
 * Changes a ticket as an API call or an agent does: a status change fires the account's *updated*
 * triggers, as the docs say (ticket-api-doc: Update Ticket, Set the status). Returns the changed fields.
 */
export function changeTicket (ctx: StoreContext, row: TicketRow, changes: TicketChanges, initiatedBy: string) {
  if (changes.status !== undefined) requireFormFields(ctx.db, row, changes.status)
  const previousStatus = row.status
  const changed = applyTicketChanges(ctx, row, changes, initiatedBy)
  if (changed.includes('status')) runTriggers(ctx, row, { event: 'updated', previousStatus, message: null })
  return changed
}

/** DELETE /api/v2/ticket/{id} and /ticket/multi: all or nothing; the timeline, tags, chat and mail records go with them. */
export function deleteTickets (ctx: StoreContext, ids: number[]): void {
  const { db, clock } = ctx
  db.transaction(() => {
    const rows = getTicketRows(db, ids)
    db.orm.delete(tickets).where(inArray(tickets.id, rows.map((row) => row.id))).run()
    const at = clock.now()
    for (const row of rows) ctx.events?.push({ type: 'ticket.deleted', ticketId: row.id, at })
  })
}

/** The statuses of a ticket still to be worked on. */
const FINISHED: TicketStatus[] = ['solved', 'closed']

/**
 * PUT /api/v2/ticket/solveUnfinishedTickets (ours: only its name and permission are documented):
 * the given tickets, or without ticketIDs every ticket, that are not solved or closed become solved,
 * each as setstatus would do it, all or nothing. Returns how many.
 */
export function solveUnfinishedTickets (ctx: StoreContext, ids: number[] | undefined, initiatedBy: string): number {
  const { db } = ctx
  return db.transaction(() => {
    const rows = ids === undefined
      ? getTicketRows(db, db.orm.select({ id: tickets.id }).from(tickets).where(notInArray(tickets.status, FINISHED)).all().map((row) => row.id))
      : getTicketRows(db, ids).filter((row) => !FINISHED.includes(row.status))
    for (const row of rows) changeTicket(ctx, row, { status: 'solved' }, initiatedBy)
    return rows.length
  })
}

/** Inserts many prepared ticket rows at once, in one transaction (for generated data sets, not the API). */
export function insertTicketRows ({ db }: StoreContext, rows: NewTicketRow[]): void {
  db.transaction(() => {
    for (let i = 0; i < rows.length; i += 200) db.orm.insert(tickets).values(rows.slice(i, i + 200)).run()
  })
}
