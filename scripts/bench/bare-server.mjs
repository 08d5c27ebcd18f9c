// The limit the public pages are measured against: a bare node:http handler that answers every
// request with one recorded response (status, headers and the already compressed body), so what it
// costs is the machine's and Node's own cost of sending those bytes, and nothing of ours.
//   node scripts/bench/bare-server.mjs <port> <response.json>
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'

const [port, file] = process.argv.slice(2)
const recorded = JSON.parse(readFileSync(file, 'utf8'))
const body = Buffer.from(recorded.body, 'base64')
const headers = { ...recorded.headers, 'content-length': String(body.length) }

createServer((request, response) => {
  response.writeHead(recorded.status, headers)
  response.end(request.method === 'HEAD' ? undefined : body)
}).listen(Number(port), () => process.send?.('listening'))
