// SLA arithmetic on wall-clock date-times of the account ('YYYY-MM-DD HH:MM:SS'). Business hours are
// wall-clock hours too, so the calendar maths runs on naive times; only "seconds from now" needs the zone.
import type { BusinessHours, SlaPolicyRow } from './db/schema.js'

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

/** The wall-clock time `minutes` working minutes after `start` (every minute counts without business hours). */
export function addBusinessMinutes (start: string, minutes: number, hours: BusinessHours | null): string {
  let at = toNaive(start)
  if (!hours || hours.days.length === 0) return fromNaive(at + minutes * MINUTE)
  const open = minutesOfDay(hours.start) * MINUTE
  const close = minutesOfDay(hours.end) * MINUTE
  if (close <= open) return fromNaive(at + minutes * MINUTE)
  let left = minutes * MINUTE
  for (let guard = 0; guard < 3660; guard++) {
    const dayStart = Math.floor(at / DAY) * DAY
    const weekday = new Date(dayStart).getUTCDay() || 7
    const from = Math.max(at, dayStart + open)
    const until = dayStart + close
    if (hours.days.includes(weekday) && from < until) {
      if (from + left <= until) return fromNaive(from + left)
      left -= until - from
    }
    at = dayStart + DAY
  }
  return fromNaive(at)
}

export interface SlaTargets {
  sla_breach_first_reply_time: string | null
  sla_next_breach: string | null
  sla_next_breach_current_status: string | null
}

/** The breach times a new ticket gets from its policy: a customer's ticket waits for a first reply. */
export function slaForNewTicket (policy: SlaPolicyRow | undefined, createdAt: string, direction: string): SlaTargets {
  if (!policy || direction !== 'inbound' || policy.firstReplyMinutes === null) {
    return { sla_breach_first_reply_time: null, sla_next_breach: null, sla_next_breach_current_status: null }
  }
  const firstReply = addBusinessMinutes(createdAt, policy.firstReplyMinutes, policy.businessHours ?? null)
  return { sla_breach_first_reply_time: firstReply, sla_next_breach: firstReply, sla_next_breach_current_status: 'active' }
}
