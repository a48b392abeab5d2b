// Collects the changes of each API request and, once it has been answered 200 (its transaction
// committed), hands them to the account's webhooks. A rejected request sends nothing. Registered in
// the /api/v2 scope.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { TicketListItem } from '../schemas/tickets.js'
import { getTicketRow } from '../stores/rows/tickets.js'
import { customerItem } from '../views/customers.js'
import { toTicketListItem } from '../views/tickets.js'

async function webhooks (app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', (request, _reply, done) => {
    request.store = request.account.requestStore()
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    send(request, reply.statusCode)
    done()
  })
}

/** Hands the request's events to the account's webhooks, when it was answered 200. */
function send (request: FastifyRequest, statusCode: number): void {
  const { events } = request.store
  if (!events || events.length === 0 || statusCode !== 200) return
  const { account } = request
  // One request can report several events of one ticket: build each ticket once.
  const tickets = new Map<number, TicketListItem | null>()
  const ticketOf = (id: number) => {
    if (!tickets.has(id)) {
      const row = getTicketRow(account.db, id)
      tickets.set(id, row ? toTicketListItem(account, row) : null)
    }
    return tickets.get(id) ?? null
  }
  for (const event of events) {
    if (event.customerId !== undefined) {
      const customer = customerItem(account.db, event.customerId) ?? null
      account.webhooks.send({ type: event.type, timestamp: event.at, data: { ticket: null, customer, changes: event.changes ?? {}, item_id: null } }, 0)
      continue
    }
    account.webhooks.send({
      type: event.type,
      timestamp: event.at,
      data: {
        ticket: ticketOf(event.ticketId),
        changes: event.changes ?? {},
        item_id: event.itemId === undefined ? null : String(event.itemId)
      }
    }, event.ticketId)
  }
}

export default fp(webhooks, { name: 'webhooks', dependencies: ['accounts'] })
