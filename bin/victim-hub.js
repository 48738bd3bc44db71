#!/usr/bin/env -S node --max-old-space-size=512
// The `victim-hub` command: runs the TypeScript CLI through tsx, so no build step is needed. The heap is
// capped so that a long import collects garbage as it goes and its memory stays flat (live data is small).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
