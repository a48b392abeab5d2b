import { eq } from 'drizzle-orm'
import { type Db, preparedPerDb } from '../db/client.js'
import { customerChannels, customers } from '../db/schema.js'
import type { StoreContext } from './context.js'
import { findCustomerIdByReference, insertCustomer, insertCustomerChannel } from './rows/customers.js'

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

/** The channels a brand's CRM sync url is asked about, and how the lookup names them. */
export const CRM_LOOKUP_CHANNELS: ReadonlyMap<number, 'email' | 'phoneNumber'> = new Map([[1, 'email'], [2, 'phoneNumber']])

/**
 * Finds the customer behind an address, or creates one with that address as its channel; 0 (none yet)
 * when the brand has a CRM sync url that is asked about such addresses: the lookup links or creates
 * the customer once the ticket exists (account/crm-lookups.ts).
 */
export function findOrCreateCustomer (
  { db, clock }: StoreContext,
  input: { brandId: number, channelId: number, reference: string, name: string, crmSyncUrl?: string | null }
): number {
  const reference = normalizeReference(input.channelId, input.reference)
  const existing = findCustomerIdByReference(db, input.brandId, reference)
  if (existing !== undefined) return existing
  if (input.crmSyncUrl && CRM_LOOKUP_CHANNELS.has(input.channelId)) return 0
  const [firstname = '', ...rest] = input.name.trim().split(/\s+/)
  const customerId = insertCustomer(db, { brandId: input.brandId, firstname, lastname: rest.join(' '), createdAt: clock.now() })
  insertCustomerChannel(db, { brandId: input.brandId, customerId, channelId: input.channelId, reference })
  return customerId
}

/** Adds many customers with their channels at once, in one transaction (scripts/generate-tickets.ts). */
export function insertCustomerRows (
  { db }: StoreContext,
  rows: Array<typeof customers.$inferInsert>,
  channels: Array<typeof customerChannels.$inferInsert>
): void {
  db.transaction(() => {
    for (let i = 0; i < rows.length; i += 500) db.orm.insert(customers).values(rows.slice(i, i + 500)).run()
    for (let i = 0; i < channels.length; i += 500) db.orm.insert(customerChannels).values(channels.slice(i, i + 500)).run()
  })
}

const searchIndex = preparedPerDb((db: Db) => ({
  pending: db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM customer_search_pending)').pluck(),
  forget: db.sqlite.prepare('DELETE FROM customer_search WHERE rowid IN (SELECT customer_id FROM customer_search_pending)'),
  // What a query may match: the names, the primary id and the addresses, a line each (a query has no
  // line break, so no match spans two of them).
  index: db.sqlite.prepare(`INSERT INTO customer_search (rowid, text)
    SELECT c.id, c.firstname || ' ' || c.lastname || char(10) || ifnull(c.external_primary_id, '') || char(10) ||
      ifnull((SELECT group_concat(cc.unique_reference, char(10)) FROM customer_channels cc WHERE cc.customer_id = c.id), '')
    FROM customers c WHERE c.id IN (SELECT customer_id FROM customer_search_pending)`),
  done: db.sqlite.prepare('DELETE FROM customer_search_pending')
}))

/**
 * Brings the customer search index (migrations 0008 and 0010) up to date: the customers whose names,
 * ids or addresses changed since are indexed again (or dropped, when gone). Runs before a search, and
 * after a snapshot is loaded.
 */
export function refreshCustomerSearch (db: Db): void {
  const statements = searchIndex(db)
  if (statements.pending.get() !== 1) return
  db.transaction(() => {
    statements.forget.run()
    statements.index.run()
    statements.done.run()
  })
}
