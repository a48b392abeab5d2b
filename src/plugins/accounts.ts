// Chooses the account a request addresses: the path prefix /_accounts/{account}/..., else the first
// label of the Host header (acme.localhost:3000, as the real service's acme.omnidesk.com), else the
// default account. The control API under /_emulator is scoped the same way.
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Account } from '../account/account.js'
import { AccountRegistry, DEFAULT_ACCOUNT } from '../account/registry.js'
import type { Config } from '../config.js'
import { isHealthCheck } from '../request-kinds.js'
import type { StoreContext } from '../stores/context.js'

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountRegistry
  }
  interface FastifyRequest {
    account: Account
    /** What the stores work on: the account's database and clock (and, in the API, a collector of its changes). */
    store: StoreContext
  }
}

const PREFIX = /^\/_accounts\/([^/?#]*)(?=[/?#]|$)/i
const prefixed = new WeakMap<IncomingMessage, string>()

/**
 * Fastify's rewriteUrl: strips the account prefix, remembering the account for the request. It runs
 * before any handler can catch, so it never throws: a name that does not decode (`/_accounts/%/x`)
 * is kept as sent, and the account hook refuses it as not a DNS label.
 */
export function stripAccountPrefix (req: IncomingMessage): string {
  const url = req.url ?? '/'
  const match = PREFIX.exec(url)
  if (!match) return url
  prefixed.set(req, safeDecode(match[1] ?? '').toLowerCase())
  return url.slice(match[0].length) || '/'
}

/** decodeURIComponent that leaves text with a malformed escape as it is instead of throwing. */
export function safeDecode (text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The path prefix that addressed the request's account ('' when Host or the default chose it). */
export function accountPrefix (request: FastifyRequest): string {
  const name = prefixed.get(request.raw)
  return name === undefined ? '' : `/_accounts/${name}`
}

/**
 * The account named by a Host header: the first label of a name with two or more labels. An IP
 * address, a single label (localhost, a compose service name) or a container runtime's host alias
 * (*.internal) means the default account.
 */
export function accountFromHost (host: string | undefined): string | undefined {
  if (!host) return undefined
  if (hosts.has(host)) return hosts.get(host)
  const name = nameFromHost(host)
  // Clients send the same few Host headers over and over; the map is emptied if a client varies it.
  if (hosts.size >= 1000) hosts.clear()
  hosts.set(host, name)
  return name
}

const hosts = new Map<string, string | undefined>()

function nameFromHost (host: string): string | undefined {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase()
  if (isIP(name) !== 0 || name.endsWith('.internal')) return undefined
  const labels = name.split('.')
  return labels.length >= 2 ? labels[0] : undefined
}

async function accounts (app: FastifyInstance, opts: { config: Config }): Promise<void> {
  const registry = new AccountRegistry(opts.config, app.log)
  registry.get(DEFAULT_ACCOUNT)
  app.decorate('accounts', registry)
  app.decorateRequest('account', null as unknown as Account)
  app.decorateRequest('store', null as unknown as StoreContext)
  app.addHook('onRequest', (request, _reply, done) => {
    // The health check never opens an account: a full registry (MAX_ACCOUNTS) must not fail it.
    if (isHealthCheck(request)) return done()
    request.account = registry.get(prefixed.get(request.raw) ?? accountFromHost(request.headers.host) ?? DEFAULT_ACCOUNT)
    request.store = request.account
    done()
  })
  app.addHook('onClose', async () => registry.close())
}

export default fp(accounts, { name: 'accounts' })
