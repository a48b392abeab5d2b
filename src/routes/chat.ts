// The chat controller's customer side (Omnidesk's chatbot-integration page): a chatbot or chat widget
// escalates a conversation to the agents. The agents' side goes back through the hookpoints
// (account/hookpoints.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, ErrorResponses } from '../schemas/common.js'
import { ChatAttachmentBodySchema, ChatEndBodySchema, ChatEventBodySchema, ChatMessageBodySchema } from '../schemas/chat.js'
import { ChatbotResultSchema } from '../schemas/messages.js'
import { addChatAttachment, endChat, receiveChatEvent, receiveChatMessage } from '../stores/chat.js'

const tags = ['chat']
// Ours: the chat pages document no permission; these calls add messages to tickets.
const config = { permission: 'MESSAGE_CREATE' as const }
const response = { 200: ChatbotResultSchema, ...ErrorResponses }
const result = (message: string, ticketID: number) => ({ type: 'result' as const, message, ticketID })

const chatRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/chat/notifyUserNewChatMessage', {
    config,
    schema: { tags, summary: 'A customer\'s chat message: the first of a session opens a ticket, later ones go to it', querystring: ApiKeyQuerySchema, body: ChatMessageBodySchema, response }
  }, async (request) => {
    const base = request.account.hookpoints.check(request.body.chatServer)
    // The documented answer, with the real ticket's id.
    return result('Message sent.', receiveChatMessage(request.store, request.body, base, request.initiatedBy))
  })

  app.post('/chat/notifyUserNewChatEvent', {
    config,
    schema: { tags, summary: 'Something happened in a chat (ours: kept as the session\'s last event)', querystring: ApiKeyQuerySchema, body: ChatEventBodySchema, response }
  }, async (request) => result('Event received.', receiveChatEvent(request.store, request.body)))

  app.post('/chat/notifyUserEndChat', {
    config,
    schema: { tags, summary: 'The customer ended the chat', querystring: ApiKeyQuerySchema, body: ChatEndBodySchema, response }
  }, async (request) => result('Chat ended.', endChat(request.store, request.body, request.initiatedBy)))

  app.post('/chat/addAttachment', {
    config,
    schema: { tags, summary: 'Files from the customer to the agent (their content is not kept)', querystring: ApiKeyQuerySchema, body: ChatAttachmentBodySchema, response }
  }, async (request) => result('Attachment added.', addChatAttachment(request.store, request.body, request.initiatedBy)))
}

export default chatRoutes
