// The request journal of one account: what clients sent and got, bounded, oldest dropped first.
import { EventEmitter } from 'node:events'
import type { JournalEntry, RequestsFilter } from '../schemas/emulator.js'

export function matchesFilter (entry: Pick<JournalEntry, 'method' | 'path' | 'status'>, filter: RequestsFilter): boolean {
  if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false
  if (filter.path !== undefined && !entry.path.toLowerCase().includes(filter.path.toLowerCase())) return false
  if (filter.status !== undefined && entry.status !== filter.status) return false
  return true
}

/**
 * What the journal stores: the request's own query, headers and body objects and the response as
 * sent; the API key is masked and the response parsed only when someone reads the journal.
 */
export type JournalRecord = Omit<JournalEntry, 'id' | 'response'> & { responseText: string | null }

const MASK = '***'

/** Where a secret can travel: the API key, the control token, a bearer token, the inbox's session cookie. */
const SECRET_HEADERS: ReadonlySet<string> = new Set(['apikey', 'x-api-key', 'authorization', 'proxy-authorization', 'x-control-token', 'cookie'])
const SECRET_QUERY: ReadonlySet<string> = new Set(['apikey', 'token', 'key', 'secret'])
/** Body fields that carry a secret: the API key, a chat account token, a custom channel's secret. */
const SECRET_BODY: ReadonlySet<string> = new Set(['apikey', 'chataccounttoken', 'custom_channel_secret'])

function masked (values: Record<string, unknown>, secrets: ReadonlySet<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...values }
  for (const name of Object.keys(copy)) if (secrets.has(name.toLowerCase())) copy[name] = MASK
  return copy
}

/** A body with its secret fields masked; in the start of a cut body too. */
function maskedBody (body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body
  const copy = masked(body as Record<string, unknown>, SECRET_BODY)
  if (copy.truncated === true && typeof copy.start === 'string') {
    copy.start = copy.start.replace(/(apiKey|chatAccountToken|custom_channel_secret)("?\s*[:=]\s*"?)[^"&\s,}]*/gi, `$1$2${MASK}`)
  }
  return copy
}

function parse (text: string | null): unknown {
  if (text === null || text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** A body or response larger than this is kept cut, as `{ truncated, bytes, start }` (the README says so). */
export const JOURNAL_BODY_LIMIT = 64 * 1024
/** What one account's journal holds at most, bodies and responses counted; the oldest go first past it. */
export const JOURNAL_BYTES = 16 * 1024 * 1024
const ENTRY_OVERHEAD = 512

/** A body as the journal keeps it: itself, or its start when its text is over JOURNAL_BODY_LIMIT. */
export function cutBody (body: unknown, bytes: number): unknown {
  if (bytes <= JOURNAL_BODY_LIMIT) return body
  const text = typeof body === 'string' ? body : JSON.stringify(body) ?? ''
  return { truncated: true, bytes, start: text.slice(0, JOURNAL_BODY_LIMIT) }
}

export class Journal {
  readonly #entries: Array<JournalRecord & { id: number, size: number }> = []
  readonly #events = new EventEmitter()
  #nextId = 1
  #bytes = 0
  limit: number

  constructor (limit: number) {
    this.limit = limit
    this.#events.setMaxListeners(0)
  }

  /** Adds a request; `bodyBytes` is the size of its body as sent (its content-length). */
  add (record: JournalRecord, bodyBytes = 0): void {
    if (record.responseText !== null && record.responseText.length > JOURNAL_BODY_LIMIT) {
      record.responseText = JSON.stringify(cutBody(record.responseText, record.responseText.length))
    }
    const size = ENTRY_OVERHEAD + Math.min(bodyBytes, JOURNAL_BODY_LIMIT) + (record.responseText?.length ?? 0)
    const entry = Object.assign(record, { id: this.#nextId++, size })
    this.#entries.push(entry)
    this.#bytes += size
    // Trimmed in steps (a tenth of the limit) rather than on every request; readers see the newest `limit`.
    if (this.#entries.length > this.limit + Math.ceil(this.limit / 10)) this.#drop(this.#entries.length - this.limit)
    if (this.#bytes > JOURNAL_BYTES) {
      let n = 0
      for (let bytes = this.#bytes; bytes > JOURNAL_BYTES * 0.9 && n < this.#entries.length - 1; n++) bytes -= this.#entries[n]?.size ?? 0
      this.#drop(n)
    }
    if (this.#events.listenerCount('added') > 0) this.#events.emit('added', entry)
  }

  #drop (count: number): void {
    for (const gone of this.#entries.splice(0, count)) this.#bytes -= gone.size
  }

  /** How much it holds: entries and their bytes (bodies and responses counted). */
  get usage (): { entries: number, bytes: number } {
    return { entries: Math.min(this.#entries.length, this.limit), bytes: this.#bytes }
  }

  /**
   * The matching entries, oldest first; with `after`, only newer ones than that id, and at most
   * `limit` of them (the newest when `newest`), so that a large journal is read in pages.
   */
  list (filter: RequestsFilter = {}, page: { after?: number, before?: number, limit?: number, newest?: boolean } = {}): JournalEntry[] {
    const { after = 0, before = Number.MAX_SAFE_INTEGER, limit = Number.MAX_SAFE_INTEGER, newest = false } = page
    const matching = this.#kept().filter((e) => e.id > after && e.id < before && matchesFilter(e, filter))
    const chosen = matching.length <= limit ? matching : newest ? matching.slice(matching.length - limit) : matching.slice(0, limit)
    return chosen.map(({ responseText, size: _size, ...entry }) => {
      const { id, at, method, path, query, headers, body, status, durationMs, fault, outbound } = entry
      return {
        id,
        at,
        method,
        path,
        query: masked(query, SECRET_QUERY),
        headers: masked(headers, SECRET_HEADERS),
        body: maskedBody(body),
        status,
        response: parse(responseText),
        durationMs,
        fault,
        ...(outbound === undefined ? {} : { outbound })
      }
    })
  }

  #kept () {
    return this.#entries.length > this.limit ? this.#entries.slice(this.#entries.length - this.limit) : this.#entries
  }

  clear (): void {
    this.#entries.length = 0
    this.#bytes = 0
  }

  /**
   * Waits until `count` entries match, or `ms` pass; resolves with the matches and whether there are
   * enough. A waiting poll costs nothing per request but a look at the new entry: the matches are
   * counted once, then each new entry is tested alone.
   */
  waitFor (filter: RequestsFilter, count: number, ms: number): Promise<{ entries: JournalEntry[], complete: boolean }> {
    return new Promise((resolve) => {
      let matched = this.#kept().filter((e) => matchesFilter(e, filter)).length
      const added = (entry: JournalRecord & { id: number }): void => {
        if (!matchesFilter(entry, filter)) return
        if (++matched >= count) done(true)
      }
      const done = (complete: boolean) => {
        clearTimeout(timer)
        this.#events.off('added', added)
        resolve({ entries: this.list(filter), complete })
      }
      const timer = setTimeout(() => done(false), ms)
      if (matched >= count) return done(true)
      this.#events.on('added', added)
    })
  }
}
