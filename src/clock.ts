// The emulator's one source of time. Each account has its own clock, which runs with wall time or
// stands frozen; nothing else reads Date.now().
import { DateTime } from 'luxon'
import { DATE_TIME_PATTERN } from './patterns.js'

/** The wire's date-time format: 'YYYY-MM-DD HH:MM:SS', in the account's time zone, no zone marker. */
const WIRE_FORMAT = 'yyyy-MM-dd HH:mm:ss'
const DATE_TIME = new RegExp(DATE_TIME_PATTERN)

/** Parses a wire date-time in the zone; undefined when it is not one (wrong shape or impossible date). */
export function parseDateTime (text: string, timeZone: string): number | undefined {
  return DATE_TIME.test(text) ? parseOnce(text, timeZone) : undefined
}

/** How many parsed date-times a ParsedDateTimes keeps; past it they are forgotten at once. */
const PARSED_KEPT = 4096

/**
 * Wire date-times of one zone, parsed once and kept: a ticket list reads the same few dozen again on
 * every request, ~1 us each in UTC and ~33 us in any other zone (bench/RESULTS.md). The accounts'
 * clocks share one (AccountRegistry); only texts of the wire's 19-character shape are kept.
 */
export class ParsedDateTimes {
  readonly timeZone: string
  readonly #kept = new Map<string, number | undefined>()

  constructor (timeZone: string) {
    this.timeZone = timeZone
  }

  parse (text: string): number | undefined {
    if (!DATE_TIME.test(text)) return undefined
    const known = this.#kept.get(text)
    if (known !== undefined || this.#kept.has(text)) return known
    const parsed = parseOnce(text, this.timeZone)
    if (this.#kept.size >= PARSED_KEPT) this.#kept.clear()
    this.#kept.set(text, parsed)
    return parsed
  }
}

/** A text of the wire's shape as an instant in the zone; undefined for an impossible date. */
function parseOnce (text: string, timeZone: string): number | undefined {
  if (timeZone === 'UTC') {
    const ms = Date.parse(`${text.replace(' ', 'T')}Z`)
    // Date.parse rolls impossible dates over (02-30 → 03-02): only a round trip proves the date real.
    return Number.isNaN(ms) || formatDateTime(ms, 'UTC') !== text ? undefined : ms
  }
  const dt = DateTime.fromFormat(text, WIRE_FORMAT, { zone: timeZone })
  return dt.isValid ? dt.toMillis() : undefined
}

/** A date-time in the wire's format, in the given zone. */
export function formatDateTime (epochMs: number, timeZone: string): string {
  return timeZone === 'UTC'
    ? new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')
    : DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat(WIRE_FORMAT)
}

export function isValidTimeZone (timeZone: string): boolean {
  // UTC, the default, needs no time-zone data (whose first use costs ~50 ms of a start).
  if (timeZone === 'UTC') return true
  return DateTime.local().setZone(timeZone).isValid
}

export interface ClockState { now: string, frozen: boolean, timeZone: string }

export class Clock {
  readonly timeZone: string
  /** When frozen: the fixed instant. When running: the offset added to wall time. */
  #frozenAt: number | undefined
  #offsetMs = 0
  readonly #wall: () => number
  /** The last answer of now(): a request asks a dozen times, and a frozen clock the same every time. */
  #last = { epochMs: NaN, text: '' }

  readonly #parsed: ParsedDateTimes

  /** `parsed`: where the clock's parsed date-times are kept (in its zone), shared by the accounts' clocks. */
  constructor (timeZone: string, frozenAt?: string, wall: () => number = Date.now, parsed?: ParsedDateTimes) {
    this.timeZone = timeZone
    this.#wall = wall
    this.#parsed = parsed?.timeZone === timeZone ? parsed : new ParsedDateTimes(timeZone)
    if (frozenAt !== undefined) this.freezeAt(frozenAt)
  }

  nowMs (): number {
    return this.#frozenAt ?? this.#wall() + this.#offsetMs
  }

  /** Now, in the wire's format. */
  now (): string {
    const epochMs = this.nowMs()
    if (epochMs !== this.#last.epochMs) this.#last = { epochMs, text: formatDateTime(epochMs, this.timeZone) }
    return this.#last.text
  }

  get frozen (): boolean {
    return this.#frozenAt !== undefined
  }

  /** Seconds from now until a wire date-time (negative when it has passed). */
  secondsUntil (text: string): number {
    const at = this.parse(text)
    return Math.round((at - this.nowMs()) / 1000)
  }

  parse (text: string): number {
    const at = this.tryParse(text)
    if (at === undefined) throw new Error(`'${text}' is not a date-time of the form YYYY-MM-DD HH:MM:SS`)
    return at
  }

  /** The instant of a wire date-time in this clock's zone; undefined for one that does not exist (2019-02-30). */
  tryParse (text: string): number | undefined {
    return this.#parsed.parse(text)
  }

  freezeAt (text: string): void {
    this.#frozenAt = this.parse(text)
  }

  /** Lets time run again from the current instant. */
  unfreeze (): void {
    if (this.#frozenAt === undefined) return
    this.#offsetMs = this.#frozenAt - this.#wall()
    this.#frozenAt = undefined
  }

  advance (seconds: number): void {
    if (this.#frozenAt !== undefined) this.#frozenAt += seconds * 1000
    else this.#offsetMs += seconds * 1000
  }

  state (): ClockState {
    return { now: this.now(), frozen: this.frozen, timeZone: this.timeZone }
  }
}
