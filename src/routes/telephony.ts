// The telephony controller (Omnidesk's own-telephony guide, enterprise accounts): a PBX reports its
// calls; every call answers 200 `{}` as documented.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, ErrorResponses } from '../schemas/common.js'
import {
  CallCreateTicketBodySchema, CallUpdateTicketBodySchema, EmptySchema, NewInboundCallBodySchema, UpdateCallBodySchema
} from '../schemas/telephony.js'
import { crmLookupFor } from '../stores/customer-sync.js'
import { createCallTicket, registerCall, requeueCall, updateCall } from '../stores/telephony.js'

const tags = ['telephony']
// Ours: the guide documents no permission; these calls create and change tickets.
const config = { permission: 'TICKET_CREATE' as const }
const response = { 200: EmptySchema, ...ErrorResponses }

const telephonyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/telephone/newInboundCall', {
    config,
    schema: { tags, summary: 'Register a call as it comes in (even while in the IVR)', querystring: ApiKeyQuerySchema, body: NewInboundCallBodySchema, response }
  }, async (request) => {
    registerCall(request.store, request.body)
    return {}
  })

  app.post('/telephone/callCreateTicket', {
    config,
    schema: { tags, summary: 'The call waits in a queue: a telephone ticket for the caller', querystring: ApiKeyQuerySchema, body: CallCreateTicketBodySchema, response }
  }, async (request) => {
    const row = createCallTicket(request.store, request.body, request.initiatedBy)
    // A caller the brand does not know yet is looked up at its CRM sync url, as for any new ticket.
    const lookup = crmLookupFor(request.store.db, row)
    if (lookup) request.account.crm.start(lookup)
    return {}
  })

  app.post('/telephone/callUpdateTicket', {
    config,
    schema: { tags, summary: 'The call goes to another queue', querystring: ApiKeyQuerySchema, body: CallUpdateTicketBodySchema, response }
  }, async (request) => {
    requeueCall(request.store, request.body, request.initiatedBy)
    return {}
  })

  app.post('/telephone/updateCall', {
    config,
    schema: { tags, summary: 'How the call goes: answered by an agent, ended (ours)', querystring: ApiKeyQuerySchema, body: UpdateCallBodySchema, response }
  }, async (request) => {
    updateCall(request.store, request.body, request.initiatedBy)
    return {}
  })
}

export default telephonyRoutes
