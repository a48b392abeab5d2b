import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ApiError } from '../errors.js'
import { ErrorSchema } from '../schemas/common.js'
import { AdvanceClockBodySchema, ClockSchema, SetClockBodySchema } from '../schemas/emulator.js'

const clockRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const response = { 200: ClockSchema, 400: ErrorSchema }

  app.get('/clock', { schema: { tags: ['emulator'], summary: "The account's clock", response } },
    async (request) => request.account.clock.state())

  app.put('/clock', {
    schema: { tags: ['emulator'], summary: 'Set the clock (frozen unless frozen is false)', body: SetClockBodySchema, response }
  }, async (request) => {
    const { clock } = request.account
    if (request.body.now !== undefined && clock.tryParse(request.body.now) === undefined) {
      throw new ApiError(400, `The field 'now' is not a real date-time: ${request.body.now} does not exist in ${clock.timeZone}.`)
    }
    if (request.body.now !== undefined) clock.freezeAt(request.body.now)
    if (request.body.frozen === false) clock.unfreeze()
    else if (!clock.frozen) clock.freezeAt(clock.now())
    return clock.state()
  })

  app.post('/clock/advance', {
    schema: { tags: ['emulator'], summary: 'Move the clock on (or back) by seconds', body: AdvanceClockBodySchema, response }
  }, async (request) => {
    request.account.clock.advance(request.body.seconds)
    return request.account.clock.state()
  })
}

export default clockRoutes
