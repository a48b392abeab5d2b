// Agents as the user API shows them, with their groups and settings.
import { and, asc, count, eq, inArray, like, or } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { userGroups } from '../db/schema-settings.js'
import { groups, type UserRow, users } from '../db/schema.js'
import { ApiError, doesNotExist } from '../errors.js'
import { isYes } from '../schemas/common.js'
import type { CreateUserBody, User, UserListQuery } from '../schemas/users.js'
import { getBrand, getGroup, getUser } from './settings.js'

/** What GET /api/v2/user/settings answers for a setting the agent has not changed (ours, README). */
export const DEFAULT_USER_SETTINGS: Readonly<Record<string, string | boolean>> = {
  language: 'nl',
  signature: '',
  incognito_mode: false,
  desktop_notifications: true,
  email_notifications: true
}

const userNotFound = () => new ApiError(404, 'This user does not exist.')

function groupsOf (db: Db, ids: number[]): Map<number, Array<{ id: number, name: string }>> {
  const byUser = new Map<number, Array<{ id: number, name: string }>>()
  if (ids.length === 0) return byUser
  const rows = db.orm.select({ userId: userGroups.userId, id: groups.id, name: groups.name }).from(userGroups)
    .innerJoin(groups, eq(groups.id, userGroups.groupId)).where(inArray(userGroups.userId, ids)).orderBy(asc(groups.id)).all()
  for (const { userId, id, name } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), { id, name }])
  return byUser
}

function toUser (row: UserRow, extended: boolean, groupsByUser: Map<number, Array<{ id: number, name: string }>>): User {
  const user: User = { id: row.id, name: row.name, email: row.email, active: row.active }
  if (!extended) return user
  return { ...user, telephone: row.telephone, avatar: row.avatar, brand_id: row.brandId, groups: groupsByUser.get(row.id) ?? [] }
}

/** GET /api/v2/user: agents by id, filtered by a text in the name, telephone number or e-mail address. */
export function listUsers (db: Db, query: UserListQuery): { total: number, items: User[] } {
  const text = query.query?.trim()
  const pattern = `%${text ?? ''}%`
  const where = and(
    text ? or(like(users.name, pattern), like(users.telephone, pattern), like(users.email, pattern)) : undefined,
    isYes(query.activeOnly) ? eq(users.active, true) : undefined
  )
  const total = db.orm.select({ n: count() }).from(users).where(where).get()?.n ?? 0
  const rows = db.orm.select().from(users).where(where).orderBy(asc(users.id)).limit(query.itemLimit).offset(query.itemStart).all()
  const extended = isYes(query.extended, true)
  const groupsByUser = extended ? groupsOf(db, rows.map((row) => row.id)) : new Map()
  return { total, items: rows.map((row) => toUser(row, extended, groupsByUser)) }
}

export function getUserItem (db: Db, id: number): User {
  const row = getUser(db, id)
  if (!row) throw userNotFound()
  return toUser(row, true, groupsOf(db, [id]))
}

export function userSettings (db: Db, id: number | undefined): { user_id: number } & Record<string, string | number | boolean> {
  if (id === undefined) throw new ApiError(400, "The field 'userID' is required here: an API key of the emulator belongs to no agent (GET /api/v2/user lists them).")
  const row = getUser(db, id)
  if (!row) throw doesNotExist('user')
  return { user_id: id, ...DEFAULT_USER_SETTINGS, ...row.settings }
}

/** POST /api/v2/user: an agent of a brand, in the brand's groups given. Returns its id. */
export function createUser (db: Db, body: CreateUserBody): number {
  if (!getBrand(db, body.brand_id)) throw doesNotExist('brand')
  const groupIds = [...new Set(body.groups ?? [])]
  for (const id of groupIds) {
    if (getGroup(db, id)?.brandId !== body.brand_id) throw new ApiError(400, `The group ${id} is not a group of brand ${body.brand_id}.`)
  }
  return db.transaction(() => {
    const { id } = db.orm.insert(users).values({
      brandId: body.brand_id, name: body.name, email: body.email, telephone: body.telephone ?? '', active: isYes(body.active, true)
    }).returning({ id: users.id }).get()
    if (groupIds.length > 0) db.orm.insert(userGroups).values(groupIds.map((groupId) => ({ userId: id, groupId }))).run()
    return id
  })
}
