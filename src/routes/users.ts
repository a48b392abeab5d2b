// The user controller (Omnidesk's user spec): the agents, one agent, an agent's settings, a new agent.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiKeyQuerySchema, CREATED_ID_HEADER, ErrorResponses, ItemEnvelope, listAnswer, ResultSchema } from '../schemas/common.js'
import {
  CreateUserBodySchema, type UserListQuery, UserListQuerySchema, UserListResponseSchema, UserParamsSchema, UserSchema, UserSettingsQuerySchema,
  UserSettingsSchema
} from '../schemas/users.js'
import { createUser, getUserItem, listUsers, userSettings } from '../stores/users.js'
import { Type } from 'typebox'

const tags = ['users']

const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/user', {
    config: { permission: 'USER_READ' },
    schema: { tags, summary: 'List agents, by id', querystring: Type.Intersect([ApiKeyQuerySchema, UserListQuerySchema]), response: { 200: UserListResponseSchema, ...ErrorResponses } }
  }, async (request) => {
    const query = request.query as UserListQuery
    return listAnswer(listUsers(request.store.db, query), query)
  })

  app.get('/user/settings', {
    config: { permission: 'USER_READ' },
    schema: { tags, summary: 'All the settings of an agent', querystring: Type.Intersect([ApiKeyQuerySchema, UserSettingsQuerySchema]), response: { 200: ItemEnvelope(UserSettingsSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: userSettings(request.store.db, request.query.userID) }))

  app.get('/user/:userID', {
    config: { permission: 'USER_READ' },
    schema: { tags, summary: 'Get an agent', params: UserParamsSchema, querystring: ApiKeyQuerySchema, response: { 200: ItemEnvelope(UserSchema), ...ErrorResponses } }
  }, async (request) => ({ type: 'item' as const, item: getUserItem(request.store.db, request.params.userID) }))

  app.post('/user', {
    config: { permission: 'USER_CUD' },
    schema: { tags, summary: 'Create an agent (its id: the x-emulator-created-id header)', querystring: ApiKeyQuerySchema, body: CreateUserBodySchema, response: { 200: ResultSchema, ...ErrorResponses } }
  }, async (request, reply) => {
    reply.header(CREATED_ID_HEADER, String(createUser(request.store.db, request.body)))
    return { type: 'result' as const, message: 'User created.' }
  })
}

export default userRoutes
