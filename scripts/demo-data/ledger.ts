import type { Database } from '../../db/client'
import type { Currency, Purpose } from '../../db/schema'
import { fiscalYearLabel, fiscalYearOf } from '../../app/domain/fiscal-year'
import { pkrEquivalentMinor } from '../../app/domain/exchange'
import { approveEntry, createEntry, createReversal, rejectEntry, type NewEntry } from '../../app/models/ledger.server'
import { addDays, daysIn, fiscalQuarterOf, isWorkday, iso, LAST_DAY, ledgerMonths, monthName, previousMonth, stamp, workdayOnOrBefore, type Month } from './calendar'
import { PROJECTS, SHARING_RULES, type GovernmentKey, type ProjectKey, type TrustKey } from './catalogue'
import { Random } from './random'
import type { Beneficiary, Place, World } from './world'

/** Entries dated from this day on are left pending, so the approval queue has something in it. */
export const PENDING_FROM = '2025-10-29'

/**
 * Share transfers the province deliberately makes short, so the sharing-gap screen has something
 * to flag: the fourth-quarter transfer of FY 2024-25 for Bela never happens, and the second-quarter
 * transfer of FY 2023-24 for Ghar Sang is 80% of what the rule says.
 */
export const SHORT_TRANSFERS: Array<{ project: ProjectKey; fiscalYear: number; quarter: 1 | 2 | 3 | 4; percentPaid: number }> = [
  { project: 'bela', fiscalYear: 2024, quarter: 4, percentPaid: 0 },
  { project: 'gharSang', fiscalYear: 2023, quarter: 2, percentPaid: 80 },
]

/**
 * Mistakes the demo corrects, through the same four-eyes flow as the forms. On the first ledger day
 * on or after `on`, the trust's latest approved entry of `kind` (for payments: of the trust's
 * projects) is reversed for `reason`; with `rejectedFirst`, a first request is rejected for that
 * reason and a second one approved. Royalties and share transfers are left alone, so the sharing
 * gaps stay exactly the deliberate ones above.
 */
export const CORRECTIONS: Array<{ on: string; trust: TrustKey; kind: 'disbursement' | 'payment'; gfsCode?: string; reason: string; rejectedFirst?: { reason: string; rejection: string } }> = [
  { on: '2024-05-20', trust: 'chagai', kind: 'disbursement', reason: 'Voucher entered twice: the payee was paid once, under the earlier voucher.' },
  {
    on: '2024-11-12',
    trust: 'lasbela',
    kind: 'payment',
    gfsCode: '1112E1',
    reason: 'Advance tax deposited under the wrong NTN; FBR refunded it and the operator paid again under its own.',
  },
  {
    on: '2025-03-10',
    trust: 'shigar',
    kind: 'disbursement',
    reason: 'Cheque returned unpaid: the beneficiary’s account was closed. Funds are back with the trust.',
    rejectedFirst: { reason: 'Wrong payment', rejection: 'Say what was wrong, and where the money is now, so readers can follow it.' },
  },
]

/** Entries recorded twice by mistake and rejected by the second officer: the first payment of each on or after the date. */
export const REJECTED_DUPLICATES: Array<{ on: string; trust: TrustKey; gfsCode: string; reason: string }> = [
  { on: '2024-02-05', trust: 'mohmand', gfsCode: '1415E1', reason: 'Duplicate: this royalty payment is already recorded under the same CPR.' },
  { on: '2025-08-01', trust: 'nagar', gfsCode: '114521E', reason: 'Duplicate of the licence fee entered the same day.' },
]

type Phase = 0 | 1 | 2 | 3
const PHASE: Record<NewEntry['kind'], Phase> = { payment: 0, share_transfer: 1, direct_contribution: 2, disbursement: 3 }

interface Planned {
  date: string
  trust: TrustKey
  entry: Omit<NewEntry, 'idempotencyKey' | 'valueDate'>
  /** Disbursements: a relative size, turned into an amount once the trust's receipts are known. */
  weight?: bigint
  /** Disbursements: this share (percent) of what the trust has in that currency on the day. */
  percentOfAvailable?: number
  order: number
}

