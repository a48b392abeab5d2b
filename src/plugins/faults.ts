// Applies the account's injected faults to API requests, before anything else handles them, so a
// request hit by a fault's status or drop changes nothing. Registered in the /api scope, after the journal.
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Fault } from '../schemas/emulator.js'

async function faults (app: FastifyInstance): Promise<void> {
  // Callback style: most requests meet no fault and should not pay for a promise.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.account.faults.empty) return done()
    const fault = request.account.faults.take(request.method, request.url.split('?')[0] ?? '/')
    if (!fault) return done()
    apply(request, reply, fault).then((answered) => { if (!answered) done() }, done)
  })
}

/** Applies a fault to the request; true when the fault answered (or dropped) it. */
async function apply (request: FastifyRequest, reply: FastifyReply, fault: Fault): Promise<boolean> {
  if (request.journal) request.journal.fault = fault.id
  if (fault.latencyMs) await sleep(fault.latencyMs)
  if (fault.drop) {
    request.journal?.record(null, reply.elapsedTime)
    reply.hijack()
    request.raw.socket.destroy()
    return true
  }
  if (fault.status === undefined) return false
  if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter))
  const body = fault.body ?? {
    status: 'error',
    message: fault.status === 429
      ? 'Too many requests: the rate limit is exceeded (injected fault).'
      : `Injected fault ${fault.id}: the emulator answers ${fault.status} as asked.`
  }
  // Serialized here: a body of the user's own must not pass through the route's response schema.
  reply.code(fault.status).type('application/json; charset=utf-8').send(JSON.stringify(body))
  return true
}

export default fp(faults, { name: 'faults', dependencies: ['accounts', 'journal'] })
