import { getTableColumns } from 'drizzle-orm'
import { type Db, inTransaction, keptUntilWrite, prepared } from '../db/client.js'
import { doesNotExist } from '../errors.js'
import { type NewTicketRow, tickets, type TicketPriority, type TicketRow, type TicketStatus } from '../db/schema.js'
import type { CreateTicketBody, ListTicketsQuery, Ticket, TicketListItem, UpdateTicketBody } from '../schemas/tickets.js'
import { type SlaColumns, slaOnCreate, slaStatusAt } from '../sla.js'
import type { StoreContext } from './context.js'
import { findCustomerIdByExternalPrimaryId, findOrCreateCustomer, getCustomer, listCustomerChannels } from './customers.js'
import { getBrand, getChannel, getForm, getGroup, getSlaPolicy, getUser, listAssignableGroups, listAssignableUsers } from './settings.js'
import { listTicketTags } from './tags.js'
import { applyTicketChanges, type TicketChanges } from './ticket-changes.js'
import { listTimeline } from './timeline.js'
import { runTriggers } from './triggers.js'

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

/**
 * Whole ticket rows for the hot reads, straight from better-sqlite3: as arrays, made into objects here
 * with the keys in one fixed order. Every column is a plain integer or text, so the rows are what
 * drizzle would make; but objects of 37 keys built by better-sqlite3 (or drizzle's per-value mapping)
 * cost three times as much to make and to read (bench/RESULTS.md).
 */
const COLUMNS = getTableColumns(tickets)
const TICKET_KEYS = Object.keys(COLUMNS) as Array<keyof TicketRow>
const TICKET_COLUMNS = Object.values(COLUMNS).map((column) => `"${column.name}"`).join(', ')

function toRow (values: unknown[]): TicketRow {
  const row: Record<string, unknown> = {}
  for (let i = 0; i < TICKET_KEYS.length; i++) row[TICKET_KEYS[i] as string] = values[i]
  return row as TicketRow
}

