import { and, asc, eq, inArray, or, sql } from 'drizzle-orm'
import { type Db, prepared } from '../db/client.js'
import { channels, customerChannels, customers, type CustomerRow } from '../db/schema.js'
import type { Customer, CustomerChannel } from '../schemas/tickets.js'
import type { StoreContext } from './context.js'

export function toCustomer (row: CustomerRow): Customer {
  return {
    id: row.id,
    brand_id: row.brandId,
    external_primary_id: row.externalPrimaryId,
    firstname: row.firstname,
    lastname: row.lastname,
    created_at: row.createdAt
  }
}

/** E-mail addresses are matched without regard to case; other references (phone numbers, handles) as given. */
export function normalizeReference (channelId: number, reference: string): string {
  const trimmed = reference.trim()
  return channelId === 1 ? trimmed.toLowerCase() : trimmed
}

export function getCustomer (db: Db, id: number): Customer | undefined {
  const row = prepared(db, 'getCustomer', () => db.select().from(customers).where(eq(customers.id, sql.placeholder('id'))).prepare()).get({ id })
  return row && toCustomer(row)
}

/** The customer that owns a reference in a brand, following merges to the surviving customer. */
export function findCustomerIdByReference (db: Db, brandId: number, reference: string): number | undefined {
  const row = prepared(db, 'findCustomerIdByReference', () => db.select({ customerId: customerChannels.customerId, mergedIntoId: customers.mergedIntoId })
    .from(customerChannels)
    .innerJoin(customers, eq(customers.id, customerChannels.customerId))
    .where(and(eq(customerChannels.brandId, sql.placeholder('brandId')), eq(customerChannels.uniqueReference, sql.placeholder('reference'))))
    .prepare()).get({ brandId, reference })
  return row && (row.mergedIntoId ?? row.customerId)
}

export function findCustomerIdByExternalPrimaryId (db: Db, externalPrimaryId: string): number | undefined {
  const row = db.select({ id: customers.id, mergedIntoId: customers.mergedIntoId }).from(customers)
    .where(eq(customers.externalPrimaryId, externalPrimaryId)).get()
  return row && (row.mergedIntoId ?? row.id)
}

/** Finds the customer behind an address, or creates one with that address as its channel. */
export function findOrCreateCustomer (
  { db, clock }: StoreContext,
  input: { brandId: number, channelId: number, reference: string, name: string }
): number {
  const reference = normalizeReference(input.channelId, input.reference)
  const existing = findCustomerIdByReference(db, input.brandId, reference)
  if (existing !== undefined) return existing
  const [firstname = '', ...rest] = input.name.trim().split(/\s+/)
  const customer = db.insert(customers).values({
    brandId: input.brandId,
    firstname,
    lastname: rest.join(' '),
    createdAt: clock.now()
  }).returning({ id: customers.id }).get()
  db.insert(customerChannels).values({
    brandId: input.brandId,
    customerId: customer.id,
    channelId: input.channelId,
    uniqueReference: reference
  }).run()
  return customer.id
}

/** The customer's channels, including those still filed under customers merged into it. */
export function listCustomerChannels (db: Db, customerId: number): CustomerChannel[] {
  return prepared(db, 'listCustomerChannels', () => db.select({
    id: customerChannels.id,
    brand_id: customerChannels.brandId,
    customer_id: customerChannels.customerId,
    channel_id: customerChannels.channelId,
    unique_reference: customerChannels.uniqueReference,
    linked_by_user_id: customerChannels.linkedByUserId,
    name: channels.name,
    icon: channels.icon
  }).from(customerChannels)
    .innerJoin(channels, eq(channels.id, customerChannels.channelId))
    .where(or(
      eq(customerChannels.customerId, sql.placeholder('customerId')),
      inArray(customerChannels.customerId, db.select({ id: customers.id }).from(customers).where(eq(customers.mergedIntoId, sql.placeholder('customerId'))))
    ))
    .orderBy(asc(customerChannels.id))
    .prepare()).all({ customerId })
}
