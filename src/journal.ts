// The request journal of one account: what clients sent and got, bounded, oldest dropped first.
import { EventEmitter } from 'node:events'
import type { JournalEntry, RequestsFilter } from './schemas/emulator.js'

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

function masked (values: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...values }
  for (const name of Object.keys(copy)) if (name.toLowerCase() === key) copy[name] = MASK
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

export class Journal {
  readonly #entries: Array<JournalRecord & { id: number }> = []
  readonly #events = new EventEmitter()
  #nextId = 1
  limit: number

  constructor (limit: number) {
    this.limit = limit
    this.#events.setMaxListeners(0)
  }

  add (record: JournalRecord): void {
    (record as JournalRecord & { id: number }).id = this.#nextId++
    this.#entries.push(record as JournalRecord & { id: number })
    // Trimmed in steps (a tenth of the limit) rather than on every request; readers see the newest `limit`.
    if (this.#entries.length > this.limit + Math.ceil(this.limit / 10)) this.#entries.splice(0, this.#entries.length - this.limit)
    if (this.#events.listenerCount('added') > 0) this.#events.emit('added')
  }

  list (filter: RequestsFilter = {}): JournalEntry[] {
    return this.#kept().filter((e) => matchesFilter(e, filter)).map(({ responseText, ...entry }) => {
      const { id, at, method, path, query, headers, body, status, durationMs, fault } = entry
      return {
        id,
        at,
        method,
        path,
        query: masked(query, 'apikey'),
        headers: masked(headers, 'apikey'),
        body,
        status,
        response: parse(responseText),
        durationMs,
        fault
      }
    })
  }

  #kept () {
    return this.#entries.length > this.limit ? this.#entries.slice(this.#entries.length - this.limit) : this.#entries
  }

  clear (): void {
    this.#entries.length = 0
  }

  /** Waits until `count` entries match, or `ms` pass; resolves with the matches and whether there are enough. */
  waitFor (filter: RequestsFilter, count: number, ms: number): Promise<{ entries: JournalEntry[], complete: boolean }> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        const entries = this.list(filter)
        if (entries.length < count) return false
        done({ entries, complete: true })
        return true
      }
      const done = (result: { entries: JournalEntry[], complete: boolean }) => {
        clearTimeout(timer)
        this.#events.off('added', check)
        resolve(result)
      }
      const timer = setTimeout(() => done({ entries: this.list(filter), complete: false }), ms)
      this.#events.on('added', check)
      check()
    })
  }
}
