import type pg from 'pg'

/** Runs `work` in one transaction on one connection: all of it is written, or none of it. */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

/** Anything a repository can run a statement on: the pool, or a client inside a transaction. */
export type Queryable = pg.Pool | pg.PoolClient
