// Applies the account's injected faults to API requests, before anything else handles them, so a
// request hit by a fault's status or drop changes nothing.
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { isApiRequest, keep } from './journal.js'

async function faults (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (!isApiRequest(request)) return
    const fault = request.account.faults.take(request.method, request.url.split('?')[0] ?? '/')
    if (!fault) return
    if (request.journal) request.journal.fault = fault.id
    if (fault.latencyMs) await sleep(fault.latencyMs)
    if (fault.drop) {
      keep(request, null, reply.elapsedTime)
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    if (fault.status === undefined) return
    if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter))
    const body = fault.body ?? {
      status: 'error',
      message: fault.status === 429
        ? 'Too many requests: the rate limit is exceeded (injected fault).'
        : `Injected fault ${fault.id}: the emulator answers ${fault.status} as asked.`
    }
    // Serialized here: a body of the user's own must not pass through the route's response schema.
    return reply.code(fault.status).type('application/json; charset=utf-8').send(JSON.stringify(body))
  })
}

export default fp(faults, { name: 'faults', dependencies: ['accounts', 'journal'] })
