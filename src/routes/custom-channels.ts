// The channel controller (Omnidesk's channel spec): every channel, and custom channels with the
// endpoint an agent's messages are POSTed to.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ChannelBodySchema, ChannelListResponseSchema, ChannelParamsSchema, ChannelSchema, ChannelUpdateBodySchema } from '../schemas/channels.js'
import { ApiKeyQuerySchema, CREATED_ID_HEADER, ErrorResponses, ItemEnvelope, listAnswer, ResultSchema } from '../schemas/common.js'
import { createChannel, getChannelItem, listChannels, updateChannel } from '../stores/channels.js'

const tags = ['channels']
const ENDPOINT = 'custom_channel_endpoint'

const channelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/channel', {
    config: { permission: 'CHANNEL_READ' },
    schema: { tags, summary: 'Returns all the channels, Omnidesk\'s own and custom ones', querystring: ApiKeyQuerySchema, response: { 200: ChannelListResponseSchema, ...ErrorResponses } }
  }, async (request) => {
    const items = listChannels(request.store.db)
    return listAnswer({ total: items.length, items })
  })

  app.get('/channel/:channelID', {
    config: { permission: 'CHANNEL_READ' },
    schema: { tags, summary: 'Get a channel', params: ChannelParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ItemEnvelope(ChannelSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: getChannelItem(request.store.db, request.params.channelID) }))

  app.post('/channel', {
    config: { permission: 'CHANNEL_CUD' },
    schema: { tags, summary: 'Create a custom channel with its own channel id (the x-emulator-created-id header)', querystring: ApiKeyQuerySchema, body: ChannelBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request, reply) => {
    if (request.body.custom_channel_endpoint) request.account.hookpoints.checkEndpoint(request.body.custom_channel_endpoint, ENDPOINT)
    reply.header(CREATED_ID_HEADER, String(createChannel(request.store.db, request.body)))
    return { type: 'result' as const, message: 'Channel created.' }
  })

  app.put('/channel/:channelID', {
    config: { permission: 'CHANNEL_CUD' },
    schema: { tags, summary: 'Change a custom channel: only the fields sent change', params: ChannelParamsSchema, querystring: ApiKeyQuerySchema, body: ChannelUpdateBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request) => {
    if (request.body.custom_channel_endpoint) request.account.hookpoints.checkEndpoint(request.body.custom_channel_endpoint, ENDPOINT)
    updateChannel(request.store.db, request.params.channelID, request.body)
    return { type: 'result' as const, message: 'Channel updated.' }
  })
}

export default channelRoutes
