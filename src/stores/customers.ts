import { eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { customerChannels, customers } from '../db/schema.js'
import type { StoreContext } from './context.js'
import { findCustomerIdByReference } from './rows/customers.js'

/** E-mail addresses are matched without regard to case; other references (phone numbers, handles) as given. */
export function normalizeReference (channelId: number, reference: string): string {
  const trimmed = reference.trim()
  return channelId === 1 ? trimmed.toLowerCase() : trimmed
}

export function findCustomerIdByExternalPrimaryId (db: Db, externalPrimaryId: string): number | undefined {
  const row = db.orm.select({ id: customers.id, mergedIntoId: customers.mergedIntoId }).from(customers)
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
  const customer = db.orm.insert(customers).values({
    brandId: input.brandId,
    firstname,
    lastname: rest.join(' '),
    createdAt: clock.now()
  }).returning({ id: customers.id }).get()
  db.orm.insert(customerChannels).values({
    brandId: input.brandId,
    customerId: customer.id,
    channelId: input.channelId,
    uniqueReference: reference
  }).run()
  return customer.id
}
