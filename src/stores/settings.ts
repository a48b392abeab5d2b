// The account's settings: brands, channels, groups, users (agents), forms and SLA policies.
import { asc, eq, sql } from 'drizzle-orm'
import { type Db, prepared } from '../db/client.js'
import { brands, channels, forms, groups, slaPolicies, users } from '../db/schema.js'
import type { AssignOption } from '../schemas/tickets.js'

export function getBrand (db: Db, id: number) {
  return prepared(db, 'getBrand', () => db.select().from(brands).where(eq(brands.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function getChannel (db: Db, id: number) {
  return prepared(db, 'getChannel', () => db.select().from(channels).where(eq(channels.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function getGroup (db: Db, id: number) {
  return prepared(db, 'getGroup', () => db.select().from(groups).where(eq(groups.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function getUser (db: Db, id: number) {
  return prepared(db, 'getUser', () => db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function getForm (db: Db, id: number) {
  return prepared(db, 'getForm', () => db.select().from(forms).where(eq(forms.id, sql.placeholder('id'))).prepare()).get({ id })
}

export function getSlaPolicy (db: Db, id: number) {
  return prepared(db, 'getSlaPolicy', () => db.select().from(slaPolicies).where(eq(slaPolicies.id, sql.placeholder('id'))).prepare()).get({ id })
}

/** The groups a ticket of this brand can be assigned to. */
export function listAssignableGroups (db: Db, brandId: number): AssignOption[] {
  return prepared(db, 'listAssignableGroups', () => db.select({ id: groups.id, name: groups.name }).from(groups)
    .where(eq(groups.brandId, sql.placeholder('brandId'))).orderBy(asc(groups.id)).prepare()).all({ brandId })
}

/** The agents a ticket of this brand can be assigned to. */
export function listAssignableUsers (db: Db, brandId: number): AssignOption[] {
  return prepared(db, 'listAssignableUsers', () => db.select({ id: users.id, name: users.name }).from(users)
    .where(eq(users.brandId, sql.placeholder('brandId'))).orderBy(asc(users.id)).prepare()).all({ brandId })
}
