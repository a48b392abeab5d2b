// The ticket as the API shows it: the wire view of a ticket and of the list, and the caches that
// spare a read its dozen queries and its serialization. The routes get the JSON text.
import { cachedUntilWrite } from '../db/client.js'
import type { TicketRow } from '../db/schema.js'
import type { ListTicketsQuery, Ticket, TicketListItem } from '../schemas/tickets.js'
import { slaStatusAt } from '../sla.js'
import type { StoreContext } from '../stores/context.js'
import { getCustomer, listCustomerChannels, listCustomFields } from '../stores/rows/customers.js'
import { listTicketTags } from '../stores/rows/tags.js'
import { countTickets, getTicketRow, getTicketRows, listTicketRows, type TicketFilter } from '../stores/rows/tickets.js'
import { getBrand, getChannel, listAssignableGroups, listAssignableUsers } from '../stores/settings.js'
import { ticketIdsOfView } from '../stores/views.js'
import { timelineOf } from './timeline.js'

/** Makes the JSON text of an answer with the route's response schema (reply.serialize). */
export type Serialize = (payload: unknown) => string

/**
 * The only place that knows both the row and the wire shape of a ticket. The timeline is added to
 * the list item's own object: a spread copy with one key more is an object V8 reads slowly, and
 * serializing it took three times as long (bench/RESULTS.md).
 */
export function toTicket (ctx: StoreContext, row: TicketRow, withEvents: boolean): Ticket {
  return Object.assign(toTicketListItem(ctx, row), { timeline: timelineOf(ctx.db, row.id, withEvents) })
}

/** Per-brand, per-channel and per-customer parts that the tickets of one list share, looked up once per list. */
class SettingsMemo {
  readonly #values = new Map<string, Map<number, unknown>>()
  get<T> (kind: string, id: number, read: () => T): T {
    let ofKind = this.#values.get(kind)
    if (!ofKind) {
      ofKind = new Map()
      this.#values.set(kind, ofKind)
    }
    if (!ofKind.has(id)) ofKind.set(id, read())
    return ofKind.get(id) as T
  }
}

/** A single ticket shares nothing: every part is read once anyway. */
const NO_MEMO: Pick<SettingsMemo, 'get'> = { get: (_kind, _id, read) => read() }

/** The ticket without its timeline, as the list shows it; the serializer puts the keys in wire order. */
export function toTicketListItem (ctx: StoreContext, row: TicketRow, memo: Pick<SettingsMemo, 'get'> = NO_MEMO): TicketListItem {
  const { db } = ctx
  const channel = memo.get('channel', row.channelId, () => getChannel(db, row.channelId))
  const brand = memo.get('brand', row.brandId, () => getBrand(db, row.brandId))
  const customer = row.customerId === 0 ? undefined : memo.get('customer', row.customerId, () => getCustomer(db, row.customerId))
  const sla = slaNow(ctx, row)
  return {
    assigned_group_id: row.assignedGroupId,
    assigned_user_id: row.assignedUserId,
    channel_account_id: row.channelAccountId,
    channel_id: row.channelId,
    closed_at: row.closedAt,
    created_at: row.createdAt,
    customer_id: row.customerId,
    direction: row.direction,
    external_gui_url: row.externalGuiUrl,
    external_id: row.externalId,
    form_id: row.formId,
    from: row.from,
    from_name: row.fromName,
    grade_by_customer: row.gradeByCustomer,
    icon: row.icon,
    last_update: row.lastUpdate,
    last_update_agent: row.lastUpdateAgent,
    last_update_customer: row.lastUpdateCustomer,
    priority: row.priority,
    show_timeline: row.showTimeline,
    sla_breach_customer_wait_time: row.slaBreachCustomerWaitTime,
    sla_breach_first_reply_time: row.slaBreachFirstReplyTime,
    sla_breach_next_reply_time: row.slaBreachNextReplyTime,
    sla_breach_user_work_time: row.slaBreachUserWorkTime,
    sla_next_breach: row.slaNextBreach,
    sla_next_breach_current_status: sla.sla_next_breach_current_status,
    sla_policy_id: row.slaPolicyId,
    snooze_time: row.snoozeTime,
    snooze_time_sent: row.snoozeTimeSent,
    title: row.title,
    to: row.to,
    to_name: row.toName,
    status: row.status,
    id: row.id,
    channel_name: channel?.name ?? '',
    channel_icon: channel?.icon ?? '',
    brand_name: brand?.name ?? '',
    brand_id: row.brandId,
    following: false,
    sla_next_breach_seconds: sla.sla_next_breach_seconds,
    customer: customer ?? null,
    customer_channels: customer ? memo.get('channels', customer.id, () => listCustomerChannels(db, customer.id)) : [],
    tags: listTicketTags(db, row.id).join(','),
    customer_custom_fields: customer ? memo.get('fields', customer.id, () => listCustomFields(db, customer.id)) : [],
    assign_options_groups: memo.get('groups', row.brandId, () => listAssignableGroups(db, row.brandId)),
    assign_options_users: memo.get('users', row.brandId, () => listAssignableUsers(db, row.brandId)),
    original_channel_id: row.originalChannelId
  }
}

/** Reads kept before the cache is emptied, per kind (tickets, pages, counts). */
const READ_CACHE_SIZE = 1000

/** Adds to a map of kept reads, emptying it first when it is full. */
export function remember<K, V> (map: Map<K, V>, key: K, value: V): V {
  if (map.size >= READ_CACHE_SIZE) map.clear()
  map.set(key, value)
  return value
}

