// The account's triggers: stored rules that run inside the transaction of the change that fired them.
import { asc, desc, like } from 'drizzle-orm'
import { ticketEvents, type TicketRow, type TriggerRow, triggers } from '../db/schema.js'
import { ApiError } from '../errors.js'
import type { Trigger, TriggerAction, TriggerCondition, TriggerInput } from '../schemas/triggers.js'
import { cachedUntilSettingsChange, type Db, preparedPerDb } from '../db/client.js'
import type { StoreContext } from './context.js'
import { getGroup, getSlaPolicy, getUser } from './settings.js'
import { applyTicketChanges, type TicketChanges } from './ticket-changes.js'
import { listTicketTags } from './rows/tags.js'
import { addTicketTag } from './tags.js'
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../domain/vocabulary.js'
import { conditionsHold, type PreparedConditions, prepareCondition } from '../domain/conditions.js'

/** What fired the triggers: a new ticket, or an update (a status change, or a message or note). */
export interface TriggerRun {
  event: 'created' | 'updated'
  previousStatus: TicketStatus | null
  message: 'inbound' | 'outbound' | 'note' | null
}

/** A chain of triggers that change the status, firing further updates, stops after this many rounds. */
export const MAX_TRIGGER_ROUNDS = 10

export function toTrigger (row: TriggerRow): Trigger {
  return {
    id: row.id,
    name: row.name,
    event: row.event,
    active: row.active,
    position: row.position,
    conditions: row.conditions,
    actions: row.actions
  }
}

const queries = preparedPerDb((db: Db) => ({
  all: db.orm.select().from(triggers).orderBy(asc(triggers.position), asc(triggers.id)).prepare()
}))

export function listTriggers (db: Db): Trigger[] {
  return queries(db).all.all().map(toTrigger)
}

function checkAction (ctx: StoreContext, action: TriggerAction, where: string): void {
  const bad = (what: string) => new ApiError(400, `${where}: ${what}`)
  const id = Number(action.value)
  switch (action.type) {
    case 'set_group':
      if (id !== 0 && !getGroup(ctx.db, id)) throw bad(`group ${action.value} does not exist.`)
      break
    case 'set_user':
      if (id !== 0 && !getUser(ctx.db, id)) throw bad(`user ${action.value} does not exist.`)
      break
    case 'set_sla_policy':
      if (!getSlaPolicy(ctx.db, id)) throw bad(`SLA policy ${action.value} does not exist.`)
      break
    case 'set_status':
      if (!(TICKET_STATUSES as readonly string[]).includes(String(action.value))) throw bad(`status must be one of: ${TICKET_STATUSES.join(', ')}.`)
      break
    case 'set_priority':
      if (!(TICKET_PRIORITIES as readonly string[]).includes(String(action.value))) throw bad(`priority must be one of: ${TICKET_PRIORITIES.join(', ')}.`)
      break
    case 'add_tag':
      if (String(action.value).trim() === '') throw bad('a tag must not be empty.')
      break
  }
}

type ActiveTrigger = Omit<Trigger, 'conditions'> & { conditions: PreparedConditions<TriggerCondition['field']> }

const prepared = (c: TriggerCondition) => prepareCondition(c.field, c.operator, c.value)

/** The triggers that run, in order; kept until the settings change (triggers are settings). Read only. */
const activeTriggers = cachedUntilSettingsChange((db: Db): ActiveTrigger[] =>
  listTriggers(db).filter((t) => t.active).map((t) => ({
    ...t,
    conditions: { all: (t.conditions.all ?? []).map(prepared), any: (t.conditions.any ?? []).map(prepared) }
  })))

/** Replaces every trigger, in the given order; nothing changes when one is invalid. */
export function replaceTriggers (ctx: StoreContext, input: TriggerInput[]): Trigger[] {
  const names = new Set<string>()
  input.forEach((trigger, i) => {
    if (names.has(trigger.name)) throw new ApiError(400, `Trigger names must be unique: '${trigger.name}' appears twice.`)
    names.add(trigger.name)
    trigger.actions.forEach((action, j) => checkAction(ctx, action, `triggers[${i}].actions[${j}] (${action.type})`))
  })
  ctx.db.transaction(() => {
    ctx.db.orm.delete(triggers).run()
    input.forEach((trigger, position) => {
      ctx.db.orm.insert(triggers).values({ ...trigger, active: trigger.active ?? true, position }).run()
    })
  })
  return listTriggers(ctx.db)
}

