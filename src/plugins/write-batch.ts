// Group commit for the emulated API (db/write-batch.ts): a write request joins the open batch before
// its handler runs and is answered once the batch is committed (`writeBatches`, in the /api/v2
// scope). A request of the control API or the inbox first commits an open batch (`settledWrites`, in
// their scopes), so it never sees, replaces or exports a half-done batch.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyRequest {
    /** Settles when the write batch this request's changes belong to is committed. */
    committed: Promise<void> | undefined
  }
}

const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS'])

async function writeBatches (app: FastifyInstance): Promise<void> {
  app.decorateRequest('committed', undefined)
  app.addHook('preHandler', (request, _reply, done) => {
    if (!READS.has(request.method)) request.committed = request.account.db.joinWriteBatch()
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

async function settleWrites (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, _reply, done) => {
    request.account.db.commitWriteBatch()
    done()
  })
}

export const settledWrites = fp(settleWrites, { name: 'settled-writes', dependencies: ['accounts'] })
export default fp(writeBatches, { name: 'write-batches', dependencies: ['accounts'] })

/**
 * Runs `send` once the request's writes are committed (on the next turn when it wrote nothing), never
 * when the commit fails: an outbound call (a chat hookpoint) must not announce what was rolled back.
 */
export function afterCommit (request: FastifyRequest, send: () => void): void {
  const committed = request.committed
  if (committed) committed.then(send, () => {})
  else setImmediate(send)
}
