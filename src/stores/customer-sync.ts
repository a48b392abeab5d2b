// The customer API's commands (CRM sync): create a customer and link its channel, update it, add
// channels, purge it. Each runs in one transaction; a rejected request changes nothing. Linking a
// customer to a ticket goes through applyTicketChanges, with its timeline event and webhooks.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { type Db, placeholders, preparedPerDb } from '../db/client.js'
import { customerChannels, customerFields, customerFieldValues, customers, type TicketRow, tickets } from '../db/schema.js'
import { CUSTOMER_CHANNELS, type CustomerChannelName } from '../domain/vocabulary.js'
import { ApiError, doesNotExist } from '../errors.js'
import { E164_PATTERN, EMAIL_PATTERN, patternWords } from '../patterns.js'
import type { AddChannelOnlyBody, CreateCustomerBody, CustomerKey, UpdateCustomerBody } from '../schemas/customers.js'
import { isYes } from '../schemas/common.js'
import type { StoreContext } from './context.js'
import { CRM_LOOKUP_CHANNELS, findOrCreateCustomer, normalizeReference } from './customers.js'
import { findCustomerIdByReference, insertCustomer, insertCustomerChannel } from './rows/customers.js'
import { getTicketRow } from './rows/tickets.js'
import { getBrand } from './settings.js'
import { applyTicketChanges } from './ticket-changes.js'

/** The body fields that are not custom fields. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'brand_id', 'primary_id', 'firstname', 'lastname', 'channel_id', 'customer_link_channel', 'ticket_id', 'noSync',
  'externalPrimaryID', 'brandID', 'apiKey'
])

/** A customer link checked against its kind: an e-mail address, an E.164 number, or any account name. */
function checkReference (field: string, kind: CustomerChannelName, reference: string): void {
  const pattern = kind === 'email' ? EMAIL_PATTERN : kind === 'telephone' ? E164_PATTERN : undefined
  if (pattern && !new RegExp(pattern).test(reference.trim())) {
    throw new ApiError(400, `The field '${field}' must be ${patternWords(pattern)} for a ${kind} channel.`)
  }
}

/** The custom field values a body sets, by field id; an unknown name is refused with the brand's field names. */
function customValues (db: Db, brandId: number, body: Record<string, unknown>): Array<{ fieldId: number, value: string }> {
  const names = Object.keys(body).filter((name) => !KNOWN_FIELDS.has(name))
  if (names.length === 0) return []
  const fields = db.orm.select().from(customerFields).where(eq(customerFields.brandId, brandId)).all()
  return names.map((name) => {
    const field = fields.find((f) => f.name === name)
    if (!field) {
      const known = fields.map((f) => f.name).join(', ')
      throw new ApiError(400, `'${name}' is not a custom customer field of brand ${brandId}${known ? `; its fields are: ${known}` : ': it has none'}.`)
    }
    return { fieldId: field.id, value: String(body[name]) }
  })
}

function setValues (db: Db, customerId: number, values: Array<{ fieldId: number, value: string }>): void {
  for (const { fieldId, value } of values) {
    db.orm.insert(customerFieldValues).values({ customerId, fieldId, value })
      .onConflictDoUpdate({ target: [customerFieldValues.customerId, customerFieldValues.fieldId], set: { value } }).run()
  }
}

// What a CRM's sync asks on every call, prepared once per database.
const queries = preparedPerDb((db: Db) => ({
  byPrimaryId: db.orm.select().from(customers)
    .where(and(eq(customers.brandId, sql.placeholder('brandId')), eq(customers.externalPrimaryId, sql.placeholder('primaryId')), isNull(customers.mergedIntoId))).prepare(),
  // The address moves to the customer, when the brand has it already.
  moveChannel: db.orm.update(customerChannels).set(placeholders('customerId', 'channelId'))
    .where(and(eq(customerChannels.brandId, sql.placeholder('brandId')), eq(customerChannels.uniqueReference, sql.placeholder('reference')))).prepare()
}))

/** The (surviving) customer with your primary id in a brand. */
export function findByPrimaryId (db: Db, brandId: number, primaryId: string) {
  return queries(db).byPrimaryId.get({ brandId, primaryId })
}

function requireCustomer (db: Db, brandId: number, primaryId: string) {
  const customer = findByPrimaryId(db, brandId, primaryId)
  if (!customer) throw doesNotExist('customer')
  return customer
}

/** Links one ticket to the customer (an event on its timeline, webhooks), when it is not linked yet. */
function linkTicket (ctx: StoreContext, ticketId: number, customerId: number, initiatedBy: string): void {
  const row = getTicketRow(ctx.db, ticketId)
  if (row) applyTicketChanges(ctx, row, { customerId }, initiatedBy)
}

