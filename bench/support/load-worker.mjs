// The load generator in a process of its own, so sending requests does not take the event loop the hub
// under test answers them on. Receives { url, connections, duration, cookies } and sends back autocannon's
// latency and request figures.
import autocannon from 'autocannon'

process.once('message', async ({ url, connections, duration, cookies }) => {
  let next = 0
  const result = await autocannon({
    url,
    connections,
    duration,
    setupClient: (client) => {
      client.setHeaders({ cookie: cookies[next++ % cookies.length] })
    },
  })
  process.send(
    { latency: result.latency, requests: result.requests, non2xx: result.non2xx, errors: result.errors },
    () => process.exit(0),
  )
})
