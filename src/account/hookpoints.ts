// The chat hookpoints (Omnidesk → the chatbot's server, the chatbot-integration page): an agent's
// answer to {chatServer}/messageForCustomer, typing to /typingIndicatorForCustomer, files to
// /uploadForCustomer. Delivered like webhooks (account/outbox.ts: after the commit, timeout, retries,
// one queue per chat server), each attempt kept in the request journal as `"outbound": "hookpoint"`.
// An agent's message on a custom channel goes the same way to the channel's endpoint, signed when the
// channel asks for it (`"outbound": "custom-channel"`).
import { createHmac, randomBytes } from 'node:crypto'
import type { Clock } from '../clock.js'
import { ApiError } from '../errors.js'
import { checkOutboundUrl } from '../hosts.js'
import { CUSTOM_CHANNEL_HOOKPOINT, type HookpointDelivery, type HookpointName } from '../schemas/hookpoints.js'
import type { Journal } from './journal.js'
import { type Attempt, type Job, Outbox } from './outbox.js'

/** What the hookpoints write to: the account's journal and clock. */
export interface HookpointOwner { readonly journal: Journal, readonly clock: Clock, readonly live?: { poke: () => void } }

/** The hookpoints' base URL from a chatServer: as given, https:// when it names no scheme, without a final /. */
export function hookpointBase (chatServer: string): string {
  const base = /^[a-z][a-z0-9+.-]*:\/\//i.test(chatServer) ? chatServer : `https://${chatServer}`
  return base.replace(/\/+$/, '')
}

export class Hookpoints {
  readonly #owner: HookpointOwner
  readonly #hosts: string[]
  readonly #outbox: Outbox<HookpointDelivery>

  constructor (owner: HookpointOwner, retryFactor: number, limit: number, hosts: string[]) {
    this.#owner = owner
    this.#hosts = hosts
    this.#outbox = new Outbox<HookpointDelivery>({
      retryFactor,
      limit,
      keepAnswer: true,
      attempted: (job, attempt, headers) => {
        this.#journal(job, attempt, headers)
        this.#owner.live?.poke()
      }
    })
  }

  /** The base URL of a chatServer, refused (400) unless it is http(s) on a host outbound calls may go to. */
  check (chatServer: string): string {
    const base = hookpointBase(chatServer)
    if (!/^https?:\/\//i.test(base)) throw new ApiError(400, "The field 'chatServer' must be a host name or an http:// or https:// URL.")
    checkOutboundUrl(`${base}/messageForCustomer`, this.#hosts, 'chatServer', 'Chat hookpoints go')
    return base
  }

  /** A custom channel's endpoint, refused (400, naming the field) unless outbound calls may go to its host. */
  checkEndpoint (url: string, field: string): void {
    if (!/^https?:\/\//i.test(url)) throw new ApiError(400, `The field '${field}' must be an http:// or https:// URL.`)
    checkOutboundUrl(url, this.#hosts, field, 'Custom channel messages go')
  }

  /** Queues a hookpoint call behind the others of its chat server (in order). */
  send (hookpoint: HookpointName, base: string, ticketId: number, chatSessionID: string, payload: Record<string, unknown>): void {
    const body = JSON.stringify({ chatSessionID, ticketID: ticketId, ...payload })
    this.#enqueue(base, { hookpoint, url: `${base}/${hookpoint}`, ticketId, chatSessionID }, body, () => ({ 'content-type': 'application/json' }))
  }

  /**
   * Queues an agent's message to a custom channel's endpoint, behind the others to that endpoint.
   * With a secret, signed (ours): `x-omnidesk-timestamp` (Unix seconds) and `x-omnidesk-signature`,
   * `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}` with the secret.
   */
  sendToChannel (endpoint: string, ticketId: number, payload: Record<string, unknown>, secret: string | null): void {
    const body = JSON.stringify({ ticketID: ticketId, ...payload })
    const headers = (seconds: number): Record<string, string> => {
      if (secret === null) return { 'content-type': 'application/json' }
      const timestamp = String(seconds)
      return { 'content-type': 'application/json', 'x-omnidesk-timestamp': timestamp, 'x-omnidesk-signature': signChannelMessage(secret, timestamp, body) }
    }
    this.#enqueue(endpoint, { hookpoint: CUSTOM_CHANNEL_HOOKPOINT, url: endpoint, ticketId, chatSessionID: '' }, body, headers)
  }

  /** Queues one delivery behind the others of its queue (a chat server, an endpoint). */
  #enqueue (queue: string, what: Pick<HookpointDelivery, 'hookpoint' | 'url' | 'ticketId' | 'chatSessionID'>, body: string, headers: (seconds: number) => Record<string, string>): void {
    const delivery: HookpointDelivery = { id: `hook_${randomBytes(12).toString('hex')}`, ...what, state: 'pending', attempts: [] }
    this.#outbox.enqueue(queue, { delivery, url: delivery.url, body, headers })
  }

  deliveries (): HookpointDelivery[] {
    return this.#outbox.deliveries()
  }

  async flush (timeoutMs: number): Promise<boolean> {
    return await this.#outbox.flush(timeoutMs)
  }

  clear (): void {
    this.#outbox.clear()
  }

  #journal (job: Job<HookpointDelivery>, attempt: Attempt, headers: Record<string, string>): void {
    const body: unknown = JSON.parse(job.body)
    this.#owner.journal.add({
      at: this.#owner.clock.now(),
      method: 'POST',
      path: job.url,
      query: {},
      headers,
      body,
      status: attempt.status,
      responseText: attempt.error === null ? attempt.answer ?? '' : JSON.stringify({ error: attempt.error, answer: attempt.answer ?? null }),
      durationMs: attempt.durationMs,
      fault: null,
      outbound: job.delivery.hookpoint === CUSTOM_CHANNEL_HOOKPOINT ? 'custom-channel' : 'hookpoint'
    }, job.body.length)
  }
}

/** The signature of a custom channel message: `sha256=` and the hex HMAC-SHA256 of `{timestamp}.{body}`. */
export function signChannelMessage (secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** What an agent's message on a chat ticket sends: the answer to messageForCustomer, each file to uploadForCustomer. */
export interface AgentAnswer {
  session: { chatServer: string, sessionId: string, ticketId: number }
  messageId: number
  message: { content: string, contentWhole: string | null, userId: number, userName: string, createdAt: string, files: unknown[] }
}

export function sendAgentAnswer (hookpoints: Hookpoints, { session, messageId, message }: AgentAnswer): void {
  const { chatServer, sessionId, ticketId } = session
  hookpoints.send('messageForCustomer', chatServer, ticketId, sessionId, {
    messageID: messageId,
    message: message.content,
    plaintext: message.contentWhole ?? message.content,
    userID: message.userId,
    userName: message.userName,
    createdAt: message.createdAt
  })
  for (const file of message.files) {
    hookpoints.send('uploadForCustomer', chatServer, ticketId, sessionId, { messageID: messageId, userID: message.userId, userName: message.userName, file })
  }
}
