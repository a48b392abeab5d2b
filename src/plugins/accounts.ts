// Decorates every request with the account it addresses.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { type Account, AccountRegistry, DEFAULT_ACCOUNT } from '../accounts.js'
import type { Config } from '../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    accounts: AccountRegistry
  }
  interface FastifyRequest {
    account: Account
  }
}

async function accounts (app: FastifyInstance, opts: { config: Config }): Promise<void> {
  const registry = new AccountRegistry(opts.config, app.log)
  registry.get(DEFAULT_ACCOUNT)
  app.decorate('accounts', registry)
  app.decorateRequest('account', null as unknown as Account)
  app.addHook('onRequest', async (request) => {
    request.account = registry.get(DEFAULT_ACCOUNT)
  })
  app.addHook('onClose', async () => registry.close())
}

export default fp(accounts, { name: 'accounts' })
