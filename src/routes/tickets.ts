// The ticket endpoints: the four of ticket-api-doc.txt, the list, and setpriority.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import {
  CreateTicketBodySchema, GetTicketQuerySchema, type ListTicketsQuery, ListTicketsQuerySchema, SetPriorityBodySchema, SetStatusBodySchema,
  SolveUnfinishedBodySchema, TicketIdsSchema, TicketListResponseSchema, TicketParamsSchema, TicketResponseSchema, UpdateTicketBodySchema
} from '../schemas/tickets.js'
import { ApiKeyQuerySchema, ErrorResponses, ResultSchema } from '../schemas/common.js'
import { ApiError, ticketNotFound } from '../errors.js'
import { crmLookupFor } from '../stores/customer-sync.js'
import { Type } from 'typebox'
import { getTicketRow } from '../stores/rows/tickets.js'
import { createTicketRow, deleteTickets, setTicketPriorities, setTicketStatuses, solveUnfinishedTickets, updateTicket } from '../stores/tickets.js'
import { ticketJson, ticketListJson, toTicket } from '../views/tickets.js'

const TRUTHY: ReadonlySet<string> = new Set(['1', 'true', 'yes', 'on'])
const JSON_TYPE = 'application/json; charset=utf-8'

/** The view's JSON text, made with this route's response schema, goes out as it is (past the serializer). */
const serializeWith = (reply: FastifyReply) => (payload: unknown) => String(reply.serialize(payload))
const sendJson = (reply: FastifyReply, json: string) => reply.type(JSON_TYPE).send(json)

const ticketRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/ticket', {
    config: { permission: 'TICKET_READ' },
    schema: {
      tags: ['tickets'],
      summary: 'List tickets, newest first',
      querystring: ListTicketsQuerySchema,
      response: { 200: TicketListResponseSchema, ...ErrorResponses }
    }
  }, async (request, reply) => {
    return sendJson(reply as FastifyReply, ticketListJson(request.store, request.query as ListTicketsQuery, serializeWith(reply as FastifyReply)))
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
    const json = ticketJson(request.store, request.params.ticketID, { withEvents }, serializeWith(reply as FastifyReply))
    if (json === undefined) throw ticketNotFound()
    return sendJson(reply as FastifyReply, json)
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
    const { store } = request
    const row = createTicketRow(store, request.body, request.initiatedBy)
    // An address new to a brand with a CRM sync url: ask the CRM who it is, once the ticket is committed.
    const lookup = crmLookupFor(store.db, row)
    if (lookup) request.account.crm.start(lookup)
    return { type: 'item' as const, item: toTicket(store, row, false) }
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
    if (!updateTicket(request.store, request.params.ticketID, request.body ?? {}, request.initiatedBy)) throw ticketNotFound()
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
    setTicketStatuses(request.store, request.body.ticketIDs, request.body.status, request.initiatedBy)
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
    setTicketPriorities(request.store, request.body.ticketIDs, request.body.priority, request.initiatedBy)
    return { type: 'result' as const, message: 'Ticket priority is updated.' }
  })

  // Ticket delete, multi-delete and solveUnfinishedTickets: names and permissions documented (CONTRACT.md §9); the rest is ours.
  app.delete('/ticket/:ticketID', {
    config: { permission: 'TICKET_DELETE' },
    schema: { tags: ['tickets'], summary: 'Delete a ticket with its timeline', params: TicketParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    if (!getTicketRow(request.store.db, request.params.ticketID)) throw ticketNotFound()
    deleteTickets(request.store, [request.params.ticketID])
    return { type: 'result' as const, message: 'Ticket deleted.' }
  })

  for (const url of ['/ticket/multi', '/ticket']) {
    app.delete(url, {
      config: { permission: 'TICKET_DELETE' },
      schema: {
        tags: ['tickets'],
        summary: 'Delete several tickets (all or nothing): ticketIDs[] in the body or the query',
        querystring: Type.Object({ ...ApiKeyQuerySchema.properties, ticketIDs: Type.Optional(TicketIdsSchema.properties.ticketIDs) }),
        body: Type.Union([Type.Partial(TicketIdsSchema), Type.Null()]),
        'x-body-optional': true,
        response: { 200: ResultSchema, ...ErrorResponses }
      }
    }, async (request) => {
      const ids = request.body?.ticketIDs ?? request.query.ticketIDs
      if (ids === undefined) throw new ApiError(400, "The field 'ticketIDs' is required: send ticketIDs[]=… in the body or the query.")
      deleteTickets(request.store, ids)
      return { type: 'result' as const, message: ids.length === 1 ? 'Ticket deleted.' : 'Tickets deleted.' }
    })
  }

  app.put('/ticket/solveUnfinishedTickets', {
    config: { permission: 'SET_STATUS' },
    schema: {
      tags: ['tickets'],
      summary: 'Solve every ticket (or those of ticketIDs) not yet solved or closed, all or nothing',
      querystring: ApiKeyQuerySchema,
      body: Type.Union([SolveUnfinishedBodySchema, Type.Null()]),
      'x-body-optional': true,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    const solved = solveUnfinishedTickets(request.store, request.body?.ticketIDs, request.initiatedBy)
    return { type: 'result' as const, message: `${solved} ${solved === 1 ? 'ticket' : 'tickets'} solved.` }
  })
}

export default ticketRoutes