/**
 * Links an address of the brand to the customer, taking it from the customer who had it, and (unless
 * noSync) that customer's tickets in the brand that came from this address.
 */
function linkChannel (ctx: StoreContext, customerId: number, brandId: number, kind: CustomerChannelName, address: string, sync: boolean, initiatedBy: string): void {
  const { db } = ctx
  const channelId = CUSTOMER_CHANNELS[kind]
  const reference = normalizeReference(channelId, address)
  const previous = findCustomerIdByReference(db, brandId, reference)
  if (queries(db).moveChannel.run({ brandId, reference, customerId, channelId }).changes === 0) {
    insertCustomerChannel(db, { brandId, customerId, channelId, reference })
  }
  if (!sync || previous === undefined || previous === customerId) return
  // Only the tickets from this address: the customer who had it may have others, from other addresses.
  const theirs = db.orm.select({ id: tickets.id, direction: tickets.direction, from: tickets.from, to: tickets.to }).from(tickets)
    .where(and(eq(tickets.brandId, brandId), eq(tickets.customerId, previous))).orderBy(tickets.id).all()
  for (const ticket of theirs) {
    const from = ticket.direction === 'inbound' ? ticket.from : ticket.to
    if (normalizeReference(channelId, from) === reference) linkTicket(ctx, ticket.id, customerId, initiatedBy)
  }
}

function report (ctx: StoreContext, type: 'customer.created' | 'customer.updated', customerId: number, changes?: Record<string, { from: unknown, to: unknown }>): void {
  ctx.events?.push({ type, ticketId: 0, customerId, at: ctx.clock.now(), ...(changes ? { changes } : {}) })
}

/** POST /api/v2/customer: a customer (or the one with this primary id, updated) with its channel linked. */
export function createCustomer (ctx: StoreContext, body: CreateCustomerBody, initiatedBy: string): number {
  const { db, clock } = ctx
  return db.transaction(() => {
    if (!getBrand(db, body.brand_id)) throw doesNotExist('brand')
    checkReference('customer_link_channel', body.channel_id, body.customer_link_channel)
    const values = customValues(db, body.brand_id, body)
    const ticket = body.ticket_id === undefined ? undefined : getTicketRow(db, body.ticket_id)
    if (body.ticket_id !== undefined && ticket?.brandId !== body.brand_id) throw doesNotExist('ticket')
    const existing = body.primary_id === undefined ? undefined : findByPrimaryId(db, body.brand_id, body.primary_id)
    let customerId: number
    if (existing) {
      customerId = existing.id
      db.orm.update(customers).set({ firstname: body.firstname ?? existing.firstname, lastname: body.lastname ?? existing.lastname })
        .where(eq(customers.id, customerId)).run()
    } else {
      customerId = insertCustomer(db, {
        brandId: body.brand_id, externalPrimaryId: body.primary_id ?? null, firstname: body.firstname ?? '', lastname: body.lastname ?? '', createdAt: clock.now()
      })
    }
    setValues(db, customerId, values)
    report(ctx, existing ? 'customer.updated' : 'customer.created', customerId)
    linkChannel(ctx, customerId, body.brand_id, body.channel_id, body.customer_link_channel, !isYes(body.noSync), initiatedBy)
    if (ticket) linkTicket(ctx, ticket.id, customerId, initiatedBy)
    return customerId
  })
}

/** PUT /api/v2/customer/updateCustomer: only the fields sent change. */
export function updateCustomer (ctx: StoreContext, body: UpdateCustomerBody): void {
  const { db } = ctx
  db.transaction(() => {
    const customer = requireCustomer(db, body.brandID, body.externalPrimaryID)
    const values = customValues(db, body.brandID, body)
    const changes: Record<string, { from: unknown, to: unknown }> = {}
    for (const field of ['firstname', 'lastname'] as const) {
      const to = body[field]
      if (to !== undefined && to !== customer[field]) changes[field] = { from: customer[field], to }
    }
    db.orm.update(customers).set({ firstname: body.firstname ?? customer.firstname, lastname: body.lastname ?? customer.lastname })
      .where(eq(customers.id, customer.id)).run()
    setValues(db, customer.id, values)
    report(ctx, 'customer.updated', customer.id, changes)
  })
}

const EXTRA: ReadonlyArray<[keyof AddChannelOnlyBody, CustomerChannelName]> = [
  ['extra_email', 'email'], ['extra_telephone', 'telephone'], ['extra_facebook', 'facebook'], ['extra_twitter', 'twitter']
]

