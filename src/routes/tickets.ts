// The ticket endpoints: the four of ticket-api-doc.txt, the list, and setpriority.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import {
  CreateTicketBodySchema, GetTicketQuerySchema, type ListTicketsQuery, ListTicketsQuerySchema, SetPriorityBodySchema, SetStatusBodySchema,
  TicketListResponseSchema, TicketParamsSchema, TicketResponseSchema, UpdateTicketBodySchema
} from '../schemas/tickets.js'
import { ApiKeyQuerySchema, ErrorResponses, ErrorSchema, ResultSchema } from '../schemas/common.js'
import { ApiError, ticketNotFound } from '../errors.js'
import { storeContext } from '../plugins/webhooks.js'
import { createTicketAndShow, setTicketPriorities, setTicketStatuses, updateTicket } from '../stores/tickets.js'
import { listTickets, readTicket } from '../views/tickets.js'

const TRUTHY = new Set(['1', 'true', 'yes', 'on'])
const JSON_TYPE = 'application/json; charset=utf-8'

/** A JSON text kept with a cached read (TicketRead, TicketPage), valid while `key` stays the same. */
interface KeptText { key?: string, text?: string }

/**
 * Sends the kept JSON text, made again (through the route's serializer) only when `key` moved. A
 * string with a JSON content type goes out as it is, past the (already applied) serializer.
 */
function sendKept (reply: FastifyReply, keep: KeptText, key: string, payload: () => unknown) {
  if (keep.key !== key || keep.text === undefined) {
    keep.text = String(reply.serialize(payload()))
    keep.key = key
  }
  return reply.type(JSON_TYPE).send(keep.text)
}

const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/ticket', {
    config: { permission: 'TICKET_READ' },
    schema: {
      tags: ['tickets'],
      summary: 'List tickets, newest first',
      querystring: ListTicketsQuerySchema,
      response: { 200: TicketListResponseSchema, ...ErrorResponses, 501: ErrorSchema }
    }
  }, async (request, reply) => {
    if (request.query.applyView !== undefined) {
      throw new ApiError(501, `applyView exists in Omnidesk but views are not emulated yet, so the list cannot be filtered by view '${request.query.applyView}'; leave it out, or filter with status and query.`)
    }
    // The page is kept per clock tick already, so its text is valid for as long as the page.
    const query = request.query as ListTicketsQuery
    const { total, items, keep } = listTickets(request.account, query)
    const { itemStart, itemLimit } = query
    return sendKept(reply as FastifyReply, keep, 'page', () => ({ type: 'list' as const, itemStart, itemTotal: total, itemLimit, items }))
  })

  app.get('/ticket/:ticketID', {
    config: { permission: 'TICKET_READ' },
    schema: {
      tags: ['tickets'],
      summary: 'Get a ticket with its timeline',
      params: TicketParamsSchema,
      querystring: GetTicketQuerySchema,
      response: { 200: TicketResponseSchema, ...ErrorResponses }
    }
  }, async (request, reply) => {
    const withEvents = TRUTHY.has((request.query.getTicketHistory ?? '').toLowerCase())
    const read = readTicket(request.account, request.params.ticketID, { withEvents })
    if (!read) throw ticketNotFound()
    // The JSON text is kept with the cached ticket: until the next write, only the clock-dependent SLA
    // fields can change it, so it is made again only when they read differently.
    const { ticket, keep } = read
    const key = `${ticket.sla_next_breach_seconds}:${ticket.sla_next_breach_current_status}`
    return sendKept(reply as FastifyReply, keep, key, () => ({ type: 'item' as const, item: ticket }))
  })

  app.post('/ticket', {
    config: { permission: 'TICKET_CREATE' },
    schema: {
      tags: ['tickets'],
      summary: 'Create a ticket',
      querystring: ApiKeyQuerySchema,
      body: CreateTicketBodySchema,
      response: { 200: TicketResponseSchema, ...ErrorResponses }
    }
  }, async (request) => {
    return { type: 'item' as const, item: createTicketAndShow(storeContext(request), request.body, request.initiatedBy) }
  })

  app.put('/ticket/:ticketID', {
    config: { permission: 'TICKET_UPDATE' },
    schema: {
      tags: ['tickets'],
      summary: 'Update a ticket: only the fields sent change',
      params: TicketParamsSchema,
      querystring: ApiKeyQuerySchema,
      body: UpdateTicketBodySchema,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    if (!updateTicket(storeContext(request), request.params.ticketID, request.body ?? {}, request.initiatedBy)) throw ticketNotFound()
    return { type: 'result' as const, message: 'Ticket updated.' }
  })

  app.post('/ticket/setstatus', {
    config: { permission: 'SET_STATUS' },
    schema: {
      tags: ['tickets'],
      summary: 'Set the status of one or more tickets (all or nothing)',
      querystring: ApiKeyQuerySchema,
      body: SetStatusBodySchema,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    setTicketStatuses(storeContext(request), request.body.ticketIDs, request.body.status, request.initiatedBy)
    return { type: 'result' as const, message: 'Ticket status is updated.' }
  })

  // Inferred from the real API's endpoint list (CONTRACT.md §9); the answer text is ours.
  app.post('/ticket/setpriority', {
    config: { permission: 'TICKET_UPDATE' },
    schema: {
      tags: ['tickets'],
      summary: 'Set the priority of one or more tickets (all or nothing)',
      querystring: ApiKeyQuerySchema,
      body: SetPriorityBodySchema,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    setTicketPriorities(storeContext(request), request.body.ticketIDs, request.body.priority, request.initiatedBy)
    return { type: 'result' as const, message: 'Ticket priority is updated.' }
  })
}

export default ticketRoutes
