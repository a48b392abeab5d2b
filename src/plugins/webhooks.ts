// Collects the changes of each API request and, once it has been answered 200 (its transaction
// committed), hands them to the account's webhooks. A rejected request sends nothing. Registered in
// the /api/v2 scope.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { deliverEvents } from '../account/events.js'

async function webhooks (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, _reply, done) => {
    request.store = request.account.requestStore()
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    const { events } = request.store
    if (events && events.length > 0 && reply.statusCode === 200) deliverEvents(request.account, events)
    done()
  })
}

export default fp(webhooks, { name: 'webhooks', dependencies: ['accounts'] })
