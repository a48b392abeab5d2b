// Keeps every API request in its account's journal (the journal masks the API key when read).
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { cutBody } from '../account/journal.js'
import { isApiRequest } from '../request-kinds.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The journal entry in the making; undefined for requests the journal does not keep. */
    journal: { at: string, fault: string | null, responseText: string | null, kept: boolean } | undefined
  }
}

/** Adds the request to its account's journal (once), with the given status. */
export function keep (request: FastifyRequest, status: number | null, durationMs: number): void {
  const entry = request.journal
  if (!entry || entry.kept) return
  entry.kept = true
  const bytes = bodyBytes(request)
  request.account.journal.add({
    at: entry.at,
    method: request.method,
    path: request.url.split('?')[0] ?? '/',
    query: (request.query ?? {}) as Record<string, unknown>,
    headers: request.headers,
    body: cutBody(request.body ?? null, bytes),
    status,
    responseText: entry.responseText,
    durationMs: Math.round(durationMs * 100) / 100,
    fault: entry.fault
  }, bytes)
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
    if (isApiRequest(request)) request.journal = { at: request.account.clock.now(), fault: null, responseText: null, kept: false }
    done()
  })
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (request.journal) request.journal.responseText = typeof payload === 'string' ? payload : null
    done(null, payload)
  })
  app.addHook('onResponse', (request, reply, done) => {
    keep(request, reply.statusCode, reply.elapsedTime)
    done()
  })
}

export default fp(journal, { name: 'journal', dependencies: ['accounts'] })
