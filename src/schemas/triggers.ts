// Triggers as the control API and snapshots carry them.
import { type Static, Type } from 'typebox'
import { TRIGGER_ACTIONS, TRIGGER_EVENTS, TRIGGER_FIELDS, TRIGGER_OPERATORS } from '../domain/vocabulary.js'

/**
 * A string or a number, kept as sent. One type list, not a union: Ajv's type coercion would turn a
 * number into the string branch's "2", and a one-item list into its scalar. String last: the
 * response serializer tries the types in order, and a string takes anything.
 */
const TextOrNumber = Type.Unsafe<string | number>({ type: ['number', 'string'] })

export const TriggerConditionSchema = Type.Object({
  field: Type.Enum([...TRIGGER_FIELDS], {
    description: 'previous_status: the status before the change that fired; message: inbound, outbound or note when an update came with one; tag: any of the ticket\'s tags'
  }),
  operator: Type.Enum([...TRIGGER_OPERATORS]),
  value: Type.Unsafe<string | number | Array<string | number>>({ type: ['array', 'number', 'string'], items: TextOrNumber })
}, { additionalProperties: false })

export const TriggerConditionsSchema = Type.Object({
  all: Type.Optional(Type.Array(TriggerConditionSchema, { description: 'every one must hold' })),
  any: Type.Optional(Type.Array(TriggerConditionSchema, { description: 'at least one must hold (when given)' }))
}, { additionalProperties: false })

export const TriggerActionSchema = Type.Object({
  type: Type.Enum([...TRIGGER_ACTIONS]),
  value: TextOrNumber
}, { additionalProperties: false })

export const TriggerInputSchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  event: Type.Enum([...TRIGGER_EVENTS], { description: 'created: a new ticket; updated: a status change or a new message or note' }),
  active: Type.Optional(Type.Boolean({ default: true })),
  conditions: TriggerConditionsSchema,
  actions: Type.Array(TriggerActionSchema, { minItems: 1 })
}, { additionalProperties: false })

export const TriggerSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  event: Type.String(),
  active: Type.Boolean(),
  position: Type.Integer(),
  conditions: TriggerConditionsSchema,
  actions: Type.Array(TriggerActionSchema)
})

export const TriggersBodySchema = Type.Object({
  triggers: Type.Array(TriggerInputSchema, { description: 'replaces all triggers; they run in this order' })
})

export const TriggersResponseSchema = Type.Object({ triggers: Type.Array(TriggerSchema) })

export type TriggerCondition = Static<typeof TriggerConditionSchema>
export type TriggerConditions = Static<typeof TriggerConditionsSchema>
export type TriggerAction = Static<typeof TriggerActionSchema>
export type TriggerInput = Static<typeof TriggerInputSchema>
export type Trigger = Static<typeof TriggerSchema>