/** The SLA fields that depend on the clock, as they read now. */
function slaNow (ctx: StoreContext, row: TicketRow) {
  const seconds = row.slaNextBreach === null ? null : ctx.clock.secondsUntil(row.slaNextBreach)
  return { sla_next_breach_current_status: slaStatusAt(row, seconds), sla_next_breach_seconds: seconds }
}

/** A JSON text made from a cached read, valid for as long as `key` stays the same. */
interface JsonText { key?: string, text?: string }

function jsonText (json: JsonText, key: string, serialize: Serialize, payload: () => unknown): string {
  if (json.key !== key || json.text === undefined) {
    json.text = serialize(payload())
    json.key = key
  }
  return json.text
}

interface CachedTicket { ticket: Ticket, row: TicketRow, json: JsonText }

/** Built tickets, by id and with or without events, until the next write to the account. */
const ticketCache = cachedUntilWrite(() => new Map<string, CachedTicket>())

function cachedTicket (ctx: StoreContext, id: number, withEvents: boolean): CachedTicket | undefined {
  const cache = ticketCache(ctx.db)
  const key = `${id}:${withEvents ? 1 : 0}`
  const entry = cache.get(key)
  if (entry) return entry
  const row = getTicketRow(ctx.db, id)
  return row && remember(cache, key, { ticket: toTicket(ctx, row, withEvents), row, json: {} })
}

/** The ticket as GET shows it, its clock-dependent SLA fields as they read now. */
export function getTicket (ctx: StoreContext, id: number, options: { withEvents: boolean }): Ticket | undefined {
  const entry = cachedTicket(ctx, id, options.withEvents)
  return entry && { ...entry.ticket, ...slaNow(ctx, entry.row) }
}

/**
 * GET /api/v2/ticket/:ticketID as JSON text. Building a ticket takes a dozen queries, so it is kept
 * until the next write to the account, with its text: only the clock-dependent SLA fields can change
 * that meanwhile, so the text is made again only when they read differently.
 */
export function ticketJson (ctx: StoreContext, id: number, options: { withEvents: boolean }, serialize: Serialize): string | undefined {
  const entry = cachedTicket(ctx, id, options.withEvents)
  if (!entry) return undefined
  const sla = slaNow(ctx, entry.row)
  const key = `${sla.sla_next_breach_seconds}:${sla.sla_next_breach_current_status}`
  return jsonText(entry.json, key, serialize, () => ({ type: 'item', item: { ...entry.ticket, ...sla } }))
}

/** A page of the list, with its JSON text once made. */
export interface TicketPage { total: number, items: TicketListItem[], json: JsonText }

const pageCache = cachedUntilWrite(() => new Map<string, TicketPage>())
// The total is kept until the next write: counting the index entries of one status among 100,000
// tickets was most of a list request (bench/RESULTS.md).
const countCache = cachedUntilWrite(() => new Map<string, number>())

/**
 * GET /api/v2/ticket's page, kept until the next write to the account or the next tick of its clock
 * (the SLA fields of the items read the clock: secondsUntil() of any whole-second time is fixed by
 * `tick`). Under load, repeated reads share one page and its JSON text, also in the journal.
 */
export function listTickets (ctx: StoreContext, query: ListTicketsQuery, more: InboxFilter = {}): TicketPage {
  const pages = pageCache(ctx.db)
  const tick = Math.round(-ctx.clock.nowMs() / 1000)
  const key = JSON.stringify([query.status, query.query, query.applyView, query.itemStart, query.itemLimit, tick, more])
  return pages.get(key) ?? remember(pages, key, { ...readPage(ctx, query, more), json: {} })
}

/** What the inbox filters by beyond the API's list: brand, group, agent, channel, customer. */
export type InboxFilter = Omit<TicketFilter, 'status' | 'text'>

/** GET /api/v2/ticket as JSON text: the list envelope. */
export function ticketListJson (ctx: StoreContext, query: ListTicketsQuery, serialize: Serialize): string {
  const { total, items, json } = listTickets(ctx, query)
  const { itemStart, itemLimit } = query
  // The page is kept per clock tick already, so its text is valid for as long as the page.
  return jsonText(json, 'page', serialize, () => ({ type: 'list', itemStart, itemTotal: total, itemLimit, items }))
}

/** Newest first, filtered by status and by a text in the title or customer address; or as a view filters and sorts it. */
function readPage (ctx: StoreContext, query: ListTicketsQuery, more: InboxFilter): { total: number, items: TicketListItem[] } {
  const filter: TicketFilter = { ...more, status: query.status, text: query.query }
  if (query.applyView !== undefined) {
    const ids = ticketIdsOfView(ctx.db, query.applyView, filter)
    const page = ids.slice(query.itemStart, query.itemStart + query.itemLimit)
    const rows = new Map(getTicketRows(ctx.db, page).map((row) => [row.id, row]))
    const memo = new SettingsMemo()
    return { total: ids.length, items: page.map((id) => toTicketListItem(ctx, rows.get(id) as TicketRow, memo)) }
  }
  const counts = countCache(ctx.db)
  const countKey = JSON.stringify([filter.status, filter.text?.trim(), more])
  const total = counts.get(countKey) ?? remember(counts, countKey, countTickets(ctx.db, filter))
  const memo = new SettingsMemo()
  return { total, items: listTicketRows(ctx.db, filter, query.itemStart, query.itemLimit).map((row) => toTicketListItem(ctx, row, memo)) }
}