/** POST /api/v2/customer/addchannelonly: more addresses for an existing customer. */
export function addChannels (ctx: StoreContext, body: AddChannelOnlyBody, initiatedBy: string): void {
  const { db } = ctx
  const given = EXTRA.filter(([field]) => body[field] !== undefined && String(body[field]).trim() !== '')
  if (given.length === 0) throw new ApiError(400, `Send at least one of ${EXTRA.map(([field]) => field).join(', ')}.`)
  for (const [field, kind] of given) checkReference(field, kind, String(body[field]))
  db.transaction(() => {
    const customer = requireCustomer(db, body.brand_id, body.primary_id)
    for (const [field, kind] of given) linkChannel(ctx, customer.id, body.brand_id, kind, String(body[field]), !isYes(body.noSync), initiatedBy)
    report(ctx, 'customer.updated', customer.id)
  })
}

/**
 * DELETE /api/v2/customer/purgedata: removes the customer (and those merged into it), its channels and
 * custom field values. Its tickets stay, with no customer (an event on each); what the tickets
 * themselves hold (from, to, from_name, messages) is the ticket's and stays.
 */
export function purgeCustomer (ctx: StoreContext, key: CustomerKey, initiatedBy: string): void {
  const { db } = ctx
  db.transaction(() => {
    const customer = requireCustomer(db, key.brand_id, key.primary_id)
    const ids = [customer.id, ...db.orm.select({ id: customers.id }).from(customers).where(eq(customers.mergedIntoId, customer.id)).all().map((c) => c.id)]
    const linked = db.orm.select({ id: tickets.id }).from(tickets).where(inArray(tickets.customerId, ids)).orderBy(tickets.id).all()
    for (const { id } of linked) linkTicket(ctx, id, 0, initiatedBy)
    db.orm.delete(customerChannels).where(inArray(customerChannels.customerId, ids)).run()
    db.orm.delete(customers).where(inArray(customers.id, ids)).run()
  })
}

/** What a new ticket's CRM lookup asks (account/crm-lookups.ts makes the call). */
export interface CrmLookup { url: string, brandId: number, ticketId: number, channelAddressType: 'email' | 'phoneNumber', address: string }

/** The lookup a new ticket needs: its brand has a CRM sync url and its address no customer yet. */
export function crmLookupFor (db: Db, row: TicketRow): CrmLookup | undefined {
  const url = getBrand(db, row.brandId)?.crmSyncUrl
  const channelAddressType = CRM_LOOKUP_CHANNELS.get(row.channelId)
  if (!url || !channelAddressType || row.customerId !== 0) return undefined
  const address = row.direction === 'inbound' ? row.from : row.to
  return { url, brandId: row.brandId, ticketId: row.id, channelAddressType, address }
}

/** One result of a CRM lookup: your id, the names, and custom fields by name (ours: the page shows no result's fields). */
interface CrmResult { primary_id?: unknown, firstname?: unknown, lastname?: unknown, custom_fields?: unknown }

const text = (value: unknown): string | undefined => typeof value === 'string' || typeof value === 'number' ? String(value) : undefined

/**
 * Links the customer a CRM lookup answered to the ticket (and the brand's other tickets from the
 * address): its first result's customer, made or updated as POST /api/v2/customer would; with no
 * result, the customer Omnidesk makes from the address itself. Throws (an ApiError) when the
 * answer cannot be used; nothing changes then.
 */
export function applyCrmAnswer (ctx: StoreContext, lookup: CrmLookup, results: unknown[], initiatedBy: string): void {
  const kind: CustomerChannelName = lookup.channelAddressType === 'email' ? 'email' : 'telephone'
  const first = results[0]
  if (first === undefined) {
    ctx.db.transaction(() => {
      const customerId = findOrCreateCustomer(ctx, { brandId: lookup.brandId, channelId: CUSTOMER_CHANNELS[kind], reference: lookup.address, name: '' })
      linkTicket(ctx, lookup.ticketId, customerId, initiatedBy)
    })
    return
  }
  if (typeof first !== 'object' || first === null || Array.isArray(first)) throw new ApiError(400, 'A result of the CRM lookup is not an object.')
  const result = first as CrmResult
  const fields = typeof result.custom_fields === 'object' && result.custom_fields !== null ? result.custom_fields as Record<string, unknown> : {}
  const body: CreateCustomerBody & Record<string, unknown> = {
    brand_id: lookup.brandId,
    channel_id: kind,
    customer_link_channel: lookup.address,
    ticket_id: lookup.ticketId,
    ...Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, text(value) ?? ''])),
    ...(text(result.primary_id) === undefined ? {} : { primary_id: text(result.primary_id) }),
    ...(text(result.firstname) === undefined ? {} : { firstname: text(result.firstname) }),
    ...(text(result.lastname) === undefined ? {} : { lastname: text(result.lastname) })
  }
  createCustomer(ctx, body, initiatedBy)
}
