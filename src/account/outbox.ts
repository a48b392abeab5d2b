// Outbound deliveries of one account (webhooks, the chat hookpoints), after the change is committed:
// a 1-second timeout, up to 5 retries with exponential backoff (base 2, in seconds times the retry
// factor), one queue per receiver so that its deliveries arrive in order, bounded queues and a
// bounded journal of deliveries. Nothing here runs inside a request: a slow or dead receiver never
// slows the API.
import { setTimeout as sleep } from 'node:timers/promises'
import { WEBHOOK_QUEUE_LIMIT } from '../limits.js'

export const RETRIES = 5
export const TIMEOUT_MS = 1000
/** Deliveries waiting in all of one outbox's queues at most (many receivers, e.g. one per chat server); past it a new one is dropped. */
export const OUTBOX_WAITING_LIMIT = 10 * WEBHOOK_QUEUE_LIMIT
/** What of a receiver's answer is kept with an attempt (the rest is never read). */
const ANSWER_KEPT = 200

export interface Attempt {
  at: string
  status: number | null
  durationMs: number
  error: string | null
  /** The start of the answer's body, when the outbox was asked to keep it. */
  answer?: string
  /** The headers sent (a signature's among them: never a secret). */
  headers?: Record<string, string>
}

/** What the outbox tracks of each delivery; the owner's deliveries add their own fields. */
export interface Tracked {
  state: 'pending' | 'delivered' | 'failed' | 'dropped'
  attempts: Attempt[]
}

/** One delivery's request: its headers are made per attempt (a signature carries the attempt's time). */
export interface Job<D extends Tracked> {
  delivery: D
  url: string
  body: string
  headers: (timestampSeconds: number) => Record<string, string>
}

export interface OutboxOptions<D extends Tracked> {
  retryFactor: number
  /** Deliveries kept for reading at most; the oldest go first. */
  limit: number
  /** Whether a queued job is still wanted when its turn (or its retry) comes; default: yes. */
  wanted?: (queue: string) => boolean
  /** Called for each delivery dropped because its queue was over WEBHOOK_QUEUE_LIMIT. */
  dropped?: (queue: string) => void
  /** Deliveries waiting in all queues at most (default OUTBOX_WAITING_LIMIT). */
  waitingLimit?: number
  /** Keep the start of each answer's body with its attempt (the chat hookpoints answer `ok`). */
  keepAnswer?: boolean
  /** Called after each attempt (e.g. to journal it). */
  attempted?: (job: Job<D>, attempt: Attempt, headers: Record<string, string>) => void
}

export class Outbox<D extends Tracked> {
  readonly #queues = new Map<string, Array<Job<D>>>()
  readonly #running = new Set<string>()
  readonly #deliveries: D[] = []
  readonly #idle = new Set<() => void>()
  #generation = 0
  readonly #options: OutboxOptions<D>

  constructor (options: OutboxOptions<D>) {
    this.#options = options
  }

  get retryFactor (): number {
    return this.#options.retryFactor
  }

  deliveries (): D[] {
    return [...this.#deliveries]
  }

  pending (): number {
    return this.#deliveries.filter((d) => d.state === 'pending').length
  }

  /** Queues a job behind the others of its queue (one receiver). */
  enqueue (queueName: string, job: Job<D>): void {
    this.#deliveries.push(job.delivery)
    if (this.#deliveries.length > this.#options.limit) this.#deliveries.splice(0, this.#deliveries.length - this.#options.limit)
    if (this.#waiting() >= (this.#options.waitingLimit ?? OUTBOX_WAITING_LIMIT)) {
      job.delivery.state = 'dropped'
      this.#options.dropped?.(queueName)
      return
    }
    const queue = this.#queues.get(queueName) ?? []
    queue.push(job)
    this.#queues.set(queueName, queue)
    // A dead receiver under load must not grow memory without end: the oldest waiting go first.
    while (queue.length > WEBHOOK_QUEUE_LIMIT) {
      const gone = queue.shift()
      if (gone) gone.delivery.state = 'dropped'
      this.#options.dropped?.(queueName)
    }
    if (!this.#running.has(queueName)) this.#drain(queueName).catch(() => {})
  }

  #waiting (): number {
    let count = 0
    for (const queue of this.#queues.values()) count += queue.length
    return count
  }

  /** Gives up a queue's waiting jobs (its receiver is gone). */
  cancel (queueName: string): void {
    for (const { delivery } of this.#queues.get(queueName) ?? []) delivery.state = 'failed'
    this.#queues.delete(queueName)
    this.#notifyIfIdle()
  }

  /** Forgets every queue and delivery; deliveries under way stop at their next step. */
  clear (): void {
    this.#generation++
    for (const delivery of this.#deliveries) if (delivery.state === 'pending') delivery.state = 'failed'
    this.#queues.clear()
    this.#deliveries.length = 0
    this.#notifyIfIdle()
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

  async #drain (queueName: string): Promise<void> {
    const generation = this.#generation
    this.#running.add(queueName)
    try {
      for (;;) {
        const queue = this.#queues.get(queueName)
        const next = queue?.shift()
        if (queue?.length === 0) this.#queues.delete(queueName)
        if (!next || generation !== this.#generation) return
        await this.#deliver(queueName, next, generation)
        this.#notifyIfIdle()
      }
    } finally {
      this.#running.delete(queueName)
    }
  }

  async #deliver (queueName: string, job: Job<D>, generation: number): Promise<void> {
    const { delivery } = job
    const wanted = this.#options.wanted ?? (() => true)
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      if (attempt > 0) await sleep(2 ** (attempt - 1) * 1000 * this.#options.retryFactor)
      if (generation !== this.#generation || !wanted(queueName)) {
        delivery.state = 'failed'
        return
      }
      const started = performance.now()
      let status: number | null = null
      let error: string | null = null
      let answer: string | undefined
      const headers = job.headers(Math.floor(Date.now() / 1000))
      try {
        const res = await fetch(job.url, {
          method: 'POST',
          headers,
          body: job.body,
          redirect: 'manual',
          signal: AbortSignal.timeout(TIMEOUT_MS)
        })
        status = res.status
        // At most the answer's first chunk is read: a receiver cannot make the emulator hold a large one.
        answer = this.#options.keepAnswer ? await firstChars(res) : undefined
        await res.body?.cancel()
        if (!res.ok) error = `answered ${res.status}`
      } catch (err) {
        error = (err as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (err as Error).message
      }
      const record: Attempt = { at: new Date().toISOString(), status, durationMs: Math.round(performance.now() - started), error, ...(answer === undefined ? {} : { answer }), headers }
      delivery.attempts.push(record)
      this.#options.attempted?.(job, record, headers)
      if (error === null) {
        delivery.state = 'delivered'
        return
      }
    }
    delivery.state = 'failed'
  }
}

async function firstChars (res: Response): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ''
  const { value } = await reader.read()
  reader.releaseLock()
  return value ? Buffer.from(value.subarray(0, ANSWER_KEPT)).toString('utf8') : ''
}