const GOVERNMENT_CODES: Record<GovernmentKey, string> = { fbr: 'FBR', balochistan: 'GOB/MMDD', kp: 'GKP/MDD', gb: 'GGB/MMGD' }
const LEDGER_SEED = 0x48495341

/** Plans every entry, then records each through createEntry and approves it through approveEntry, in value-date order. */
export async function seedLedger(db: Database, world: World): Promise<void> {
  const rng = new Random(LEDGER_SEED)
  const plans: Planned[] = []
  const add = (p: Omit<Planned, 'order'>) => plans.push({ ...p, order: plans.length })
  const months = ledgerMonths()
  const project = (key: ProjectKey) => world.projects[key]
  const trustOf = (key: ProjectKey) => project(key).spec.trust
  const governmentOf = (key: ProjectKey) => world.governments[project(key).spec.government]

  // --- Payments by the operators: royalties (1415E1), income tax (1112E1), licence fees (114521E).
  const royalties: Array<{ project: ProjectKey; date: string; pkrMinor: bigint }> = []
  const royalty = (key: ProjectKey, date: string, currency: Currency, amountMinor: bigint, description: string, reference: string) => {
    const rate = currency === 'USD' ? usdRateMicros(date, rng) : undefined
    royalties.push({ project: key, date, pkrMinor: rate === undefined ? amountMinor : pkrEquivalentMinor(amountMinor, rate) })
    add({
      date,
      trust: trustOf(key),
      entry: { kind: 'payment', projectId: project(key).id, fromPartyId: project(key).operatorId, toPartyId: governmentOf(key), gfsCode: '1415E1', currency, amountMinor, exchangeRateMicros: rate, description, reference },
    })
  }
  for (const m of months) {
    const mm = String(m.month).padStart(2, '0')
    const sold = monthName(previousMonth(m))
    royalty('kohsar', dayIn(rng, m, 8, 18), 'USD', rng.minor(1_150_000, 1_950_000), `Royalty on copper-gold concentrate sold in ${sold}`, `KCG/ROY/${m.year}-${mm}`)
    royalty('bela', dayIn(rng, m, 4, 11), 'PKR', rng.minor(7_000_000, 19_000_000), `Royalty on chromite ore dispatched, first half of ${monthName(m)}`, `BCM/ROY/${m.year}-${mm}/A`)
    royalty('bela', dayIn(rng, m, 15, 22), 'PKR', rng.minor(7_000_000, 19_000_000), `Royalty on chromite ore dispatched, second half of ${monthName(m)}`, `BCM/ROY/${m.year}-${mm}/B`)
    royalty('gharSang', dayIn(rng, m, 6, 16), 'PKR', rng.minor(2_800_000, 6_500_000), `Royalty on marble blocks quarried in ${sold}`, `GSM/ROY/${m.year}-${mm}`)
    royalty('tisar', dayIn(rng, m, 9, 19), 'PKR', rng.minor(1_400_000, 3_900_000), `Royalty (ad valorem) on gemstones sold in ${sold}`, `TVG/ROY/${m.year}-${mm}`)
    if (iso(m.year, m.month, 1) <= '2024-03-01') {
      royalty('shahiSang', dayIn(rng, m, 10, 20), 'PKR', rng.minor(1_100_000, 2_400_000), `Royalty on antimony ore sold in ${sold}`, `HRA/ROY/${m.year}-${mm}`)
    }

    if ([3, 6, 9, 12].includes(m.month)) {
      const date = workdayOnOrBefore(iso(m.year, m.month, 25))
      const quarter = fiscalQuarterOf(date).label
      const taxes: Array<[ProjectKey, number, number]> = [
        ['kohsar', 55_000_000, 120_000_000],
        ['bela', 3_500_000, 9_000_000],
        ['gharSang', 900_000, 2_600_000],
        ['tisar', 700_000, 1_900_000],
      ]
      if (date <= '2024-03-31') taxes.push(['shahiSang', 300_000, 800_000])
      for (const [key, lo, hi] of taxes) {
        add({
          date,
          trust: trustOf(key),
          entry: {
            kind: 'payment',
            projectId: project(key).id,
            fromPartyId: project(key).operatorId,
            toPartyId: world.governments.fbr,
            gfsCode: '1112E1',
            currency: 'PKR',
            amountMinor: rng.minor(lo, hi),
            description: `Advance income tax, ${quarter}`,
            reference: `CPR ${rng.int(1_000_000, 9_999_999)}`,
          },
        })
      }
    }

    if (m.month === 8) {
      const fy = fiscalYearLabel(m.year)
      const fees: Array<[ProjectKey, number, number]> = [
        ['kohsar', 18_000_000, 22_000_000],
        ['chagaiWest', 2_500_000, 3_500_000],
        ['bela', 4_000_000, 5_000_000],
        ['surkhKoh', 6_000_000, 8_000_000],
        ['gharSang', 1_200_000, 1_800_000],
        ['tisar', 900_000, 1_300_000],
        ['hoper', 2_000_000, 3_000_000],
      ]
      if (m.year === 2023) fees.push(['shahiSang', 600_000, 800_000])
      for (const [key, lo, hi] of fees) {
        add({
          date: dayIn(rng, m, 4, 14),
          trust: trustOf(key),
          entry: {
            kind: 'payment',
            projectId: project(key).id,
            fromPartyId: project(key).operatorId,
            toPartyId: governmentOf(key),
            gfsCode: '114521E',
            currency: 'PKR',
            amountMinor: rng.minor(lo, hi),
            description: `Annual licence fee for ${project(key).spec.licenceRef}, FY ${fy}`,
            reference: `${project(key).spec.operator.code}/LF/${fy}`,
          },
        })
      }
    }
  }

  // --- Share transfers, province → trust: each quarter, the rule's share of that quarter's royalties,
  // settled so that a fiscal year's transfers add up to exactly the rule's share of its royalties.
  for (const key of [...new Set(royalties.map((r) => r.project))]) {
    const spec = project(key).spec
    const trust = world.trusts[spec.trust]
    const intendedByYear = new Map<number, bigint>()
    const royaltiesByYear = new Map<number, bigint>()
    for (const m of months.filter((mo) => mo.month % 3 === 0)) {
      const date = workdayOnOrBefore(iso(m.year, m.month, rng.int(26, 30)))
      const { fiscalYear, quarter, label } = fiscalQuarterOf(date)
      const inQuarter = royalties.filter((r) => r.project === key && fiscalQuarterOf(r.date).label === label)
      if (inQuarter.length === 0) continue
      if (inQuarter.some((r) => r.date > date)) throw new Error(`A ${key} royalty falls after its quarter's transfer`)
      const rule = SHARING_RULES.find((r) => r.project === key && r.validFrom <= date && (r.validTo === null || date <= r.validTo))
      if (!rule) continue
      const bp = BigInt(rule.basisPoints)
      const yearRoyalties = (royaltiesByYear.get(fiscalYear) ?? 0n) + inQuarter.reduce((sum, r) => sum + r.pkrMinor, 0n)
      royaltiesByYear.set(fiscalYear, yearRoyalties)
      const intendedSoFar = intendedByYear.get(fiscalYear) ?? 0n
      const intended = (yearRoyalties * bp) / 10_000n - intendedSoFar
      intendedByYear.set(fiscalYear, intendedSoFar + intended)
      const short = SHORT_TRANSFERS.find((s) => s.project === key && s.fiscalYear === fiscalYear && s.quarter === quarter)
      const amountMinor = short ? (intended * BigInt(short.percentPaid)) / 100n : intended
      if (amountMinor <= 0n) continue
      const government = spec.government
      add({
        date,
        trust: spec.trust,
        entry: {
          kind: 'share_transfer',
          projectId: project(key).id,
          fromPartyId: world.governments[government],
          toPartyId: trust.id,
          currency: 'PKR',
          amountMinor,
          description: `Trust share (${rule.basisPoints / 100}%) of ${spec.names.en} royalties received in ${label}`,
          reference: `${GOVERNMENT_CODES[government]}/CDT/${fiscalYearLabel(fiscalYear)}/Q${quarter}/${spec.operator.code}`,
        },
      })
    }
  }

  // --- Direct contributions, operator → trust: quarterly, plus a mine-closure fund and a USD scholars fund.
  const contribution = (key: ProjectKey, date: string, currency: Currency, amountMinor: bigint, description: string, reference: string) =>
    add({
      date,
      trust: trustOf(key),
      entry: {
        kind: 'direct_contribution',
        projectId: project(key).id,
        fromPartyId: project(key).operatorId,
        toPartyId: world.trusts[trustOf(key)].id,
        currency,
        amountMinor,
        exchangeRateMicros: currency === 'USD' ? usdRateMicros(date, rng) : undefined,
        description,
        reference,
      },
    })
  const quarterly: Array<[ProjectKey, number, number]> = [
    ['kohsar', 9_000_000, 14_000_000],
    ['chagaiWest', 1_200_000, 2_200_000],
    ['bela', 1_500_000, 2_500_000],
    ['surkhKoh', 2_500_000, 4_500_000],
    ['gharSang', 600_000, 1_100_000],
    ['shahiSang', 500_000, 900_000],
    ['tisar', 800_000, 1_400_000],
    ['hoper', 1_500_000, 2_800_000],
  ]
  for (const m of months.filter((mo) => mo.month % 3 === 2)) {
    for (const [key, lo, hi] of quarterly) {
      if (key === 'shahiSang' && iso(m.year, m.month, 1) > '2024-03-01') continue
      const date = dayIn(rng, m, 10, 20)
      const { label, quarter, fiscalYear } = fiscalQuarterOf(date)
      contribution(key, date, 'PKR', rng.minor(lo, hi), `Community contribution under the community development agreement, ${label}`, `${project(key).spec.operator.code}/CDA/${fiscalYearLabel(fiscalYear)}/Q${quarter}`)
    }
    if (m.month === 8) {
      const fy = fiscalYearLabel(m.year)
      contribution('kohsar', dayIn(rng, m, 4, 12), 'USD', rng.minor(60_000, 90_000), `Annual contribution to the Chagai Scholars fund for university study, FY ${fy}`, `KCG/SCH/${fy}`)
    }
  }
  contribution('shahiSang', '2024-04-16', 'PKR', rng.minor(22_000_000, 26_000_000), 'Mine closure community fund: final contribution on closure of the mine', 'HRA/CLOSURE/2024')

  // Each trust opens with about three and a half months of its usual receipts, from its main operator.
  const receiptsOf = (trust: TrustKey, currency: Currency) =>
    plans.filter((p) => p.entry.toPartyId === world.trusts[trust].id && p.entry.currency === currency).reduce((sum, p) => sum + p.entry.amountMinor, 0n)
  for (const trust of Object.values(world.trusts)) {
    const main = PROJECTS.find((p) => p.trust === trust.spec.key) as (typeof PROJECTS)[number]
    const opening = ((receiptsOf(trust.spec.key, 'PKR') * 35n) / (10n * BigInt(months.length)) / 100n) * 100n + BigInt(rng.int(1, 99))
    contribution(main.key, workdayOnOrBefore(iso(2023, 7, rng.int(3, 6))), 'PKR', opening, 'Opening contribution to the trust’s community fund for FY 2023-24', `${main.operator.code}/CDA/2023-24/OPENING`)
  }

  // --- Disbursements, trust → beneficiary: sized relative to each other, then scaled to what the trust receives.
  // A disbursement is charged to one of the trust's projects: mostly the first, which pays most in.
  const chargedTo = (trust: TrustKey) => {
    const [main, ...others] = PROJECTS.filter((p) => p.trust === trust)
    return project(others.length > 0 && rng.chance(0.2) ? rng.pick(others).key : (main as (typeof PROJECTS)[number]).key).id
  }
  const perMonth: Record<TrustKey, number> = { chagai: 29, lasbela: 16, mohmand: 8, chitral: 8, shigar: 10, nagar: 6 }
  for (const m of months) {
    for (const trust of Object.values(world.trusts)) {
      const key = trust.spec.key
      const base = key === 'chitral' && iso(m.year, m.month, 1) > '2024-03-01' ? 5 : perMonth[key]
      const count = base + rng.int(-2, 2)
      for (let i = 0; i < count; i++) {
        const date = dayIn(rng, m, 1, daysIn(m))
        const purpose = rng.weighted(PURPOSE_WEIGHTS)
        const { beneficiary, place, description, weight } = disbursementFor(trust, purpose, date, rng)
        add({
          date,
          trust: key,
          entry: { kind: 'disbursement', projectId: chargedTo(key), fromPartyId: trust.id, toPartyId: beneficiary.id, purpose, localityId: place.id, currency: 'PKR', amountMinor: 0n, description },
          weight: BigInt(weight),
        })
      }
    }
  }
  const chagai = world.trusts.chagai
  const scholars = chagai.beneficiaries.find((b) => b.role === 'scholarship') as Beneficiary
  for (const date of ['2023-09-18', '2024-02-12', '2024-09-16', '2025-02-17', '2025-09-15']) {
    add({
      date,
      trust: 'chagai',
      entry: { kind: 'disbursement', projectId: project('kohsar').id, fromPartyId: chagai.id, toPartyId: scholars.id, purpose: 'scholarships', localityId: chagai.tehsils[0]?.id, currency: 'USD', exchangeRateMicros: usdRateMicros(date, rng), amountMinor: 0n, description: `University fees abroad for Chagai Scholars, ${date.slice(5, 7) === '02' ? 'spring' : 'autumn'} semester ${date.slice(0, 4)}` },
      percentOfAvailable: 45 + rng.int(0, 12),
    })
  }

  const spendRatio: Record<TrustKey, bigint> = { chagai: 83n, lasbela: 86n, mohmand: 88n, chitral: 90n, shigar: 87n, nagar: 85n }
  for (const trust of Object.values(world.trusts)) {
    const mine = plans.filter((p) => p.weight !== undefined && p.entry.fromPartyId === trust.id)
    const totalWeight = mine.reduce((sum, p) => sum + (p.weight as bigint), 0n)
    const budget = (receiptsOf(trust.spec.key, 'PKR') * spendRatio[trust.spec.key]) / 100n
    for (const p of mine) p.entry.amountMinor = withPaisa(((p.weight as bigint) * budget) / totalWeight, rng)
  }

  plans.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : PHASE[a.entry.kind] - PHASE[b.entry.kind] || a.order - b.order))
  await record(db, world, plans, rng)
}

