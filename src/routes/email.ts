// POST /api/v2/email/newInboundMessage (Omnidesk's e-mail spec): a mail that came in for a brand.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, ErrorResponses } from '../schemas/common.js'
import { InboundEmailBodySchema } from '../schemas/email.js'
import { ChatbotResultSchema } from '../schemas/messages.js'
import { crmLookupFor } from '../stores/customer-sync.js'
import { receiveInboundEmail } from '../stores/email.js'

const emailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/email/newInboundMessage', {
    // Ours: the spec shows no permission; the call may create a ticket.
    config: { permission: 'TICKET_CREATE' },
    schema: {
      tags: ['e-mail'],
      summary: 'An inbound e-mail: a new ticket, or a message on the ticket of its thread',
      querystring: ApiKeyQuerySchema,
      body: InboundEmailBodySchema,
      response: { 200: ChatbotResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    const outcome = receiveInboundEmail(request.store, request.body, request.initiatedBy)
    if (outcome.kind === 'created') {
      // A sender the brand does not know yet is looked up at its CRM sync url, as for any new ticket.
      const lookup = crmLookupFor(request.store.db, outcome.row)
      if (lookup) request.account.crm.start(lookup)
    }
    // Ours: the spec shows no answer; this one says what was decided.
    const message = outcome.kind === 'created' ? 'Ticket created.' : outcome.kind === 'threaded' ? 'Message added to the ticket.' : 'This message was received already.'
    return { type: 'result' as const, message, ticketID: outcome.ticketId }
  })
}

export default emailRoutes
