// The chat hookpoints (Omnidesk → the chatbot's server, the chatbot-integration page): an agent's
// answer to {chatServer}/messageForCustomer, typing to /typingIndicatorForCustomer, files to
// /uploadForCustomer. Delivered like webhooks (account/outbox.ts: after the commit, timeout, retries,
// one queue per chat server), each attempt kept in the request journal as `"outbound": "hookpoint"`.
import { randomBytes } from 'node:crypto'
import type { Clock } from '../clock.js'
import { ApiError } from '../errors.js'
import { checkOutboundUrl } from '../hosts.js'
import type { HookpointDelivery, HookpointName } from '../schemas/hookpoints.js'
import type { Journal } from './journal.js'
import { type Attempt, type Job, Outbox } from './outbox.js'

/** What the hookpoints write to: the account's journal and clock. */
export interface HookpointOwner { readonly journal: Journal, readonly clock: Clock }

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
      attempted: (job, attempt) => { this.#journal(job, attempt) }
    })
  }

  /** The base URL of a chatServer, refused (400) unless it is http(s) on a host outbound calls may go to. */
  check (chatServer: string): string {
    const base = hookpointBase(chatServer)
    if (!/^https?:\/\//i.test(base)) throw new ApiError(400, "The field 'chatServer' must be a host name or an http:// or https:// URL.")
    checkOutboundUrl(`${base}/messageForCustomer`, this.#hosts, 'chatServer', 'Chat hookpoints go')
    return base
  }

  /** Queues a hookpoint call behind the others of its chat server (in order). */
  send (hookpoint: HookpointName, base: string, ticketId: number, chatSessionID: string, payload: Record<string, unknown>): void {
    const delivery: HookpointDelivery = {
      id: `hook_${randomBytes(12).toString('hex')}`, hookpoint, url: `${base}/${hookpoint}`, ticketId, chatSessionID, state: 'pending', attempts: []
    }
    const body = JSON.stringify({ chatSessionID, ticketID: ticketId, ...payload })
    this.#outbox.enqueue(base, { delivery, url: delivery.url, body, headers: () => ({ 'content-type': 'application/json' }) })
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

  #journal (job: Job<HookpointDelivery>, attempt: Attempt): void {
    const body: unknown = JSON.parse(job.body)
    this.#owner.journal.add({
      at: this.#owner.clock.now(),
      method: 'POST',
      path: job.url,
      query: {},
      headers: { 'content-type': 'application/json' },
      body,
      status: attempt.status,
      responseText: attempt.error === null ? attempt.answer ?? '' : JSON.stringify({ error: attempt.error, answer: attempt.answer ?? null }),
      durationMs: attempt.durationMs,
      fault: null,
      outbound: 'hookpoint'
    }, job.body.length)
  }
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
