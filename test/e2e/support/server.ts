import type { AddressInfo } from 'node:net'
import { buildAssets } from '../../../src/web/assets/build.ts'
import { startTestApp, type TestApp } from '../../support/app.ts'

export type RunningApp = TestApp & { baseUrl: string }

/** The real app on a real port, for a real browser. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningApp> {
  await buildAssets()
  const testApp = await startTestApp(env)
  await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = testApp.app.server.address() as AddressInfo
  return { ...testApp, baseUrl: `http://127.0.0.1:${port}` }
}
