// Keeps every API request in its account's journal (the journal masks the API key when read).
// Registered in the /api scope: every request there is journaled, unknown paths too.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { cutBody } from '../account/journal.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The journal entry in the making; undefined outside the API. */
    journal: JournalDraft | undefined
  }
}

/** A request's journal entry until the request ends; whatever ends it (an answer, a dropped connection) records it, once. */
export class JournalDraft {
  readonly #request: FastifyRequest
  readonly at: string
  /** The id of the injected fault that hit the request, if one did. */
  fault: string | null = null
  responseText: string | null = null
  #recorded = false

  constructor (request: FastifyRequest) {
    this.#request = request
    this.at = request.account.clock.now()
  }

  /** Adds the request to its account's journal with the status it got (null: no answer). */
  record (status: number | null, durationMs: number): void {
    if (this.#recorded) return
    this.#recorded = true
    const request = this.#request
    const bytes = bodyBytes(request)
    request.account.journal.add({
      at: this.at,
      method: request.method,
      path: request.url.split('?')[0] ?? '/',
      query: (request.query ?? {}) as Record<string, unknown>,
      headers: request.headers,
      body: cutBody(request.body ?? null, bytes),
      status,
      responseText: this.responseText,
      durationMs: Math.round(durationMs * 100) / 100,
      fault: this.fault
    }, bytes)
  }
}

/** The size of the request's body: its Content-Length, or (sent chunked, without one) its text's. */
function bodyBytes (request: FastifyRequest): number {
  const declared = request.headers['content-length']
  if (declared !== undefined) return Number(declared) || 0
  const body = request.body
  if (body === undefined || body === null) return 0
  return Buffer.byteLength(typeof body === 'string' ? body : JSON.stringify(body) ?? '')
}

// Callback-style hooks: they run on every request, and a promise per hook is measurable (bench/RESULTS.md).
async function journal (app: FastifyInstance): Promise<void> {
  app.decorateRequest('journal', undefined)
  app.addHook('onRequest', (request, _reply, done) => {
    request.journal = new JournalDraft(request)
    done()
  })
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.journal) request.journal.responseText = typeof payload === 'string' ? payload : null
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    request.journal?.record(reply.statusCode, reply.elapsedTime)
    done()
  })
}

export default fp(journal, { name: 'journal', dependencies: ['accounts'] })
