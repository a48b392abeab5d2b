import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, ErrorResponses, ResultSchema } from '../schemas/common.js'
import { ChatbotBodySchema, ChatbotResultSchema, MessageBodySchema } from '../schemas/messages.js'
import { sendAgentAnswer } from '../account/hookpoints.js'
import { afterCommit } from '../plugins/write-batch.js'
import { channelMessageOf } from '../stores/channels.js'
import { agentAnswerOf } from '../stores/chat.js'
import { createChatbotTicket, createMessage } from '../stores/messages.js'

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
    const id = createMessage(request.store, request.body, request.initiatedBy)
    // An agent's message on a live chat goes to the chatbot's messageForCustomer hookpoint; on a
    // custom channel, to the channel's endpoint.
    if (request.body.type !== 0 && request.body.direction !== 'inbound') {
      const { hookpoints } = request.account
      const answer = agentAnswerOf(request.store.db, request.body.ticketID, id)
      if (answer) afterCommit(request, () => { sendAgentAnswer(hookpoints, answer) })
      const custom = channelMessageOf(request.store.db, request.body.ticketID, id)
      if (custom) afterCommit(request, () => { hookpoints.sendToChannel(custom.endpoint, request.body.ticketID, custom.payload, custom.secret) })
    }
    // The documented answer, whether or not a status was submitted (Omnidesk's message page).
    return { type: 'result' as const, message: 'Message has been sent and the ticket status was updated.' }
  })

  app.post('/message/chatbot', {
    config: { permission: 'MESSAGE_CREATE' },
    schema: {
      tags: ['messages'],
      summary: 'Create a live-chat ticket with its message, from a chatbot',
      querystring: ApiKeyQuerySchema,
      body: ChatbotBodySchema,
      response: { 200: ChatbotResultSchema, ...ErrorResponses }
    }
  }, async (request) => {
    const ticketID = createChatbotTicket(request.store, request.body, request.initiatedBy)
    // Ours: the documented answer is a 200 with no content shown; the new ticket's id is what a chatbot needs next.
    return { type: 'result' as const, message: 'Ticket created.', ticketID }
  })
}

export default messageRoutes
