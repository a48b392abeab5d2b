// The account's settings: brands, channels, groups, users (agents), forms and SLA policies.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../db/client.js'
import { brands, channels, forms, groups, slaPolicies, users } from '../db/schema.js'
import type { AssignOption } from '../schemas/tickets.js'

export function getBrand (db: Db, id: number) {
  return db.select().from(brands).where(eq(brands.id, id)).get()
}

export function getChannel (db: Db, id: number) {
  return db.select().from(channels).where(eq(channels.id, id)).get()
}

export function getGroup (db: Db, id: number) {
  return db.select().from(groups).where(eq(groups.id, id)).get()
}

export function getUser (db: Db, id: number) {
  return db.select().from(users).where(eq(users.id, id)).get()
}

export function getForm (db: Db, id: number) {
  return db.select().from(forms).where(eq(forms.id, id)).get()
}

export function getSlaPolicy (db: Db, id: number) {
  return db.select().from(slaPolicies).where(eq(slaPolicies.id, id)).get()
}

/** The groups a ticket of this brand can be assigned to. */
export function listAssignableGroups (db: Db, brandId: number): AssignOption[] {
  return db.select({ id: groups.id, name: groups.name }).from(groups)
    .where(eq(groups.brandId, brandId)).orderBy(asc(groups.id)).all()
}

/** The agents a ticket of this brand can be assigned to. */
export function listAssignableUsers (db: Db, brandId: number): AssignOption[] {
  return db.select({ id: users.id, name: users.name }).from(users)
    .where(eq(users.brandId, brandId)).orderBy(asc(users.id)).all()
}
