// The web inbox of the demo environment, per account (also under /_accounts/{account}/).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { Config } from '../config.js'
import { accountPrefix } from '../plugins/accounts.js'
import { TicketStatusSchema } from '../schemas/tickets.js'
import { getTicket, listTickets } from '../stores/tickets.js'
import { clockPage, inboxPage, notFoundPage, type PageContext, requestsPage, ticketPage } from '../ui/pages.js'

const PAGE_SIZE = 200

const uiRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const context = (request: FastifyRequest): PageContext => ({
    base: accountPrefix(request),
    account: request.account.name,
    apiKey: config.API_KEY,
    clock: request.account.clock.state()
  })
  const page = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body)
  const schema = (summary: string) => ({ tags: ['inbox'], summary, produces: ['text/html'] })

  app.get('/', {
    schema: {
      ...schema('The inbox: tickets of the account, newest first'),
      querystring: Type.Object({ status: Type.Optional(TicketStatusSchema), start: Type.Integer({ minimum: 0, default: 0 }) })
    }
  }, async (request, reply) => {
    const { status, start } = request.query
    const list = listTickets(request.account, { itemStart: start, itemLimit: PAGE_SIZE, status })
    return page(reply, inboxPage(context(request), { ...list, status, start, limit: PAGE_SIZE }))
  })

  app.get('/tickets/:ticketID', {
    schema: { ...schema('A ticket with its whole timeline'), params: Type.Object({ ticketID: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }) }
  }, async (request, reply) => {
    const ticket = getTicket(request.account, request.params.ticketID, { withEvents: true })
    if (!ticket) return page(reply.code(404), notFoundPage(context(request), `Ticket ${request.params.ticketID} does not exist.`))
    return page(reply, ticketPage(context(request), ticket))
  })

  app.get('/requests', { schema: schema('The request journal of the account') }, async (request, reply) =>
    page(reply, requestsPage(context(request), request.account.journal.list())))

  app.get('/clock', { schema: schema('The clock of the account') }, async (request, reply) =>
    page(reply, clockPage(context(request))))
}

export default uiRoutes
