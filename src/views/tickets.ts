// The ticket as the API shows it: the wire view of a ticket and of the list, with the caches that
// spare a read its dozen queries.
import { keptUntilWrite, prepared } from '../db/client.js'
import type { TicketRow } from '../db/schema.js'
import type { ListTicketsQuery, Ticket, TicketListItem } from '../schemas/tickets.js'
import { slaStatusAt } from '../sla.js'
import type { StoreContext } from '../stores/context.js'
import { getCustomer, listCustomerChannels } from '../stores/customers.js'
import { getTicketRow, selectTickets, toRow } from '../stores/rows/tickets.js'
import { getBrand, getChannel, listAssignableGroups, listAssignableUsers } from '../stores/settings.js'
import { listTicketTags } from '../stores/tags.js'
import { listTimeline } from '../stores/timeline.js'

/**
 * The only place that knows both the row and the wire shape of a ticket. The timeline is added to
 * the list item's own object: a spread copy with one key more is an object V8 reads slowly, and
 * serializing it took three times as long (bench/RESULTS.md).
 */
export function toTicket (ctx: StoreContext, row: TicketRow, withEvents: boolean): Ticket {
  return Object.assign(toTicketListItem(ctx, row), { timeline: listTimeline(ctx.db, row.id, withEvents) })
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
    tags: listTicketTags(ctx, row.id).join(','),
    customer_custom_fields: [],
    assign_options_groups: memo.get('groups', row.brandId, () => listAssignableGroups(db, row.brandId)),
    assign_options_users: memo.get('users', row.brandId, () => listAssignableUsers(db, row.brandId)),
    original_channel_id: row.originalChannelId
  }
}

const READ_CACHE_SIZE = 1000

/** The SLA fields that depend on the clock, as they read now. */
function slaNow (ctx: StoreContext, row: TicketRow) {
  const seconds = row.slaNextBreach === null ? null : ctx.clock.secondsUntil(row.slaNextBreach)
  return { sla_next_breach_current_status: slaStatusAt(row, seconds), sla_next_breach_seconds: seconds }
}

/** A read of one ticket, and a place the caller may keep what it made of it (e.g. its JSON text). */
export interface TicketRead {
  ticket: Ticket
  /** The same object for every read until the next write to the account (or until the cache is full). */
  keep: { key?: string, text?: string }
}

/**
 * GET /api/v2/ticket/:ticketID. Building a ticket takes a dozen queries, so the result is kept until
 * the next write to the account; the clock-dependent SLA fields are computed fresh on every read.
 */
export function readTicket (ctx: StoreContext, id: number, options: { withEvents: boolean }): TicketRead | undefined {
  const cache = keptUntilWrite(ctx.db, 'tickets', () => new Map<string, { ticket: Ticket, row: TicketRow, keep: TicketRead['keep'] }>())
  const key = `${id}:${options.withEvents ? 1 : 0}`
  let entry = cache.get(key)
  if (!entry) {
    const row = getTicketRow(ctx, id)
    if (!row) return undefined
    if (cache.size >= READ_CACHE_SIZE) cache.clear()
    entry = { ticket: toTicket(ctx, row, options.withEvents), row, keep: {} }
    cache.set(key, entry)
  }
  return { ticket: { ...entry.ticket, ...slaNow(ctx, entry.row) }, keep: entry.keep }
}

export function getTicket (ctx: StoreContext, id: number, options: { withEvents: boolean }): Ticket | undefined {
  return readTicket(ctx, id, options)?.ticket
}

/** A page of the list, and a place the caller may keep what it made of it (as TicketRead['keep']). */
export interface TicketPage { total: number, items: TicketListItem[], keep: { key?: string, text?: string } }

/**
 * GET /api/v2/ticket, kept until the next write to the account or the next tick of its clock (the
 * SLA fields of the items read the clock: secondsUntil() of any whole-second time is fixed by
 * `tick`). Under load, repeated reads share one page and its JSON text, also in the journal.
 */
export function listTickets (ctx: StoreContext, query: ListTicketsQuery): TicketPage {
  const pages = keptUntilWrite(ctx.db, 'ticketPages', () => new Map<string, TicketPage>())
  const tick = Math.round(-ctx.clock.nowMs() / 1000)
  const key = JSON.stringify([query.status, query.query, query.itemStart, query.itemLimit, tick])
  let page = pages.get(key)
  if (!page) {
    if (pages.size >= READ_CACHE_SIZE) pages.clear()
    page = { ...readPage(ctx, query), keep: {} }
    pages.set(key, page)
  }
  return page
}

/** Newest first, filtered by status and by a text in the title or customer address. */
function readPage (ctx: StoreContext, query: ListTicketsQuery): { total: number, items: TicketListItem[] } {
  const { db } = ctx
  const conditions: string[] = []
  const params: Record<string, string> = {}
  if (query.status !== undefined) {
    conditions.push('status = @status')
    params.status = query.status
  }
  if (query.query !== undefined && query.query.trim() !== '') {
    conditions.push("(title LIKE @text ESCAPE '\\' OR \"from\" LIKE @text ESCAPE '\\' OR \"to\" LIKE @text ESCAPE '\\')")
    params.text = `%${query.query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
  // The total is kept until the next write: counting the index entries of one status among 100,000
  // tickets was most of a list request (bench/RESULTS.md).
  const counts = keptUntilWrite(db, 'ticketCounts', () => new Map<string, number>())
  const countKey = JSON.stringify([where, params])
  let total = counts.get(countKey)
  if (total === undefined) {
    total = prepared(db, `countTickets:${where}`, () => db.$client.prepare(`SELECT count(*) FROM tickets ${where}`).pluck()).get(params) as number
    if (counts.size >= READ_CACHE_SIZE) counts.clear()
    counts.set(countKey, total)
  }
  const page = selectTickets(db, `listTickets:${where}`, `${where} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: query.itemLimit, offset: query.itemStart }) as unknown[][]
  const memo = new SettingsMemo()
  return { total, items: page.map((values) => toTicketListItem(ctx, toRow(values), memo)) }
}
