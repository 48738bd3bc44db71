import { request as httpRequest } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { generate } from 'selfsigned'

export type TlsProxy = { url: string; port: number; certificate: string; close: () => Promise<void> }

/**
 * A TLS-terminating reverse proxy as production puts in front of the hub (nginx, a load balancer): it
 * serves HTTPS with its own certificate, made here and trusted by nobody else, and forwards each request
 * over plain HTTP with X-Forwarded-For (the client's address as the proxy sees it), -Proto and -Host.
 */
export async function startTlsProxy(upstream: string): Promise<TlsProxy> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  })
  const target = new URL(upstream)
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (incoming, outgoing) => {
    const forwarded = incoming.headers['x-forwarded-for']
    const client = incoming.socket.remoteAddress ?? ''
    const upstreamRequest = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: {
          ...incoming.headers,
          // A client's own X-Forwarded-For is kept and the address it connected from added, as nginx's
          // $proxy_add_x_forwarded_for does; the hub believes only the hop it trusts.
          'x-forwarded-for': forwarded ? `${forwarded}, ${client}` : client,
          'x-forwarded-proto': 'https',
          'x-forwarded-host': incoming.headers.host ?? '',
        },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(outgoing)
      },
    )
    upstreamRequest.on('error', () => {
      outgoing.writeHead(502)
      outgoing.end()
    })
    incoming.pipe(upstreamRequest)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `https://localhost:${port}`,
    port,
    certificate: pems.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
