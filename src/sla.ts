// SLA arithmetic on wall-clock date-times of the account ('YYYY-MM-DD HH:MM:SS'). Business hours are
// wall-clock hours too, so the calendar maths runs on naive times; only "seconds from now" needs the zone.
//
// The model (ours; CONTRACT.md only names the fields):
// - first reply: an inbound ticket must get its first agent reply within the policy's first-reply time;
// - next reply: a customer message after an agent reply must be answered within the next-reply time;
// - user work: once an agent is assigned, the ticket must be solved within the user-work time;
// - customer wait: an inbound ticket must be solved within the customer-wait time from its creation.
// Pending and holding pause every clock (the remaining business time is kept); solved and closed end them.
import type { BusinessHours, SlaPolicyRow, TicketRow } from './db/schema.js'
import type { TicketStatus } from './domain/vocabulary.js'

const MINUTE = 60_000
const DAY = 86_400_000

function toNaive (text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`)
}

function fromNaive (ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
}

function minutesOfDay (hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** The working windows of hours, or undefined when every minute counts. */
function windows (hours: BusinessHours | null) {
  if (!hours || hours.days.length === 0) return undefined
  const open = minutesOfDay(hours.start) * MINUTE
  const close = minutesOfDay(hours.end) * MINUTE
  if (close <= open) return undefined
  return { days: hours.days, open, close }
}

/** The wall-clock time `minutes` working minutes after `start` (every minute counts without business hours). */
export function addBusinessMinutes (start: string, minutes: number, hours: BusinessHours | null): string {
  let at = toNaive(start)
  const w = windows(hours)
  if (!w) return fromNaive(at + minutes * MINUTE)
  let left = minutes * MINUTE
  for (let guard = 0; guard < 3660; guard++) {
    const dayStart = Math.floor(at / DAY) * DAY
    const weekday = new Date(dayStart).getUTCDay() || 7
    const from = Math.max(at, dayStart + w.open)
    const until = dayStart + w.close
    if (w.days.includes(weekday) && from < until) {
      if (from + left <= until) return fromNaive(from + left)
      left -= until - from
    }
    at = dayStart + DAY
  }
  return fromNaive(at)
}

/** Working minutes between two wall-clock times (0 when `to` is not after `from`). */
export function businessMinutesBetween (from: string, to: string, hours: BusinessHours | null): number {
  let at = toNaive(from)
  const end = toNaive(to)
  if (end <= at) return 0
  const w = windows(hours)
  if (!w) return (end - at) / MINUTE
  let total = 0
  for (let guard = 0; guard < 3660 && at < end; guard++) {
    const dayStart = Math.floor(at / DAY) * DAY
    const weekday = new Date(dayStart).getUTCDay() || 7
    const a = Math.max(at, dayStart + w.open)
    const b = Math.min(end, dayStart + w.close)
    if (w.days.includes(weekday) && a < b) total += b - a
    at = dayStart + DAY
  }
  return total / MINUTE
}

export type SlaColumns = Pick<TicketRow,
  'slaBreachFirstReplyTime' | 'slaBreachNextReplyTime' | 'slaBreachUserWorkTime' | 'slaBreachCustomerWaitTime' |
  'slaNextBreach' | 'slaNextBreachCurrentStatus' | 'slaPausedAt'>

const TARGETS = ['slaBreachFirstReplyTime', 'slaBreachNextReplyTime', 'slaBreachUserWorkTime', 'slaBreachCustomerWaitTime'] as const
const PAUSED: TicketStatus[] = ['pending', 'holding']
const ENDED: TicketStatus[] = ['solved', 'closed']

/** Sets sla_next_breach (the earliest target) and its stored status: active, paused, or null without targets. */
function withNextBreach (cols: SlaColumns): SlaColumns {
  const next = TARGETS.map((k) => cols[k]).filter((v): v is string => v !== null).sort()[0] ?? null
  const status = next === null ? null : cols.slaPausedAt !== null ? 'paused' : 'active'
  return { ...cols, slaNextBreach: next, slaNextBreachCurrentStatus: status }
}

function current (row: TicketRow): SlaColumns {
  return {
    slaBreachFirstReplyTime: row.slaBreachFirstReplyTime,
    slaBreachNextReplyTime: row.slaBreachNextReplyTime,
    slaBreachUserWorkTime: row.slaBreachUserWorkTime,
    slaBreachCustomerWaitTime: row.slaBreachCustomerWaitTime,
    slaNextBreach: row.slaNextBreach,
    slaNextBreachCurrentStatus: row.slaNextBreachCurrentStatus,
    slaPausedAt: row.slaPausedAt
  }
}

/** The status the wire shows: a stored `active` whose next breach has passed reads `breached`. */
export function slaStatusAt (row: Pick<TicketRow, 'slaNextBreach' | 'slaNextBreachCurrentStatus'>, secondsLeft: number | null): string | null {
  if (row.slaNextBreachCurrentStatus === 'active' && secondsLeft !== null && secondsLeft <= 0) return 'breached'
  return row.slaNextBreachCurrentStatus
}

/** The targets a new ticket gets from its policy. */
export function slaOnCreate (policy: SlaPolicyRow | undefined, createdAt: string, direction: string): SlaColumns {
  const cols: SlaColumns = {
    slaBreachFirstReplyTime: null,
    slaBreachNextReplyTime: null,
    slaBreachUserWorkTime: null,
    slaBreachCustomerWaitTime: null,
    slaNextBreach: null,
    slaNextBreachCurrentStatus: null,
    slaPausedAt: null
  }
  if (!policy || direction !== 'inbound') return cols
  const hours = policy.businessHours ?? null
  if (policy.firstReplyMinutes !== null) cols.slaBreachFirstReplyTime = addBusinessMinutes(createdAt, policy.firstReplyMinutes, hours)
  if (policy.customerWaitMinutes !== null) cols.slaBreachCustomerWaitTime = addBusinessMinutes(createdAt, policy.customerWaitMinutes, hours)
  return withNextBreach(cols)
}

/** A status change: pending/holding pause the clocks, back to new/open resumes them, solved/closed ends them. */
export function slaOnStatus (row: TicketRow, status: TicketStatus, now: string, policy: SlaPolicyRow | undefined): SlaColumns {
  const cols = current(row)
  if (ENDED.includes(status)) {
    for (const k of TARGETS) cols[k] = null
    cols.slaPausedAt = null
    return withNextBreach(cols)
  }
  if (PAUSED.includes(status)) {
    cols.slaPausedAt ??= now
    return withNextBreach(cols)
  }
  if (cols.slaPausedAt !== null) {
    const hours = policy?.businessHours ?? null
    for (const k of TARGETS) {
      const target = cols[k]
      if (target !== null) cols[k] = addBusinessMinutes(now, businessMinutesBetween(cols.slaPausedAt, target, hours), hours)
    }
    cols.slaPausedAt = null
  }
  return withNextBreach(cols)
}

/** An agent's reply satisfies the first-reply and next-reply targets. */
export function slaOnAgentReply (row: TicketRow): SlaColumns {
  return withNextBreach({ ...current(row), slaBreachFirstReplyTime: null, slaBreachNextReplyTime: null })
}

/** A customer's message after an agent's reply starts the next-reply clock. */
export function slaOnCustomerMessage (row: TicketRow, now: string, policy: SlaPolicyRow | undefined, agentHasReplied: boolean): SlaColumns {
  const cols = current(row)
  if (policy && agentHasReplied && policy.nextReplyMinutes !== null && cols.slaBreachNextReplyTime === null) {
    cols.slaBreachNextReplyTime = addBusinessMinutes(now, policy.nextReplyMinutes, policy.businessHours ?? null)
  }
  return withNextBreach(cols)
}

/** The first assignment to an agent starts the user-work clock. */
export function slaOnUserAssigned (row: TicketRow, now: string, policy: SlaPolicyRow | undefined): SlaColumns {
  const cols = current(row)
  if (policy && policy.userWorkMinutes !== null && cols.slaBreachUserWorkTime === null && !ENDED.includes(row.status)) {
    cols.slaBreachUserWorkTime = addBusinessMinutes(now, policy.userWorkMinutes, policy.businessHours ?? null)
  }
  return withNextBreach(cols)
}
