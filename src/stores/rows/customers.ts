// Customer rows, raw: read on every ticket read, list item and new ticket, in wire shape; and the
// new customer with its first channel (a new ticket, chat or call from an unknown address, a CRM's sync).
import { type Db, preparedPerDb } from '../../db/client.js'
import type { Customer, CustomerChannel, CustomFieldValue } from '../../schemas/tickets.js'
import { rowMaker, selectList } from './columns.js'

const CUSTOMER = {
  id: 'id', brand_id: 'brand_id', external_primary_id: 'external_primary_id', firstname: 'firstname', lastname: 'lastname', created_at: 'created_at'
}
const CHANNEL = {
  id: 'cc.id',
  brand_id: 'cc.brand_id',
  customer_id: 'cc.customer_id',
  channel_id: 'cc.channel_id',
  unique_reference: 'cc.unique_reference',
  linked_by_user_id: 'cc.linked_by_user_id',
  name: 'ch.name',
  icon: 'ch.icon'
}
const FIELD = { id: 'f.id', name: 'f.name', title: 'f.title', value: 'v.value' }
const toCustomer = rowMaker(CUSTOMER) as (values: unknown[]) => Customer
const toChannel = rowMaker(CHANNEL) as (values: unknown[]) => CustomerChannel
const toField = rowMaker(FIELD) as (values: unknown[]) => CustomFieldValue

const statements = preparedPerDb((db: Db) => ({
  customer: db.sqlite.prepare(`SELECT ${selectList(CUSTOMER)} FROM customers WHERE id = ?`).raw(),
  byReference: db.sqlite.prepare(`
    SELECT coalesce(c.merged_into_id, c.id) FROM customer_channels cc JOIN customers c ON c.id = cc.customer_id
    WHERE cc.brand_id = ? AND cc.unique_reference = ?`).pluck(),
  hasMerged: db.sqlite.prepare('SELECT EXISTS (SELECT 1 FROM customers WHERE merged_into_id = ?)').pluck(),
  channels: db.sqlite.prepare(`
    SELECT ${selectList(CHANNEL)} FROM customer_channels cc JOIN channels ch ON ch.id = cc.channel_id
    WHERE cc.customer_id = ? ORDER BY cc.id`).raw(),
  channelsWithMerged: db.sqlite.prepare(`
    SELECT ${selectList(CHANNEL)} FROM customer_channels cc JOIN channels ch ON ch.id = cc.channel_id
    WHERE cc.customer_id = @customerId OR cc.customer_id IN (SELECT id FROM customers WHERE merged_into_id = @customerId)
    ORDER BY cc.id`).raw(),
  insertCustomer: db.sqlite.prepare('INSERT INTO customers (brand_id, external_primary_id, firstname, lastname, created_at) VALUES (?, ?, ?, ?, ?)'),
  insertChannel: db.sqlite.prepare('INSERT INTO customer_channels (brand_id, customer_id, channel_id, unique_reference) VALUES (?, ?, ?, ?)'),
  fields: db.sqlite.prepare(`
    SELECT ${selectList(FIELD)} FROM customer_field_values v JOIN customer_fields f ON f.id = v.field_id
    WHERE v.customer_id = ? ORDER BY f.id`).raw()
}))

export function getCustomer (db: Db, id: number): Customer | undefined {
  const values = statements(db).customer.get(id) as unknown[] | undefined
  return values && toCustomer(values)
}

/** Adds a customer; its id. */
export function insertCustomer (db: Db, c: { brandId: number, externalPrimaryId?: string | null, firstname: string, lastname: string, createdAt: string }): number {
  return Number(statements(db).insertCustomer.run(c.brandId, c.externalPrimaryId ?? null, c.firstname, c.lastname, c.createdAt).lastInsertRowid)
}

/** Links an address (a reference on a channel) to a customer. */
export function insertCustomerChannel (db: Db, c: { brandId: number, customerId: number, channelId: number, reference: string }): void {
  statements(db).insertChannel.run(c.brandId, c.customerId, c.channelId, c.reference)
}

/** The customer that owns a reference in a brand, following merges to the surviving customer. */
export function findCustomerIdByReference (db: Db, brandId: number, reference: string): number | undefined {
  return statements(db).byReference.get(brandId, reference) as number | undefined
}

/**
 * The customer's channels, including those still filed under customers merged into it. Most customers
 * have none merged into them: their channels come straight from the index, in id order, without the
 * OR and the sort that the merged case needs (half the time of that query).
 */
export function listCustomerChannels (db: Db, customerId: number): CustomerChannel[] {
  const { hasMerged, channels, channelsWithMerged } = statements(db)
  const rows = (hasMerged.get(customerId) === 1 ? channelsWithMerged.all({ customerId }) : channels.all(customerId)) as unknown[][]
  return rows.map(toChannel)
}

/** The customer's values of its brand's custom fields, in field order. */
export function listCustomFields (db: Db, customerId: number): CustomFieldValue[] {
  return (statements(db).fields.all(customerId) as unknown[][]).map(toField)
}