function selectTickets (db: Db, key: string, where: string) {
  return prepared(db, key, () => db.$client.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets ${where}`).raw())
}

export function getTicketRow ({ db }: StoreContext, id: number): TicketRow | undefined {
  const values = selectTickets(db, 'getTicketRow', 'WHERE id = ?').get(id) as unknown[] | undefined
  return values && toRow(values)
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

/** An id in the body must name a group, agent or form of the ticket's brand (0, where allowed, is none). */
function requireOfBrand (thing: string, found: { brandId: number } | undefined, brandId: number): void {
  if (found?.brandId !== brandId) throw doesNotExist(thing)
}

/** The columns a new ticket is created with (the others take their defaults), in one prepared INSERT. */
type CreatedTicket = Pick<NewTicketRow, 'channelId' | 'createdAt' | 'customerId' | 'direction' | 'formId' | 'from' | 'fromName' | 'icon' |
  'lastUpdate' | 'lastUpdateAgent' | 'lastUpdateCustomer' | keyof SlaColumns | 'slaPolicyId' | 'title' | 'to' | 'brandId'>

const CREATED_COLUMNS: Array<keyof CreatedTicket> = [
  'channelId', 'createdAt', 'customerId', 'direction', 'formId', 'from', 'fromName', 'icon', 'lastUpdate', 'lastUpdateAgent',
  'lastUpdateCustomer', 'slaBreachFirstReplyTime', 'slaBreachNextReplyTime', 'slaBreachUserWorkTime', 'slaBreachCustomerWaitTime',
  'slaNextBreach', 'slaNextBreachCurrentStatus', 'slaPausedAt', 'slaPolicyId', 'title', 'to', 'brandId'
]

/** What a new row holds in the columns an INSERT leaves out: their defaults as the schema declares them, or null. */
const TICKET_DEFAULTS = Object.fromEntries(Object.entries(COLUMNS).map(([key, column]) => [key, column.default ?? null]))

/**
 * Inserts a ticket and returns its row, made here from the values and the defaults: RETURNING the 37
 * columns cost twice the INSERT itself (bench/RESULTS.md).
 */
function insertTicket (db: Db, values: Required<CreatedTicket>): TicketRow {
  const statement = prepared(db, 'insertTicket', () => db.$client.prepare(
    `INSERT INTO tickets (${CREATED_COLUMNS.map((column) => `"${tickets[column].name}"`).join(', ')})
     VALUES (${CREATED_COLUMNS.map(() => '?').join(', ')})`
  ))
  const id = Number(statement.run(...CREATED_COLUMNS.map((column) => values[column])).lastInsertRowid)
  const given: Record<string, unknown> = values
  return toRow(TICKET_KEYS.map((key) => key === 'id' ? id : key in given ? given[key] : TICKET_DEFAULTS[key]))
}

/** Creates a ticket as POST /api/v2/ticket does (CONTRACT.md §4), in one transaction; returns its id. */
export function createTicket (ctx: StoreContext, input: CreateTicketBody, initiatedBy: string): number {
  return insertNewTicket(ctx, input, initiatedBy).id
}

/**
 * POST /api/v2/ticket: creates the ticket and returns it as the answer shows it, made from the row
 * just written (kept current by every change the triggers made) instead of read back.
 */
export function createTicketAndShow (ctx: StoreContext, input: CreateTicketBody, initiatedBy: string): Ticket {
  return toTicket(ctx, insertNewTicket(ctx, input, initiatedBy), false)
}

function insertNewTicket (ctx: StoreContext, input: CreateTicketBody, initiatedBy: string): TicketRow {
  const { db, clock } = ctx
  return inTransaction(db, () => {
    const brand = getBrand(db, input.brandID)
    if (!brand) throw doesNotExist('brand')
    const channel = getChannel(db, input.channelID)
    if (!channel) throw doesNotExist('channel')
    // assignedGroupID 0 is the documented default: no group.
    if (input.assignedGroupID) requireOfBrand('group', getGroup(db, input.assignedGroupID), brand.id)
    if (input.formID !== undefined) requireOfBrand('form', getForm(db, input.formID), brand.id)
    const inbound = input.direction === 'inbound'
    // For outbound tickets to and from are inverted: the customer is `to` (ticket-api-doc: Create a ticket).
    const customerId = findOrCreateCustomer(ctx, {
      brandId: brand.id,
      channelId: channel.id,
      reference: inbound ? input.from : input.to,
      name: inbound ? input.fromName ?? '' : ''
    })
    const now = clock.now()
    const policy = brand.slaPolicyId === null ? undefined : getSlaPolicy(db, brand.slaPolicyId)
    const sla = slaOnCreate(policy, now, input.direction)
    const row = insertTicket(db, {
      channelId: channel.id,
      createdAt: now,
      customerId,
      direction: input.direction,
      formId: input.formID ?? null,
      from: input.from,
      fromName: input.fromName ?? '',
      icon: channel.icon,
      lastUpdate: now,
      lastUpdateAgent: inbound ? null : now,
      lastUpdateCustomer: inbound ? now : null,
      ...sla,
      slaPolicyId: policy?.id ?? null,
      title: input.title,
      to: input.to,
      brandId: brand.id
    })
    ctx.events?.push({ type: 'ticket.created', ticketId: row.id, at: now })
    if (input.assignedGroupID) {
      applyTicketChanges(ctx, row, { assignedGroupId: input.assignedGroupID }, initiatedBy)
    }
    runTriggers(ctx, row, { event: 'created', previousStatus: null, message: null })
    return row
  })
}

/** PUT /api/v2/ticket/:ticketID: only the fields sent change. False when the ticket does not exist. */
export function updateTicket (ctx: StoreContext, id: number, input: UpdateTicketBody, initiatedBy: string): boolean {
  return inTransaction(ctx.db, () => {
    const row = getTicketRow(ctx, id)
    if (!row) return false
    const changes: TicketChanges = { title: input.title, status: input.status }
    if (input.assignedGroupID) requireOfBrand('group', getGroup(ctx.db, input.assignedGroupID), row.brandId)
    if (input.assignedUserID) requireOfBrand('user', getUser(ctx.db, input.assignedUserID), row.brandId)
    changes.assignedGroupId = input.assignedGroupID
    changes.assignedUserId = input.assignedUserID
    if (input.externalPrimaryID !== undefined) {
      // An unknown external id sets the ticket to no customer (ticket-api-doc: Update Ticket).
      changes.customerId = findCustomerIdByExternalPrimaryId(ctx.db, input.externalPrimaryID) ?? 0
    }
    changeTicket(ctx, row, changes, initiatedBy)
    return true
  })
}

/** The tickets with these ids, each once, in the order given; a DoesNotExist error when any is unknown. */
function getTicketRows ({ db }: StoreContext, ids: number[]): TicketRow[] {
  const unique = [...new Set(ids)]
  const rows = new Map<number, TicketRow>()
  const statement = selectTickets(db, 'getTicketRows', 'WHERE id IN (SELECT value FROM json_each(?))')
  for (const values of statement.all(JSON.stringify(unique)) as unknown[][]) {
    const row = toRow(values)
    rows.set(row.id, row)
  }
  if (rows.size !== unique.length) throw doesNotExist('ticket')
  return unique.map((id) => rows.get(id) as TicketRow)
}

/** POST /api/v2/ticket/setstatus: all or nothing; an unknown id changes no ticket. */
export function setTicketStatuses (ctx: StoreContext, ids: number[], status: TicketStatus, initiatedBy: string): void {
  inTransaction(ctx.db, () => {
    for (const row of getTicketRows(ctx, ids)) changeTicket(ctx, row, { status }, initiatedBy)
  })
}

/** POST /api/v2/ticket/setpriority: all or nothing, like setstatus. */
export function setTicketPriorities (ctx: StoreContext, ids: number[], priority: TicketPriority, initiatedBy: string): void {
  inTransaction(ctx.db, () => {
    const rows = getTicketRows(ctx, ids)
    for (const row of rows) changeTicket(ctx, row, { priority }, initiatedBy)
  })
}

/**
 * Changes a ticket as an API call or an agent does: a status change fires the account's *updated*
 * triggers, as the docs say (ticket-api-doc: Update Ticket, Set the status). Returns the changed fields.
 */
export function changeTicket (ctx: StoreContext, row: TicketRow, changes: TicketChanges, initiatedBy: string) {
  const previousStatus = row.status
  const changed = applyTicketChanges(ctx, row, changes, initiatedBy)
  if (changed.includes('status')) runTriggers(ctx, row, { event: 'updated', previousStatus, message: null })
  return changed
}

/** Inserts many prepared ticket rows at once, in one transaction (for generated data sets, not the API). */
export function insertTicketRows ({ db }: StoreContext, rows: NewTicketRow[]): void {
  inTransaction(db, () => {
    for (let i = 0; i < rows.length; i += 200) db.insert(tickets).values(rows.slice(i, i + 200)).run()
  })
}
