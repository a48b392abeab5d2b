import { eq } from 'drizzle-orm'
import { type Db, prepared } from '../db/client.js'
import { customerChannels, customers } from '../db/schema.js'
import type { Customer, CustomerChannel } from '../schemas/tickets.js'
import type { StoreContext } from './context.js'

/** E-mail addresses are matched without regard to case; other references (phone numbers, handles) as given. */
export function normalizeReference (channelId: number, reference: string): string {
  const trimmed = reference.trim()
  return channelId === 1 ? trimmed.toLowerCase() : trimmed
}

// The reads below run on every ticket read, list item and new ticket: plain prepared queries whose
// rows come as arrays and are made into objects here, in wire shape (objects built by better-sqlite3
// cost more to make and to serialize; bench/RESULTS.md).

export function getCustomer (db: Db, id: number): Customer | undefined {
  const values = prepared(db, 'getCustomer', () => db.$client.prepare(
    'SELECT id, brand_id, external_primary_id, firstname, lastname, created_at FROM customers WHERE id = ?'
  ).raw()).get(id) as [number, number, string | null, string, string, string] | undefined
  if (!values) return undefined
  const [customerId, brandId, externalPrimaryId, firstname, lastname, createdAt] = values
  return { id: customerId, brand_id: brandId, external_primary_id: externalPrimaryId, firstname, lastname, created_at: createdAt }
}

/** The customer that owns a reference in a brand, following merges to the surviving customer. */
export function findCustomerIdByReference (db: Db, brandId: number, reference: string): number | undefined {
  return prepared(db, 'findCustomerIdByReference', () => db.$client.prepare(`
    SELECT coalesce(c.merged_into_id, c.id) FROM customer_channels cc JOIN customers c ON c.id = cc.customer_id
    WHERE cc.brand_id = ? AND cc.unique_reference = ?`).pluck()).get(brandId, reference) as number | undefined
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

type ChannelValues = [number, number, number, number, string, number, string, string]
const CHANNEL_COLUMNS = 'cc.id, cc.brand_id, cc.customer_id, cc.channel_id, cc.unique_reference, cc.linked_by_user_id, ch.name, ch.icon'

/**
 * The customer's channels, including those still filed under customers merged into it. Most customers
 * have none merged into them: their channels come straight from the index, in id order, without the
 * OR and the sort that the merged case needs (half the time of that query).
 */
export function listCustomerChannels (db: Db, customerId: number): CustomerChannel[] {
  const hasMerged = prepared(db, 'hasMergedCustomers', () => db.$client.prepare(
    'SELECT EXISTS (SELECT 1 FROM customers WHERE merged_into_id = ?)'
  ).pluck()).get(customerId) === 1
  const rows = (hasMerged
    ? prepared(db, 'listMergedCustomerChannels', () => db.$client.prepare(`
        SELECT ${CHANNEL_COLUMNS} FROM customer_channels cc JOIN channels ch ON ch.id = cc.channel_id
        WHERE cc.customer_id = @customerId OR cc.customer_id IN (SELECT id FROM customers WHERE merged_into_id = @customerId)
        ORDER BY cc.id`).raw()).all({ customerId })
    : prepared(db, 'listCustomerChannels', () => db.$client.prepare(`
        SELECT ${CHANNEL_COLUMNS} FROM customer_channels cc JOIN channels ch ON ch.id = cc.channel_id
        WHERE cc.customer_id = ? ORDER BY cc.id`).raw()).all(customerId)) as ChannelValues[]
  return rows.map(([id, brandId, owner, channelId, uniqueReference, linkedByUserId, name, icon]) => ({
    id, brand_id: brandId, customer_id: owner, channel_id: channelId, unique_reference: uniqueReference, linked_by_user_id: linkedByUserId, name, icon
  }))
}
