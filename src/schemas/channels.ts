// Custom channels (Omnidesk's channel spec): the documented fields; the answers, the item's shape and
// how messages are signed are ours (README, fidelity notes).
import { type Static, Type } from 'typebox'
import { NAME_MAX } from '../limits.js'
import { CHANNEL_ICON_PATTERN, CHANNEL_NAME_PATTERN } from '../patterns.js'
import { FlagSchema, IdSchema, ListEnvelope } from './common.js'

const URL_MAX = 2000

const FIELDS = {
  name: Type.String({ minLength: 1, maxLength: NAME_MAX, pattern: CHANNEL_NAME_PATTERN, description: 'e.g. Example channel' }),
  icon: Type.Optional(Type.String({ minLength: 1, maxLength: NAME_MAX, pattern: CHANNEL_ICON_PATTERN, description: 'an icon name (default chat)' })),
  custom_channel_endpoint: Type.Optional(Type.String({ maxLength: URL_MAX, description: 'The endpoint Omnidesk POSTs a message to when the agent sends an outbound message (empty: none).' })),
  custom_channel_secret: Type.Optional(Type.String({ maxLength: NAME_MAX, description: 'the key messages are signed with (never shown again)' })),
  include_signature: Type.Optional({ ...FlagSchema, description: 'sign messages with the secret (x-omnidesk-signature; default false)' }),
  custom_channel_warning_en: Type.Optional(Type.String({ maxLength: NAME_MAX })),
  custom_channel_warning_nl: Type.Optional(Type.String({ maxLength: NAME_MAX })),
  custom_channel_available_in_quick_ticket: Type.Optional(FlagSchema)
}

export const ChannelBodySchema = Type.Object(FIELDS)
export const ChannelUpdateBodySchema = Type.Partial(Type.Object(FIELDS))
export const ChannelParamsSchema = Type.Object({ channelID: IdSchema })

/** A channel; the custom_* fields only for a custom one, its secret masked. */
export const ChannelSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  icon: Type.String(),
  custom: Type.Boolean(),
  custom_channel_endpoint: Type.Optional(Type.String()),
  custom_channel_secret: Type.Optional(Type.String({ description: '*** when one is set, else empty' })),
  include_signature: Type.Optional(Type.Boolean()),
  custom_channel_warning_en: Type.Optional(Type.String()),
  custom_channel_warning_nl: Type.Optional(Type.String()),
  custom_channel_available_in_quick_ticket: Type.Optional(Type.Boolean())
})

export const ChannelListResponseSchema = ListEnvelope(ChannelSchema)

export type ChannelBody = Static<typeof ChannelUpdateBodySchema>
export type Channel = Static<typeof ChannelSchema>