/**
 * Records the plan in order, keeping each trust within what it has: a disbursement that would
 * overdraw shrinks or is dropped. The CORRECTIONS and REJECTED_DUPLICATES happen on their days.
 */
async function record(db: Database, world: World, plans: Planned[], rng: Random): Promise<void> {
  const available = new Map<string, bigint>()
  const balanceKey = (trustId: number, currency: Currency) => `${trustId}:${currency}`
  const voucherNumbers = new Map<string, number>()
  const slots = new Map<string, number>()
  let n = 0
  const nextKey = () => `demo-entry-${String(++n).padStart(5, '0')}`
  const nextSlot = (date: string) => {
    const slot = slots.get(date) ?? 0
    slots.set(date, slot + 1)
    return slot
  }
  // The approved entries so far, for corrections to pick from; and which corrections are still to come.
  const posted: Array<{ id: number; trust: TrustKey; kind: NewEntry['kind']; gfsCode: string | null; fromPartyId: number; currency: Currency; amountMinor: bigint }> = []
  const corrections = [...CORRECTIONS]
  const duplicates = [...REJECTED_DUPLICATES]
  // Corrections and rejections use each trust's first two officers and no random numbers, so the
  // rest of the ledger comes out exactly as it would without them.
  const officers = (key: TrustKey) => world.trusts[key].officerIds as [number, number, ...number[]]

  for (const plan of plans) {
    while (corrections[0] && corrections[0].on <= plan.date) {
      const c = corrections.shift()!
      const target = posted.findLast((p) => p.trust === c.trust && p.kind === c.kind && (c.gfsCode === undefined || p.gfsCode === c.gfsCode))
      if (!target) throw new Error(`Nothing to correct for ${c.trust} on ${c.on}`)
      const [maker, checker] = officers(c.trust)
      if (c.rejectedFirst) {
        const slot = nextSlot(plan.date)
        const first = await createReversal(db, maker, { reversesEntryId: target.id, reason: c.rejectedFirst.reason, idempotencyKey: nextKey() }, stamp(plan.date, slot))
        await rejectEntry(db, checker, first.id, c.rejectedFirst.rejection, stamp(plan.date, slot, 2))
      }
      const slot = nextSlot(plan.date)
      const reversal = await createReversal(db, maker, { reversesEntryId: target.id, reason: c.reason, idempotencyKey: nextKey() }, stamp(plan.date, slot))
      await approveEntry(db, checker, reversal.id, stamp(plan.date, slot, 3))
      if (target.kind === 'disbursement') {
        const key = balanceKey(target.fromPartyId, target.currency)
        available.set(key, (available.get(key) ?? 0n) + target.amountMinor)
      }
    }

    const entry = { ...plan.entry }
    const trust = world.trusts[plan.trust]
    if (entry.kind === 'disbursement') {
      const key = balanceKey(entry.fromPartyId, entry.currency)
      const have = available.get(key) ?? 0n
      if (plan.percentOfAvailable !== undefined) entry.amountMinor = withPaisa((have * BigInt(plan.percentOfAvailable)) / 100n, rng)
      if (entry.amountMinor > have) entry.amountMinor = withPaisa((have * BigInt(rng.int(30, 60))) / 100n, rng)
      if (entry.amountMinor < 500_000n || entry.amountMinor > have) continue
      available.set(key, have - entry.amountMinor)
      const fy = fiscalYearLabel(fiscalYearOf(plan.date))
      const voucher = (voucherNumbers.get(`${trust.id}:${fy}`) ?? 0) + 1
      voucherNumbers.set(`${trust.id}:${fy}`, voucher)
      entry.reference = `${trust.spec.code}/PV/${fy}/${String(voucher).padStart(4, '0')}`
    } else if (entry.kind === 'share_transfer' || entry.kind === 'direct_contribution') {
      const key = balanceKey(entry.toPartyId, entry.currency)
      available.set(key, (available.get(key) ?? 0n) + entry.amountMinor)
    }

    const creator = rng.pick(trust.officerIds)
    const approver = rng.pick(trust.officerIds.filter((id) => id !== creator))
    const slot = nextSlot(plan.date)
    const { id } = await createEntry(db, creator, { ...entry, valueDate: plan.date, idempotencyKey: nextKey() }, stamp(plan.date, slot))
    if (plan.date >= PENDING_FROM) continue
    await approveEntry(db, approver, id, stamp(plan.date, slot, rng.int(2, 5)))
    posted.push({ id, trust: plan.trust, kind: entry.kind, gfsCode: entry.gfsCode ?? null, fromPartyId: entry.fromPartyId, currency: entry.currency, amountMinor: entry.amountMinor })

    const duplicate = duplicates[0]
    if (duplicate && duplicate.on <= plan.date && duplicate.trust === plan.trust && entry.kind === 'payment' && entry.gfsCode === duplicate.gfsCode) {
      duplicates.shift()
      const [maker, checker] = officers(plan.trust)
      const again = nextSlot(plan.date)
      const copy = await createEntry(db, maker, { ...entry, valueDate: plan.date, idempotencyKey: nextKey() }, stamp(plan.date, again))
      await rejectEntry(db, checker, copy.id, duplicate.reason, stamp(plan.date, again, 2))
    }
  }
  if (corrections.length > 0 || duplicates.length > 0) throw new Error('Some demo corrections found nothing to correct')
}

