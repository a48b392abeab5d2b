// /_emulator/play: the inbox plays the customer. Each call goes to the very API endpoint an
// integration would use (an inject through the whole HTTP layer, with the configured key and the
// brand's chat token, which the page never holds), so triggers, SLA, webhooks and hookpoints fire as
// they would: an inbound e-mail, a live chat message, a phone call queued as a ticket.
import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { MESSAGE_MAX, NAME_MAX } from '../limits.js'
import { CHAT_SERVER_PATTERN, EMAIL_PATTERN, PHONE_DIGITS_PATTERN } from '../patterns.js'
import { ErrorSchema, IdSchema } from '../schemas/common.js'
import { listBrandSettings } from '../stores/brands.js'
import { chatServerOfSession, chatTokenOfBrand } from '../stores/chat.js'
import { listCalls } from '../stores/telephony.js'
import { escape } from '../ui/html.js'

const tags = ['emulator']
const PlayedSchema = Type.Object({
  ticketID: Type.Integer(),
  chatSessionID: Type.Optional(Type.String()),
  callID: Type.Optional(Type.String())
})
const responses = { 200: PlayedSchema, 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 429: ErrorSchema, 503: ErrorSchema }
const made = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`

/** Where the demo's chatbot listens (the README's receiver): the default chat server of a played chat. */
const DEMO_CHAT_SERVER = 'http://localhost:4000/chatbot'

const playRoutes: FastifyPluginAsyncTypebox<{ apiKey: string }> = async (app, opts) => {
  /** POSTs to the account's own API endpoint; an answer other than 200 is passed on as it is. */
  const call = async (request: FastifyRequest, path: string, body: Record<string, unknown>) => {
    const res = await app.inject({
      method: 'POST',
      url: `${request.accountPrefix}/api/v2${path}`,
      headers: { host: request.headers.host ?? 'localhost', apikey: opts.apiKey, 'content-type': 'application/json' },
      payload: JSON.stringify(body)
    })
    const answer = res.json() as { ticketID?: number, message?: string }
    if (res.statusCode !== 200) throw new ApiError(res.statusCode, answer.message ?? `${path} answered ${res.statusCode}.`)
    return answer
  }
  const brandOf = (request: FastifyRequest, id: number) => {
    const brand = listBrandSettings(request.store.db).find((b) => b.id === id)
    if (!brand) throw new ApiError(400, 'This brand does not exist.')
    return brand
  }

  app.post('/play/email', {
    schema: {
      tags,
      summary: 'Play a customer\'s e-mail: POST /api/v2/email/newInboundMessage (externalID threads it into that ticket)',
      body: Type.Object({
        brandID: IdSchema,
        fromName: Type.Optional(Type.String({ maxLength: NAME_MAX })),
        fromAddress: Type.String({ maxLength: 320, pattern: EMAIL_PATTERN }),
        subject: Type.String({ minLength: 1, maxLength: NAME_MAX }),
        body: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
        externalID: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX }))
      }),
      response: responses
    }
  }, async (request) => {
    const { brandID, fromName, fromAddress, subject, body, externalID } = request.body
    brandOf(request, brandID)
    const answer = await call(request, '/email/newInboundMessage', {
      messageID: `<${made('play')}@emulator.local>`, brandID, fromAddress: { name: fromName ?? '', address: fromAddress }, subject, body: `<p>${escape(body)}</p>`, plaintext: body, ...(externalID ? { externalID } : {})
    })
    return { ticketID: answer.ticketID ?? 0 }
  })

  app.post('/play/chat', {
    schema: {
      tags,
      summary: 'Play a customer\'s live chat message: POST /api/v2/chat/notifyUserNewChatMessage with the brand\'s chat token',
      body: Type.Object({
        brandID: IdSchema,
        message: Type.String({ minLength: 1, maxLength: MESSAGE_MAX }),
        chatSessionID: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'continue this session (default: a new one)' })),
        chatServer: Type.Optional(Type.String({ minLength: 5, maxLength: 2000, pattern: CHAT_SERVER_PATTERN, description: `where the agent's answers go (default: the session's, or ${DEMO_CHAT_SERVER})` }))
      }),
      response: responses
    }
  }, async (request) => {
    const { brandID, message } = request.body
    const brand = brandOf(request, brandID)
    const token = chatTokenOfBrand(request.store.db, brandID)
    if (!token) throw new ApiError(400, `Brand ${brand.name} has no chat account to chat with (chat_accounts in the seed).`)
    const chatSessionID = request.body.chatSessionID ?? made('inbox-chat')
    const chatServer = request.body.chatServer ?? chatServerOfSession(request.store.db, brandID, chatSessionID) ?? DEMO_CHAT_SERVER
    const answer = await call(request, '/chat/notifyUserNewChatMessage', {
      url: 'http://localhost/emulator-inbox', message, channelID: 8, chatAccountToken: token, chatSessionID, chatServer
    })
    return { ticketID: answer.ticketID ?? 0, chatSessionID }
  })

  app.post('/play/call', {
    schema: {
      tags,
      summary: 'Play a customer\'s phone call: newInboundCall, then callCreateTicket (the call waits in the queue)',
      body: Type.Object({
        brandID: IdSchema,
        telephoneNumberCalling: Type.String({ minLength: 2, maxLength: 32, pattern: PHONE_DIGITS_PATTERN })
      }),
      response: responses
    }
  }, async (request) => {
    const brand = brandOf(request, request.body.brandID)
    const called = brand.telephone_numbers[0]
    if (!called) throw new ApiError(400, `Brand ${brand.name} has no telephone number to call (telephone_numbers in the seed).`)
    const pbx = { callID: made('inbox-call'), pbxID: 'emulator-inbox', pbxIP: '127.0.0.1' }
    await call(request, '/telephone/newInboundCall', { ...pbx, telephoneNumberCalling: request.body.telephoneNumberCalling, telephoneNumberCalled: called })
    await call(request, '/telephone/callCreateTicket', pbx)
    const ticketID = listCalls(request.store.db, 50).find((c) => c.callId === pbx.callID)?.ticketId ?? 0
    return { ticketID, callID: pbx.callID }
  })
}

export default playRoutes
