// The one conditions evaluator: triggers (`field`/`operator`/`value`) and views (`fact`/`operation`/
// `value`) both hold `all` and `any` lists of conditions on a ticket, and both are decided here.
import type { ConditionOperator, ViewOperation } from './vocabulary.js'

/** A condition made ready once: what it tests, how, and its wanted value(s) as text. */
export interface PreparedCondition<F extends string> { field: F, operator: ConditionOperator, wanted: string[] }
export interface PreparedConditions<F extends string> { all: Array<PreparedCondition<F>>, any: Array<PreparedCondition<F>> }

/** A view's `equals` is the triggers' `is`; `not_equals` is `is_not`; `text` is `contains`. */
const SAME_AS: Partial<Record<ViewOperation, ConditionOperator>> = { equals: 'is', not_equals: 'is_not', text: 'contains' }

export function prepareCondition<F extends string> (
  field: F, operator: ViewOperation, value: string | number | Array<string | number>
): PreparedCondition<F> {
  return {
    field,
    operator: SAME_AS[operator] ?? operator as ConditionOperator,
    wanted: (Array.isArray(value) ? value : [value]).map(String)
  }
}

const lower = (s: string) => s.toLowerCase()

/**
 * Whether a condition holds for the values its field has (a ticket has one status, but many tags):
 * `is`/`in` when any value is wanted, `contains` when any value contains a wanted text (without
 * regard to case), and their negations.
 */
export function conditionHolds (values: readonly string[], operator: ConditionOperator, wanted: readonly string[]): boolean {
  switch (operator) {
    case 'is':
    case 'in':
      return values.some((v) => wanted.includes(v))
    case 'is_not':
    case 'not_in':
      return !values.some((v) => wanted.includes(v))
    case 'contains':
      return values.some((v) => wanted.some((w) => lower(v).includes(lower(w))))
    case 'not_contains':
      return !values.some((v) => wanted.some((w) => lower(v).includes(lower(w))))
  }
}

/** Every `all` condition holds, and at least one `any` condition when there are any. */
export function conditionsHold<F extends string> (conditions: PreparedConditions<F>, valuesOf: (field: F) => readonly string[]): boolean {
  const holds = (c: PreparedCondition<F>) => conditionHolds(valuesOf(c.field), c.operator, c.wanted)
  return conditions.all.every(holds) && (conditions.any.length === 0 || conditions.any.some(holds))
}