const PURPOSE_WEIGHTS: ReadonlyArray<readonly [Purpose, number]> = [
  ['education', 24],
  ['health', 19],
  ['water', 17],
  ['livelihoods', 14],
  ['infrastructure', 11],
  ['scholarships', 8],
  ['other', 7],
]

/** A random workday of the month between two days (clipped to the ledger's last day). */
function dayIn(rng: Random, m: Month, from: number, to: number): string {
  let date = iso(m.year, m.month, rng.int(from, Math.min(to, daysIn(m))))
  if (date > LAST_DAY) date = LAST_DAY
  if (!isWorkday(date)) date = workdayOnOrBefore(date)
  return date < iso(m.year, m.month, 1) ? addDays(date, 3) : date
}

/** Rupees per US dollar, drifting between about 278 and 285 over the period, as SBP quotes it (four decimals). */
function usdRateMicros(date: string, rng: Random): bigint {
  const anchors: Array<[string, number]> = [
    ['2023-07-01', 2_848_000],
    ['2023-11-01', 2_842_000],
    ['2024-03-01', 2_798_000],
    ['2024-07-01', 2_786_000],
    ['2025-01-01', 2_789_000],
    ['2025-06-01', 2_825_000],
    ['2025-10-31', 2_812_000],
  ]
  const t = Date.parse(date)
  let rate = (anchors[anchors.length - 1] as [string, number])[1]
  for (let i = 1; i < anchors.length; i++) {
    const [d0, r0] = anchors[i - 1] as [string, number]
    const [d1, r1] = anchors[i] as [string, number]
    if (t <= Date.parse(d1)) {
      rate = Math.round(r0 + ((r1 - r0) * (t - Date.parse(d0))) / (Date.parse(d1) - Date.parse(d0)))
      break
    }
  }
  const tenThousandths = Math.min(2_850_000, Math.max(2_780_000, rate + rng.int(-4_000, 4_000)))
  return BigInt(tenThousandths) * 100n
}

