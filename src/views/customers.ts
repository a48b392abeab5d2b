// A customer as the customer API shows it: the customer with its brand's name, its channels and its
// custom field values; the list, and a customer's timeline across its tickets.
import { and, count, desc, eq, exists, isNull, like, or, sql } from 'drizzle-orm'
import { cachedUntilWrite, type Db } from '../db/client.js'
import { customerChannels, customers, tickets } from '../db/schema.js'
import { doesNotExist } from '../errors.js'
import type { CustomerItem, CustomerListQuery } from '../schemas/customers.js'
import type { TimelineItem } from '../schemas/tickets.js'
import { findByPrimaryId } from '../stores/customer-sync.js'
import { refreshCustomerSearch } from '../stores/customers.js'
import { getCustomer, listCustomerChannels, listCustomFields } from '../stores/rows/customers.js'
import { getBrand } from '../stores/settings.js'
import { remember } from './tickets.js'
import { timelineOf } from './timeline.js'

export function customerItem (db: Db, id: number): CustomerItem | undefined {
  const customer = getCustomer(db, id)
  if (!customer) return undefined
  return {
    ...customer,
    brand_name: getBrand(db, customer.brand_id)?.name ?? '',
    channels: listCustomerChannels(db, id),
    custom_fields: listCustomFields(db, id)
  }
}

type CustomerPage = { total: number, items: CustomerItem[] }

// Kept until the next write: a search matching most of 100,000 customers takes a few hundred
// milliseconds to count (bench/RESULTS.md).
const pageCache = cachedUntilWrite(() => new Map<string, CustomerPage>())

/** GET /api/v2/customer: customers (merged ones aside), newest first, filtered by a text in a name, your id or an address. */
export function listCustomers (db: Db, query: CustomerListQuery): CustomerPage {
  refreshCustomerSearch(db)
  const pages = pageCache(db)
  const key = JSON.stringify([query.query, query.itemStart, query.itemLimit])
  return pages.get(key) ?? remember(pages, key, readCustomers(db, query))
}

function readCustomers (db: Db, query: CustomerListQuery): CustomerPage {
  const text = query.query?.trim()
  const pattern = `%${text ?? ''}%`
  const where = and(isNull(customers.mergedIntoId), text
    ? or(like(customers.firstname, pattern), like(customers.lastname, pattern), like(customers.externalPrimaryId, pattern),
      like(sql`${customers.firstname} || ' ' || ${customers.lastname}`, pattern),
      exists(db.orm.select({ one: sql`1` }).from(customerChannels)
        .where(and(eq(customerChannels.customerId, customers.id), like(customerChannels.uniqueReference, pattern)))))
    : undefined,
  // The candidates first, from the trigram index of the customers' text (migration 0008: every match
  // above is a part of that text); it takes three characters or more.
  text !== undefined && text.length >= 3 ? sql`${customers.id} IN (SELECT rowid FROM customer_search WHERE text LIKE ${pattern})` : undefined)
  const total = db.orm.select({ n: count() }).from(customers).where(where).get()?.n ?? 0
  const ids = db.orm.select({ id: customers.id }).from(customers).where(where).orderBy(desc(customers.id))
    .limit(query.itemLimit).offset(query.itemStart).all()
  return { total, items: ids.map(({ id }) => customerItem(db, id) as CustomerItem) }
}

/** The customers whose primary id is yours (in one brand, or in any). */
export function customersByPrimaryId (db: Db, primaryId: string, brandId?: number): CustomerItem[] {
  return db.orm.select({ id: customers.id }).from(customers)
    .where(and(eq(customers.externalPrimaryId, primaryId), isNull(customers.mergedIntoId), brandId === undefined ? undefined : eq(customers.brandId, brandId)))
    .orderBy(customers.id).all().map(({ id }) => customerItem(db, id) as CustomerItem)
}

/**
 * GET /api/v2/customer/timelineByCustomerExternalID: the timeline items (events, notes, messages) of
 * all the customer's tickets, newest first, in the shapes the ticket's timeline uses.
 */
export function customerTimeline (db: Db, brandId: number, externalId: string): TimelineItem[] {
  const customer = findByPrimaryId(db, brandId, externalId)
  if (!customer) throw doesNotExist('customer')
  const theirs = db.orm.select({ id: tickets.id }).from(tickets).where(eq(tickets.customerId, customer.id)).all()
  const items = theirs.flatMap(({ id }) => timelineOf(db, id, true))
  return items.sort((a, b) => a.created_at === b.created_at ? Number(b.id) - Number(a.id) : a.created_at < b.created_at ? 1 : -1)
}
