// The outbound CRM lookup (Omnidesk's "API sync on contact" page): when a ticket comes in from an
// address with no customer and its brand has a CRM sync url, Omnidesk asks that url who it is and
// links or creates the customer from the array it answers. Each call runs after the ticket is
// committed, never inside a request; it is kept in the account's request journal.
import { ApiError } from '../errors.js'
import { checkOutboundUrl } from '../hosts.js'
import { applyCrmAnswer, type CrmLookup } from '../stores/customer-sync.js'
import type { StoreContext } from '../stores/context.js'
import { deliverEvents, type EventSink } from './events.js'
import type { Journal } from './journal.js'

/** What a lookup works with: its account (an Account). */
export interface LookupOwner extends EventSink {
  readonly journal: Journal
  requestStore: () => StoreContext
  readonly live?: { poke: () => void }
}

export const CRM_LOOKUP_TIMEOUT_MS = 1000
/** Lookups waiting for an answer at most per account; past it a new ticket's lookup is skipped (and journaled). */
export const CRM_LOOKUPS_IN_FLIGHT = 100
/** Who the timeline events of a lookup name. */
const INITIATED_BY = 'crm: lookup'

/** The lookup's URL: the configured one (`…?key=xyzzy`) with the documented parameters added. */
export function lookupUrl (lookup: CrmLookup): URL {
  const url = new URL(lookup.url)
  url.searchParams.append('channelAddressType', lookup.channelAddressType)
  url.searchParams.append('address', lookup.address)
  url.searchParams.append('ticketID', String(lookup.ticketId))
  return url
}

export class CrmLookups {
  readonly #account: LookupOwner
  readonly #hosts: string[]
  #inFlight = 0

  constructor (account: LookupOwner, hosts: string[]) {
    this.#account = account
    this.#hosts = hosts
  }

  /** Starts the lookup once the current turn's writes are committed. */
  start (lookup: CrmLookup): void {
    if (this.#inFlight >= CRM_LOOKUPS_IN_FLIGHT) {
      this.#record(lookup, null, `skipped: ${CRM_LOOKUPS_IN_FLIGHT} lookups were already waiting for an answer`, 0)
      return
    }
    this.#inFlight++
    setImmediate(() => { this.#run(lookup).finally(() => { this.#inFlight-- }) })
  }

  async #run (lookup: CrmLookup): Promise<void> {
    const started = performance.now()
    const url = lookupUrl(lookup)
    let status: number | null = null
    let text = ''
    try {
      checkOutboundUrl(url.href, this.#hosts, 'crm_sync_url', 'The CRM sync url may point')
      const res = await fetch(url, { signal: AbortSignal.timeout(CRM_LOOKUP_TIMEOUT_MS), redirect: 'manual' })
      status = res.status
      text = await res.text()
      if (status !== 200) throw new Error(`the CRM answered ${status}`)
      let results: unknown
      try {
        results = JSON.parse(text)
      } catch {
        throw new Error('the CRM\'s answer is not JSON')
      }
      if (!Array.isArray(results)) throw new Error('the CRM\'s answer is not an array of results')
      const store = this.#account.requestStore()
      applyCrmAnswer(store, lookup, results, INITIATED_BY)
      if (store.events && store.events.length > 0) deliverEvents(this.#account, store.events)
      this.#account.live?.poke()
      this.#record(lookup, status, text, performance.now() - started)
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${CRM_LOOKUP_TIMEOUT_MS} ms` : (err as Error).message
      this.#record(lookup, status, JSON.stringify({ error: `The CRM lookup failed, the ticket keeps no customer: ${reason}`, answer: text.slice(0, 2000) }), performance.now() - started)
      if (!(err instanceof ApiError) && status === null) this.#account.log?.warn({ ticketId: lookup.ticketId }, `CRM lookup failed: ${reason}`)
    }
  }

  #record (lookup: CrmLookup, status: number | null, responseText: string, durationMs: number): void {
    const url = lookupUrl(lookup)
    this.#account.journal.add({
      at: this.#account.clock.now(),
      method: 'GET',
      path: `${url.origin}${url.pathname}`,
      query: Object.fromEntries(url.searchParams),
      headers: {},
      body: null,
      status,
      responseText,
      durationMs: Math.round(durationMs * 100) / 100,
      fault: null,
      outbound: 'crm-lookup'
    })
  }
}
