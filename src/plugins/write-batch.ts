// Group commit for the emulated API (db/write-batch.ts): a write request joins its turn's batch before
// its handler runs and is answered once the batch is committed. Any other request (control API,
// inbox) first commits an open batch, so it never sees, replaces or exports a half-done batch.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { isApiRequest } from '../request-kinds.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** Settles when the write batch this request's changes belong to is committed. */
    committed: Promise<void> | undefined
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS'])

async function writeBatches (app: FastifyInstance): Promise<void> {
  app.decorateRequest('committed', undefined)
  app.addHook('onRequest', (request, _reply, done) => {
    if (!isApiRequest(request) && request.account) request.account.db.commitWriteBatch()
    done()
  })
  app.addHook('preHandler', (request, _reply, done) => {
    if (isApiRequest(request) && !READS.has(request.method)) request.committed = request.account.db.joinWriteBatch()
    done()
  })
  app.addHook('onSend', (request, _reply, payload, done) => {
    const committed = request.committed
    if (!committed) return done(null, payload)
    // Cleared first: if the COMMIT fails, the error answer that replaces this one does not wait again.
    request.committed = undefined
    committed.then(() => done(null, payload), done)
  })
}

export default fp(writeBatches, { name: 'write-batches', dependencies: ['accounts'] })
