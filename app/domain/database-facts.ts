/**
 * What `npm run db:copy` reads from each side to prove a copy, and the comparison of the two. The
 * facts come from app/models/database-copy.server.ts; this file only judges them.
 */

export interface TableFacts {
  table: string
  rows: number
  /** Hex SHA-256 of the rows in primary-key order (app/domain/row-digest.ts). */
  sha256: string
}

export interface TreeFacts {
  leaves: number
  /** The first seq out of place (leaves are 1, 2, 3, … without a gap), or null. */
  gapAt: number | null
  /** Leaves whose hash is not SHA-256(0x00 || the entry's bytes). */
  badLeaves: number
  /** The root recomputed from every leaf hash, hex. */
  leavesRoot: string
  /** The root read from the stored subtree hashes (what the portal serves), hex; null if they are missing. */
  nodesRoot: string | null
  checkpoint: {
    size: number
    /** The root the checkpoint row records, hex. */
    root: string
    /** The root recomputed from the first `size` leaves, hex; null if there are fewer leaves. */
    leavesRoot: string | null
    /** The signed note's own text names this size and root. */
    noteMatches: boolean
  } | null
}

export interface DatabaseFacts {
  migrations: string[]
  tables: TableFacts[]
  tree: TreeFacts
  /** Per table with a generated id: the last id handed out (0 if none), which the next insert must pass. */
  idCounters: Record<string, number>
}

export interface Check {
  what: string
  source: string
  target: string
  ok: boolean
}

const short = (hex: string | null) => (hex === null ? 'missing' : hex.slice(0, 16))

/** One line per thing compared; the copy is proven when every line is ok. */
export function compareFacts(source: DatabaseFacts, target: DatabaseFacts): Check[] {
  const checks: Check[] = []
  checks.push({
    what: 'migrations',
    source: `${source.migrations.length} applied`,
    target: `${target.migrations.length} applied`,
    ok: source.migrations.join('\n') === target.migrations.join('\n'),
  })
  const targetTables = new Map(target.tables.map((t) => [t.table, t]))
  for (const s of source.tables) {
    const t = targetTables.get(s.table)
    checks.push({
      what: s.table,
      source: `${s.rows} rows ${short(s.sha256)}`,
      target: t ? `${t.rows} rows ${short(t.sha256)}` : 'missing',
      ok: t !== undefined && t.rows === s.rows && t.sha256 === s.sha256,
    })
  }
  for (const t of target.tables) {
    if (!source.tables.some((s) => s.table === t.table)) checks.push({ what: t.table, source: 'missing', target: `${t.rows} rows ${short(t.sha256)}`, ok: false })
  }

  const leaves = (f: TreeFacts) => `${f.leaves}${f.gapAt === null ? '' : `, gap at ${f.gapAt}`}${f.badLeaves === 0 ? '' : `, ${f.badLeaves} not hashing their entry`}`
  const leavesSound = (f: TreeFacts) => f.gapAt === null && f.badLeaves === 0
  checks.push({ what: 'ledger leaves', source: leaves(source.tree), target: leaves(target.tree), ok: source.tree.leaves === target.tree.leaves && leavesSound(source.tree) && leavesSound(target.tree) })
  checks.push({ what: 'root recomputed from the leaves', source: short(source.tree.leavesRoot), target: short(target.tree.leavesRoot), ok: source.tree.leavesRoot === target.tree.leavesRoot })
  const nodesSound = (f: TreeFacts) => f.nodesRoot === f.leavesRoot
  checks.push({
    what: 'root from the stored subtrees = recomputed',
    source: short(source.tree.nodesRoot),
    target: short(target.tree.nodesRoot),
    ok: nodesSound(source.tree) && nodesSound(target.tree),
  })
  const checkpoint = (f: TreeFacts) => (f.checkpoint ? `size ${f.checkpoint.size} ${short(f.checkpoint.root)}` : 'none')
  const checkpointSound = (f: TreeFacts) => f.checkpoint === null || (f.checkpoint.noteMatches && f.checkpoint.leavesRoot === f.checkpoint.root)
  checks.push({
    what: 'latest checkpoint = root of its leaves',
    source: checkpoint(source.tree),
    target: checkpoint(target.tree),
    ok: checkpoint(source.tree) === checkpoint(target.tree) && source.tree.checkpoint?.root === target.tree.checkpoint?.root && checkpointSound(source.tree) && checkpointSound(target.tree),
  })

  const behind = Object.entries(source.idCounters).filter(([table, last]) => (target.idCounters[table] ?? 0) < last)
  checks.push({
    what: 'next ids follow the copied ones',
    source: `${Object.keys(source.idCounters).length} tables`,
    target: behind.length === 0 ? `${Object.keys(target.idCounters).length} tables` : `behind in ${behind.map(([t]) => t).join(', ')}`,
    ok: behind.length === 0,
  })
  return checks
}
