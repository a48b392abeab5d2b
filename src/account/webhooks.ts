// Webhook endpoints of one account and their deliveries: Standard Webhooks headers and signature,
// sent through the account's outbox (account/outbox.ts: timeout, retries with backoff, one queue per
// endpoint so that events arrive in order, bounded).
import { createHmac, randomBytes } from 'node:crypto'
import { ApiError } from '../errors.js'
import { checkOutboundUrl } from '../hosts.js'
import type { Delivery, Webhook, WebhookInput, WebhookPayload } from '../schemas/webhooks.js'
import { WEBHOOK_EVENTS } from '../domain/vocabulary.js'
import { Outbox, TIMEOUT_MS } from './outbox.js'

export { RETRIES, TIMEOUT_MS } from './outbox.js'

/** An endpoint as kept: the listed Webhook adds its dropped count. */
type Endpoint = Omit<Webhook, 'dropped'>

/** The signature header value: v1, + base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
export function sign (secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

export class Webhooks {
  readonly #endpoints: Endpoint[] = []
  #nextId = 1
  readonly #dropped = new Map<string, number>()
  readonly #outbox: Outbox<Delivery>
  readonly limit: number
  readonly #hosts: string[]
  #attempted: () => void = () => {}

  constructor (retryFactor: number, limit: number, hosts: string[] = []) {
    this.limit = limit
    this.#hosts = hosts
    this.#outbox = new Outbox<Delivery>({
      retryFactor,
      limit,
      attempted: () => { this.#attempted() },
      wanted: (id) => this.#endpoints.some((w) => w.id === id),
      dropped: (id) => { this.#dropped.set(id, (this.#dropped.get(id) ?? 0) + 1) }
    })
  }

  /** Calls `fn` after every delivery attempt (the inbox's live indicator). */
  onAttempt (fn: () => void): void {
    this.#attempted = fn
  }

  get retryFactor (): number {
    return this.#outbox.retryFactor
  }

  list (): Webhook[] {
    return this.#endpoints.map((webhook) => ({ ...webhook, dropped: this.#dropped.get(webhook.id) ?? 0 }))
  }

  get listening (): boolean {
    return this.#endpoints.length > 0
  }

  /** Registers an endpoint after checking it as Omnidesk does: OPTIONS must answer 200/204 with Allow: POST. */
  async add (input: WebhookInput, now: string): Promise<Webhook> {
    checkOutboundUrl(input.url, this.#hosts, 'url', 'Webhooks go')
    let res: Response
    try {
      res = await fetch(input.url, { method: 'OPTIONS', redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) })
    } catch (err) {
      throw new ApiError(400, `The webhook URL did not answer the OPTIONS check: ${(err as Error).message}.`)
    }
    await res.body?.cancel()
    const allow = res.headers.get('allow') ?? ''
    if (![200, 204].includes(res.status) || !/\bPOST\b/i.test(allow)) {
      throw new ApiError(400, `The webhook URL must answer OPTIONS with 200 or 204 and an Allow header containing POST; it answered ${res.status} with Allow: '${allow}'.`)
    }
    const webhook: Endpoint = {
      id: `wh_${this.#nextId++}`,
      url: input.url,
      events: input.events ?? [...WEBHOOK_EVENTS],
      secret: input.secret ?? `whsec_${randomBytes(24).toString('base64')}`,
      createdAt: now
    }
    this.#endpoints.push(webhook)
    return { ...webhook, dropped: 0 }
  }

  remove (id: string): boolean {
    const i = this.#endpoints.findIndex((w) => w.id === id)
    if (i < 0) return false
    this.#endpoints.splice(i, 1)
    this.#outbox.cancel(id)
    return true
  }

  /** Forgets every endpoint and delivery; deliveries under way stop at their next step. */
  clear (): void {
    this.#endpoints.length = 0
    this.#dropped.clear()
    this.#outbox.clear()
  }

  deliveries (): Delivery[] {
    return this.#outbox.deliveries()
  }

  pending (): number {
    return this.#outbox.pending()
  }

  /** Queues one payload for every endpoint that subscribed to its type. */
  send (payload: WebhookPayload, ticketId: number): void {
    const body = JSON.stringify(payload)
    for (const webhook of this.#endpoints) {
      if (!webhook.events.includes(payload.type)) continue
      const delivery: Delivery = { id: `msg_${randomBytes(12).toString('hex')}`, webhookId: webhook.id, type: payload.type, ticketId, state: 'pending', attempts: [] }
      this.#outbox.enqueue(webhook.id, {
        delivery,
        url: webhook.url,
        body,
        headers: (timestamp) => ({
          'content-type': 'application/json',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': sign(webhook.secret, delivery.id, timestamp, body)
        })
      })
    }
  }

  /** Resolves once nothing is pending, or false after `timeoutMs`. */
  async flush (timeoutMs: number): Promise<boolean> {
    return await this.#outbox.flush(timeoutMs)
  }
}
