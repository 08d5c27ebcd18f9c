import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp'
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding'
import { renderSVG } from 'uqr'
import type { Database } from '../../db/client'
import { recordAuditEvent, type RequestMeta } from '../models/audit.server'
import { checkThrottle, clearAccountFailures, recordLoginFailure } from '../models/login-failures.server'
import { advanceTotpStep, findTotpState, storeTotpEnrolment, useRecoveryCode } from '../models/second-factor.server'
import { UNKNOWN_ADDRESS } from './throttle'
import { hashSecret, randomBase32 } from './tokens.server'

/**
 * RFC 6238 with the parameters every authenticator app assumes when it scans a QR code: HMAC-SHA-1,
 * 30-second steps, 6 digits. Anything else is silently ignored by some apps, which then show
 * codes that never match.
 */
export const TOTP_PERIOD_SECONDS = 30
export const TOTP_DIGITS = 6
/** One step either side: a phone clock up to ~30 s off, or a code typed as it rolls over. */
export const TOTP_DRIFT_STEPS = 1
export const TOTP_SECRET_BYTES = 20
export const RECOVERY_CODE_COUNT = 10
export const RECOVERY_CODE_LENGTH = 10

const ISSUER = 'Hisaab'

export function newTotpSecret(): { bytes: Uint8Array; base32: string } {
  const bytes = crypto.getRandomValues(new Uint8Array(TOTP_SECRET_BYTES))
  return { bytes, base32: encodeBase32UpperCaseNoPadding(bytes) }
}

/** otpauth://totp/Hisaab:<email>?issuer=Hisaab&secret=…, with algorithm, period and digits spelled out. */
export function totpUri(secretBytes: Uint8Array, email: string): string {
  return createTOTPKeyURI(ISSUER, email, secretBytes, TOTP_PERIOD_SECONDS, TOTP_DIGITS)
}

export function totpQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: 'M', border: 2 })
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS)
}

/** The code an authenticator shows at `now`; for tests and the demo's published secrets. */
export function totpCode(secret: Uint8Array | string, now = new Date()): string {
  const key = typeof secret === 'string' ? decodeSecret(secret) : secret
  if (!key) throw new RangeError('Not a base32 TOTP secret')
  return generateHOTP(key, BigInt(totpStep(now)), TOTP_DIGITS)
}

/**
 * Turns on TOTP once the user proves their app has the secret. Returns the recovery codes, shown
 * to the user once and kept only as hashes, or null if the code (or the secret) is wrong.
 */
export async function enableTotp(db: Database, userId: number, secretBase32: string, code: string, now = new Date(), meta: RequestMeta = {}): Promise<{ recoveryCodes: string[] } | null> {
  const key = decodeSecret(secretBase32)
  if (!key || key.length !== TOTP_SECRET_BYTES) return null
  const state = await findTotpState(db, userId)
  if (!state) return null
  if (state.secret !== null) throw new Error('TOTP is already enabled for this user')
  const step = matchingSteps(key, normalizeCode(code), now)[0]
  if (step === undefined) return null

  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomBase32(7).slice(0, RECOVERY_CODE_LENGTH))
  await db.transaction().execute(async (trx) => {
    await storeTotpEnrolment(trx, userId, encodeBase32UpperCaseNoPadding(key), step, recoveryCodes.map(hashSecret), now)
    await recordAuditEvent(trx, { actorUserId: userId, action: 'auth.totp.enrolled', targetType: 'user', targetId: userId, ...meta }, now)
  })
  return { recoveryCodes }
}

export type SecondFactorResult = 'ok' | 'invalid' | 'replayed' | 'throttled'

/**
 * Checks a TOTP code or an unused recovery code. A TOTP code is good for its step and one either
 * side, once: a step at or before the last one used is a replay. Wrong codes count against the
 * account's sign-in throttle, so the second factor cannot be guessed at leisure once a password
 * is known.
 */
export async function verifySecondFactor(db: Database, userId: number, code: string, now = new Date(), meta: RequestMeta = {}): Promise<SecondFactorResult> {
  const state = await findTotpState(db, userId)
  const key = state?.secret ? decodeSecret(state.secret) : null
  if (!state || !key) return 'invalid'
  const ip = meta.ip ?? UNKNOWN_ADDRESS
  const throttle = await checkThrottle(db, { email: state.email, ip }, now)
  if (!throttle.allowed) return 'throttled'

  const typed = normalizeCode(code)
  const event = { actorUserId: userId, targetType: 'user', targetId: userId, ...meta }
  const accepted = (method: 'totp' | 'recovery_code', spend: (trx: Database) => Promise<boolean>) =>
    db.transaction().execute(async (trx) => {
      if (!(await spend(trx))) return false
      await clearAccountFailures(trx, state.email)
      await recordAuditEvent(trx, { ...event, action: 'auth.second_factor.succeeded', details: { method } }, now)
      return true
    })

  if (/^\d{6}$/.test(typed)) {
    const steps = matchingSteps(key, typed, now)
    if (steps.length > 0) {
      const fresh = steps.filter((s) => state.lastStep === null || s > state.lastStep)
      const step = fresh[fresh.length - 1]
      if (step !== undefined && (await accepted('totp', (trx) => advanceTotpStep(trx, userId, step)))) return 'ok'
      return 'replayed'
    }
  } else if (await accepted('recovery_code', (trx) => useRecoveryCode(trx, userId, hashSecret(typed), now))) {
    return 'ok'
  }

  await db.transaction().execute(async (trx) => {
    const { lockedNow } = await recordLoginFailure(trx, { email: state.email, ip }, now)
    await recordAuditEvent(trx, { ...event, action: 'auth.second_factor.failed' }, now)
    if (lockedNow) await recordAuditEvent(trx, { ...event, action: 'auth.lockout', details: { email_key: state.email } }, now)
  })
  return 'invalid'
}

/** Recovery codes are shown in lower case; people may type them in capitals, spaced or hyphenated. */
function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toLowerCase()
}

function decodeSecret(base32: string): Uint8Array | null {
  try {
    return decodeBase32IgnorePadding(base32.replace(/\s/g, '').toUpperCase())
  } catch {
    return null
  }
}

/** The steps around `now` whose code is `code`, oldest first. */
function matchingSteps(key: Uint8Array, code: string, now: Date): number[] {
  if (code.length !== TOTP_DIGITS) return []
  const current = totpStep(now)
  const steps: number[] = []
  for (let step = current - TOTP_DRIFT_STEPS; step <= current + TOTP_DRIFT_STEPS; step++) {
    if (verifyHOTP(key, BigInt(step), TOTP_DIGITS, code)) steps.push(step)
  }
  return steps
}
