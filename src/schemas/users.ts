// The user controller (Omnidesk's user spec): agents, their groups and their settings. The list's
// query parameters are the documented ones; the item's shape and POST's body are ours (README).
import { type Static, Type } from 'typebox'
import { NAME_MAX } from '../limits.js'
import { EMAIL_PATTERN, USER_QUERY_PATTERN } from '../patterns.js'
import { FlagSchema, IdSchema, ListEnvelope, PagingQuerySchema } from './common.js'
import { AssignOptionSchema } from './tickets.js'

export const UserListQuerySchema = Type.Intersect([
  Type.Object({
    query: Type.Optional(Type.String({ maxLength: NAME_MAX, pattern: USER_QUERY_PATTERN, description: 'This accepts a username, phone number or email address (part of one).' })),
    activeOnly: Type.Optional({ ...FlagSchema, description: 'only active agents (default false)' }),
    extended: Type.Optional({ ...FlagSchema, description: 'with telephone, avatar, brand and groups (default true)' })
  }),
  PagingQuerySchema(999)
])

export const UserParamsSchema = Type.Object({ userID: IdSchema })

export const UserSettingsQuerySchema = Type.Object({
  userID: Type.Optional({ ...IdSchema, description: 'the agent (required here: an emulator API key belongs to no agent)' })
})

export const CreateUserBodySchema = Type.Object({
  brand_id: IdSchema,
  name: Type.String({ minLength: 1, maxLength: NAME_MAX }),
  email: Type.String({ maxLength: NAME_MAX, pattern: EMAIL_PATTERN }),
  telephone: Type.Optional(Type.String({ maxLength: NAME_MAX })),
  active: Type.Optional({ ...FlagSchema, description: 'default true' }),
  groups: Type.Optional(Type.Array(IdSchema, { maxItems: 100, description: 'ids of the brand\'s groups' }))
})

/** An agent; without `extended` only the first four fields. */
export const UserSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  active: Type.Boolean(),
  telephone: Type.Optional(Type.String()),
  avatar: Type.Optional(Type.String()),
  brand_id: Type.Optional(Type.Integer()),
  groups: Type.Optional(Type.Array(AssignOptionSchema))
})

export const UserSettingsSchema = Type.Object({ user_id: Type.Integer() }, {
  additionalProperties: Type.Union([Type.String(), Type.Number(), Type.Boolean()])
})

export const UserListResponseSchema = ListEnvelope(UserSchema)

export type UserListQuery = Static<typeof UserListQuerySchema> & { itemStart: number, itemLimit: number }
export type CreateUserBody = Static<typeof CreateUserBodySchema>
export type User = Static<typeof UserSchema>
