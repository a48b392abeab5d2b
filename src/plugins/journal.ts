// Keeps every API request in its account's journal, with the API key masked.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { JournalRecord } from '../journal.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The journal entry in the making; undefined for requests the journal does not keep. */
    journal: { at: string, fault: string | null, responseText: string | null, kept: boolean } | undefined
  }
}

export const MASK = '***'

export const isApiRequest = (request: FastifyRequest): boolean => /^\/api\//i.test(request.url)

function masked (values: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...values }
  for (const name of Object.keys(copy)) if (name.toLowerCase() === key) copy[name] = MASK
  return copy
}

/** Adds the request to its account's journal (once), with the given status. */
export function keep (request: FastifyRequest, status: number | null, durationMs: number): void {
  const entry = request.journal
  if (!entry || entry.kept) return
  entry.kept = true
  const record: JournalRecord = {
    at: entry.at,
    method: request.method,
    path: request.url.split('?')[0] ?? '/',
    query: masked((request.query ?? {}) as Record<string, unknown>, 'apikey'),
    headers: masked(request.headers, 'apikey'),
    body: request.body ?? null,
    status,
    responseText: entry.responseText,
    durationMs: Math.round(durationMs * 100) / 100,
    fault: entry.fault
  }
  request.account.journal.add(record)
}

async function journal (app: FastifyInstance): Promise<void> {
  app.decorateRequest('journal', undefined)
  app.addHook('onRequest', async (request) => {
    if (isApiRequest(request)) request.journal = { at: request.account.clock.now(), fault: null, responseText: null, kept: false }
  })
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.journal) request.journal.responseText = typeof payload === 'string' ? payload : null
    return payload
  })
  app.addHook('onResponse', async (request, reply) => {
    keep(request, reply.statusCode, reply.elapsedTime)
  })
}

export default fp(journal, { name: 'journal', dependencies: ['accounts'] })
