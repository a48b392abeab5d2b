import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, ErrorResponses, ResultSchema } from '../schemas/common.js'
import { MessageBodySchema } from '../schemas/messages.js'
import { createMessage } from '../stores/messages.js'

const messageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/message', {
    config: { permission: 'MESSAGE_CREATE' },
    schema: {
      tags: ['messages'],
      summary: 'Add a message or an internal note (type 0) to a ticket',
      querystring: ApiKeyQuerySchema,
      body: MessageBodySchema,
      response: { 200: ResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    createMessage(request.store, request.body, request.initiatedBy)
    // The documented answer, whether or not a status was submitted (Omnidesk's message page).
    return { type: 'result' as const, message: 'Message has been sent and the ticket status was updated.' }
  })
}

export default messageRoutes
