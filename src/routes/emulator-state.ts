// The account as a whole: reset, snapshot export and import, and the list of accounts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ApiError } from '../errors.js'
import { ErrorSchema } from '../schemas/common.js'
import { AccountsResponseSchema, ResetBodySchema, SnapshotSchema } from '../schemas/emulator.js'
import { exportSnapshot, SnapshotError } from '../stores/snapshot.js'

const SNAPSHOT_LIMIT = 256 * 1024 * 1024

const OkSchema = Type.Object({ status: Type.Literal('ok'), account: Type.String() })

const stateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/reset', {
    schema: {
      tags: ['emulator'],
      summary: 'Back to the seed ({"seed": false}: empty): data, triggers, clock, journal, faults, rate limit',
      body: Type.Optional(ResetBodySchema),
      'x-body-optional': true,
      response: { 200: OkSchema, 400: ErrorSchema }
    }
  }, async (request) => {
    const account = app.accounts.reset(request.account.name, request.body?.seed ?? true)
    return { status: 'ok' as const, account: account.name }
  })

  app.get('/snapshot', {
    schema: {
      tags: ['emulator'],
      summary: 'The whole account as JSON (the seed format); API keys masked unless includeKeys=true',
      querystring: Type.Object({ includeKeys: Type.Optional(Type.Enum(['true', 'false'], { description: 'true: API keys in clear' })) }),
      response: { 200: SnapshotSchema }
    }
  }, async (request) => exportSnapshot(request.account.db, { includeKeys: request.query.includeKeys === 'true' }))

  // In a context of its own, the body is read as bytes, not parsed: the import parses it apart (in a
  // worker thread when large), so that no other request waits for it.
  await app.register(async (raw) => {
    raw.removeContentTypeParser('application/json')
    raw.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: SNAPSHOT_LIMIT }, (_request, body, done) => done(null, body))
    raw.post('/snapshot', {
      bodyLimit: SNAPSHOT_LIMIT,
      schema: {
        tags: ['emulator'],
        summary: 'Replace the account with a snapshot; a bad one is refused and the old data kept',
        body: Type.Unknown(),
        response: { 200: OkSchema, 400: ErrorSchema }
      }
    }, async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new ApiError(400, 'The snapshot was not loaded: send it as a JSON body (Content-Type: application/json).')
      try {
        await app.accounts.load(request.account.name, request.body)
      } catch (err) {
        if (err instanceof SnapshotError) throw new ApiError(400, `The snapshot was not loaded: ${err.message}`)
        throw err
      }
      return { status: 'ok' as const, account: request.account.name }
    })
  })

  app.get('/accounts', {
    schema: { tags: ['emulator'], summary: 'The accounts in use', response: { 200: AccountsResponseSchema } }
  }, async () => ({ accounts: app.accounts.names() }))

  app.delete('/accounts/:account', {
    schema: {
      tags: ['emulator'],
      summary: 'Drop an account (made afresh from the seed on next use)',
      params: Type.Object({ account: Type.String() }),
      response: { 200: OkSchema, 404: ErrorSchema }
    }
  }, async (request) => {
    const name = request.params.account.toLowerCase()
    if (!app.accounts.drop(name)) throw new ApiError(404, `There is no account '${name}'.`)
    return { status: 'ok' as const, account: name }
  })
}

export default stateRoutes
