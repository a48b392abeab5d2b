// What the inbox's open pages are told, as server-sent events: that the account's data changed (a
// page then fetches its live parts again) and how the outbound deliveries stand. Nothing runs while
// no page listens; at most LIVE_LISTENERS pages listen per account, and one that does not read its
// stream is dropped rather than buffered for.
import type { ServerResponse } from 'node:http'

/** Pages that may listen to one account at once. */
export const LIVE_LISTENERS = 20
/** What may wait unread in one page's stream before it is dropped. */
const UNREAD_BYTES = 64 * 1024
/** Changes within this many milliseconds are told as one. */
const SETTLE_MS = 150
/** A comment this often keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 25_000

/** How the deliveries of the account stand, for the inbox's indicator. */
export interface DeliveryCounts { pending: number, delivered: number, failed: number }

/** What Live reads: how many rows the database has changed, and the delivery counts. */
export interface LiveSource {
  changeCount: () => number
  deliveryCounts: () => DeliveryCounts
}

export class Live {
  readonly #source: LiveSource
  readonly #listeners = new Set<ServerResponse>()
  #seenChanges = -1
  #seenDeliveries = ''
  #timer: NodeJS.Timeout | undefined
  #keepAlive: NodeJS.Timeout | undefined

  constructor (source: LiveSource) {
    this.#source = source
  }

  /** How the deliveries stand now. */
  counts (): DeliveryCounts {
    return this.#source.deliveryCounts()
  }

  get listeners (): number {
    return this.#listeners.size
  }

  /** Adds an open page's response (headers not yet sent); false when LIVE_LISTENERS already listen. */
  listen (res: ServerResponse): boolean {
    if (this.#listeners.size >= LIVE_LISTENERS) return false
    if (res.destroyed) return true // the page went away already
    // The connection ends with the stream, so that nothing idles on it when the server closes.
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'close'
    })
    this.#listeners.add(res)
    res.on('close', () => { this.#drop(res) })
    if (this.#seenChanges < 0) this.#seenChanges = this.#source.changeCount()
    const counts = this.#source.deliveryCounts()
    this.#seenDeliveries = JSON.stringify(counts)
    this.#send(res, 'deliveries', counts)
    this.#keepAlive ??= setInterval(() => { for (const r of this.#listeners) this.#write(r, ': keep-alive\n\n') }, KEEP_ALIVE_MS).unref()
    return true
  }

  /** Something may have changed (a request was answered, a delivery attempted): told once it settles. */
  poke (): void {
    if (this.#listeners.size === 0 || this.#timer !== undefined) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#tell()
    }, SETTLE_MS)
    this.#timer.unref()
  }

  /**
   * Ends every stream (the account is reset, dropped or the app closes): the connection is destroyed,
   * not ended, so that a page that went away without closing its end holds nothing up.
   */
  close (): void {
    for (const res of this.#listeners) res.destroy()
    this.#listeners.clear()
    this.#stop()
  }

  #tell (): void {
    let changes: number
    try {
      changes = this.#source.changeCount()
    } catch {
      return // the database is closed: nothing to tell
    }
    if (changes !== this.#seenChanges) {
      this.#seenChanges = changes
      for (const res of this.#listeners) this.#send(res, 'change', { changes })
    }
    const counts = this.#source.deliveryCounts()
    const text = JSON.stringify(counts)
    if (text !== this.#seenDeliveries) {
      this.#seenDeliveries = text
      for (const res of this.#listeners) this.#send(res, 'deliveries', counts)
    }
  }

  #send (res: ServerResponse, event: string, data: unknown): void {
    this.#write(res, `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }

  #write (res: ServerResponse, text: string): void {
    if (res.writableLength > UNREAD_BYTES) {
      res.destroy()
      this.#drop(res)
      return
    }
    res.write(text)
  }

  #drop (res: ServerResponse): void {
    this.#listeners.delete(res)
    if (this.#listeners.size === 0) this.#stop()
  }

  #stop (): void {
    clearTimeout(this.#timer)
    clearInterval(this.#keepAlive)
    this.#timer = undefined
    this.#keepAlive = undefined
    this.#seenChanges = -1
  }
}
