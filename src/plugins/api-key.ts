// The helpdesk's authentication: an API key in the `apiKey` header or query parameter, carrying
// permissions (CONTRACT.md §1). Registered in the /api/v2 scope, first.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { ApiError } from '../errors.js'
import { findApiKey } from '../stores/api-keys.js'
import type { Permission } from '../domain/vocabulary.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission the route's API key must carry. */
    permission?: Permission
  }
  interface FastifyRequest {
    /** Who made the change, as timeline events record it: "api: <key name>". */
    initiatedBy: string
    /** The API key as sent ('' when the inbox's session acts): what a rate limit counts by. */
    sentApiKey: string
  }
}

/** The key as sent: the header wins over the query parameter. */
function keyOf (request: FastifyRequest): string | undefined {
  const header = request.headers.apikey
  if (typeof header === 'string' && header !== '') return header
  const query = (request.query as Record<string, unknown> | undefined)?.apiKey
  return typeof query === 'string' && query !== '' ? query : undefined
}

async function apiKeyAuth (app: FastifyInstance, opts: { config: Config }): Promise<void> {
  app.decorateRequest('initiatedBy', '')
  app.decorateRequest('sentApiKey', '')
  app.addHook('onRequest', (request, _reply, done) => {
    const own = keyOf(request)
    request.sentApiKey = own ?? ''
    // The inbox's own pages act with the configured key through their session, never holding it.
    const sent = own ?? (request.inboxSession ? opts.config.API_KEY : undefined)
    if (sent === undefined) {
      throw new ApiError(401, 'No API key was sent: send it as the apiKey header or the apiKey query parameter.')
    }
    const key = findApiKey(request.account.db, sent)
    if (!key) throw new ApiError(401, 'The API key is not valid for this account.')
    const needed = request.routeOptions.config.permission
    if (needed && !key.permissions.includes(needed)) {
      throw new ApiError(403, `The API key '${key.name}' lacks the permission ${needed}, which this request needs.`)
    }
    request.initiatedBy = `api: ${key.name}`
    done()
  })
}

export default fp(apiKeyAuth, { name: 'api-key' })
