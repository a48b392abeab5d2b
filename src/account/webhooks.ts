// Webhook delivery for one account, after the change is committed: Standard Webhooks headers and
// signature, a 1-second timeout, up to 5 retries with exponential backoff (base 2, in seconds times
// WEBHOOK_RETRY_FACTOR), one queue per endpoint so that events arrive in order. A slow or dead
// receiver never slows the API: nothing here runs inside a request.
import { createHmac, randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { ApiError } from '../errors.js'
import { checkOutboundUrl } from '../hosts.js'
import { WEBHOOK_QUEUE_LIMIT } from '../limits.js'
import type { Delivery, Webhook, WebhookInput, WebhookPayload } from '../schemas/webhooks.js'
import { WEBHOOK_EVENTS } from '../domain/vocabulary.js'

export const RETRIES = 5
export const TIMEOUT_MS = 1000

interface Queued { delivery: Delivery, body: string }
/** An endpoint as kept: the listed Webhook adds its dropped count. */
type Endpoint = Omit<Webhook, 'dropped'>

/** The signature header value: v1, + base64 HMAC-SHA256 of `id.timestamp.body` with the secret's bytes. */
export function sign (secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

export class Webhooks {
  readonly #endpoints: Endpoint[] = []
  readonly #queues = new Map<string, Queued[]>()
  readonly #running = new Set<string>()
  readonly #deliveries: Delivery[] = []
  readonly #idle = new Set<() => void>()
  #nextId = 1
  #generation = 0
  readonly #dropped = new Map<string, number>()
  readonly retryFactor: number
  readonly limit: number
  readonly #hosts: string[]

  constructor (retryFactor: number, limit: number, hosts: string[] = []) {
    this.retryFactor = retryFactor
    this.limit = limit
    this.#hosts = hosts
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
      res = await fetch(input.url, { method: 'OPTIONS', signal: AbortSignal.timeout(TIMEOUT_MS) })
    } catch (err) {
      throw new ApiError(400, `The webhook URL did not answer the OPTIONS check: ${(err as Error).message}.`)
    }
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
    for (const { delivery } of this.#queues.get(id) ?? []) delivery.state = 'failed'
    this.#queues.delete(id)
    this.#notifyIfIdle()
    return true
  }

  /** Forgets every endpoint and delivery; deliveries under way stop at their next step. */
  clear (): void {
    this.#generation++
    for (const delivery of this.#deliveries) if (delivery.state === 'pending') delivery.state = 'failed'
    this.#endpoints.length = 0
    this.#queues.clear()
    this.#deliveries.length = 0
    this.#dropped.clear()
    this.#notifyIfIdle()
  }

  deliveries (): Delivery[] {
    return [...this.#deliveries]
  }

  pending (): number {
    return this.#deliveries.filter((d) => d.state === 'pending').length
  }

  /** Queues one payload for every endpoint that subscribed to its type. */
  send (payload: WebhookPayload, ticketId: number): void {
    const body = JSON.stringify(payload)
    for (const webhook of this.#endpoints) {
      if (!webhook.events.includes(payload.type)) continue
      const delivery: Delivery = { id: `msg_${randomBytes(12).toString('hex')}`, webhookId: webhook.id, type: payload.type, ticketId, state: 'pending', attempts: [] }
      this.#deliveries.push(delivery)
      if (this.#deliveries.length > this.limit) this.#deliveries.splice(0, this.#deliveries.length - this.limit)
      const queue = this.#queues.get(webhook.id) ?? []
      queue.push({ delivery, body })
      this.#queues.set(webhook.id, queue)
      // A dead receiver under load must not grow memory without end: the oldest waiting go first.
      while (queue.length > WEBHOOK_QUEUE_LIMIT) {
        const gone = queue.shift()
        if (gone) gone.delivery.state = 'dropped'
        this.#dropped.set(webhook.id, (this.#dropped.get(webhook.id) ?? 0) + 1)
      }
      if (!this.#running.has(webhook.id)) this.#drain(webhook).catch(() => {})
    }
  }

  /** Resolves once nothing is pending, or false after `timeoutMs`. */
  async flush (timeoutMs: number): Promise<boolean> {
    if (this.pending() === 0) return true
    return await new Promise((resolve) => {
      const done = () => { clearTimeout(timer); this.#idle.delete(done); resolve(true) }
      const timer = setTimeout(() => { this.#idle.delete(done); resolve(false) }, timeoutMs)
      this.#idle.add(done)
    })
  }

  #notifyIfIdle (): void {
    if (this.pending() === 0) for (const done of [...this.#idle]) done()
  }

  async #drain (webhook: Endpoint): Promise<void> {
    const generation = this.#generation
    this.#running.add(webhook.id)
    try {
      for (;;) {
        const next = this.#queues.get(webhook.id)?.shift()
        if (!next || generation !== this.#generation) return
        await this.#deliver(webhook, next, generation)
        this.#notifyIfIdle()
      }
    } finally {
      this.#running.delete(webhook.id)
    }
  }

  async #deliver (webhook: Endpoint, { delivery, body }: Queued, generation: number): Promise<void> {
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await sleep(2 ** (attempt - 1) * 1000 * this.retryFactor)
      if (generation !== this.#generation || !this.#endpoints.includes(webhook)) {
        delivery.state = 'failed'
        return
      }
      const timestamp = Math.floor(Date.now() / 1000)
      const started = performance.now()
      let status: number | null = null
      let error: string | null = null
      try {
        const res = await fetch(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': delivery.id,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': sign(webhook.secret, delivery.id, timestamp, body)
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS)
        })
        status = res.status
        // The answer's body is never read: a receiver cannot make the emulator hold a large one.
        await res.body?.cancel()
        if (!res.ok) error = `answered ${res.status}`
      } catch (err) {
        error = (err as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (err as Error).message
      }
      delivery.attempts.push({ at: new Date().toISOString(), status, durationMs: Math.round(performance.now() - started), error })
      if (error === null) {
        delivery.state = 'delivered'
        return
      }
    }
    delivery.state = 'failed'
  }
}
