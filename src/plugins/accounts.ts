// Chooses the account a request addresses: the path prefix /_accounts/{account}/..., else the first
// label of the Host header (acme.localhost:3000, as the real service's acme.omnidesk.com), else the
// default account. The control API under /_emulator is scoped the same way.
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import type { FastifyInstance } from 'fastify'
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
    /** The path prefix that addressed the request's account ('' when Host or the default chose it). */
    accountPrefix: string
  }
}

const PREFIX = /^\/_accounts\/([^/?#]*)(?=[/?#]|$)/i

/** decodeURIComponent that leaves text with a malformed escape as it is instead of throwing. */
export function safeDecode (text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * The account named by a Host header: the first label of a name with two or more labels. An IP
 * address, a single label (localhost, a compose service name) or a container runtime's host alias
 * (*.internal) means the default account.
 */
export function accountFromHost (host: string | undefined): string | undefined {
  if (!host) return undefined
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase()
  if (isIP(name) !== 0 || name.endsWith('.internal')) return undefined
  const labels = name.split('.')
  return labels.length >= 2 ? labels[0] : undefined
}

/** Which account a request names, for one app: what its prefix said, and what its Host says. */
export class AccountRouting {
  readonly #prefixed = new WeakMap<IncomingMessage, string>()
  readonly #hosts = new Map<string, string | undefined>()

  /**
   * Fastify's rewriteUrl: strips the account prefix, remembering the account for the request. It runs
   * before any handler can catch, so it never throws: a name that does not decode (`/_accounts/%/x`)
   * is kept as sent, and the account hook refuses it as not a DNS label.
   */
  strip (req: IncomingMessage): string {
    const url = req.url ?? '/'
    const match = PREFIX.exec(url)
    if (!match) return url
    this.#prefixed.set(req, safeDecode(match[1] ?? '').toLowerCase())
    return url.slice(match[0].length) || '/'
  }

  /** The account the request's prefix named, if it had one. */
  prefixed (req: IncomingMessage): string | undefined {
    return this.#prefixed.get(req)
  }

  /** accountFromHost, remembered: clients send the same few Host headers over and over (emptied if one varies it). */
  fromHost (host: string | undefined): string | undefined {
    if (!host) return undefined
    if (this.#hosts.has(host)) return this.#hosts.get(host)
    const name = accountFromHost(host)
    if (this.#hosts.size >= 1000) this.#hosts.clear()
    this.#hosts.set(host, name)
    return name
  }
}

async function accounts (app: FastifyInstance, opts: { config: Config, routing: AccountRouting }): Promise<void> {
  const { routing } = opts
  const registry = new AccountRegistry(opts.config, app.log)
  registry.get(DEFAULT_ACCOUNT)
  app.decorate('accounts', registry)
  app.decorateRequest('account', null as unknown as Account)
  app.decorateRequest('store', null as unknown as StoreContext)
  app.decorateRequest('accountPrefix', '')
  app.addHook('onRequest', (request, _reply, done) => {
    // The health check never opens an account: a full registry (MAX_ACCOUNTS) must not fail it.
    if (isHealthCheck(request)) return done()
    const prefixed = routing.prefixed(request.raw)
    if (prefixed !== undefined) request.accountPrefix = `/_accounts/${prefixed}`
    request.account = registry.get(prefixed ?? routing.fromHost(request.headers.host) ?? DEFAULT_ACCOUNT)
    request.store = request.account
    done()
  })
  // A request that may have written tells the inbox's open pages (account/live.ts: nothing when none listen).
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.account !== null) request.account.live.poke()
    done()
  })
  app.addHook('preClose', (done) => {
    registry.stopListening()
    done()
  })
  app.addHook('onClose', async () => registry.close())
}

export default fp(accounts, { name: 'accounts' })
