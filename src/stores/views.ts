// Views: saved filters of the ticket list. A view's conditions are decided by the one evaluator the
// triggers use (domain/conditions.ts), over the facts of every ticket the list's own filter finds.
import { asc, count, eq, like, max } from 'drizzle-orm'
import { cachedUntilWrite, type Db } from '../db/client.js'
import { type ViewRow, views } from '../db/schema-settings.js'
import { conditionsHold, type PreparedConditions, prepareCondition } from '../domain/conditions.js'
import { TICKET_PRIORITIES, TICKET_STATUSES, type ViewFact, type ViewSorting } from '../domain/vocabulary.js'
import { ApiError } from '../errors.js'
import type { View, ViewBody, ViewCondition, ViewListQuery, ViewUpdateBody } from '../schemas/views.js'
import { onlySent } from './context.js'
import { listTagsByTicket } from './rows/tags.js'
import { type FactName, listTicketFacts, type TicketFacts, type TicketFilter } from './rows/tickets.js'

/** View ids start here: the ticket list's applyView takes at least two characters (ours, README). */
const FIRST_VIEW_ID = 10

const viewNotFound = () => new ApiError(404, 'This view does not exist.')

function toView (row: ViewRow): View {
  return {
    id: row.id,
    title: row.title,
    primary_sorting: row.primarySorting,
    primary_sorting_order: row.primarySortingOrder,
    secondary_sorting: row.secondarySorting,
    secondary_sorting_order: row.secondarySortingOrder,
    view_category_id: row.viewCategoryId,
    view_order_id: row.viewOrderId,
    conditions: { all: row.conditions.all ?? [], any: row.conditions.any ?? [] },
    columns: row.columns
  }
}

export function listViews (db: Db, query: ViewListQuery): { total: number, items: View[] } {
  const where = query.query === undefined ? undefined : like(views.title, `%${query.query.trim()}%`)
  const total = db.orm.select({ n: count() }).from(views).where(where).get()?.n ?? 0
  const rows = db.orm.select().from(views).where(where).orderBy(asc(views.viewOrderId), asc(views.id))
    .limit(query.itemLimit).offset(query.itemStart).all()
  return { total, items: rows.map(toView) }
}

export function getView (db: Db, id: number): View {
  const row = db.orm.select().from(views).where(eq(views.id, id)).get()
  if (!row) throw viewNotFound()
  return toView(row)
}

/** The example's view_category_id is "": empty or null is none, digits a number. */
function categoryOf (value: number | string | null | undefined): number | null | undefined {
  if (value === undefined) return undefined
  if (value === null || value === '') return null
  if (typeof value === 'number' || /^\d{1,15}$/.test(value)) return Number(value)
  throw new ApiError(400, "The field 'view_category_id' must be a number, or empty for none.")
}

/** The columns a view body sets; an empty sorting order is asc. */
function toColumns (body: ViewUpdateBody): Partial<typeof views.$inferInsert> {
  const order = (value: string | undefined) => (value === '' ? 'asc' : value)
  return onlySent({
    title: body.title,
    primarySorting: body.primary_sorting,
    primarySortingOrder: order(body.primary_sorting_order),
    secondarySorting: body.secondary_sorting,
    secondarySortingOrder: order(body.secondary_sorting_order),
    viewCategoryId: categoryOf(body.view_category_id),
    viewOrderId: body.view_order_id,
    conditions: body.conditions && { all: body.conditions.all ?? [], any: body.conditions.any ?? [] },
    columns: body.columns
  })
}

export function createView (db: Db, body: ViewBody): number {
  const next = Math.max(FIRST_VIEW_ID, (db.orm.select({ last: max(views.id) }).from(views).get()?.last ?? 0) + 1)
  db.orm.insert(views).values({ conditions: { all: [], any: [] }, ...toColumns(body), title: body.title, id: next }).run()
  return next
}

export function updateView (db: Db, id: number, body: ViewUpdateBody): void {
  const set = toColumns(body)
  if (Object.keys(set).length === 0) {
    getView(db, id)
    return
  }
  if (db.orm.update(views).set(set).where(eq(views.id, id)).run().changes === 0) throw viewNotFound()
}