function fieldValues (ctx: StoreContext, row: TicketRow, run: TriggerRun, field: TriggerCondition['field']): string[] {
  switch (field) {
    case 'status': return [row.status]
    case 'previous_status': return [run.previousStatus ?? '']
    case 'channel_id': return [String(row.channelId)]
    case 'brand_id': return [String(row.brandId)]
    case 'direction': return [row.direction]
    case 'assigned_group_id': return [String(row.assignedGroupId)]
    case 'assigned_user_id': return [String(row.assignedUserId)]
    case 'priority': return [row.priority]
    case 'title': return [row.title]
    case 'customer_id': return [String(row.customerId)]
    case 'message': return [run.message ?? '']
    case 'tag': return listTicketTags(ctx.db, row.id)
  }
}

function matches (ctx: StoreContext, row: TicketRow, trigger: ActiveTrigger, run: TriggerRun): boolean {
  return conditionsHold(trigger.conditions, (field) => fieldValues(ctx, row, run, field))
}

function toChanges (actions: TriggerAction[]): { changes: TicketChanges, tags: string[] } {
  const changes: TicketChanges = {}
  const tags: string[] = []
  for (const action of actions) {
    switch (action.type) {
      case 'set_group': changes.assignedGroupId = Number(action.value); break
      case 'set_user': changes.assignedUserId = Number(action.value); break
      case 'set_status': changes.status = String(action.value) as TicketStatus; break
      case 'set_priority': changes.priority = String(action.value) as TicketPriority; break
      case 'set_sla_policy': changes.slaPolicyId = Number(action.value); break
      case 'add_tag': tags.push(String(action.value)); break
    }
  }
  return { changes, tags }
}

function wouldChange (ctx: StoreContext, row: TicketRow, actions: TriggerAction[]): boolean {
  const { changes, tags } = toChanges(actions)
  const current: TicketChanges = {
    status: row.status, assignedGroupId: row.assignedGroupId, assignedUserId: row.assignedUserId, priority: row.priority, slaPolicyId: row.slaPolicyId ?? undefined
  }
  const had = listTicketTags(ctx.db, row.id)
  return Object.entries(changes).some(([k, v]) => current[k as keyof TicketChanges] !== v) || tags.some((t) => !had.includes(t))
}

/**
 * Runs the account's active triggers for a change to one ticket, inside the caller's transaction. A
 * trigger whose actions change the status fires `updated` again for the others; a trigger never fires
 * twice for one change, so a cycle between triggers is cut (with a warning) instead of looping.
 */
export function runTriggers (ctx: StoreContext, row: TicketRow, first: TriggerRun): void {
  const rules = activeTriggers(ctx.db)
  if (rules.length === 0) return
  const fired = new Set<number>()
  const queue: TriggerRun[] = [first]
  for (let round = 0; queue.length > 0; round++) {
    const run = queue.shift() as TriggerRun
    if (round >= MAX_TRIGGER_ROUNDS) {
      ctx.log?.warn({ ticketId: row.id }, `trigger chain stopped after ${MAX_TRIGGER_ROUNDS} rounds`)
      return
    }
    for (const rule of rules) {
      if (rule.event !== run.event || !matches(ctx, row, rule, run)) continue
      if (fired.has(rule.id)) {
        if (wouldChange(ctx, row, rule.actions)) {
          ctx.log?.warn({ ticketId: row.id, trigger: rule.name }, `trigger '${rule.name}' would fire again on ticket ${row.id}: cycle cut`)
        }
        continue
      }
      const by = `trigger: ${rule.name}`
      const before = row.status
      const { changes, tags } = toChanges(rule.actions)
      const changed = applyTicketChanges(ctx, row, changes, by)
      const tagged = tags.filter((tag) => addTicketTag(ctx, row, tag, by))
      if (changed.length > 0 || tagged.length > 0) fired.add(rule.id)
      if (changed.includes('status')) queue.push({ event: 'updated', previousStatus: before, message: null })
    }
  }
}

/** What the triggers did, newest first: the timeline events they wrote (the inbox's triggers page). */
export function listTriggerFirings (db: Db, limit: number) {
  return db.orm.select({ ticketId: ticketEvents.ticketId, by: ticketEvents.initiatedBy, description: ticketEvents.description, at: ticketEvents.createdAt })
    .from(ticketEvents).where(like(ticketEvents.initiatedBy, 'trigger: %')).orderBy(desc(ticketEvents.id)).limit(limit).all()
}
