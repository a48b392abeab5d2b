import { and, eq, sql } from 'drizzle-orm'
import { type Db, prepared } from '../db/client.js'
import { customerChannels, customers } from '../db/schema.js'
import type { Customer, CustomerChannel } from '../schemas/tickets.js'
import type { StoreContext } from './context.js'

/** E-mail addresses are matched without regard to case; other references (phone numbers, handles) as given. */
export function normalizeReference (channelId: number, reference: string): string {
  const trimmed = reference.trim()
  return channelId === 1 ? trimmed.toLowerCase() : trimmed
}

// The two reads below run on every ticket read and list item: plain prepared queries, in wire shape.

export function getCustomer (db: Db, id: number): Customer | undefined {
  return prepared(db, 'getCustomer', () => db.$client.prepare(
    'SELECT id, brand_id, external_primary_id, firstname, lastname, created_at FROM customers WHERE id = ?'
  )).get(id) as Customer | undefined
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
  return prepared(db, 'listCustomerChannels', () => db.$client.prepare(`
    SELECT cc.id, cc.brand_id, cc.customer_id, cc.channel_id, cc.unique_reference, cc.linked_by_user_id, ch.name, ch.icon
    FROM customer_channels cc JOIN channels ch ON ch.id = cc.channel_id
    WHERE cc.customer_id = @customerId OR cc.customer_id IN (SELECT id FROM customers WHERE merged_into_id = @customerId)
    ORDER BY cc.id`)).all({ customerId }) as CustomerChannel[]
}