export function deleteView (db: Db, id: number): void {
  if (db.orm.delete(views).where(eq(views.id, id)).run().changes === 0) throw viewNotFound()
}

const prepared = (c: ViewCondition) => prepareCondition(c.fact, c.operation, c.value)

/** A fact of a ticket as the evaluator reads it: text, one value per tag for `tag`, the title and addresses for `text`. */
function factValues (ticket: TicketFacts, fact: ViewFact, tags: Map<number, string[]> | undefined): readonly string[] {
  if (fact === 'tag') return tags?.get(ticket.id) ?? []
  if (fact === 'text') return [ticket.title, ticket.from, ticket.to]
  const value = ticket[fact]
  return [value === null ? '' : String(value)]
}

const RANKS: Partial<Record<ViewSorting, readonly string[]>> = { status: TICKET_STATUSES, priority: TICKET_PRIORITIES }

/** Orders two tickets by one sorting: statuses and priorities by rank, the rest by value; no value after every value (ascending). */
function compareBy (sorting: ViewSorting, a: TicketFacts, b: TicketFacts): number {
  if (sorting === 'none') return 0
  const rank = RANKS[sorting]
  const x = rank ? rank.indexOf(a[sorting as 'status']) : a[sorting]
  const y = rank ? rank.indexOf(b[sorting as 'status']) : b[sorting]
  if (x === y) return 0
  if (x === null) return 1
  if (y === null) return -1
  return x < y ? -1 : 1
}

/**
 * The ids of the tickets the list's filter and the view's conditions find, in the view's order
 * (primary, then secondary sorting, then newest first).
 */
export function ticketIdsOfView (db: Db, applyView: string, filter: TicketFilter): number[] {
  const cache = viewCache(db)
  const key = JSON.stringify([applyView, filter])
  let ids = cache.get(key)
  if (!ids) {
    if (cache.size >= VIEW_CACHE_SIZE) cache.clear()
    ids = readView(db, applyView, filter)
    cache.set(key, ids)
  }
  return ids
}

/** Views applied, with the list's filter, kept until the next write: paging through one reads it once. */
const viewCache = cachedUntilWrite(() => new Map<string, number[]>())
const VIEW_CACHE_SIZE = 100

function readView (db: Db, applyView: string, filter: TicketFilter): number[] {
  const row = /^\d{1,15}$/.test(applyView) ? db.orm.select().from(views).where(eq(views.id, Number(applyView))).get() : undefined
  if (!row) throw new ApiError(400, `The view ${applyView} (applyView) does not exist; GET /api/v2/view lists the views.`)
  const conditions: PreparedConditions<ViewFact> = { all: (row.conditions.all ?? []).map(prepared), any: (row.conditions.any ?? []).map(prepared) }
  const tags = [...conditions.all, ...conditions.any].some((c) => c.field === 'tag') ? listTagsByTicket(db) : undefined
  const sortings: Array<[ViewSorting, number]> = [
    [row.primarySorting as ViewSorting, row.primarySortingOrder === 'desc' ? -1 : 1],
    [row.secondarySorting as ViewSorting, row.secondarySortingOrder === 'desc' ? -1 : 1]
  ]
  const columns = new Set<FactName>(sortings.flatMap(([sorting]) => (sorting === 'none' ? [] : [sorting])))
  for (const { field } of [...conditions.all, ...conditions.any]) {
    if (field === 'text') ['title', 'from', 'to'].forEach((name) => columns.add(name as FactName))
    else if (field !== 'tag') columns.add(field)
  }
  const found = listTicketFacts(db, filter, [...columns]).filter((ticket) => conditionsHold(conditions, (fact) => factValues(ticket, fact, tags)))
  found.sort((a, b) => {
    for (const [sorting, direction] of sortings) {
      const order = compareBy(sorting, a, b)
      if (order !== 0) return order * direction
    }
    return b.id - a.id
  })
  return found.map((ticket) => ticket.id)
}
