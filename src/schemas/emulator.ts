// The emulator's own control API (under /_emulator), not part of Omnidesk's.
import { type Static, Type } from 'typebox'
import { DATE_TIME_PATTERN } from '../clock.js'

export const ClockSchema = Type.Object({
  now: Type.String({ description: 'the emulator time, YYYY-MM-DD HH:MM:SS in TIMEZONE' }),
  frozen: Type.Boolean({ description: 'true: time stands still until set or advanced' }),
  timeZone: Type.String()
})

export const SetClockBodySchema = Type.Object({
  now: Type.Optional(Type.String({ pattern: DATE_TIME_PATTERN, description: 'YYYY-MM-DD HH:MM:SS' })),
  frozen: Type.Optional(Type.Boolean({ default: true, description: 'false: let time run on from `now`' }))
}, { additionalProperties: false })

export const AdvanceClockBodySchema = Type.Object({
  seconds: Type.Integer({ minimum: -315_360_000, maximum: 315_360_000, description: 'how far to move the clock (may be negative)' })
}, { additionalProperties: false })

export type SetClockBody = Static<typeof SetClockBodySchema>