/** Replaces the last two digits of an amount with non-zero paisa. */
function withPaisa(amountMinor: bigint, rng: Random): bigint {
  return (amountMinor / 100n) * 100n + BigInt(rng.int(1, 99))
}

type TrustWorld = World['trusts'][TrustKey]

function disbursementFor(trust: TrustWorld, purpose: Purpose, date: string, rng: Random): { beneficiary: Beneficiary; place: Place; description: string; weight: number } {
  const of = (...roles: Beneficiary['role'][]) => trust.beneficiaries.filter((b) => roles.includes(b.role))
  const villageOf = (b: Beneficiary) => b.village ?? rng.pick(trust.villages)
  const month = monthName({ year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) })
  const quarter = fiscalQuarterOf(date).label
  const gb = trust.spec.province === 'gilgit_baltistan'
  const kp = trust.spec.province === 'khyber_pakhtunkhwa'

  switch (purpose) {
    case 'education': {
      if (rng.chance(0.1)) {
        const vo = rng.pick(of('vo'))
        return { beneficiary: vo, place: villageOf(vo), description: `Adult literacy centre running costs in ${villageOf(vo).names.en}, ${month}`, weight: rng.int(2, 6) }
      }
      const school = rng.pick(of('girls_primary', 'boys_middle', 'high'))
      const what = rng.pick<readonly [string, number]>([
        [`Books and furniture for ${school.names.en}`, 5],
        [`Salaries of two community teachers at ${school.names.en}, ${month}`, 4],
        [`Boundary wall repair at ${school.names.en}`, 9],
        [`Science laboratory equipment for ${school.names.en}`, 7],
        [`Solar panels for classrooms at ${school.names.en}`, 8],
        [`School bags and uniforms for pupils of ${school.names.en}`, 3],
        [`Drinking water and toilets for ${school.names.en}`, 10],
      ] as const)
      return { beneficiary: school, place: villageOf(school), description: what[0], weight: what[1] * rng.int(8, 14) }
    }
    case 'health': {
      const clinic = rng.pick(of('bhu', 'rhc'))
      const what = rng.pick<readonly [string, number]>([
        [`Medicines for ${clinic.names.en}, ${quarter}`, 6],
        [`Salary of a lady health visitor at ${clinic.names.en}, ${month}`, 2],
        [`Ambulance fuel and maintenance for ${clinic.names.en}`, 3],
        [`Free eye camp at ${clinic.names.en}`, 5],
        [`Vaccine refrigerator and solar backup for ${clinic.names.en}`, 7],
        [`Delivery room equipment for ${clinic.names.en}`, 12],
      ] as const)
      return { beneficiary: clinic, place: villageOf(clinic), description: what[0], weight: what[1] * rng.int(8, 14) }
    }
    case 'water': {
      const useContractor = rng.chance(0.25)
      const payee = useContractor ? rng.pick(of('contractor')) : rng.pick(of('vo'))
      const village = villageOf(payee)
      const v = village.names.en
      const what = useContractor
        ? rng.pick<readonly [string, number]>([
            [`Pipeline extension for the ${v} water supply scheme`, 40],
            [`Water storage tank for ${v}, payment on account`, 30],
          ] as const)
        : rng.pick<readonly [string, number]>([
            [`Hand pumps for ${v}`, 6],
            [`Solar pumping for the ${v} water supply scheme`, 18],
            [gb || kp ? `Repair of the irrigation channel at ${v}` : `Desilting of the karez at ${v}`, 9],
            [`Water filtration plant maintenance in ${v}`, 4],
          ] as const)
      return { beneficiary: payee, place: village, description: what[0], weight: what[1] * rng.int(8, 14) }
    }
    case 'livelihoods': {
      const vo = rng.pick(of('vo'))
      const v = villageOf(vo).names.en
      const what = rng.pick<readonly [string, number]>([
        [`Sewing machines and training for women in ${v}`, 5],
        [`Livestock vaccination drive in ${v}`, 3],
        [gb ? `Apricot drying units for farmers in ${v}` : kp ? `Honey bee boxes for farmers in ${v}` : `Date palm saplings for farmers in ${v}`, 4],
        [`Vocational training stipends for young people from ${v}`, 6],
        [`Small grants for women-run shops in ${v}`, 5],
      ] as const)
      return { beneficiary: vo, place: villageOf(vo), description: what[0], weight: what[1] * rng.int(8, 14) }
    }
    case 'infrastructure': {
      const contractor = rng.pick(of('contractor'))
      const village = rng.pick(trust.villages)
      const v = village.names.en
      const what = rng.pick<readonly [string, number]>([
        [`Link road to ${v}, payment on account`, 80],
        [`Culvert construction near ${v}`, 35],
        [`Solar street lights for ${v}`, 20],
        [`Community hall roof for ${v}`, 25],
        [gb || kp ? `Protection wall against floods at ${v}` : `Flood protection bund at ${v}`, 60],
      ] as const)
      return { beneficiary: contractor, place: village, description: what[0], weight: what[1] * rng.int(8, 14) }
    }
    case 'scholarships': {
      const programme = rng.pick(of('scholarship'))
      const tehsil = rng.pick(trust.tehsils)
      const students = rng.int(6, 40)
      const what = rng.pick<readonly [string, number]>([
        [`Semester fees for ${students} university students from ${tehsil.names.en} tehsil`, 20],
        [`Matric merit scholarships for ${students} pupils from ${tehsil.names.en} tehsil`, 8],
        [`Technical college stipends for ${students} students from ${tehsil.names.en} tehsil`, 12],
      ] as const)
      return { beneficiary: programme, place: tehsil, description: what[0], weight: what[1] * rng.int(8, 14) }
    }
    case 'other': {
      const vo = rng.pick(of('vo'))
      const v = villageOf(vo).names.en
      const what = rng.pick<readonly [string, number]>([
        [`Winter relief packages for families in ${v}`, 4],
        [`Flood relief rations for ${v}`, 6],
        [`Repairs to the mosque and graveyard wall in ${v}`, 3],
      ] as const)
      return { beneficiary: vo, place: villageOf(vo), description: what[0], weight: what[1] * rng.int(8, 14) }
    }
  }
}
