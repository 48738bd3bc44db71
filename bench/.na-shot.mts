import { chromium } from 'playwright-core'

const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
const p = await b.newPage({ viewport: { width: 1280, height: 1400 } })
await p.goto('file:///tmp/na/report.html')
const h = await p.evaluate(() => document.body.scrollHeight)
for (let i = 0; i * 1400 < Math.min(h, 5600); i++) {
  await p.evaluate((y) => window.scrollTo(0, y), i * 1400)
  await p.screenshot({ path: `/tmp/na/shot-${i}.png` })
}
await p.pdf({ path: '/tmp/na/report.pdf', format: 'A4' })
console.log('height', h)
await b.close()
