// /_emulator/chats, /hookpoints and /calls: the state of live chats and calls, the agent's typing
// played for a chat (the typingIndicatorForCustomer hookpoint), and the hookpoints' deliveries.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { ChatSessionSchema, TypingBodySchema } from '../schemas/chat.js'
import { ErrorSchema, IdSchema } from '../schemas/common.js'
import { HookpointDeliveriesSchema } from '../schemas/hookpoints.js'
import { CallSchema } from '../schemas/telephony.js'
import { listChatSessions, openSessionOfTicket } from '../stores/chat.js'
import { getUser } from '../stores/settings.js'
import { listCalls } from '../stores/telephony.js'

const tags = ['emulator']
const LimitQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'the newest this many' })) })

const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/chats', {
    schema: { tags, summary: 'The live chat sessions, newest first', querystring: LimitQuery, response: { 200: Type.Object({ chats: Type.Array(ChatSessionSchema) }) } }
  }, async (request) => ({ chats: listChatSessions(request.store.db, request.query.limit ?? 100) }))

  app.post('/chats/:ticketID/typing', {
    schema: {
      tags,
      summary: 'Play an agent typing on a chat ticket: POSTs to the chatbot\'s typingIndicatorForCustomer hookpoint',
      params: Type.Object({ ticketID: IdSchema }),
      body: Type.Union([TypingBodySchema, Type.Null()]),
      'x-body-optional': true,
      response: { 200: Type.Object({ queued: Type.Literal(true), url: Type.String() }), 400: ErrorSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const session = openSessionOfTicket(request.store.db, request.params.ticketID)
    if (!session) throw new ApiError(404, `Ticket ${request.params.ticketID} has no open chat session.`)
    const userID = request.body?.userID
    const user = userID === undefined ? undefined : getUser(request.store.db, userID)
    if (userID !== undefined && user?.brandId !== session.brandId) throw new ApiError(400, 'This user does not exist.')
    request.account.hookpoints.send('typingIndicatorForCustomer', session.chatServer, session.ticketId, session.sessionId, {
      userID: user?.id ?? 0, userName: user?.name ?? 'Agent Anonymous', typing: request.body?.typing ?? true
    })
    return { queued: true as const, url: `${session.chatServer}/typingIndicatorForCustomer` }
  })

  app.get('/hookpoints', {
    schema: { tags, summary: 'Every chat hookpoint delivery with its attempts, oldest first', response: { 200: HookpointDeliveriesSchema } }
  }, async (request) => ({ deliveries: request.account.hookpoints.deliveries() }))

  app.post('/hookpoints/flush', {
    schema: {
      tags,
      summary: 'Wait until no hookpoint delivery is pending (408 after timeout ms)',
      querystring: Type.Object({ timeout: Type.Optional(Type.Integer({ minimum: 0, maximum: 120_000, default: 30_000 })) }),
      response: { 200: HookpointDeliveriesSchema, 408: HookpointDeliveriesSchema }
    }
  }, async (request, reply) => {
    if (!await request.account.hookpoints.flush(request.query.timeout ?? 30_000)) reply.code(408)
    return { deliveries: request.account.hookpoints.deliveries() }
  })

  app.get('/calls', {
    schema: { tags, summary: 'The calls PBXes reported, newest first', querystring: LimitQuery, response: { 200: Type.Object({ calls: Type.Array(CallSchema) }) } }
  }, async (request) => ({ calls: listCalls(request.store.db, request.query.limit ?? 100) }))
}

export default channelRoutes
