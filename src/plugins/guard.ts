// What keeps other web pages and other names from driving the emulator on a laptop or a shared CI
// network, run for every request before anything else:
// - DNS rebinding: only the hosts a user means are served (hostAllowed in hosts.ts, ALLOWED_HOSTS);
// - CSRF: a request that changes something and comes from another origin is refused, and the control
//   API takes JSON only, which a plain HTML form cannot send;
// - CONTROL_TOKEN, when set: the control API and the inbox need it (or the inbox's session cookie);
// - response headers that keep the pages from being framed or sniffed.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { ApiError } from '../errors.js'
import { hostAllowed, hostName, hostPatterns, ownNames } from '../hosts.js'
import { isApiRequest, isControlRequest, isHealthCheck } from '../request-kinds.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The inbox's same-origin session: a random value made at start, sent as an HttpOnly cookie. */
    inboxSession: string
  }
  interface FastifyRequest {
    /** True when the request carries the inbox's session cookie and comes from the emulator's own pages. */
    inboxSession: boolean
  }
}

export const SESSION_COOKIE = 'omnidesk_emulator_session'
const WRITES: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Constant-time comparison of a sent secret with the expected one (hashed first: equal lengths). */
export function sameSecret (sent: string | undefined, expected: string): boolean {
  if (sent === undefined) return false
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(sent), digest(expected))
}

function cookieValue (request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie
  if (header === undefined) return undefined
  for (const part of header.split(';')) {
    const at = part.indexOf('=')
    if (at !== -1 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return undefined
}

/** The origin a browser says the request comes from, when it is not this emulator's own. */
export function foreignOrigin (request: FastifyRequest): string | undefined {
  const origin = request.headers.origin
  const site = request.headers['sec-fetch-site']
  if (origin !== undefined) {
    if (origin === 'null') return 'null'
    try {
      const url = new URL(origin)
      if (url.host.toLowerCase() !== (request.headers.host ?? '').toLowerCase()) return origin
    } catch {
      return origin
    }
  }
  if (site === 'cross-site' || site === 'same-site') return `a ${site} page`
  return undefined
}

async function guard (app: FastifyInstance, opts: { config: Config }): Promise<void> {
  const { config } = opts
  const extra = hostPatterns(config.ALLOWED_HOSTS)
  const own = ownNames()
  const allowed = new Map<string, boolean>()
  const session = randomBytes(32).toString('base64url')
  app.decorate('inboxSession', session)
  app.decorateRequest('inboxSession', false)

  app.addHook('onRequest', (request, reply, done) => {
    const host = request.headers.host ?? ''
    let ok = allowed.get(host)
    if (ok === undefined) {
      ok = hostAllowed(host, extra, own)
      if (allowed.size >= 1000) allowed.clear()
      allowed.set(host, ok)
    }
    if (!ok) {
      return done(new ApiError(403, `The host '${hostName(host)}' is not one this emulator serves (a guard against DNS rebinding): use localhost, an IP address or a single-label name, or add it to ALLOWED_HOSTS.`))
    }
    reply.header('x-content-type-options', 'nosniff')
    const write = WRITES.has(request.method)
    if (write) {
      const foreign = foreignOrigin(request)
      if (foreign !== undefined) {
        return done(new ApiError(403, `A request from another origin (${foreign}) may not change anything here: call the emulator from a server or a test, not from a web page of another origin.`))
      }
      if (isControlRequest(request)) {
        const type = request.headers['content-type']
        if (type !== undefined && !/^application\/json\b/i.test(type)) {
          return done(new ApiError(415, 'The control API takes JSON only: send Content-Type: application/json (or no body).'))
        }
      }
    }
    // The session stands for the inbox's key: for reads from anywhere a browser sends it (another
    // origin cannot read the answer), for changes only from the emulator's own pages: past the check
    // above no origin is foreign, so a change needs the browser to have said where it comes from.
    const fromOwnPage = request.headers.origin !== undefined || request.headers['sec-fetch-site'] === 'same-origin'
    request.inboxSession = sameSecret(cookieValue(request, SESSION_COOKIE), session) && (!write || fromOwnPage)
    if (config.CONTROL_TOKEN !== undefined && !isApiRequest(request) && !request.inboxSession && !isHealthCheck(request)) {
      if (!sameSecret(sentToken(request), config.CONTROL_TOKEN)) {
        return done(new ApiError(401, 'This emulator has a CONTROL_TOKEN: send it as Authorization: Bearer <token> (the inbox: open it once with ?token=<token>).'))
      }
    }
    done()
  })
}

/** The control token as sent: Authorization: Bearer, X-Control-Token, or ?token= (opening the inbox in a browser). */
export function sentToken (request: FastifyRequest): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]
  const header = request.headers['x-control-token']
  const query = (request.query as { token?: unknown } | undefined)?.token
  return bearer ?? (typeof header === 'string' ? header : undefined) ?? (typeof query === 'string' ? query : undefined)
}

/** Sets the inbox's session cookie on a page answer (HttpOnly, SameSite=Strict, never readable by script). */
export function setSessionCookie (app: FastifyInstance, reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=${app.inboxSession}; Path=/; HttpOnly; SameSite=Strict`)
}

export default fp(guard, { name: 'guard' })
