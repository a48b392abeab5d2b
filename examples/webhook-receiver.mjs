// A webhook receiver for the emulator (npm install standardwebhooks): it answers the OPTIONS check
// that registration makes, verifies each delivery's signature and prints the event.
//   WEBHOOK_SECRET=whsec_... PORT=4000 node webhook-receiver.mjs
import http from 'node:http'
import { Webhook } from 'standardwebhooks'

const webhook = new Webhook(process.env.WEBHOOK_SECRET ?? 'whsec_ZW11bGF0b3ItZXhhbXBsZS1zZWNyZXQ=')
const server = http.createServer((req, res) => {
  if (req.method === 'OPTIONS') return res.writeHead(204, { allow: 'OPTIONS, POST' }).end()
  let body = ''
  req.on('data', (chunk) => { body += chunk })
  req.on('end', () => {
    try {
      const event = webhook.verify(body, req.headers)
      console.log(event.type, event.data.ticket?.id ?? '-', JSON.stringify(event.data.changes))
      res.writeHead(204).end()
    } catch (err) {
      res.writeHead(400).end(String(err))
    }
  })
})
server.listen(Number(process.env.PORT ?? 4000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/omnidesk`)
})
